//! Bad input: `cargo xtask generate` exits non-zero, names the file, line and column with an
//! excerpt, and leaves the output folder exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const REQUEST: &str = "security/create_api_key/SecurityCreateApiKeyRequest.ts";

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Snapshot of a folder: every file's relative path and bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Breaks `file` of a copy of `spec/` with `edit`, runs the generator and checks the error.
/// `expect_line` is the 1-based line the error must point at; `expect` must be in the message.
fn assert_rejected(
    file: &str,
    edit: impl Fn(&str) -> String,
    expect_line: impl Fn(&str) -> usize,
    expect: &str,
) {
    let spec_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    copy_dir(&spec_src, &spec);
    let path = spec.join(file);
    let broken = edit(&fs::read_to_string(&path).unwrap());
    fs::write(&path, &broken).unwrap();
    let line = expect_line(&broken);

    // An output folder from an earlier run, which must survive the failed run untouched.
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("src/lib.rs"), "// from an earlier run\n").unwrap();
    fs::write(out.join("Cargo.toml"), "[package]\n").unwrap();
    let before = contents(&out);

    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["generate", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "generate accepted broken input:\n{stderr}"
    );
    let location = format!("{file}:{line}:");
    assert!(
        stderr.contains(&location),
        "expected `{location}` in:\n{stderr}"
    );
    assert!(stderr.contains(expect), "expected `{expect}` in:\n{stderr}");
    let excerpt = broken.lines().nth(line - 1).unwrap().trim();
    assert!(
        stderr.contains(excerpt),
        "expected the excerpt `{excerpt}` in:\n{stderr}"
    );
    assert_eq!(contents(&out), before, "the output folder changed");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary folders left behind: {leftovers:?}"
    );
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in file")
        + 1
}

#[test]
fn a_file_that_does_not_parse() {
    assert_rejected(
        REQUEST,
        |s| {
            s.replacen(
                "export interface Request extends RequestBase {",
                "export interface Request extends RequestBase { ]",
                1,
            )
        },
        |s| line_of(s, "RequestBase { ]"),
        "error",
    );
}

#[test]
fn an_unknown_type_reference() {
    assert_rejected(
        REQUEST,
        |s| s.replacen("name?: Name", "name?: NoSuchType", 1),
        |s| line_of(s, "NoSuchType"),
        "NoSuchType",
    );
}

#[test]
fn a_duplicate_name() {
    assert_rejected(
        "security/_types/Bulk.ts",
        |s| format!("{s}\nexport class ApiKey {{\n  id: string\n}}\n"),
        |s| line_of(s, "export class ApiKey {"),
        "ApiKey",
    );
}

#[test]
fn a_malformed_tag() {
    assert_rejected(
        REQUEST,
        |s| {
            s.replacen(
                "@availability stack since=6.7.0 stability=stable",
                "@availability stack since=6.7.0 stability=rock-solid",
                1,
            )
        },
        |s| line_of(s, "rock-solid"),
        "rock-solid",
    );
}

#[test]
fn a_spec_version_that_is_not_a_version() {
    assert_rejected(
        "VERSION",
        |s| s.replace("\n9.x\n", "\nnine\n"),
        |s| line_of(s, "nine"),
        "is not a version",
    );
}
