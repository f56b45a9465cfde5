//! Conformance: compares our model with the official `schema.json`, endpoint by
//! endpoint (by name) and type by type (by namespace and name), as JSON values with
//! object key order ignored, and lists every differing leaf.
//!
//! Older official compilers write an older format of `schema.json`. Before comparing, our
//! model is mapped into the format of the official model at hand ([`into_format_of`]); what
//! the format is gets read off that model's own contents, never off a version:
//! - response value bodies without `codegenName`: when no response body of the official model
//!   has one (the compiler of branch 8.19 leaves the tag out of responses), ours drop theirs.
//! - availability as separate fields: when the official model's endpoints carry `stability`
//!   and no `availability` (the compiler of branch 7.17), every `availability: {stack: {since,
//!   stability, visibility, featureFlag}}` of ours (endpoints, properties, enum members) becomes
//!   those fields on the node itself; the older format has no serverless availability.
//! - generic parameters in their type's namespace: when a type's generic parameters are named
//!   in the type's own namespace (`_global.bulk` for `Request<TDocument>`, 7.17), ours, named
//!   in the type's (`_global.bulk.Request`), are renamed so.
//! - endpoint docs from the REST API spec file: when the official model is in that older
//!   format (endpoint-level `stability`), the compiler that wrote it took every endpoint's
//!   description and deprecation from its `_json_spec/*.json` file, not from the request
//!   (branch 7.17's official model matches its files' descriptions on all of its 403
//!   endpoints). Ours keeps what the file says in `Endpoint::rest_spec`, which is never
//!   serialized; [`model_value`] attaches it to the endpoint values as `restSpec` for this
//!   mapping, and the comparison removes `restSpec` in any case.
//!
//! Fields the older format shares with ours need no mapping: `inherits` on responses (which
//! ours carries where a response extends a class, as only older branches' do) and `request` /
//! `response` of `null` on an endpoint that only a REST API spec file lists.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::Value;

/// How many differences are listed in full (all are counted in `categories`).
const MAX_DIFFERENCES: usize = 2000;
/// How many differences are listed per endpoint or type.
const MAX_PER_ITEM: usize = 12;
/// How much of a value a difference line shows.
const MAX_VALUE_CHARS: usize = 160;

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub endpoints_equal: usize,
    pub endpoints_total: usize,
    pub types_equal: usize,
    pub types_total: usize,
    /// `types[_types.query_dsl.QueryContainer].properties[3].availability: ours ... theirs ...`
    pub differences: Vec<String>,
    /// Number of differences by kind: the last key of the path (`description`,
    /// `specLocation`, ...) or `missing type` / `extra type` and the like. Counts
    /// every difference, also those left out of `differences`.
    pub categories: BTreeMap<String, usize>,
    /// Differences found in total (before capping `differences`).
    pub total_differences: usize,
    /// The mappings into the official model's format that were applied to ours.
    pub format_mappings: Vec<&'static str>,
    /// Endpoints and types that differ only where the allowlist says the official compiler
    /// is wrong (counted neither as equal nor as differing).
    pub endpoints_allowlisted: usize,
    pub types_allowlisted: usize,
    /// Each allowlisted difference, with the allowlist's reason.
    pub allowlisted: Vec<String>,
}

impl Report {
    /// Every endpoint and type equal, or differing only where the allowlist allows.
    pub fn passes(&self) -> bool {
        self.endpoints_equal + self.endpoints_allowlisted == self.endpoints_total
            && self.types_equal + self.types_allowlisted == self.types_total
    }
}

/// Differences believed to be the official compiler's bugs, by their exact path
/// (`types[_types.NodeRoles].description`), each with its reason. Read from a file of
/// `path<TAB>reason` lines (`#` starts a comment line), `generator/conformance-allowlist.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    entries: BTreeMap<String, String>,
}

impl Allowlist {
    /// Parses the file's text; an entry without a reason, or listed twice, is an error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((path, reason)) = line.split_once('\t') else {
                return Err(format!("line {}: `path<TAB>reason` expected", i + 1));
            };
            let (path, reason) = (path.trim(), reason.trim());
            if path.is_empty() || reason.is_empty() {
                return Err(format!(
                    "line {}: an entry needs a path and a reason",
                    i + 1
                ));
            }
            if entries
                .insert(path.to_string(), reason.to_string())
                .is_some()
            {
                return Err(format!("line {}: `{path}` is listed twice", i + 1));
            }
        }
        Ok(Self { entries })
    }

    fn reason(&self, path: &str) -> Option<&str> {
        self.entries.get(path).map(String::as_str)
    }
}

/// A mapping of our model into an older format of `schema.json`.
struct Mapping {
    /// Shown in the report.
    name: &'static str,
    /// Whether the official model is in the format this maps into.
    applies: fn(theirs: &Value) -> bool,
    /// Rewrites our model.
    map: fn(ours: &mut Value),
}

const MAPPINGS: &[Mapping] = &[
    Mapping {
        name: "response value bodies without codegenName",
        applies: |theirs| {
            !types_of_kind(theirs, "response").any(|t| t.pointer("/body/codegenName").is_some())
        },
        map: |ours| {
            for t in types_of_kind_mut(ours, "response") {
                if let Some(body) = t.get_mut("body").and_then(Value::as_object_mut) {
                    body.remove("codegenName");
                }
            }
        },
    },
    Mapping {
        name: "availability as since/stability/visibility fields",
        applies: older_endpoint_format,
        map: split_availability,
    },
    Mapping {
        name: "endpoint description and deprecation from the REST API spec file",
        applies: older_endpoint_format,
        map: |ours| {
            for e in ours
                .get_mut("endpoints")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object_mut)
            {
                let Some(rest) = e.get(REST_SPEC).and_then(Value::as_object).cloned() else {
                    continue;
                };
                if let Some(d) = rest.get("description") {
                    e.insert("description".into(), d.clone());
                }
                match rest.get("deprecation") {
                    Some(d) => e.insert("deprecation".into(), d.clone()),
                    None => e.remove("deprecation"),
                };
            }
        },
    },
    Mapping {
        name: "generic parameters named in their type's namespace",
        applies: |theirs| {
            theirs
                .get("types")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|t| {
                    let ns = t.pointer("/name/namespace").and_then(Value::as_str);
                    t.get("generics")
                        .and_then(Value::as_array)
                        .and_then(|g| g.first())
                        .and_then(|g| g.get("namespace"))
                        .and_then(Value::as_str)
                        .is_some_and(|g| Some(g) == ns)
                })
        },
        map: |ours| {
            for t in ours
                .get_mut("types")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                let (Some(ns), Some(name)) = (
                    t.pointer("/name/namespace").and_then(Value::as_str),
                    t.pointer("/name/name").and_then(Value::as_str),
                ) else {
                    continue;
                };
                let (own, ns) = (format!("{ns}.{name}"), ns.to_string());
                rename_namespace(t, &own, &ns);
            }
        },
    },
];

/// The key under which [`model_value`] attaches an endpoint's `Endpoint::rest_spec`.
const REST_SPEC: &str = "restSpec";

/// Our model as a `schema.json`-shaped value for [`compare`]: the model's serialization (the
/// official shape), each endpoint with what its REST API spec file says (`restSpec`: its
/// description and deprecation), which only the mapping into the older format reads.
pub fn model_value(model: &crate::model::Model) -> Result<Value, serde_json::Error> {
    let mut v = serde_json::to_value(model)?;
    if let Some(endpoints) = v.get_mut("endpoints").and_then(Value::as_array_mut) {
        for (value, endpoint) in endpoints.iter_mut().zip(&model.endpoints) {
            if let (Some(o), Some(rest)) = (value.as_object_mut(), &endpoint.rest_spec) {
                o.insert(REST_SPEC.into(), serde_json::to_value(rest)?);
            }
        }
    }
    Ok(v)
}

/// The older format of `schema.json` (branch 7.17's compiler): endpoints carry `stability`
/// and no `availability`.
fn older_endpoint_format(theirs: &Value) -> bool {
    endpoints_of(theirs).any(|e| e.get("stability").is_some() && e.get("availability").is_none())
}

fn endpoints_of(model: &Value) -> impl Iterator<Item = &Value> {
    model
        .get("endpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// `availability: {stack: {since, stability, visibility, featureFlag}}` (endpoints, properties,
/// enum members) -> the same fields on the node itself; the older format has no serverless.
fn split_availability(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(a) = o.remove("availability")
                && let Some(stack) = a.get("stack").and_then(Value::as_object)
            {
                for (k, x) in stack {
                    o.insert(k.clone(), x.clone());
                }
            }
            for x in o.values_mut() {
                split_availability(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(split_availability),
        _ => {}
    }
}

/// Every `{"namespace": from, ...}` under `v` gets `to`.
fn rename_namespace(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Object(o) => {
            if o.get("namespace").and_then(Value::as_str) == Some(from) {
                o.insert("namespace".into(), Value::String(to.to_string()));
            }
            for x in o.values_mut() {
                rename_namespace(x, from, to);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rename_namespace(x, from, to)),
        _ => {}
    }
}

fn types_of_kind<'v>(model: &'v Value, kind: &'v str) -> impl Iterator<Item = &'v Value> {
    model
        .get("types")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(move |t| t.get("kind").and_then(Value::as_str) == Some(kind))
}

fn types_of_kind_mut<'v>(
    model: &'v mut Value,
    kind: &'v str,
) -> impl Iterator<Item = &'v mut Value> {
    model
        .get_mut("types")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter(move |t| t.get("kind").and_then(Value::as_str) == Some(kind))
}

/// Maps `ours` into the format of `theirs` (see the module docs); returns the mappings applied.
pub fn into_format_of(ours: &mut Value, theirs: &Value) -> Vec<&'static str> {
    let mut applied = Vec::new();
    for m in MAPPINGS {
        if (m.applies)(theirs) {
            (m.map)(ours);
            applied.push(m.name);
        }
    }
    for e in ours
        .get_mut("endpoints")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        e.remove(REST_SPEC);
    }
    applied
}

/// Compares two models given as `schema.json`-shaped values, ours mapped into the format of
/// theirs first.
pub fn compare(ours: &Value, theirs: &Value) -> Report {
    compare_allowing(ours, theirs, &Allowlist::default())
}

/// [`compare`], differences on the allowlist reported apart (see [`Report::passes`]).
pub fn compare_allowing(ours: &Value, theirs: &Value, allowlist: &Allowlist) -> Report {
    let mut mapped = ours.clone();
    let format_mappings = into_format_of(&mut mapped, theirs);
    let ours = &mapped;
    let mut report = Report {
        format_mappings,
        ..Report::default()
    };
    compare_section(
        ours.get("endpoints"),
        theirs.get("endpoints"),
        "endpoints",
        |v| v.get("name").and_then(Value::as_str).map(str::to_string),
        &mut report,
        allowlist,
        true,
    );
    compare_section(
        ours.get("types"),
        theirs.get("types"),
        "types",
        |v| {
            let n = v.get("name")?;
            Some(format!(
                "{}.{}",
                n.get("namespace")?.as_str()?,
                n.get("name")?.as_str()?
            ))
        },
        &mut report,
        allowlist,
        false,
    );
    report
}

fn compare_section(
    ours: Option<&Value>,
    theirs: Option<&Value>,
    section: &str,
    key: impl Fn(&Value) -> Option<String>,
    report: &mut Report,
    allowlist: &Allowlist,
    endpoints: bool,
) {
    let empty = Vec::new();
    let ours = ours.and_then(Value::as_array).unwrap_or(&empty);
    let theirs = theirs.and_then(Value::as_array).unwrap_or(&empty);
    let ours_by_key: HashMap<String, &Value> =
        ours.iter().filter_map(|v| Some((key(v)?, v))).collect();
    let theirs_keys: std::collections::HashSet<String> = theirs.iter().filter_map(&key).collect();
    let singular = if endpoints { "endpoint" } else { "type" };
    let mut equal = 0;
    let mut allowlisted = 0;
    for t in theirs {
        let Some(k) = key(t) else { continue };
        let path = format!("{section}[{k}]");
        match ours_by_key.get(&k) {
            Some(o) if values_equal(o, t) => equal += 1,
            Some(o) => {
                let mut diffs = Vec::new();
                diff(&path, o, t, &mut diffs);
                let (allowed, rest): (Vec<_>, Vec<_>) = diffs.into_iter().partition(|(_, line)| {
                    line.split_once(": ")
                        .is_some_and(|(p, _)| allowlist.reason(p).is_some())
                });
                for (_, line) in allowed {
                    let reason = line
                        .split_once(": ")
                        .and_then(|(p, _)| allowlist.reason(p))
                        .unwrap_or_default();
                    report
                        .allowlisted
                        .push(format!("{line}\n    allowlisted: {reason}"));
                }
                if rest.is_empty() {
                    allowlisted += 1;
                } else {
                    record(report, rest);
                }
            }
            None => record(
                report,
                vec![(
                    format!("missing {singular}"),
                    format!("{path}: missing in ours"),
                )],
            ),
        }
    }
    for o in ours {
        if let Some(k) = key(o)
            && !theirs_keys.contains(&k)
        {
            record(
                report,
                vec![(
                    format!("extra {singular}"),
                    format!("{section}[{k}]: only in ours"),
                )],
            );
        }
    }
    if endpoints {
        report.endpoints_equal = equal;
        report.endpoints_allowlisted = allowlisted;
        report.endpoints_total = theirs.len();
    } else {
        report.types_equal = equal;
        report.types_allowlisted = allowlisted;
        report.types_total = theirs.len();
    }
}

fn record(report: &mut Report, diffs: Vec<(String, String)>) {
    let n = diffs.len();
    for (i, (category, line)) in diffs.into_iter().enumerate() {
        *report.categories.entry(category).or_default() += 1;
        report.total_differences += 1;
        if i < MAX_PER_ITEM && report.differences.len() < MAX_DIFFERENCES {
            report.differences.push(line);
        }
    }
    if n > MAX_PER_ITEM && report.differences.len() < MAX_DIFFERENCES {
        report.differences.push(format!(
            "  ... and {} more differences in this item",
            n - MAX_PER_ITEM
        ));
    }
}

/// JSON equality with object key order ignored (array order matters).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| values_equal(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn show(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "<absent>".into();
    };
    let s = v.to_string();
    if s.chars().count() > MAX_VALUE_CHARS {
        let cut: String = s.chars().take(MAX_VALUE_CHARS).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn category(path: &str) -> String {
    // The last key of the path, without indices: `...properties[3].availability` -> `availability`.
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    last.to_string()
}

/// Collects `(category, line)` for every differing leaf under `path`.
fn diff(path: &str, ours: &Value, theirs: &Value, out: &mut Vec<(String, String)>) {
    if values_equal(ours, theirs) {
        return;
    }
    match (ours, theirs) {
        (Value::Object(o), Value::Object(t)) => {
            for (k, tv) in t {
                let p = format!("{path}.{k}");
                match o.get(k) {
                    Some(ov) => diff(&p, ov, tv, out),
                    None => out.push((
                        category(&p),
                        format!("{p}: ours <absent> theirs {}", show(Some(tv))),
                    )),
                }
            }
            for (k, ov) in o {
                if !t.contains_key(k) {
                    let p = format!("{path}.{k}");
                    out.push((
                        category(&p),
                        format!("{p}: ours {} theirs <absent>", show(Some(ov))),
                    ));
                }
            }
        }
        (Value::Array(o), Value::Array(t)) => {
            if let (Some(on), Some(tn)) = (names(o), names(t)) {
                // Arrays of named things (properties, members): match by name.
                for (i, (name, tv)) in tn.iter().enumerate() {
                    match on.iter().find(|(n, _)| n == name) {
                        Some((_, ov)) => diff(&format!("{path}[{i}]"), ov, tv, out),
                        None => out.push((
                            format!("{} missing", category(path)),
                            format!("{path}[{i}] `{name}`: missing in ours"),
                        )),
                    }
                }
                for (name, _) in &on {
                    if !tn.iter().any(|(n, _)| n == name) {
                        out.push((
                            format!("{} extra", category(path)),
                            format!("{path} `{name}`: only in ours"),
                        ));
                    }
                }
                let ours_order: Vec<&str> = on
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .filter(|n| tn.iter().any(|(t, _)| t == n))
                    .collect();
                let theirs_order: Vec<&str> = tn
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .filter(|n| on.iter().any(|(o, _)| o == n))
                    .collect();
                if ours_order != theirs_order {
                    out.push((
                        format!("{} order", category(path)),
                        format!("{path}: same items in a different order"),
                    ));
                }
            } else if o.len() == t.len() {
                for (i, (ov, tv)) in o.iter().zip(t).enumerate() {
                    diff(&format!("{path}[{i}]"), ov, tv, out);
                }
            } else {
                out.push((
                    category(path),
                    format!(
                        "{path}: ours {} theirs {}",
                        show(Some(ours)),
                        show(Some(theirs))
                    ),
                ));
            }
        }
        _ => out.push((
            category(path),
            format!(
                "{path}: ours {} theirs {}",
                show(Some(ours)),
                show(Some(theirs))
            ),
        )),
    }
}

/// `[(name, item)]` when every item is an object with a unique string `name`.
fn names(items: &[Value]) -> Option<Vec<(String, &Value)>> {
    if items.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        let n = v.get("name")?.as_str()?;
        if out.iter().any(|(m, _): &(String, &Value)| m == n) {
            return None;
        }
        out.push((n.to_string(), v));
    }
    Some(out)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "endpoints equal: {}/{}, types equal: {}/{}",
            self.endpoints_equal, self.endpoints_total, self.types_equal, self.types_total
        )?;
        if !self.allowlisted.is_empty() {
            writeln!(
                f,
                "allowlisted (the official compiler's bugs): {} endpoints, {} types, {} differences:",
                self.endpoints_allowlisted,
                self.types_allowlisted,
                self.allowlisted.len()
            )?;
            for a in &self.allowlisted {
                writeln!(f, "  {a}")?;
            }
        }
        for m in &self.format_mappings {
            writeln!(f, "mapped into the official model's format: {m}")?;
        }
        if !self.categories.is_empty() {
            writeln!(
                f,
                "differences by kind ({} in total):",
                self.total_differences
            )?;
            let mut cats: Vec<(&String, &usize)> = self.categories.iter().collect();
            cats.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (c, n) in cats {
                writeln!(f, "  {n:6}  {c}")?;
            }
        }
        for d in &self.differences {
            writeln!(f, "{d}")?;
        }
        if self.total_differences > self.differences.len() {
            writeln!(
                f,
                "... {} differences not listed",
                self.total_differences - self.differences.len()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn response_codegen_names_are_dropped_only_for_a_format_without_them() {
        let response = |name: Option<&str>| {
            let mut body = json!({"kind": "value", "value": {"kind": "instance_of"}});
            if let Some(n) = name {
                body["codegenName"] = json!(n);
            }
            json!({"endpoints": [], "types": [
                {"kind": "response", "name": {"namespace": "x", "name": "Response"}, "body": body}
            ]})
        };
        let ours = response(Some("result"));
        let old = compare(&ours, &response(None));
        assert_eq!((old.types_equal, old.types_total), (1, 1));
        assert_eq!(
            old.format_mappings,
            ["response value bodies without codegenName"]
        );
        let current = compare(&ours, &response(Some("other")));
        assert_eq!((current.types_equal, current.format_mappings.len()), (0, 0));
    }

    #[test]
    fn the_older_format_takes_endpoint_docs_from_the_rest_api_spec_file() {
        let ours = json!({"endpoints": [{"name": "a", "description": "From the request.",
            "deprecation": {"version": "7.0.0", "description": ""},
            "availability": {"stack": {"stability": "stable"}},
            "restSpec": {"description": "From the file."}}]});
        let older = json!({"endpoints": [{"name": "a", "description": "From the file.",
            "stability": "stable"}]});
        let r = compare(&ours, &older);
        assert_eq!(r.endpoints_equal, 1, "{r}");
        // The current format keeps the request's docs; `restSpec` is never compared.
        let current = json!({"endpoints": [{"name": "a", "description": "From the request.",
            "availability": {"stack": {"stability": "stable"}}, "deprecation": {"version": "7.0.0", "description": ""}}]});
        let r = compare(&ours, &current);
        assert_eq!(r.endpoints_equal, 1, "{r}");
        let r = compare(
            &ours,
            &json!({"endpoints": [{"name": "a", "description": "From the file."}]}),
        );
        assert_eq!(r.endpoints_equal, 0, "{r}");
    }

    #[test]
    fn allowlisted_differences_are_reported_apart_and_others_still_fail() {
        let allow =
            Allowlist::parse("# comment\ntypes[x.T].description\tthe compiler's bug\n").unwrap();
        let t = |d: &str, p: &str| {
            json!({"types": [{"kind": "interface", "name": {"namespace": "x", "name": "T"},
                "description": d, "properties": [{"name": p}]}]})
        };
        let r = compare_allowing(&t("ours", "p"), &t("theirs", "p"), &allow);
        assert_eq!(
            (r.types_equal, r.types_allowlisted, r.total_differences),
            (0, 1, 0),
            "{r}"
        );
        assert!(
            r.passes() && r.allowlisted[0].contains("the compiler's bug"),
            "{r}"
        );
        let r = compare_allowing(&t("ours", "p"), &t("theirs", "q"), &allow);
        assert_eq!((r.types_allowlisted, r.allowlisted.len()), (0, 1), "{r}");
        assert!(!r.passes(), "{r}");
        assert!(Allowlist::parse("types[x.T].description\n").is_err());
        assert!(Allowlist::parse("a\tr\na\tr\n").is_err());
    }

    #[test]
    fn the_older_format_has_split_availability_and_generics_in_the_type_namespace() {
        let ours = json!({
            "endpoints": [{"name": "a", "availability": {"stack": {"since": "7.7.0", "stability": "beta"}}}],
            "types": [{"kind": "interface", "name": {"namespace": "x", "name": "T"},
                "generics": [{"namespace": "x.T", "name": "V"}],
                "properties": [{"name": "p", "availability": {"stack": {"since": "7.10.0"}},
                    "type": {"kind": "instance_of", "type": {"namespace": "x.T", "name": "V"}}}]}]
        });
        let theirs = json!({
            "endpoints": [{"name": "a", "since": "7.7.0", "stability": "beta"}],
            "types": [{"kind": "interface", "name": {"namespace": "x", "name": "T"},
                "generics": [{"namespace": "x", "name": "V"}],
                "properties": [{"name": "p", "since": "7.10.0",
                    "type": {"kind": "instance_of", "type": {"namespace": "x", "name": "V"}}}]}]
        });
        let r = compare(&ours, &theirs);
        assert_eq!((r.endpoints_equal, r.types_equal), (1, 1), "{r}");
        assert!(
            r.format_mappings
                .contains(&"availability as since/stability/visibility fields")
        );
        // Against a model in the current format, nothing is mapped and both differ.
        let r = compare(&ours, &ours);
        assert_eq!((r.endpoints_equal, r.types_equal), (1, 1), "{r}");
        assert!(
            !r.format_mappings
                .iter()
                .any(|m| m.starts_with("availability") || m.starts_with("generic")),
            "{r}"
        );
        let r = compare(&theirs, &ours);
        assert_eq!((r.endpoints_equal, r.types_equal), (0, 0), "{r}");
    }

    #[test]
    fn counts_and_lists_differences() {
        let theirs = json!({
            "endpoints": [{"name": "a", "urls": []}, {"name": "b", "urls": []}],
            "types": [
                {"kind": "interface", "name": {"namespace": "x", "name": "T"}, "properties": [{"name": "p", "required": true}]},
                {"kind": "enum", "name": {"namespace": "x", "name": "E"}, "members": []}
            ]
        });
        let ours = json!({
            "endpoints": [{"urls": [], "name": "a"}, {"name": "b", "urls": [{"path": "/"}]}],
            "types": [
                {"kind": "interface", "name": {"namespace": "x", "name": "T"}, "properties": [{"name": "p", "required": false}]},
                {"kind": "enum", "name": {"namespace": "y", "name": "E"}, "members": []}
            ]
        });
        let r = compare(&ours, &theirs);
        assert_eq!((r.endpoints_equal, r.endpoints_total), (1, 2));
        assert_eq!((r.types_equal, r.types_total), (0, 2));
        assert!(
            r.differences
                .iter()
                .any(|d| d == "types[x.T].properties[0].required: ours false theirs true")
        );
        assert!(
            r.differences
                .iter()
                .any(|d| d == "types[x.E]: missing in ours")
        );
        assert!(
            r.differences
                .iter()
                .any(|d| d == "types[y.E]: only in ours")
        );
        assert!(
            r.to_string()
                .starts_with("endpoints equal: 1/2, types equal: 0/2\n")
        );
    }
}
