//! The whole pipeline on a mutated spec folder: our own `spec/` with one file replaced by
//! the fuzzer's bytes (the first byte picks the file). A located error or output, never a
//! panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fn copy_dir(from: &Path, to: &Path, files: &mut Vec<std::path::PathBuf>) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target, files);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            if target.extension().is_some_and(|e| e == "ts") {
                files.push(target);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let dir = tempfile_dir();
    let mut files = Vec::new();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec"), &dir, &mut files);
    files.sort();
    std::fs::write(&files[pick as usize % files.len()], rest).unwrap();
    if let Err(e) = generator::generate::render(&dir) {
        assert!(e.to_string().starts_with("error"), "unlocated: {e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
});

fn tempfile_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("generator-fuzz-{}", std::process::id()))
}
