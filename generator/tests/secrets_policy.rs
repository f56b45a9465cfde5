//! Every property whose name looks secret (`generator::policy::looks_secret`) has a decision
//! in `generator/policy/secrets.tsv`: for our `spec/` always, for the upstream specification
//! when it is checked out in `../shared/es-specification`.

use std::path::PathBuf;

use generator::policy::{Decision, secrets};

fn check(spec: &std::path::Path) -> generator::model::Model {
    let model = generator::parse::parse_spec(spec)
        .unwrap_or_else(|e| panic!("{} failed to parse:\n{e}", spec.display()));
    let policy = secrets().unwrap_or_else(|e| panic!("{e}"));
    let undecided = policy.undecided(&model);
    assert!(
        undecided.is_empty(),
        "{} properties of {} look secret but generator/policy/secrets.tsv does not decide them \
         (add a row `namespace<TAB>type<TAB>property<TAB>secret|public<TAB>reason` for each):\n{}",
        undecided.len(),
        spec.display(),
        undecided.join("\n")
    );
    model
}

#[test]
fn every_secret_looking_property_of_our_spec_is_decided() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let model = check(&spec);
    // The decisions the API-key endpoints depend on.
    let policy = secrets().unwrap();
    let find = |ns: &str, ty: &str| {
        model
            .types
            .iter()
            .map(|t| t.name())
            .find(|n| n.namespace == ns && n.name == ty)
            .unwrap_or_else(|| panic!("{ns}.{ty} is not in spec/"))
    };
    assert_eq!(
        policy.decide(find("security.create_api_key", "Response"), "api_key"),
        Some(Decision::Secret)
    );
    assert_eq!(
        policy.decide(find("security.create_api_key", "Response"), "encoded"),
        Some(Decision::Secret)
    );
}

#[test]
fn every_secret_looking_property_of_the_upstream_spec_is_decided() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/es-specification");
    if !dir.join("specification").is_dir() {
        let message = format!("NOTICE: {} missing, skipped", dir.display());
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message} (required under CI=true)");
        }
        println!("{message}");
        return;
    }
    let model = check(&dir.join("specification"));
    let policy = secrets().unwrap();
    let secret = generator::policy::declared_properties(&model)
        .into_iter()
        .filter(|(owner, p)| policy.decide(owner, &p.name) == Some(Decision::Secret))
        .count();
    let public = generator::policy::declared_properties(&model)
        .into_iter()
        .filter(|(owner, p)| policy.decide(owner, &p.name) == Some(Decision::Public))
        .count();
    println!("upstream: {secret} properties decided secret, {public} decided public");
    // A row may be there for our spec/ alone (a property upstream dropped).
    let ours =
        generator::parse::parse_spec(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"))
            .unwrap_or_else(|e| panic!("spec/ failed to parse:\n{e}"));
    let unused_ours = policy.unused(&ours);
    let unused: Vec<String> = policy
        .unused(&model)
        .iter()
        .filter(|r| unused_ours.contains(r))
        .map(|r| {
            format!(
                "line {}: {}\t{}\t{}",
                r.line, r.namespace, r.type_name, r.property
            )
        })
        .collect();
    assert!(
        unused.is_empty(),
        "rows of generator/policy/secrets.tsv that decide nothing upstream nor in spec/ (a typo, or the spec moved):\n{}",
        unused.join("\n")
    );
}
