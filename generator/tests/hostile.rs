//! Odd and hostile spec input: a located error or output whose names are valid, never a
//! panic. (`cargo xtask fuzz` compiles the output of `tests/specs/hostile-names` with cargo.)

use std::path::{Path, PathBuf};

fn hostile_names() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/specs/hostile-names")
}

#[test]
fn names_that_are_not_identifiers_keywords_and_odd_folders_map_to_valid_rust() {
    let (_, files, _, _) = generator::generate::render(&hostile_names()).expect("generates");
    let file = |p: &str| {
        files
            .get(Path::new(p))
            .unwrap_or_else(|| panic!("no {p} in {:?}", files.keys().collect::<Vec<_>>()))
    };
    let types = file("src/types.rs");
    for expected in [
        "pub a_b: ::std::string::String",
        "pub a_b2: ::std::string::String",
        "pub a_b3: ::std::string::String",
        "pub u00fc_n_u00ef: ::std::string::String",
        "pub self_: ::std::string::String",
        "pub crate_: ::std::option::Option",
        "pub r#type: ::std::option::Option",
        "pub opt: ::std::option::Option<crate::types::Option>",
        "SelfValue,",
        "SelfValue2,",
        "U00fc,",
        "pub struct Gen<SelfValue>",
        "SelfValue: ::serde::Serialize",
        // A bidi override would be a hard error of rustc in a comment.
        "bidi \\u{202e} text",
    ] {
        assert!(
            types.contains(expected),
            "`{expected}` missing from:\n{types}"
        );
    }
    // A spec type named `Option` must not capture serde's `Option::is_none`.
    assert!(!types.contains("\"Option::is_none\""));
    assert!(types.contains("\"::std::option::Option::is_none\""));
    assert!(!types.contains('\u{202e}'));
    let manifest = file("Cargo.toml");
    assert!(manifest.contains("\n_2d = []"), "{manifest}");
    assert!(files.contains_key(Path::new("src/_2d/u00fc/get.rs")));
    assert!(file("src/lib.rs").contains("pub mod _2d;"));
}
