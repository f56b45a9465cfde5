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

/// The test-only crate of union encodings (`tests/constructs/`), likewise.
#[test]
fn constructs_crate_is_up_to_date() {
    let root = workspace();
    let out = root.join("tests/constructs/crate");
    let options = generator::emit::EmitOptions {
        package_name: "constructs-typed".to_string(),
        ..generator::emit::EmitOptions::for_output(&out)
    };
    let (_, files, _, _) =
        generator::generate::render_with(&root.join("tests/constructs/spec"), &options)
            .unwrap_or_else(|e| panic!("the generator fails on tests/constructs/spec/:\n{e}"));
    let stale = generator::generate::stale_files(&out, &files);
    assert!(
        stale.is_empty(),
        "tests/constructs/crate/ is stale; run `cargo xtask generate` and commit the result:\n  {}",
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
