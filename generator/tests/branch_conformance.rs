//! The maintained spec branches beside the repository (`../shared/es-specification-8.19` and
//! `-7.17`, with
//! the model its own official compiler wrote): our model equals it endpoint by endpoint and
//! type by type, through the format mapping of `generator::conformance`.

use std::path::PathBuf;

/// The branch folder, or `None` with a NOTICE when it is missing (a failure under `CI=true`).
fn branch(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(folder);
    if dir.join("specification").is_dir() && dir.join("schema.json").is_file() {
        return Some(dir);
    }
    let message = format!(
        "NOTICE: {} missing: its conformance was NOT checked",
        dir.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message} (required under CI=true)");
    }
    println!("{message}");
    None
}

/// Compares the branch's model with its `schema.json`; returns the report.
fn conformance(dir: &std::path::Path) -> generator::conformance::Report {
    let model = generator::parse::parse_spec(&dir.join("specification"))
        .unwrap_or_else(|e| panic!("{} failed to parse:\n{e}", dir.display()));
    let ours =
        generator::conformance::model_value(&model).unwrap_or_else(|e| panic!("serialize: {e}"));
    let text = std::fs::read_to_string(dir.join("schema.json"))
        .unwrap_or_else(|e| panic!("read schema.json: {e}"));
    let theirs: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse schema.json: {e}"));
    let allowlist = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance-allowlist.tsv"),
    )
    .unwrap_or_else(|e| panic!("read conformance-allowlist.tsv: {e}"));
    let allowlist = generator::conformance::Allowlist::parse(&allowlist)
        .unwrap_or_else(|e| panic!("conformance-allowlist.tsv: {e}"));
    generator::conformance::compare_allowing(&ours, &theirs, &allowlist)
}

#[test]
fn branch_8_19_matches_its_official_model() {
    let Some(dir) = branch("es-specification-8.19") else {
        return;
    };
    let report = conformance(&dir);
    println!("{report}");
    assert_eq!(
        (
            report.endpoints_equal,
            report.endpoints_total,
            report.types_equal,
            report.types_total
        ),
        (566, 566, 3615, 3615),
        "8.19 differs from its schema.json:\n{report}"
    );
}

/// Branch 7.17, in the older format of its official model (mapped: endpoint- and
/// property-level `since`/`stability`/`visibility`, generic parameters in their type's
/// namespace, endpoint description and deprecation from the REST API spec file). What differs
/// is only what `conformance-allowlist.tsv` lists: three types whose ` * * @server_default` or
/// ` * * @doc_url` line that compiler's older TypeScript read as description text.
#[test]
fn branch_7_17_matches_its_official_model() {
    let Some(dir) = branch("es-specification-7.17") else {
        return;
    };
    let report = conformance(&dir);
    println!("{report}");
    assert_eq!(
        report.format_mappings,
        [
            "response value bodies without codegenName",
            "availability as since/stability/visibility fields",
            "endpoint description and deprecation from the REST API spec file",
            "generic parameters named in their type's namespace"
        ]
    );
    assert_eq!(
        (
            report.endpoints_equal,
            report.endpoints_total,
            report.types_equal,
            report.types_total
        ),
        (403, 403, 2482, 2485),
        "7.17 differs from its schema.json more than recorded:\n{report}"
    );
    assert_eq!(
        (
            report.endpoints_allowlisted,
            report.types_allowlisted,
            report.allowlisted.len(),
            report.total_differences
        ),
        (0, 3, 6, 0),
        "{report}"
    );
    assert!(report.passes(), "{report}");
}
