//! The model types describe the official compiler's `schema.json` losslessly: reading it into
//! `generator::model::Model` and writing it back gives the same JSON value.

use std::path::PathBuf;

fn upstream_schema() -> Option<PathBuf> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/es-specification/schema.json");
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "NOTICE: {} is missing; skipping the schema.json shape test",
            path.display()
        );
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true, but {} is missing",
            path.display()
        );
        None
    }
}

#[test]
fn model_types_read_and_write_schema_json_losslessly() {
    let Some(path) = upstream_schema() else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let model: generator::model::Model = serde_json::from_str(&text).unwrap();
    let written = serde_json::to_value(&model).unwrap();
    assert_eq!(model.endpoints.len(), 603);
    if written != original {
        // Point at the first differing type to make a failure readable.
        for (a, b) in written["types"]
            .as_array()
            .unwrap()
            .iter()
            .zip(original["types"].as_array().unwrap())
        {
            assert_eq!(a, b);
        }
        for (a, b) in written["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .zip(original["endpoints"].as_array().unwrap())
        {
            assert_eq!(a, b);
        }
        panic!("schema.json did not round-trip");
    }
}
