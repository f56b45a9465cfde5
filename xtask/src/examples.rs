//! `cargo xtask examples`: every request and response example of a specification, decoded
//! into the crate generated from it and encoded back.
//!
//! In `target/upstream-examples/` (for another spec, `target/spec-examples/<its path>/`) it
//! keeps the generated crate (`crate/`, rewritten file by file so that cargo rebuilds only what
//! changed), a harness crate (`harness/`) whose table maps each endpoint to its Rust types as
//! the emitter names them ([`generator::emit::emit_with_targets`]), and their build (`target/`).
//! The harness decodes and re-encodes each JSON example; this side classifies the examples,
//! compares the JSON and reports.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use generator::emit::{EmitOptions, ExampleTarget, emit_with_targets};
use generator::example_check::{
    Allowlist, Equivalences, ExampleCase, Payload, Role, collect, first_difference,
};
use serde_json::{Value, json};

/// The cargo profile the harness is built with. Measured on 2 cores, full upstream spec:
/// dev builds and runs faster end to end than release (see README).
const PROFILE: &str = "dev";

/// Examples that fail because the upstream specification is wrong: `Name  reason` per line.
/// It applies to every spec (a branch's examples mostly carry the same names and content).
pub const ALLOWLIST: &str = "tests/examples-allowlist.txt";
/// The number of the upstream examples that round-tripped when it was last raised.
pub const BASELINE: &str = "tests/examples-baseline.txt";

/// What a run is checked against besides the examples themselves.
pub struct Expectations {
    /// The spec's own allowlists (`--allowlist`, for a branch: what is wrong in that branch
    /// only), beside [`ALLOWLIST`]. Their stale entries and entries naming no example are
    /// reported; those of [`ALLOWLIST`] only for the upstream spec.
    pub allowlists: Vec<PathBuf>,
    /// The file whose figure the round trips must not fall below: [`BASELINE`] for the
    /// upstream spec, `--baseline` for another.
    pub baseline: Option<PathBuf>,
}

/// The allowlists of a run, each with its path and whether it is the spec's own.
struct Allowlists(Vec<(String, Allowlist, bool)>);

impl Allowlists {
    fn load(root: &Path, upstream: bool, own: &[PathBuf]) -> Result<Allowlists, String> {
        let mut lists = vec![(
            ALLOWLIST.to_string(),
            Allowlist::load(&root.join(ALLOWLIST))?,
            upstream,
        )];
        for path in own {
            if !path.is_file() {
                return Err(format!("{}: no such allowlist", path.display()));
            }
            lists.push((path.display().to_string(), Allowlist::load(path)?, true));
        }
        Ok(Allowlists(lists))
    }

    /// The first entry naming `case`: `(list, name as listed, reason)`.
    fn entry(&self, case: &ExampleCase) -> Option<(usize, &str, &str)> {
        self.0
            .iter()
            .enumerate()
            .find_map(|(i, (_, list, _))| list.entry(case).map(|(name, reason)| (i, name, reason)))
    }
}

/// What became of one example.
enum Outcome {
    /// Re-encoded to the same JSON.
    RoundTripped,
    /// Re-encoded to JSON the spec declares equivalent; the first textual difference.
    Equivalent(String),
    /// Not checked, with its class (`NDJSON`, `no value`, ...).
    Apart(String),
    /// Decoded, but a part of it went into a catch-all (`Other`, `Unknown`) where the spec
    /// defines a variant: where, and the type.
    CatchAll(String),
    Failed(String),
}

/// Checks the examples of `spec` (`upstream`: the upstream specification at main) against
/// the allowlists and the baseline of `expect`.
pub fn run(root: &Path, spec: &Path, upstream: bool, expect: &Expectations) -> Result<(), String> {
    let started = Instant::now();
    // One folder per spec, so that checking another spec doesn't undo the upstream build.
    let work = if upstream {
        root.join("target/upstream-examples")
    } else {
        let canonical = spec.canonicalize().unwrap_or_else(|_| spec.to_path_buf());
        let name: String = canonical
            .to_string_lossy()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        root.join("target/spec-examples")
            .join(name.trim_matches('_'))
    };
    let options = EmitOptions::for_output(&work.join("crate"));

    // 1. The crate, the targets and the examples.
    let model =
        generator::parse::parse_spec(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let (files, targets) = emit_with_targets(&model, &options).map_err(|e| e.to_string())?;
    let written = sync_folder(&work.join("crate"), &files)?;
    let cases = collect(&model, spec);
    let equivalences = Equivalences::from_model(&model);
    let mut harness = harness_files(&options.package_name, &targets);
    if upstream {
        // The README's search example, which needs the whole spec, is compiled with it.
        let example = readme_example(&root.join("README.md"))?;
        harness.insert(
            PathBuf::from("harness/src/bin/readme_search.rs"),
            format!(
                "//! Written by `cargo xtask examples`: the README's search example.\n\
                 #![allow(dead_code)]\n\n{example}\nfn main() {{}}\n"
            ),
        );
    }
    sync_folder(&work, &harness)?;
    let lock = work.join("Cargo.lock");
    if !lock.exists() {
        // Start from the workspace's versions: no resolution against the registry.
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    let prepared = started.elapsed();
    eprintln!(
        "{} endpoints, {} examples; crate in {} ({} files, {written} rewritten) in {prepared:.1?}",
        targets.len(),
        cases.len(),
        work.join("crate").display(),
        files.len(),
    );

    // 2. Sort the examples: the JSON ones go to the harness.
    let (mut outcomes, jobs) = triage(&cases, &targets);
    let cases_file = work.join("cases.json");
    let results_file = work.join("results.json");
    let text = serde_json::to_string(&jobs).map_err(|e| e.to_string())?;
    std::fs::write(&cases_file, text).map_err(|e| format!("{}: {e}", cases_file.display()))?;

    // 3. Build and run the harness; compare what it encoded with the examples.
    let (built, ran, results) = build_and_run(&work, spec, &cases_file, &results_file)?;
    for result in results {
        let Some(i) = result["id"].as_u64().map(|i| i as usize) else {
            continue;
        };
        let Some(Payload::Json(value)) = cases.get(i).map(ExampleCase::payload) else {
            continue;
        };
        let catch_alls: Vec<&str> = result["catch_alls"]
            .as_array()
            .map(|list| list.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let outcome = match (&result["ok"], result["error"].as_str()) {
            (_, Some(error)) => Outcome::Failed(error.to_string()),
            (_, None) if !catch_alls.is_empty() => Outcome::CatchAll(format!(
                "decoded into a catch-all at {}",
                catch_alls.join(", ")
            )),
            (back, None) => match first_difference(&value, back) {
                None => Outcome::RoundTripped,
                Some(difference) => match equivalences.first_difference(&value, back) {
                    None => Outcome::Equivalent(difference.to_string()),
                    Some(difference) => Outcome::Failed(difference.to_string()),
                },
            },
        };
        outcomes[i] = Some(outcome);
    }
    let outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Failed("the harness gave no result".to_string())))
        .collect();

    // 4. Report.
    let allowlists = Allowlists::load(root, upstream, &expect.allowlists)?;
    let baseline = match &expect.baseline {
        Some(path) => read_baseline(path)?.map(|floor| (path.display().to_string(), floor)),
        None => None,
    };
    let report = report(&cases, &outcomes, &allowlists, baseline);
    print!("{}", report.text);
    println!(
        "time: prepare {prepared:.1?}, build {built:.1?}, run {ran:.1?}, total {:.1?}",
        started.elapsed()
    );
    report.verdict
}

/// The outcome of each example that needs no harness (not JSON, no type to decode into), and
/// the harness's jobs for the others (`None` outcome until it has run).
fn triage(cases: &[ExampleCase], targets: &[ExampleTarget]) -> (Vec<Option<Outcome>>, Vec<Value>) {
    let by_endpoint: HashMap<&str, &ExampleTarget> =
        targets.iter().map(|t| (t.endpoint.as_str(), t)).collect();
    let mut outcomes = Vec::with_capacity(cases.len());
    let mut jobs = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let value = match case.payload() {
            Payload::Json(value) => value,
            Payload::NotJson(class) => {
                outcomes.push(Some(Outcome::Apart(class.to_string())));
                continue;
            }
            Payload::NoValue => {
                outcomes.push(Some(Outcome::Apart("no value (url only)".to_string())));
                continue;
            }
        };
        let Some(target) = by_endpoint.get(case.endpoint.as_str()) else {
            outcomes.push(Some(Outcome::Apart(
                "endpoint not generated (codegen_exclude)".to_string(),
            )));
            continue;
        };
        let (kind, ty) = match case.role {
            Role::Request => ("request", &target.request_body_type),
            Role::Response => ("response", &target.response_type),
            Role::Error(_) => ("error", &target.error_type),
        };
        if ty.is_none() {
            outcomes.push(Some(Outcome::Failed(format!(
                "a {} example, but the spec gives the endpoint no {} body",
                case.role, case.role
            ))));
            continue;
        }
        jobs.push(json!({"id": i, "endpoint": case.endpoint, "kind": kind, "value": value}));
        outcomes.push(None);
    }
    (outcomes, jobs)
}

/// Builds the harness (and with it the generated crate) and runs it on `cases_file`: the time
/// each took, and the results.
fn build_and_run(
    work: &Path,
    spec: &Path,
    cases_file: &Path,
    results_file: &Path,
) -> Result<(Duration, Duration, Vec<Value>), String> {
    eprintln!(
        "building the harness in {} (minutes when the crate changed, seconds otherwise)",
        work.display()
    );
    let started = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let target_dir = work.join("target");
    let status = Command::new(&cargo)
        .args(["build", "--quiet", "--profile", PROFILE, "--manifest-path"])
        .arg(work.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .status()
        .map_err(|e| format!("{cargo}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the harness (and the crate generated from {}) does not build",
            spec.display()
        ));
    }
    let built = started.elapsed();
    let started = Instant::now();
    let folder = if PROFILE == "dev" { "debug" } else { PROFILE };
    let binary = target_dir.join(folder).join("examples-harness");
    let status = Command::new(&binary)
        .arg(cases_file)
        .arg(results_file)
        .status()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    if !status.success() {
        return Err(format!("{} failed ({status})", binary.display()));
    }
    let ran = started.elapsed();
    let text = std::fs::read_to_string(results_file)
        .map_err(|e| format!("{}: {e}", results_file.display()))?;
    let results = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok((built, ran, results))
}

struct Report {
    text: String,
    verdict: Result<(), String>,
}

#[derive(Default)]
struct Tally {
    examples: usize,
    /// Exactly or equivalently.
    round_tripped: usize,
    equivalent: usize,
    /// Failed, the spec being wrong (in the allowlist).
    allowed: usize,
    /// Failed otherwise.
    failed: usize,
    /// Of the failures (allowed or not), those that decoded into a catch-all.
    catch_all: usize,
    /// Of those, the ones the allowlist allows.
    catch_all_allowed: usize,
    apart: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome, allowed: bool) {
        self.examples += 1;
        match outcome {
            Outcome::RoundTripped => self.round_tripped += 1,
            Outcome::Equivalent(_) => {
                self.round_tripped += 1;
                self.equivalent += 1;
            }
            Outcome::Apart(class) => *self.apart.entry(class.clone()).or_default() += 1,
            Outcome::CatchAll(_) if allowed => {
                self.catch_all += 1;
                self.catch_all_allowed += 1;
                self.allowed += 1;
            }
            Outcome::CatchAll(_) => {
                self.catch_all += 1;
                self.failed += 1;
            }
            Outcome::Failed(_) if allowed => self.allowed += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }

    fn line(&self) -> String {
        let apart: usize = self.apart.values().sum();
        let mut line = format!(
            "examples round-tripped: {}/{}",
            self.round_tripped, self.examples
        );
        let mut notes = Vec::new();
        if self.equivalent > 0 {
            notes.push(format!("{} up to aliases or number forms", self.equivalent));
        }
        if apart > 0 {
            notes.push(format!("{apart} without a JSON body"));
        }
        if self.allowed > 0 {
            notes.push(format!("{} wrong upstream", self.allowed));
        }
        if self.catch_all > 0 {
            notes.push(format!(
                "{} decoded into a catch-all ({} allowlisted)",
                self.catch_all, self.catch_all_allowed
            ));
        }
        if self.failed > 0 {
            notes.push(format!("{} FAILED", self.failed));
        }
        if !notes.is_empty() {
            let _ = write!(line, " ({})", notes.join(", "));
        }
        line
    }
}

fn report(
    cases: &[ExampleCase],
    outcomes: &[Outcome],
    allowlists: &Allowlists,
    baseline: Option<(String, usize)>,
) -> Report {
    let mut text = String::new();
    let mut namespaces: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for (case, outcome) in cases.iter().zip(outcomes) {
        let allowed = allowlists.entry(case).is_some();
        namespaces
            .entry(case.namespace())
            .or_default()
            .add(outcome, allowed);
        total.add(outcome, allowed);
    }
    let width = namespaces.keys().map(|n| n.len()).max().unwrap_or(0);
    for (namespace, tally) in &namespaces {
        let _ = writeln!(text, "{namespace:width$}  {}", tally.line());
    }
    let _ = writeln!(text, "\ntotal: {}", total.line());
    let _ = writeln!(
        text,
        "decoded into a catch-all: {} ({} allowlisted, {} not)",
        total.catch_all,
        total.catch_all_allowed,
        total.catch_all - total.catch_all_allowed
    );
    if !total.apart.is_empty() {
        let _ = writeln!(text, "without a JSON body (not round-tripped), by class:");
        for (class, n) in &total.apart {
            let _ = writeln!(text, "  {n:4}  {class}");
        }
    }
    let off_layout: Vec<&ExampleCase> = cases.iter().filter(|c| !c.in_model).collect();
    if !off_layout.is_empty() {
        let _ = writeln!(
            text,
            "outside the official layout (found on disk, not in the model): {}",
            off_layout
                .iter()
                .map(|c| format!("{} as {}", c.file, c.role))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    let mut unexpected = Vec::new();
    let mut expected = Vec::new();
    let mut stale: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut equivalent = Vec::new();
    let mut used: BTreeSet<(usize, &str)> = BTreeSet::new();
    for (case, outcome) in cases.iter().zip(outcomes) {
        let entry = allowlists.entry(case);
        if let Some((list, name, _)) = entry {
            used.insert((list, name));
        }
        let entry = entry.map(|(list, _, reason)| (list, reason));
        match (outcome, entry) {
            (Outcome::Failed(why) | Outcome::CatchAll(why), None) => unexpected.push(format!(
                "{} ({}, {}): {why}",
                case.id(),
                case.role,
                case.file
            )),
            (Outcome::Failed(why) | Outcome::CatchAll(why), Some((list, reason))) => {
                expected.push(format!(
                    "{} ({}): {why}\n      allowed ({}): {reason}",
                    case.id(),
                    case.role,
                    allowlists.0[list].0
                ))
            }
            (Outcome::RoundTripped | Outcome::Equivalent(_), Some((list, _))) => {
                stale.entry(list).or_default().push(case.id())
            }
            _ => {}
        }
        if let Outcome::Equivalent(difference) = outcome {
            equivalent.push(format!("{} ({}): {difference}", case.id(), case.role));
        }
    }
    // Stale and unknown entries count in the spec's own lists only: the shared list names
    // examples of the upstream spec, which a branch may lack or have fixed.
    let own = |list: &usize| allowlists.0[*list].2;
    let unknown: Vec<(usize, Vec<&str>)> = (0..allowlists.0.len())
        .filter(own)
        .map(|i| {
            let names = allowlists.0[i].1.names();
            (
                i,
                names.filter(|name| !used.contains(&(i, *name))).collect(),
            )
        })
        .collect();
    if !equivalent.is_empty() {
        let _ = writeln!(
            text,
            "\n{} example(s) re-encode to equivalent JSON (an alias renamed to its property, a \
             number in another form); the first textual difference:",
            equivalent.len()
        );
        for line in &equivalent {
            let _ = writeln!(text, "  {line}");
        }
    }
    if !expected.is_empty() {
        let _ = writeln!(
            text,
            "\n{} failure(s) allowed by an allowlist (the spec is wrong):",
            expected.len()
        );
        for line in &expected {
            let _ = writeln!(text, "  {line}");
        }
    }
    for (list, names) in stale.iter().filter(|(list, _)| own(list)) {
        let _ = writeln!(
            text,
            "\nallowlisted but round-tripping now (remove from {}): {}",
            allowlists.0[*list].0,
            names.join(", ")
        );
    }
    for (list, names) in unknown.iter().filter(|(_, names)| !names.is_empty()) {
        let _ = writeln!(
            text,
            "\nentries of {} naming no example: {}",
            allowlists.0[*list].0,
            names.join(", ")
        );
    }
    if !unexpected.is_empty() {
        let _ = writeln!(text, "\n{} failure(s):", unexpected.len());
        for line in &unexpected {
            let _ = writeln!(text, "  {line}");
        }
    }

    let mut problems = Vec::new();
    if !unexpected.is_empty() {
        problems.push(format!(
            "{} example(s) fail and are in no allowlist",
            unexpected.len()
        ));
    }
    match baseline {
        Some((file, floor)) if total.round_tripped < floor => problems.push(format!(
            "{} examples round-trip, fewer than the {floor} recorded in {file}",
            total.round_tripped
        )),
        Some((file, floor)) if total.round_tripped > floor => {
            let _ = writeln!(
                text,
                "\n{} examples round-trip, more than the {floor} recorded: raise {file}",
                total.round_tripped
            );
        }
        None => {
            let _ = writeln!(
                text,
                "\nno baseline checked (give one with --baseline FILE; the upstream spec's is {BASELINE})"
            );
        }
        _ => {}
    }
    let verdict = if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    };
    Report { text, verdict }
}

fn read_baseline(path: &Path) -> Result<Option<usize>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.parse::<usize>()
                .map_err(|e| format!("{}: `{l}`: {e}", path.display()))
        })
        .transpose()
}

/// The code block that follows the `<!-- readme-search` marker in the README.
fn readme_example(readme: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(readme).map_err(|e| format!("{}: {e}", readme.display()))?;
    let missing = || {
        format!(
            "{}: no code block after `<!-- readme-search`",
            readme.display()
        )
    };
    let after = text.split_once("<!-- readme-search").ok_or_else(missing)?.1;
    let start = after.find("```rust").ok_or_else(missing)?;
    let body = after[start..].split_once('\n').ok_or_else(missing)?.1;
    let end = body.find("\n```").ok_or_else(missing)?;
    Ok(body[..end + 1].to_string())
}

/// The harness workspace: a manifest for it and the generated crate, and `main.rs` with one
/// row per endpoint.
fn harness_files(package: &str, targets: &[ExampleTarget]) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("Cargo.toml"),
        r#"# Written by `cargo xtask examples`.
[workspace]
resolver = "3"
members = ["harness", "crate"]

[profile.dev]
debug = 0
"#
        .to_string(),
    );
    files.insert(
        PathBuf::from("harness/Cargo.toml"),
        format!(
            r#"# Written by `cargo xtask examples`.
[package]
name = "examples-harness"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
# Examples are compared as written: maps keep their order (the crate's opt-in feature).
{package} = {{ path = "../crate", features = ["preserve_order"] }}
indexmap = {{ version = "2", features = ["serde"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
serde_path_to_error = "0.1"
"#
        ),
    );
    let krate = package.replace('-', "_");
    let rows: String = targets
        .iter()
        .map(|t| {
            let f = |ty: &Option<String>| match ty {
                Some(ty) => format!("Some(round_trip::<{ty}>)"),
                None => "None".to_string(),
            };
            format!(
                "    (\"{}\", {}, {}, {}),\n",
                t.endpoint,
                f(&t.request_body_type),
                f(&t.response_type),
                f(&t.error_type)
            )
        })
        .collect();
    files.insert(
        PathBuf::from("harness/src/main.rs"),
        format!(
            r#"//! Written by `cargo xtask examples`: decodes each example of `cases.json` into its
//! endpoint's Rust type and encodes it again; writes the results to `results.json`.
#![allow(deprecated)]

use serde_json::{{Value, json}};

type RoundTrip = fn(Value) -> Result<(Value, Vec<String>), String>;

/// Decodes `value` into `T` and encodes it again as the client sends it (`to_vec`; `to_value`
/// would widen an `f32` to the digits of an `f64`, which is never sent); also where the
/// decoded value holds a catch-all variant.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: Value) -> Result<(Value, Vec<String>), String> {{
    let decoded: T = serde_path_to_error::deserialize(value)
        .map_err(|e| format!("does not decode at {{}}: {{}}", json_path(e.path()), e.inner()))?;
    let catch_alls = {krate}::catch_alls(&decoded).iter().map(ToString::to_string).collect();
    let bytes = serde_json::to_vec(&decoded).map_err(|e| format!("does not encode: {{e}}"))?;
    let back = serde_json::from_slice(&bytes).map_err(|e| format!("encodes to invalid JSON: {{e}}"))?;
    Ok((back, catch_alls))
}}

/// `$.api_keys[0]` for serde_path_to_error's `api_keys[0]`.
fn json_path(path: &serde_path_to_error::Path) -> String {{
    match path.to_string().as_str() {{
        "." => "$".to_string(),
        p if p.starts_with('[') => format!("${{p}}"),
        p => format!("$.{{p}}"),
    }}
}}

/// Endpoint, request body, response, error body.
static TARGETS: &[(&str, Option<RoundTrip>, Option<RoundTrip>, Option<RoundTrip>)] = &[
{rows}];

fn main() {{
    let args: Vec<String> = std::env::args().collect();
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("cases")).expect("cases json");
    std::panic::set_hook(Box::new(|_| {{}}));
    // Deeply nested examples recurse deeply in unoptimized serde code.
    let results = std::thread::Builder::new()
        .stack_size(1 << 28)
        .spawn(move || {{
            cases
                .into_iter()
                .map(|case| {{
                    let id = case["id"].clone();
                    let endpoint = case["endpoint"].as_str().unwrap_or_default().to_string();
                    let kind = case["kind"].as_str().unwrap_or_default().to_string();
                    let row = TARGETS.iter().find(|t| t.0 == endpoint);
                    let f = row.and_then(|t| match kind.as_str() {{
                        "request" => t.1,
                        "response" => t.2,
                        _ => t.3,
                    }});
                    let Some(f) = f else {{
                        return json!({{"id": id, "error": format!("no {{kind}} type for {{endpoint}}")}});
                    }};
                    let value = case["value"].clone();
                    match std::panic::catch_unwind(move || f(value)) {{
                        Ok(Ok((back, catch_alls))) => json!({{"id": id, "ok": back, "catch_alls": catch_alls}}),
                        Ok(Err(e)) => json!({{"id": id, "error": e}}),
                        Err(panic) => {{
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            json!({{"id": id, "error": format!("panicked: {{message}}")}})
                        }}
                    }}
                }})
                .collect::<Vec<Value>>()
        }})
        .expect("thread")
        .join()
        .expect("harness thread");
    std::fs::write(&args[2], serde_json::to_string(&results).expect("results")).expect("results");
}}
"#
        ),
    );
    files
}

/// Writes the files whose content differs and removes the `.rs` and `Cargo.toml` files
/// `files` doesn't list, so that cargo sees as changed only what changed. Returns how many
/// files were written.
pub(crate) fn sync_folder(dir: &Path, files: &BTreeMap<PathBuf, String>) -> Result<usize, String> {
    let mut written = 0;
    for (relative, text) in files {
        if write_if_changed(&dir.join(relative), text)? {
            written += 1;
        }
    }
    // Stale files: Rust sources under `src/`, anything under `crates/` (a split client's
    // crates, whose modules move between them).
    let mut stack = vec![dir.join("src"), dir.join("crates")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir)
                && (relative.starts_with("crates") || path.extension().is_some_and(|e| e == "rs"))
                && !files.contains_key(relative)
            {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(written)
}

pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_removes_what_the_new_output_does_not_hold() {
        let dir = tempfile::tempdir().unwrap();
        let files = |paths: &[&str]| -> BTreeMap<PathBuf, String> {
            paths
                .iter()
                .map(|p| (PathBuf::from(p), format!("// {p}\n")))
                .collect()
        };
        sync_folder(
            dir.path(),
            &files(&[
                "Cargo.toml",
                "src/lib.rs",
                "src/a.rs",
                "crates/x/Cargo.toml",
                "crates/x/src/t.rs",
            ]),
        )
        .unwrap();
        // A module that gained children, and a crate of a split that is gone.
        let now = files(&[
            "Cargo.toml",
            "src/lib.rs",
            "src/a/mod.rs",
            "crates/y/Cargo.toml",
        ]);
        sync_folder(dir.path(), &now).unwrap();
        let mut left = Vec::new();
        let mut stack = vec![dir.path().to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                if entry.path().is_dir() {
                    stack.push(entry.path());
                } else {
                    left.push(entry.path().strip_prefix(dir.path()).unwrap().to_path_buf());
                }
            }
        }
        left.sort();
        assert_eq!(left, now.keys().cloned().collect::<Vec<_>>());
    }

    fn case(name: &str) -> ExampleCase {
        ExampleCase {
            name: name.to_string(),
            endpoint: "x.y".to_string(),
            role: Role::Request,
            file: format!("x/y/examples/request/{name}.yaml"),
            in_model: true,
            value: Some("{}".to_string()),
        }
    }

    fn lists(shared_is_own: bool) -> Allowlists {
        let shared = Allowlist::parse("Fixed  wrong upstream\nGone  names no example here\n");
        let own = Allowlist::parse("Broken  wrong in this branch\nNoSuch  names nothing\n");
        Allowlists(vec![
            ("shared".to_string(), shared.expect("parses"), shared_is_own),
            ("own".to_string(), own.expect("parses"), true),
        ])
    }

    #[test]
    fn a_branch_reports_its_own_lists_only_and_checks_its_baseline() {
        let cases = [case("Fixed"), case("Broken"), case("Fine")];
        let outcomes = [
            Outcome::RoundTripped,
            Outcome::Failed("missing field `a`".to_string()),
            Outcome::RoundTripped,
        ];
        let r = report(&cases, &outcomes, &lists(false), Some(("b".to_string(), 2)));
        assert!(r.verdict.is_ok(), "{}", r.text);
        assert!(r.text.contains("allowed (own): wrong in this branch"));
        assert!(r.text.contains("entries of own naming no example: NoSuch"));
        // The shared list's entries are another spec's business on a branch.
        assert!(!r.text.contains("Gone"), "{}", r.text);
        assert!(!r.text.contains("remove from shared"), "{}", r.text);

        // For the spec the shared list is written for, they are reported.
        let r = report(&cases, &outcomes, &lists(true), None);
        assert!(
            r.text.contains("remove from shared): x.y/Fixed"),
            "{}",
            r.text
        );
        assert!(r.text.contains("entries of shared naming no example: Gone"));

        // Fewer round trips than the baseline fail, as does a failure in no list.
        let r = report(&cases, &outcomes, &lists(false), Some(("b".to_string(), 3)));
        let error = r.verdict.expect_err("below the baseline");
        assert!(error.contains("fewer than the 3 recorded in b"), "{error}");
        let cases = [case("Fixed"), case("Other"), case("Fine")];
        let r = report(&cases, &outcomes, &lists(false), None);
        let error = r.verdict.expect_err("a failure in no list");
        assert!(
            error.contains("1 example(s) fail and are in no allowlist"),
            "{error}"
        );
    }
}
