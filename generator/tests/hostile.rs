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
        "wire_struct!(Gen < SelfValue >",
        "wire_struct!(Option {",
        // A bidi override would be a hard error of rustc in a comment.
        "bidi \\u{202e} text",
    ] {
        assert!(
            types.contains(expected),
            "`{expected}` missing from:\n{types}"
        );
    }
    // A spec type named `Option` must not capture serde's `Option::is_none` (where the
    // derive stays; `wire_struct!` names no type of the caller).
    assert!(!types.contains("\"Option::is_none\""));
    assert!(!types.contains('\u{202e}'));
    let manifest = file("Cargo.toml");
    assert!(manifest.contains("\n_2d = []"), "{manifest}");
    assert!(files.contains_key(Path::new("src/_2d/u00fc/get.rs")));
    assert!(file("src/lib.rs").contains("pub mod _2d;"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The hostile-names spec with `extra` appended to `_types/common.ts` and `field` added to
/// the response body's class; the error text of the run.
fn rejected(extra: &str, field: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&hostile_names(), dir.path());
    let common = dir.path().join("_types/common.ts");
    let text = std::fs::read_to_string(&common).unwrap();
    let text = text.replacen("  w?: Weird\n", &format!("  w?: Weird\n  {field}\n"), 1);
    std::fs::write(&common, format!("{text}{extra}")).unwrap();
    match generator::generate::render(dir.path()) {
        Ok(_) => panic!("accepted:\n{extra}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn inheritance_and_alias_cycles_are_located_errors() {
    let e = rejected(
        "export class Loop extends Loop {\n  x: string\n}\n",
        "l?: Loop",
    );
    assert!(
        e.contains("inheritance cycle: `Loop` extends `Loop`"),
        "{e}"
    );
    assert!(e.contains("_types/common.ts:"), "{e}");
    let e = rejected(
        "export class A extends B {\n  a: string\n}\nexport class B extends A {\n  b: string\n}\n",
        "p?: A",
    );
    assert!(e.contains("`A` extends `B` extends `A`"), "{e}");
    let e = rejected("export type Selfish = Selfish[]\n", "s?: Selfish");
    assert!(
        e.contains("type alias cycle: `Selfish` -> `Selfish`"),
        "{e}"
    );
    let e = rejected(
        "export type P = Q | string\nexport type Q = Array<P>\n",
        "s?: P",
    );
    assert!(e.contains("type alias cycle"), "{e}");
}

#[test]
fn nesting_past_the_limit_is_a_located_error_and_the_limit_itself_generates() {
    let limit = generator::parse::syntax::MAX_NESTING;
    let deep_generics = |n: usize| {
        format!(
            "export type Deep = {}string{}\n",
            "Dictionary<string, ".repeat(n),
            ">".repeat(n)
        )
    };
    let e = rejected(
        &format!("export type Deep = string{}\n", "[]".repeat(limit + 1)),
        "d?: Deep",
    );
    assert!(e.contains("nested more than"), "{e}");
    let e = rejected(&deep_generics(limit + 1), "d?: Deep");
    assert!(e.contains("nested more than"), "{e}");
    let e = rejected(&"(".repeat(100_000), "");
    assert!(e.contains("nested more than"), "{e}");

    // At the limit (minus the class body's brace) everything still works, on any thread.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&hostile_names(), dir.path());
    let common = dir.path().join("_types/common.ts");
    let text = std::fs::read_to_string(&common).unwrap();
    let text = text.replacen(
        "  w?: Weird\n",
        "  w?: Weird\n  d?: Deep\n  e?: Deeper\n",
        1,
    );
    let text = format!(
        "import {{ Dictionary }} from '@spec_utils/Dictionary'\n{text}export type Deeper = string{}\n{}",
        "[]".repeat(limit - 1),
        deep_generics(limit / 2 - 1)
    );
    std::fs::write(&common, text).unwrap();
    std::fs::create_dir_all(dir.path().join("_spec_utils")).unwrap();
    std::fs::write(
        dir.path().join("_spec_utils/Dictionary.ts"),
        "export class Dictionary<TKey, TValue> {\n  key: TKey\n  value: TValue\n}\n",
    )
    .unwrap();
    let tsconfig = dir.path().join("tsconfig.json");
    std::fs::write(
        &tsconfig,
        r#"{ "compilerOptions": { "paths": { "@_types/*": ["_types/*"], "@spec_utils/*": ["_spec_utils/*"] } } }"#,
    )
    .unwrap();
    let result = std::thread::spawn(move || {
        generator::generate::render(dir.path()).map(|(_, files, _, _)| files.len())
    })
    .join()
    .expect("no panic");
    assert!(
        result.is_ok(),
        "{}",
        result.err().map(|e| e.to_string()).unwrap_or_default()
    );
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_outside_symlinks_are_not_read() {
    for (name, make) in [
        ("zero.ts", "dev"),
        ("pipe.ts", "fifo"),
        ("outside.ts", "outside"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec");
        copy_dir(&hostile_names(), &spec);
        let path = spec.join("_types").join(name);
        match make {
            "dev" => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
            "fifo" => {
                let status = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(status.success());
            }
            _ => {
                std::fs::write(dir.path().join("secret.ts"), "export type X = string\n").unwrap();
                std::os::unix::fs::symlink(dir.path().join("secret.ts"), &path).unwrap();
            }
        }
        let e = match generator::generate::render(&spec) {
            Ok(_) => panic!("{name} was accepted"),
            Err(e) => e.to_string(),
        };
        assert!(e.contains(&format!("_types/{name}")), "{e}");
        assert!(e.contains("not read"), "{e}");
    }
    // The other files a spec folder may hold are read under the same rule.
    for name in [
        "tsconfig.json",
        "_doc_ids/table.csv",
        "_json_spec/x.get.json",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec");
        copy_dir(&hostile_names(), &spec);
        let path = spec.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let e = match generator::generate::render(&spec) {
            Ok(_) => panic!("{name} as a link to /dev/zero was accepted"),
            Err(e) => e.to_string(),
        };
        assert!(e.contains(name), "{e}");
        assert!(e.contains("not read"), "{e}");
    }
    // A link inside the folder is fine.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&hostile_names(), dir.path());
    std::os::unix::fs::symlink(
        dir.path().join("_types/Base.ts"),
        dir.path().join("_types/Alias.ts"),
    )
    .unwrap();
    let e = generator::generate::render(dir.path())
        .err()
        .map(|e| e.to_string());
    assert!(
        e.as_deref().is_none_or(|e| !e.contains("not read")),
        "{e:?}"
    );
}
