//! Every upstream request and response example of our endpoints decodes into the generated
//! type and encodes back to the same JSON.
//!
//! The examples come from the upstream specification in `../shared/es-specification` (the
//! test says so and passes when it is not there). Values that are not JSON (Kibana `"""`
//! strings, `//` comments, NDJSON, a request shown only by its url) can't be round-tripped:
//! they are classified and counted apart. Examples that are wrong upstream are listed with the
//! reason in `tests/examples-allowlist.txt`. `cargo xtask examples` does the same for every
//! endpoint of the upstream specification.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;

use elasticsearch_typed::security;
use generator::example_check::{Allowlist, ExampleCase, Payload, Role, first_difference};
use serde_json::Value;

/// Decodes a JSON value into a type and encodes it again; also where the decoded value holds
/// a catch-all variant.
type RoundTrip = fn(&Value) -> Result<(Value, Vec<String>), String>;

macro_rules! round_trip {
    ($ty:ty) => {
        (
            std::any::type_name::<$ty>(),
            (|value: &Value| {
                let decoded: $ty =
                    serde_path_to_error::deserialize(value.clone()).map_err(|e| {
                        format!("does not decode at {}: {}", json_path(e.path()), e.inner())
                    })?;
                let catch_alls = elasticsearch_typed::catch_alls(&decoded)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                // Encoded as the client sends it.
                let bytes =
                    serde_json::to_vec(&decoded).map_err(|e| format!("does not encode: {e}"))?;
                let back =
                    serde_json::from_slice(&bytes).map_err(|e| format!("invalid JSON: {e}"))?;
                Ok((back, catch_alls))
            }) as RoundTrip,
        )
    };
}

/// `$.api_keys[0]` for serde_path_to_error's `api_keys[0]`.
fn json_path(path: &serde_path_to_error::Path) -> String {
    match path.to_string().as_str() {
        "." => "$".to_string(),
        p if p.starts_with('[') => format!("${p}"),
        p => format!("$.{p}"),
    }
}

/// One endpoint: its request body type (if it has a body) and its response type.
struct Target {
    endpoint: &'static str,
    request: Option<(&'static str, RoundTrip)>,
    response: (&'static str, RoundTrip),
}

fn targets() -> Vec<Target> {
    use security::*;
    vec![
        Target {
            endpoint: "security.authenticate",
            request: None,
            response: round_trip!(authenticate::AuthenticateResponse),
        },
        Target {
            endpoint: "security.bulk_update_api_keys",
            request: Some(round_trip!(
                bulk_update_api_keys::BulkUpdateApiKeysRequestBody
            )),
            response: round_trip!(bulk_update_api_keys::BulkUpdateApiKeysResponse),
        },
        Target {
            endpoint: "security.clear_api_key_cache",
            request: None,
            response: round_trip!(clear_api_key_cache::ClearApiKeyCacheResponse),
        },
        Target {
            endpoint: "security.clone_api_key",
            request: Some(round_trip!(clone_api_key::CloneApiKeyRequestBody)),
            response: round_trip!(clone_api_key::CloneApiKeyResponse),
        },
        Target {
            endpoint: "security.create_api_key",
            request: Some(round_trip!(create_api_key::CreateApiKeyRequestBody)),
            response: round_trip!(create_api_key::CreateApiKeyResponse),
        },
        Target {
            endpoint: "security.create_cross_cluster_api_key",
            request: Some(round_trip!(
                create_cross_cluster_api_key::CreateCrossClusterApiKeyRequestBody
            )),
            response: round_trip!(create_cross_cluster_api_key::CreateCrossClusterApiKeyResponse),
        },
        Target {
            endpoint: "security.get_api_key",
            request: None,
            response: round_trip!(get_api_key::GetApiKeyResponse),
        },
        Target {
            endpoint: "security.grant_api_key",
            request: Some(round_trip!(grant_api_key::GrantApiKeyRequestBody)),
            response: round_trip!(grant_api_key::GrantApiKeyResponse),
        },
        Target {
            endpoint: "security.invalidate_api_key",
            request: Some(round_trip!(invalidate_api_key::InvalidateApiKeyRequestBody)),
            response: round_trip!(invalidate_api_key::InvalidateApiKeyResponse),
        },
        Target {
            endpoint: "security.query_api_keys",
            request: Some(round_trip!(query_api_keys::QueryApiKeysRequestBody)),
            response: round_trip!(query_api_keys::QueryApiKeysResponse),
        },
        Target {
            endpoint: "security.update_api_key",
            request: Some(round_trip!(update_api_key::UpdateApiKeyRequestBody)),
            response: round_trip!(update_api_key::UpdateApiKeyResponse),
        },
        Target {
            endpoint: "security.update_cross_cluster_api_key",
            request: Some(round_trip!(
                update_cross_cluster_api_key::UpdateCrossClusterApiKeyRequestBody
            )),
            response: round_trip!(update_cross_cluster_api_key::UpdateCrossClusterApiKeyResponse),
        },
    ]
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The table above names the types the emitter names for these endpoints.
#[test]
fn targets_are_the_emitters() {
    let model = generator::parse::parse_spec(&workspace().join("spec")).expect("spec/ parses");
    let emitted =
        generator::emit::example_targets(&model, &Default::default()).expect("spec/ emits");
    let ours = targets();
    assert_eq!(
        emitted
            .iter()
            .map(|t| t.endpoint.as_str())
            .collect::<Vec<_>>(),
        ours.iter().map(|t| t.endpoint).collect::<Vec<_>>(),
        "the endpoints of spec/ changed: update `targets()`"
    );
    for (emitted, ours) in emitted.iter().zip(&ours) {
        assert_eq!(
            emitted.request_body_type.as_deref(),
            ours.request.map(|(name, _)| name),
            "{}: request body type",
            ours.endpoint
        );
        assert_eq!(
            emitted.response_type.as_deref(),
            Some(ours.response.0),
            "{}: response type",
            ours.endpoint
        );
    }
}

#[derive(Default)]
struct Tally {
    examples: usize,
    round_tripped: usize,
    /// Failing, but wrong upstream (in the allowlist).
    allowed: usize,
    /// Decoded into a catch-all where the spec defines a variant (a failure, allowed or not).
    catch_all: usize,
    /// Examples that can't be round-tripped, by class.
    not_json: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn line(&self) -> String {
        let mut line = format!(
            "examples round-tripped: {}/{}",
            self.round_tripped, self.examples
        );
        let mut notes = Vec::new();
        if self.allowed > 0 {
            notes.push(format!("{} wrong upstream, allowlisted", self.allowed));
        }
        if self.catch_all > 0 {
            notes.push(format!("{} decoded into a catch-all", self.catch_all));
        }
        for (class, n) in &self.not_json {
            notes.push(format!("{n} not JSON: {class}"));
        }
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join("; ")));
        }
        line
    }
}

/// Prints a line even when the test passes (straight to stderr, which the test harness
/// doesn't capture, unlike `println!`).
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn upstream_examples_round_trip() {
    let upstream = workspace().join("../shared/es-specification/specification");
    if !upstream.is_dir() {
        say(&format!(
            "NOTICE: the upstream specification ({}) is missing; skipping the example round trips",
            upstream.display()
        ));
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true, but the upstream specification is missing"
        );
        return;
    }
    let model = generator::parse::parse_spec(&upstream)
        .unwrap_or_else(|e| panic!("the upstream specification does not parse:\n{e}"));
    let cases = generator::example_check::collect(&model, &upstream);
    let allowlist = Allowlist::load(&workspace().join("tests/examples-allowlist.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    let targets = targets();

    let mut failures = Vec::new();
    let mut total = Tally::default();
    for target in &targets {
        let mine: Vec<&ExampleCase> = cases
            .iter()
            .filter(|c| c.endpoint == target.endpoint)
            .collect();
        let mut tally = Tally::default();
        for case in mine {
            tally.examples += 1;
            let value = match case.payload() {
                Payload::Json(value) => value,
                Payload::NotJson(class) => {
                    *tally.not_json.entry(class).or_default() += 1;
                    continue;
                }
                Payload::NoValue => {
                    *tally.not_json.entry("no value (url only)").or_default() += 1;
                    continue;
                }
            };
            let round_trip = match case.role {
                Role::Request => target.request.map(|(_, f)| f),
                Role::Response => Some(target.response.1),
                Role::Error(_) => None,
            };
            let Some(round_trip) = round_trip else {
                failures.push(format!(
                    "{} ({}): a {} example, but the endpoint has no such body",
                    case.name, case.file, case.role
                ));
                continue;
            };
            let failure = match round_trip(&value) {
                Ok((_, catch_alls)) if !catch_alls.is_empty() => {
                    tally.catch_all += 1;
                    Some(format!(
                        "decoded into a catch-all at {}",
                        catch_alls.join(", ")
                    ))
                }
                Ok((back, _)) => first_difference(&value, &back).map(|d| d.to_string()),
                Err(e) => Some(e),
            };
            match (failure, allowlist.entry(case)) {
                (None, None) => tally.round_tripped += 1,
                (None, Some((name, _))) => {
                    tally.round_tripped += 1;
                    say(&format!(
                        "NOTICE: {name} is allowlisted but round-trips: remove it"
                    ));
                }
                (Some(why), Some((_, reason))) => {
                    tally.allowed += 1;
                    say(&format!("allowed: {} ({why}): {reason}", case.name));
                }
                (Some(why), None) => failures.push(format!("{} ({}): {why}", case.name, case.file)),
            }
        }
        say(&format!("{}: {}", target.endpoint, tally.line()));
        total.examples += tally.examples;
        total.round_tripped += tally.round_tripped;
        total.allowed += tally.allowed;
        total.catch_all += tally.catch_all;
        for (class, n) in tally.not_json {
            *total.not_json.entry(class).or_default() += n;
        }
    }
    say(&format!("total: {}", total.line()));
    say(&format!("decoded into a catch-all: {}", total.catch_all));
    assert!(
        total.examples > 0,
        "no upstream examples found for our endpoints"
    );
    assert!(
        failures.is_empty(),
        "{} example(s) don't round-trip:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// A class with a shortcut property is written back in the form it was read in, and a value
/// built in code takes the short form when only the shortcut property is set.
#[test]
fn shortcut_properties_keep_their_form() {
    use elasticsearch_typed::types::query_dsl::TermQuery;
    for text in [r#""x""#, r#"{"value":"x"}"#, r#"{"value":"x","boost":2.0}"#] {
        let value: Value = serde_json::from_str(text).expect("JSON");
        let query: TermQuery = serde_json::from_value(value.clone()).expect("decodes");
        assert_eq!(
            serde_json::to_value(&query).expect("encodes"),
            value,
            "{text}"
        );
    }
    let short: TermQuery = serde_json::from_str(r#""x""#).expect("decodes");
    let full: TermQuery = serde_json::from_str(r#"{"value":"x"}"#).expect("decodes");
    assert_eq!(short, full, "the form is formatting, not data");
    let built = TermQuery::new(serde_json::from_str(r#""x""#).expect("a field value"));
    assert_eq!(
        serde_json::to_value(&built).expect("encodes"),
        serde_json::json!("x")
    );
}
