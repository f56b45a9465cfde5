//! Parses the complete upstream specification (when it is checked out beside the
//! repository, in `../shared/es-specification`) and compares the model with the
//! official compiler's `schema.json`.

use std::path::PathBuf;
use std::time::Instant;

fn upstream() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/es-specification");
    if dir.join("specification").is_dir() && dir.join("schema.json").is_file() {
        Some(dir)
    } else {
        let message = format!("NOTICE: {} missing, skipped", dir.display());
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message} (required under CI=true)");
        }
        println!("{message}");
        None
    }
}

#[test]
fn upstream_spec_matches_schema_json() {
    let Some(dir) = upstream() else { return };
    let start = Instant::now();
    let model = match generator::parse::parse_spec(&dir.join("specification")) {
        Ok(m) => m,
        Err(e) => panic!("the upstream specification failed to parse:\n{e}"),
    };
    let elapsed = start.elapsed();
    let ours =
        generator::conformance::model_value(&model).unwrap_or_else(|e| panic!("serialize: {e}"));
    let text = std::fs::read_to_string(dir.join("schema.json"))
        .unwrap_or_else(|e| panic!("read schema.json: {e}"));
    let theirs: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse schema.json: {e}"));
    let report = generator::conformance::compare(&ours, &theirs);
    println!(
        "parsed the upstream spec in {:.0} ms (this build profile)",
        elapsed.as_secs_f64() * 1000.0
    );
    println!("{report}");
    assert_eq!(
        (report.endpoints_equal, report.types_equal),
        (report.endpoints_total, report.types_total),
        "the model differs from schema.json:\n{report}"
    );
}
