//! The spec's request and response examples as test cases for the generated crate: which
//! endpoint and body each one belongs to, whether its value is JSON at all, and where a
//! decoded-then-encoded value first differs from the original.
//!
//! Used by the round-trip test of our endpoints (`tests/tests/examples.rs`) and by
//! `cargo xtask examples` for the whole upstream specification.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value;

use crate::model::{Body, Example, Model, Property, TypeAlias, TypeDefinition, Variants};
use crate::parse::examples::{ValueKind, classify_value};

/// Which body an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The request body.
    Request,
    /// The body of a successful response.
    Response,
    /// The body of an error response with this status.
    Error(u16),
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Role::Request => f.write_str("request"),
            Role::Response => f.write_str("response"),
            Role::Error(status) => write!(f, "{status} response"),
        }
    }
}

/// One example file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleCase {
    /// The file name without extension, `SecurityCreateApiKeyRequestExample1`.
    pub name: String,
    /// The endpoint whose folder holds the file.
    pub endpoint: String,
    pub role: Role,
    /// The file, relative to the spec folder.
    pub file: String,
    /// Whether the model carries it (the official layout: `examples/request`,
    /// `examples/response` or `examples/200_response`). Other files are found on disk.
    pub in_model: bool,
    /// The example's `value`, as text.
    pub value: Option<String>,
}

/// What an example's value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// One JSON document: can be round-tripped.
    Json(Value),
    /// Something else; the reason is its class (`NDJSON`, `` `//` comments ``, ...).
    NotJson(&'static str),
    /// No `value` at all (a request without a body, shown by its method and url).
    NoValue,
}

impl ExampleCase {
    /// `endpoint/name`, unique over the whole specification.
    pub fn id(&self) -> String {
        format!("{}/{}", self.endpoint, self.name)
    }

    /// The namespace of the endpoint (`_global` for endpoints without one).
    pub fn namespace(&self) -> &str {
        self.endpoint
            .split_once('.')
            .map_or("_global", |(namespace, _)| namespace)
    }

    /// The value, classified by [`classify_value`].
    pub fn payload(&self) -> Payload {
        let Some(text) = &self.value else {
            return Payload::NoValue;
        };
        match classify_value(text) {
            ValueKind::Json => match serde_json::from_str(text) {
                Ok(value) => Payload::Json(value),
                Err(_) => Payload::NotJson("invalid JSON"),
            },
            ValueKind::Ndjson => Payload::NotJson("NDJSON"),
            ValueKind::NotJson(reason) => Payload::NotJson(reason),
        }
    }
}

/// Every example of the endpoints of `model` (parsed from `spec_dir`): those the model
/// carries on its requests and responses, then the files under an endpoint's `examples/`
/// folder that the official layout leaves out (other status folders, files outside any
/// folder), read from disk. Sorted by endpoint, then file.
pub fn collect(model: &Model, spec_dir: &Path) -> Vec<ExampleCase> {
    let index = model.type_index();
    let mut cases = Vec::new();
    for endpoint in &model.endpoints {
        let Some((request_name, response_name)) = endpoint.types() else {
            continue;
        };
        let Some(TypeDefinition::Request(request)) = index.get(request_name) else {
            continue;
        };
        let dir = request
            .spec_location
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir);
        let response_examples = match index.get(response_name) {
            Some(TypeDefinition::Response(response)) => response.examples.as_ref(),
            _ => None,
        };
        let mut known: HashMap<(&str, &str), (Role, &Example)> = HashMap::new();
        for (name, example) in request.examples.iter().flatten() {
            known.insert(("request", name.as_str()), (Role::Request, example));
        }
        // The parser reads `examples/response`, or else `examples/200_response`.
        let examples_dir = spec_dir.join(dir).join("examples");
        let response_folder = if examples_dir.join("response").is_dir() {
            "response"
        } else {
            "200_response"
        };
        for (name, example) in response_examples.into_iter().flatten() {
            known.insert((response_folder, name.as_str()), (Role::Response, example));
        }
        let mut files = Vec::new();
        yaml_files(&examples_dir, "", &mut files);
        files.sort();
        for relative in files {
            let (folder, file_name) = relative.rsplit_once('/').unwrap_or(("", &relative));
            let name = file_name
                .rsplit_once('.')
                .map_or(file_name, |(stem, _)| stem)
                .to_string();
            let file = format!("{dir}/examples/{relative}");
            if let Some(&(role, example)) = known.get(&(folder, name.as_str())) {
                cases.push(ExampleCase {
                    name,
                    endpoint: endpoint.name.clone(),
                    role,
                    file,
                    in_model: true,
                    value: example.value.clone(),
                });
                continue;
            }
            let text = std::fs::read_to_string(spec_dir.join(&file)).unwrap_or_default();
            let example = crate::parse::examples::example(&file, &text).ok();
            let role = off_layout_role(folder, &name, example.as_ref());
            cases.push(ExampleCase {
                name,
                endpoint: endpoint.name.clone(),
                role,
                file,
                in_model: false,
                value: example.and_then(|e| e.value),
            });
        }
        // Examples the model has but the folder scan missed (not expected; kept so that
        // nothing the model carries goes unchecked).
        let mut missing: BTreeMap<(Role, &str), &Example> = BTreeMap::new();
        for (&(_, name), &(role, example)) in &known {
            let found = cases.iter().any(|c| {
                c.endpoint == endpoint.name && c.in_model && c.role == role && c.name == name
            });
            if !found {
                missing.insert((role, name), example);
            }
        }
        for ((role, name), example) in missing {
            cases.push(ExampleCase {
                name: name.to_string(),
                endpoint: endpoint.name.clone(),
                role,
                file: format!("{dir}/examples/{name}.yaml"),
                in_model: true,
                value: example.value.clone(),
            });
        }
    }
    cases.sort_by(|a, b| (&a.endpoint, &a.file).cmp(&(&b.endpoint, &b.file)));
    cases
}

/// `.yaml`/`.yml` files under `dir`, as paths relative to it.
fn yaml_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            yaml_files(&entry.path(), &relative, out);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(relative);
        }
    }
}

/// The body an example outside the official layout shows: its `type` when it states one,
/// else its name (`...RequestExample1`), else its folder (`400_response`).
fn off_layout_role(folder: &str, name: &str, example: Option<&Example>) -> Role {
    let status = folder
        .strip_suffix("_response")
        .and_then(|code| code.parse::<u16>().ok())
        .or_else(|| example.and_then(|e| e.response_code));
    let response = || match status {
        Some(code) if code >= 300 => Role::Error(code),
        _ => Role::Response,
    };
    match example.and_then(|e| e.type_.as_deref()) {
        Some("request") => return Role::Request,
        Some("response") => return response(),
        _ => {}
    }
    if name.contains("Request") && !name.contains("Response") {
        Role::Request
    } else if name.contains("Response") || status.is_some() {
        response()
    } else {
        Role::Request
    }
}

/// Where two JSON values first differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// A JSON path: `$.query.bool.must[0]`.
    pub path: String,
    /// The value in the example (`None`: absent).
    pub expected: Option<Value>,
    /// The value after decoding and encoding (`None`: absent).
    pub actual: Option<Value>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Value>| match v {
            Some(v) => {
                let text = v.to_string();
                if text.chars().count() > 160 {
                    let cut: String = text.chars().take(160).collect();
                    format!("{cut}...")
                } else {
                    text
                }
            }
            None => "(absent)".to_string(),
        };
        write!(
            f,
            "at {}: example has {}, re-encoded has {}",
            self.path,
            show(&self.expected),
            show(&self.actual)
        )
    }
}

/// The first place where `actual` differs from `expected` (object members in `expected`'s
/// order, then members only `actual` has), or `None` when they are equal.
pub fn first_difference(expected: &Value, actual: &Value) -> Option<Difference> {
    diff_at("$".to_string(), expected, actual)
}

fn diff_at(path: String, expected: &Value, actual: &Value) -> Option<Difference> {
    if expected == actual {
        return None;
    }
    let differ = |path: String| {
        Some(Difference {
            path,
            expected: Some(expected.clone()),
            actual: Some(actual.clone()),
        })
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let child = member_path(&path, key);
                match a.get(key) {
                    Some(av) => {
                        if let Some(d) = diff_at(child, ev, av) {
                            return Some(d);
                        }
                    }
                    None => {
                        return Some(Difference {
                            path: child,
                            expected: Some(ev.clone()),
                            actual: None,
                        });
                    }
                }
            }
            a.iter()
                .find(|(key, _)| !e.contains_key(*key))
                .map(|(key, av)| Difference {
                    path: member_path(&path, key),
                    expected: None,
                    actual: Some(av.clone()),
                })
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (ev, av))| diff_at(format!("{path}[{i}]"), ev, av)),
        _ => differ(path),
    }
}

fn member_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
    if plain {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{}]", Value::String(key.to_string()))
    }
}

/// What the spec declares equivalent on the wire, for comparing a re-encoded example with
/// the original beyond exact equality:
///
/// - a property written under one of its `@aliases` (`aggs`) and re-encoded under its name
///   (`aggregations`), likewise an enum value (`1d` re-encoded as `day`);
/// - a number re-encoded with the same value in another form (`80` read into a `double` and
///   written as `80.0`): JSON numbers have no type, and Elasticsearch reads both alike.
#[derive(Debug, Clone, Default)]
pub struct Equivalences {
    /// Alias -> the property names it stands for (anywhere in the model).
    aliases: HashMap<String, BTreeSet<String>>,
    /// Alias -> the enum values it stands for (anywhere in the model).
    values: HashMap<String, BTreeSet<String>>,
    /// `(tag, default)` of the internally tagged unions with a default tag: a value read
    /// without its tag is written back with the default stated.
    default_tags: BTreeSet<(String, String)>,
}

impl Equivalences {
    /// The aliases of every property of the model.
    pub fn from_model(model: &Model) -> Self {
        let mut aliases: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut add = |props: &[Property]| {
            for p in props {
                for alias in &p.aliases {
                    aliases
                        .entry(alias.clone())
                        .or_default()
                        .insert(p.name.clone());
                }
            }
        };
        for def in &model.types {
            match def {
                TypeDefinition::Interface(i) => add(&i.properties),
                TypeDefinition::Request(r) => {
                    if let Body::Properties { properties } = &r.body {
                        add(properties);
                    }
                }
                TypeDefinition::Response(r) => {
                    if let Body::Properties { properties } = &r.body {
                        add(properties);
                    }
                }
                TypeDefinition::Enum(_) | TypeDefinition::TypeAlias(_) => {}
            }
        }
        let mut values: HashMap<String, BTreeSet<String>> = HashMap::new();
        for def in &model.types {
            if let TypeDefinition::Enum(e) = def {
                for member in &e.members {
                    for alias in &member.aliases {
                        values
                            .entry(alias.clone())
                            .or_default()
                            .insert(member.name.clone());
                    }
                }
            }
        }
        let default_tags = model
            .types
            .iter()
            .filter_map(|def| match def {
                TypeDefinition::TypeAlias(TypeAlias {
                    variants:
                        Some(Variants::InternalTag {
                            tag,
                            default_tag: Some(default),
                            ..
                        }),
                    ..
                }) => Some((tag.clone(), default.clone())),
                _ => None,
            })
            .collect();
        Equivalences {
            aliases,
            values,
            default_tags,
        }
    }

    /// The first place where `actual` differs from `expected` beyond what these
    /// equivalences allow.
    pub fn first_difference(&self, expected: &Value, actual: &Value) -> Option<Difference> {
        self.diff_at("$".to_string(), expected, actual)
    }

    fn diff_at(&self, path: String, expected: &Value, actual: &Value) -> Option<Difference> {
        let differ = |path: String| {
            Some(Difference {
                path,
                expected: Some(expected.clone()),
                actual: Some(actual.clone()),
            })
        };
        match (expected, actual) {
            (Value::Number(e), Value::Number(a)) => {
                let same = match (e.as_i128(), a.as_i128()) {
                    (Some(e), Some(a)) => e == a,
                    _ => e.as_f64() == a.as_f64(),
                };
                if same { None } else { differ(path) }
            }
            (Value::Object(e), Value::Object(a)) => {
                let mut renamed: BTreeSet<&str> = BTreeSet::new();
                for (key, ev) in e {
                    let child = member_path(&path, key);
                    let found = a.get(key).or_else(|| {
                        let names = self.aliases.get(key)?;
                        let name = names
                            .iter()
                            .find(|n| a.contains_key(*n) && !e.contains_key(*n))?;
                        renamed.insert(name);
                        a.get(name)
                    });
                    match found {
                        Some(av) => {
                            if let Some(d) = self.diff_at(child, ev, av) {
                                return Some(d);
                            }
                        }
                        None => {
                            return Some(Difference {
                                path: child,
                                expected: Some(ev.clone()),
                                actual: None,
                            });
                        }
                    }
                }
                let stated_default = |key: &str, value: &Value| {
                    value.as_str().is_some_and(|v| {
                        self.default_tags
                            .contains(&(key.to_string(), v.to_string()))
                    })
                };
                a.iter()
                    .find(|(key, av)| {
                        !e.contains_key(*key)
                            && !renamed.contains(key.as_str())
                            && !stated_default(key, av)
                    })
                    .map(|(key, av)| Difference {
                        path: member_path(&path, key),
                        expected: None,
                        actual: Some(av.clone()),
                    })
            }
            (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
                .iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (ev, av))| self.diff_at(format!("{path}[{i}]"), ev, av)),
            (Value::String(e), Value::String(a))
                if self.values.get(e).is_some_and(|names| names.contains(a)) =>
            {
                None
            }
            _ if expected == actual => None,
            _ => differ(path),
        }
    }
}

/// Examples known to fail because the upstream specification is wrong, with the reason.
///
/// One per line, `Name  reason`; `#` starts a comment. `Name` is an example's file name
/// without extension, or `endpoint/Name` where the name alone is ambiguous.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    entries: BTreeMap<String, String>,
}

impl Allowlist {
    pub fn parse(text: &str) -> Result<Allowlist, String> {
        let mut entries = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, reason) = line
                .split_once(char::is_whitespace)
                .map_or((line, ""), |(name, reason)| (name, reason.trim()));
            if reason.is_empty() {
                return Err(format!("line {}: `{name}` needs a reason", n + 1));
            }
            if entries
                .insert(name.to_string(), reason.to_string())
                .is_some()
            {
                return Err(format!("line {}: `{name}` is listed twice", n + 1));
            }
        }
        Ok(Allowlist { entries })
    }

    /// The list in `path`; empty when there is no such file.
    pub fn load(path: &Path) -> Result<Allowlist, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Allowlist::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Allowlist::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The entry naming `case`: `(name as listed, reason)`.
    pub fn entry(&self, case: &ExampleCase) -> Option<(&str, &str)> {
        self.entries
            .get_key_value(&case.id())
            .or_else(|| self.entries.get_key_value(&case.name))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every listed name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_the_first_path() {
        let a = json!({"a": {"b": [1, 2, {"c": "x"}]}, "d": 1});
        assert_eq!(first_difference(&a, &a), None);
        let b = json!({"a": {"b": [1, 2, {"c": "y"}]}, "d": 1});
        let d = first_difference(&a, &b).expect("differs");
        assert_eq!(d.path, "$.a.b[2].c");
        assert_eq!(d.expected, Some(json!("x")));
        assert_eq!(d.actual, Some(json!("y")));
        let c = json!({"a": {"b": [1, 2, {"c": "x"}]}});
        let d = first_difference(&a, &c).expect("differs");
        assert_eq!((d.path.as_str(), d.actual), ("$.d", None));
        let e = json!({"a": {"b": [1, 2, {"c": "x"}]}, "d": 1, "my key": 2});
        let d = first_difference(&a, &e).expect("differs");
        assert_eq!((d.path.as_str(), d.expected), ("$[\"my key\"]", None));
        let d = first_difference(&json!([1]), &json!([1, 2])).expect("differs");
        assert_eq!(d.path, "$");
        let d = first_difference(&json!({"n": 1}), &json!({"n": 1.0})).expect("differs");
        assert_eq!(d.to_string(), "at $.n: example has 1, re-encoded has 1.0");
    }

    #[test]
    fn equivalences_allow_aliases_and_number_forms() {
        let eq = Equivalences {
            aliases: [("aggs".to_string(), ["aggregations".to_string()].into())].into(),
            values: [("1d".to_string(), ["day".to_string()].into())].into(),
            default_tags: [("type".to_string(), "object".to_string())].into(),
        };
        assert_eq!(eq.first_difference(&json!(["1d"]), &json!(["day"])), None);
        assert!(
            eq.first_difference(&json!(["day"]), &json!(["1d"]))
                .is_some()
        );
        let example = json!({"aggs": {"a": {"avg": {"field": "x"}}}, "size": 80});
        let back = json!({"aggregations": {"a": {"avg": {"field": "x"}}}, "size": 80.0});
        assert!(first_difference(&example, &back).is_some());
        assert_eq!(eq.first_difference(&example, &back), None);
        let lost = json!({"aggregations": {"a": {"avg": {}}}, "size": 80.0});
        let d = eq.first_difference(&example, &lost).expect("differs");
        assert_eq!(d.path, "$.aggs.a.avg.field");
        let other = json!({"aggs": {}, "size": 81});
        let d = eq
            .first_difference(&json!({"aggs": {}, "size": 80}), &other)
            .expect("differs");
        assert_eq!(d.path, "$.size");
        let extra = json!({"aggregations": {}, "aggs": {}});
        let d = eq
            .first_difference(&json!({"aggs": {}}), &extra)
            .expect("differs");
        assert_eq!(d.path, "$.aggregations");
        // A default tag stated on the way back is the same value; another tag is not.
        let untagged = json!({"properties": {}});
        assert_eq!(
            eq.first_difference(&untagged, &json!({"type": "object", "properties": {}})),
            None
        );
        let d = eq
            .first_difference(&untagged, &json!({"type": "nested", "properties": {}}))
            .expect("differs");
        assert_eq!(d.path, "$.type");
    }

    #[test]
    fn allowlist_lines() {
        let list = Allowlist::parse("# comment\n\nA  the spec is wrong\nx.y/B\tmissing field\n")
            .expect("parses");
        assert_eq!(list.names().collect::<Vec<_>>(), ["A", "x.y/B"]);
        let case = ExampleCase {
            name: "B".into(),
            endpoint: "x.y".into(),
            role: Role::Request,
            file: String::new(),
            in_model: true,
            value: None,
        };
        assert_eq!(list.entry(&case), Some(("x.y/B", "missing field")));
        assert!(Allowlist::parse("A").is_err());
        assert!(Allowlist::parse("A x\nA y").is_err());
    }

    #[test]
    fn off_layout_files_get_a_role() {
        assert_eq!(
            off_layout_role("400_response", "SynonymsPutRequestExample1", None),
            Role::Request
        );
        assert_eq!(
            off_layout_role("400_response", "SynonymsPutResponseExample1", None),
            Role::Error(400)
        );
        assert_eq!(
            off_layout_role("", "PutDeepSeekRequestExample1", None),
            Role::Request
        );
        assert_eq!(off_layout_role("201_response", "X", None), Role::Response);
    }
}
