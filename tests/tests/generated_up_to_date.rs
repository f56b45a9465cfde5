//! `generated/` is exactly what the generator makes of `spec/` today.

use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn generated_crate_is_up_to_date() {
    let root = workspace();
    let (_, files, _, _) = generator::generate::render(&root.join("spec"))
        .unwrap_or_else(|e| panic!("the generator fails on spec/:\n{e}"));
    let stale = generator::generate::stale_files(&root.join("generated"), &files);
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask generate` and commit the result:\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn generation_is_deterministic() {
    let spec = workspace().join("spec");
    let (_, first, _, _) = generator::generate::render(&spec).expect("generate");
    let (_, second, _, _) = generator::generate::render(&spec).expect("generate");
    assert_eq!(first, second, "two runs on the same spec differ");
}
