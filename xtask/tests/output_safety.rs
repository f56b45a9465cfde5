//! Output safety: `cargo xtask generate` refuses an output folder whose replacement would lose
//! something, and the swap of the output folder survives a kill at every step: afterwards the
//! target holds the complete old tree or the complete new one, and the next run removes what
//! the interrupted one left behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file's relative path and bytes.
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

fn generate(spec: &Path, out: &Path, failpoint: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(["generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out);
    cmd.env_remove("GENERATOR_FAILPOINT");
    if let Some(f) = failpoint {
        cmd.env("GENERATOR_FAILPOINT", f);
    }
    cmd.output().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// An old output tree: the committed crate with one file changed and one extra file, so that
/// it differs from what the run writes.
fn old_tree(out: &Path) {
    copy_dir(&workspace().join("generated"), out);
    fs::write(out.join("src/lib.rs"), "// old\n").unwrap();
    fs::write(out.join("EXTRA"), "only in the old tree\n").unwrap();
}

#[test]
fn a_kill_at_each_step_of_the_swap_leaves_a_complete_tree() {
    let spec = workspace().join("spec");
    // What a clean run writes into a folder at the same depth (the manifest names the
    // runtime crate by a relative path).
    let fresh = tempfile::tempdir().unwrap();
    let run = generate(&spec, &fresh.path().join("out"), None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let new = contents(&fresh.path().join("out"));
    let steps = [
        "writing",
        "before-swap",
        "after-swap",
        "no-exchange,writing",
        "no-exchange,before-swap",
        "no-exchange,between-renames",
        "no-exchange,after-swap",
    ];
    for step in steps {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        old_tree(&out);
        let old = contents(&out);
        let killed = generate(&spec, &out, Some(step));
        assert!(
            !killed.status.success(),
            "failpoint `{step}` did not stop the run"
        );
        let after_kill = if out.exists() {
            contents(&out)
        } else {
            Vec::new()
        };
        if step.contains("after-swap") {
            assert!(after_kill == new, "`{step}`: the new tree is incomplete");
        } else if step.contains("between-renames") {
            // The only instant of the fallback without a tree at the target: the next run
            // puts the old one back before anything else.
            assert!(!out.exists() || after_kill == old, "`{step}`");
        } else {
            assert!(after_kill == old, "`{step}`: the old tree changed");
        }

        let rerun = generate(&spec, &out, None);
        assert!(
            rerun.status.success(),
            "`{step}`: the next run failed: {}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        assert!(contents(&out) == new, "`{step}`: the next run's tree");
        assert_eq!(names(dir.path()), ["out"], "`{step}`: leftovers");
    }
}

#[test]
fn an_interruption_between_the_fallback_renames_is_repaired_first() {
    // What a kill between the two renames leaves: no target, the old tree aside. A run that
    // then fails on bad input must still put the old tree back.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let aside = dir.path().join(".out.previous");
    old_tree(&aside);
    let old = contents(&aside);
    fs::create_dir_all(dir.path().join(".out.staging/src")).unwrap();
    fs::create_dir_all(dir.path().join(".out.new-999999999")).unwrap();
    let run = generate(&workspace().join("spec"), &out, None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(names(dir.path()), ["out"]);
    assert!(contents(&out) != old);
}

fn assert_refused(spec: &Path, out: &Path, expect: &str) {
    let run = generate(spec, out, None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "accepted --out {}", out.display());
    assert!(stderr.contains(expect), "expected `{expect}` in:\n{stderr}");
}

#[test]
fn outputs_that_would_lose_something_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("project/spec");
    copy_dir(&workspace().join("spec"), &spec);
    let before = contents(dir.path());

    assert_refused(&spec, &spec, "is the specification folder");
    assert_refused(&spec, &spec.join("."), "is the specification folder");
    assert_refused(&spec, &spec.join(".."), "must name a folder");
    assert_refused(
        &spec,
        &dir.path().join("project"),
        "holds the specification",
    );
    assert_refused(
        &spec,
        &dir.path().join("project/../project"),
        "holds the specification",
    );
    assert_refused(&spec, &spec.join("_types/out"), "inside the specification");
    assert_refused(&spec, &spec.join("new/deeper"), "inside the specification");
    let file = dir.path().join("notes.txt");
    fs::write(&file, "mine\n").unwrap();
    assert_refused(&spec, &file, "is not a folder");
    let folder = dir.path().join("photos");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("a.jpg"), "jpeg").unwrap();
    assert_refused(&spec, &folder, "refusing to replace it");
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&spec, &link).unwrap();
        assert_refused(&spec, &link, "symbolic link");
        fs::remove_file(&link).unwrap();
    }

    let mut after = contents(dir.path());
    after.retain(|(p, _)| p != Path::new("notes.txt") && !p.starts_with("photos"));
    assert!(after == before, "a refused run changed the folders");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine\n");
    assert_eq!(names(&folder), ["a.jpg"]);

    // An empty folder is fine.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let run = generate(&spec, &empty, None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
