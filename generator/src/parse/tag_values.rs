//! The values of JSDoc tags: `@availability` (and the older dialect's `@since`, `@stability`,
//! `@visibility`), `@deprecated`, `@server_default`
//! (typed by the property's type), `@variants`, `@behavior_meta`, doc ids and urls,
//! and the small value syntaxes they use (comma lists, `key=value`, JavaScript numbers
//! and array literals).

use indexmap::IndexMap;

use super::files::SourceFile;
use super::json_spec::JsonApi;
use super::lower::{Errors, Lowerer, tag_error};
use super::resolve::DeclId;
use super::syntax::Heritage;
use super::tags::{Docs, Tag, trim_js};
use crate::model::{
    Availabilities, Availability, Deprecation, Property, ServerDefault, TypeDocs, TypeName,
    ValueOf, Variants,
};

/// Type names whose `@server_default` is a number.
const NUMERIC_TYPES: &[&str] = &[
    "number",
    "short",
    "byte",
    "integer",
    "uint",
    "long",
    "ulong",
    "float",
    "double",
    "Percentage",
];

impl Lowerer<'_> {
    pub fn server_default(
        &self,
        file: &SourceFile,
        tag: &Tag,
        p: &Property,
        errs: &mut Errors,
    ) -> Option<ServerDefault> {
        let value = tag.value.as_str();
        let fail = |errs: &mut Errors, msg: String| {
            errs.push(tag_error(file, tag, msg));
            None
        };
        // On a required property a default never applies, but it is what the spec says and the
        // model keeps it (7.17's `AnalysisConfig.bucket_span`, where a stray `* ` before the tag
        // made the older TypeScript of that branch's compiler read it as text).
        match &p.type_ {
            ValueOf::InstanceOf(i) => {
                let name = i.type_name.name.as_str();
                if name == "boolean" && i.type_name.namespace == crate::model::BUILTINS_NAMESPACE {
                    match value {
                        "true" => Some(ServerDefault::Bool(true)),
                        "false" => Some(ServerDefault::Bool(false)),
                        _ => fail(
                            errs,
                            format!(
                                "`@server_default {value}` does not fit boolean property `{}`: expected `true` or `false`",
                                p.name
                            ),
                        ),
                    }
                } else if NUMERIC_TYPES.contains(&name) {
                    match js_parse_number(value).and_then(js_number) {
                        Some(n) => Some(ServerDefault::Number(n)),
                        None => fail(
                            errs,
                            format!(
                                "`@server_default {value}` does not fit numeric property `{}` of type `{name}`",
                                p.name
                            ),
                        ),
                    }
                } else {
                    Some(ServerDefault::String(value.to_string()))
                }
            }
            ValueOf::UnionOf { items } => {
                let value_type = if value == "true" || value == "false" {
                    "boolean"
                } else if js_parse_number(value).is_some() {
                    "number"
                } else {
                    "string"
                };
                let mut member_types = Vec::new();
                for item in items {
                    let ValueOf::InstanceOf(i) = item else {
                        return fail(
                            errs,
                            format!(
                                "`@server_default` on property `{}`: every member of the union must be a named type",
                                p.name
                            ),
                        );
                    };
                    let n = i.type_name.name.as_str();
                    member_types.push(if NUMERIC_TYPES.contains(&n) {
                        "number"
                    } else {
                        n
                    });
                }
                if member_types.contains(&value_type) {
                    Some(ServerDefault::String(value.to_string()))
                } else {
                    fail(
                        errs,
                        format!(
                            "`@server_default {value}` ({value_type}) does not fit property `{}` of type `{}`",
                            p.name,
                            member_types.join(" | ")
                        ),
                    )
                }
            }
            ValueOf::ArrayOf { .. } => match parse_js_array(value) {
                Some(list) => Some(ServerDefault::List(list)),
                None => fail(
                    errs,
                    format!(
                        "`@server_default {value}` does not fit array property `{}`: expected a list like `['a', 'b']`",
                        p.name
                    ),
                ),
            },
            other => fail(
                errs,
                format!(
                    "`@server_default` on property `{}`: defaults can only be set on named, union or array types, not {}",
                    p.name,
                    kind_name(other)
                ),
            ),
        }
    }

    pub fn deprecation(
        &self,
        file: &SourceFile,
        docs: &Docs,
        errs: &mut Errors,
    ) -> Option<Deprecation> {
        let tag = docs.get("deprecated")?;
        parse_deprecation(file, tag, errs)
    }

    pub fn availability(
        &self,
        file: &SourceFile,
        docs: &Docs,
        errs: &mut Errors,
    ) -> Option<Availabilities> {
        let mut out = Availabilities::default();
        let mut any = false;
        for tag in docs.all("availability") {
            any = true;
            let mut parts = tag.value.split(' ');
            let flavor = parts.next().unwrap_or("");
            let slot = match flavor {
                "stack" => &mut out.stack,
                "serverless" => &mut out.serverless,
                _ => {
                    errs.push(tag_error(file, tag, format!(
                        "malformed `@availability`: the first word must be `stack` or `serverless`, found `{flavor}`"
                    )));
                    continue;
                }
            };
            if slot.is_some() {
                errs.push(tag_error(
                    file,
                    tag,
                    format!("duplicate `@availability {flavor}`"),
                ));
                continue;
            }
            let mut a = Availability::default();
            for item in parts {
                let Some((key, value)) = key_value(item) else {
                    errs.push(tag_error(
                        file,
                        tag,
                        format!("malformed `@availability`: `{item}` is not `key=value`"),
                    ));
                    continue;
                };
                match key {
                    "since" => {
                        if !is_semver(&value) {
                            errs.push(tag_error(file, tag, format!("malformed `@availability`: `since={value}` is not a semver version")));
                        }
                        a.since = Some(value);
                    }
                    "stability" => {
                        if !matches!(value.as_str(), "stable" | "beta" | "experimental") {
                            errs.push(tag_error(file, tag, format!("malformed `@availability`: stability `{value}` is not one of stable, beta, experimental")));
                        }
                        a.stability = Some(value);
                    }
                    "visibility" => {
                        if !matches!(value.as_str(), "public" | "private" | "feature_flag") {
                            errs.push(tag_error(file, tag, format!("malformed `@availability`: visibility `{value}` is not one of public, private, feature_flag")));
                        }
                        a.visibility = Some(value);
                    }
                    "feature_flag" => a.feature_flag = Some(value),
                    _ => errs.push(tag_error(file, tag, format!(
                        "malformed `@availability`: unknown key `{key}` (expected since, stability, visibility, feature_flag)"
                    ))),
                }
            }
            if a.visibility.as_deref() == Some("feature_flag") && a.feature_flag.is_none() {
                errs.push(tag_error(file, tag, "malformed `@availability`: `visibility=feature_flag` needs `feature_flag=<name>`"));
            }
            if a.feature_flag.is_some() && a.visibility.as_deref() != Some("feature_flag") {
                errs.push(tag_error(
                    file,
                    tag,
                    "malformed `@availability`: `feature_flag=` needs `visibility=feature_flag`",
                ));
            }
            *slot = Some(a);
        }
        any.then_some(out)
    }

    /// `@availability stack ...` / `@availability serverless ...`, or the older dialect's
    /// separate `@since`, `@stability` and `@visibility` (the stack's, completed by the REST API
    /// spec file where there is one); a node may not mix the two.
    pub fn availabilities(
        &self,
        file: &SourceFile,
        docs: &Docs,
        json: Option<&JsonApi>,
        errs: &mut Errors,
    ) -> Option<Availabilities> {
        if let Some(out) = self.availability(file, docs, errs) {
            if let Some(t) = ["since", "stability", "visibility"]
                .iter()
                .find_map(|n| docs.get(n))
            {
                errs.push(tag_error(
                    file,
                    t,
                    format!(
                        "`@{}` with `@availability`: state the availability in one way only",
                        t.name
                    ),
                ));
            }
            return Some(out);
        }
        self.split_availability(file, docs, json, errs)
            .map(|stack| Availabilities {
                stack: Some(stack),
                serverless: None,
            })
    }

    /// The stack availability in the older dialect: `@since 7.7.0`, `@stability beta` and
    /// `@visibility private` (on a request, a property, an enum member), each separately, with the
    /// REST API spec file's `stability` and `visibility` where the request does not say.
    /// `None` when neither says anything.
    pub fn split_availability(
        &self,
        file: &SourceFile,
        docs: &Docs,
        json: Option<&JsonApi>,
        errs: &mut Errors,
    ) -> Option<Availability> {
        let mut a = Availability::default();
        if let Some(tag) = docs.get("since")
            && let Some(v) = self.non_empty(file, tag, errs)
        {
            if !is_semver(&v) {
                errs.push(tag_error(
                    file,
                    tag,
                    format!("malformed `@since`: `{v}` is not a semver version"),
                ));
            }
            a.since = Some(v);
        }
        if let Some(tag) = docs.get("stability")
            && let Some(v) = self.non_empty(file, tag, errs)
        {
            if !matches!(v.as_str(), "stable" | "beta" | "experimental") {
                errs.push(tag_error(
                    file,
                    tag,
                    format!(
                        "malformed `@stability`: `{v}` is not one of stable, beta, experimental"
                    ),
                ));
            }
            a.stability = Some(v);
        }
        if let Some(tag) = docs.get("visibility")
            && let Some(v) = self.non_empty(file, tag, errs)
        {
            if !matches!(v.as_str(), "public" | "private" | "feature_flag") {
                errs.push(tag_error(
                    file,
                    tag,
                    format!(
                        "malformed `@visibility`: `{v}` is not one of public, private, feature_flag"
                    ),
                ));
            }
            a.visibility = Some(v);
        }
        if let Some(j) = json {
            if a.stability.is_none() {
                a.stability = j.stability.clone();
            }
            if a.visibility.is_none() {
                a.visibility = j.visibility.clone();
            }
            if a.visibility.as_deref() == Some("feature_flag") {
                a.feature_flag = j.feature_flag.clone();
            }
        }
        (a != Availability::default()).then_some(a)
    }

    pub fn non_empty(&self, file: &SourceFile, tag: &Tag, errs: &mut Errors) -> Option<String> {
        let v = trim_js(&tag.value);
        if v.is_empty() {
            errs.push(tag_error(
                file,
                tag,
                format!("`@{}` needs a value", tag.name),
            ));
            None
        } else {
            Some(v.to_string())
        }
    }

    pub fn url(&self, file: &SourceFile, tag: &Tag, errs: &mut Errors) -> Option<String> {
        let v = trim_js(&tag.value).replace('\r', "");
        if is_url(&v) {
            Some(v)
        } else {
            errs.push(tag_error(
                file,
                tag,
                format!("`@{} {v}` is not a valid URL", tag.name),
            ));
            None
        }
    }

    pub fn doc_url(
        &self,
        file: &SourceFile,
        tag: &Tag,
        id: &str,
        errs: &mut Errors,
    ) -> Option<String> {
        match self.doc_ids.get(id) {
            Some(e) => Some(e.url.clone()),
            None if !self.doc_ids.is_present() => None,
            None => {
                errs.push(tag_error(
                    file,
                    tag,
                    format!("unknown doc id `{id}`: add it to {}", super::doc_ids::TABLE),
                ));
                None
            }
        }
    }

    /// Description, doc ids and urls, deprecation and quirk of a type.
    pub fn type_docs(&self, file: &SourceFile, docs: &Docs, errs: &mut Errors) -> TypeDocs {
        let mut d = TypeDocs {
            description: docs.description(),
            deprecation: self.deprecation(file, docs, errs),
            ..TypeDocs::default()
        };
        if let Some(t) = docs.get("doc_url") {
            d.doc_url = self.url(file, t, errs);
        }
        if let Some(t) = docs.get("doc_id")
            && let Some(id) = self.non_empty(file, t, errs)
        {
            d.doc_url = self.doc_url(file, t, &id, errs);
            d.doc_id = Some(id);
        }
        if let Some(t) = docs.get("ext_doc_id")
            && let Some(id) = self.non_empty(file, t, errs)
        {
            d.ext_doc_url = self.doc_url(file, t, &id, errs);
            d.ext_doc_id = Some(id);
        }
        if let Some(t) = docs.get("es_quirk") {
            d.es_quirk = Some(t.value.replace('\r', ""));
        }
        d
    }

    /// `@variants` of a class (`container`) or a union alias (the rest).
    pub fn variants(
        &self,
        owner: DeclId,
        docs: &Docs,
        is_alias: bool,
        errs: &mut Errors,
    ) -> Option<Variants> {
        let file = self.prog.file(owner);
        let tag = docs.get("variants")?;
        let non_exhaustive = docs.has("non_exhaustive");
        let mut words = tag.value.split(' ');
        let kind = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        let bad = |errs: &mut Errors, msg: String| {
            errs.push(tag_error(file, tag, msg));
            None
        };
        let allowed = if is_alias {
            "internal, typed_keys_quirk, untagged"
        } else {
            "container"
        };
        let kv =
            |errs: &mut Errors, keys: &[&str]| -> Option<IndexMap<String, String>> {
                let mut out = IndexMap::new();
                for item in &rest {
                    match key_value(item) {
                        Some((k, v)) if keys.contains(&k) => {
                            out.insert(k.to_string(), v);
                        }
                        _ => {
                            errs.push(tag_error(file, tag, format!(
                            "malformed `@variants {kind}`: unexpected `{item}` (expected {})",
                            keys.iter().map(|k| format!("{k}=...")).collect::<Vec<_>>().join(", ")
                        )));
                            return None;
                        }
                    }
                }
                Some(out)
            };
        match (kind, is_alias) {
            ("container", false) => {
                kv(errs, &[])?;
                Some(Variants::Container { non_exhaustive })
            }
            ("internal", true) => {
                let mut pairs = kv(errs, &["tag", "default"])?;
                let Some(tag_name) = pairs.shift_remove("tag") else {
                    return bad(
                        errs,
                        "malformed `@variants internal`: needs `tag=<property>`".into(),
                    );
                };
                Some(Variants::InternalTag {
                    default_tag: pairs.shift_remove("default"),
                    non_exhaustive,
                    tag: tag_name,
                })
            }
            ("typed_keys_quirk" | "external", true) => {
                kv(errs, &[])?;
                Some(Variants::ExternalTag { non_exhaustive })
            }
            ("untagged", true) => {
                let mut pairs = kv(errs, &["untyped"])?;
                let Some(untyped) = pairs.shift_remove("untyped") else {
                    return bad(
                        errs,
                        "malformed `@variants untagged`: needs `untyped=<namespace>.<Type>`".into(),
                    );
                };
                let Some((ns, name)) = untyped.rsplit_once('.') else {
                    return bad(
                        errs,
                        format!(
                            "malformed `@variants untagged`: `{untyped}` is not `<namespace>.<Type>`"
                        ),
                    );
                };
                if self.prog.find(ns, name).is_none() {
                    return bad(
                        errs,
                        format!(
                            "`@variants untagged untyped={untyped}`: no type `{name}` in namespace `{ns}`"
                        ),
                    );
                }
                Some(Variants::Untagged {
                    non_exhaustive,
                    untyped_variant: TypeName::new(ns, name),
                })
            }
            _ => bad(
                errs,
                format!(
                    "unknown `@variants` kind `{kind}` on {} (expected {allowed})",
                    if is_alias { "a type alias" } else { "a class" }
                ),
            ),
        }
    }

    /// `@behavior_meta <Behavior> key=value key="some text"`.
    pub fn behavior_metas(
        &self,
        id: DeclId,
        docs: &Docs,
        implements: &[Heritage],
        errs: &mut Errors,
    ) -> IndexMap<String, IndexMap<String, String>> {
        let file = self.prog.file(id);
        let mut out = IndexMap::new();
        for tag in docs.all("behavior_meta") {
            let value = tag.value.trim();
            let (name, rest) = value.split_once(' ').unwrap_or((value, ""));
            if !implements.iter().any(|h| h.name == name) {
                errs.push(tag_error(file, tag, format!(
                    "malformed `@behavior_meta`: `{name}` is not a behavior this class implements"
                )));
                continue;
            }
            match parse_meta_pairs(rest) {
                Some(pairs) => {
                    out.insert(name.to_string(), pairs);
                }
                None => errs.push(tag_error(file, tag, "malformed `@behavior_meta`: expected `<Behavior> key=value key=\"quoted value\"`")),
            }
        }
        out
    }
}

pub fn parse_deprecation(file: &SourceFile, tag: &Tag, errs: &mut Errors) -> Option<Deprecation> {
    let (version, description) = tag
        .value
        .split_once(' ')
        .unwrap_or((tag.value.as_str(), ""));
    if !is_semver(version) {
        errs.push(tag_error(file, tag, format!(
            "malformed `@deprecated`: expected `@deprecated <semver version> [text]`, found version `{version}`"
        )));
        return None;
    }
    Some(Deprecation {
        description: description.to_string(),
        version: version.to_string(),
    })
}

/// `a, 'b', "c"` -> `[a, b, c]`.
pub fn comma_separated(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|v| trim_js(v).replace(['"', '\''], ""))
        .collect()
}

/// `key=value` with quotes stripped from the value; a bare `key` means `true`.
fn key_value(item: &str) -> Option<(&str, String)> {
    let mut parts = item.split('=');
    let key = parts.next()?;
    let value = parts.next();
    if parts.next().is_some() || key.is_empty() {
        return None;
    }
    Some((key, value.unwrap_or("true").replace(['"', '\''], "")))
}

/// `fieldname=metadata description="Additional details"`.
fn parse_meta_pairs(s: &str) -> Option<IndexMap<String, String>> {
    let mut out = IndexMap::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        rest = &rest[eq + 1..];
        let value;
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = rest[1..].find(q)? + 1;
            value = rest[1..end].to_string();
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            value = rest[..end].to_string();
            rest = &rest[end..];
        }
        out.insert(key.to_string(), value);
        rest = rest.trim_start();
    }
    Some(out)
}

/// `major.minor.patch` with an optional `-pre` / `+build`.
pub fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

fn is_url(v: &str) -> bool {
    match v.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
                && !v.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A JavaScript number as JSON: integral values without a fraction.
pub fn js_number(v: f64) -> Option<serde_json::Number> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        Some(serde_json::Number::from(v as i64))
    } else {
        serde_json::Number::from_f64(v)
    }
}

/// JavaScript's `Number(text)` for the forms a default value takes (`NaN` -> `None`).
pub fn js_parse_number(text: &str) -> Option<f64> {
    let t = trim_js(text);
    if t.is_empty() {
        return Some(0.0);
    }
    if t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && t.chars().any(|c| c.is_ascii_digit())
    {
        t.parse::<f64>().ok()
    } else {
        None
    }
}

/// A JavaScript array literal of strings, numbers and booleans: `['a', "b", 1]`.
fn parse_js_array(text: &str) -> Option<Vec<serde_json::Value>> {
    let inner = trim_js(text).strip_prefix('[')?.strip_suffix(']')?.trim();
    let mut out = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let c = rest.chars().next()?;
        let item;
        if c == '\'' || c == '"' {
            let end = rest[1..].find(c)? + 1;
            item = serde_json::Value::String(rest[1..end].to_string());
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let word = rest[..end].trim();
            item = match word {
                "true" => serde_json::Value::Bool(true),
                "false" => serde_json::Value::Bool(false),
                "null" => serde_json::Value::Null,
                _ => serde_json::Value::Number(js_parse_number(word).and_then(js_number)?),
            };
            rest = &rest[end..];
        }
        out.push(item);
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

fn kind_name(v: &ValueOf) -> &'static str {
    match v {
        ValueOf::InstanceOf(_) => "a named type",
        ValueOf::ArrayOf { .. } => "an array",
        ValueOf::UnionOf { .. } => "a union",
        ValueOf::DictionaryOf { .. } => "a dictionary",
        ValueOf::UserDefinedValue => "`UserDefinedValue`",
        ValueOf::LiteralValue { .. } => "a literal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_parsers() {
        assert!(is_semver("7.0.0"));
        assert!(!is_semver("7.0"));
        assert!(is_semver("8.15.0-SNAPSHOT"));
        assert_eq!(comma_separated("a, 'b',\"c\""), vec!["a", "b", "c"]);
        assert_eq!(
            parse_js_array("['_all', 'x']"),
            Some(vec![serde_json::json!("_all"), serde_json::json!("x")])
        );
        assert_eq!(parse_js_array("[]"), Some(vec![]));
        assert_eq!(parse_js_array("_all"), None);
        let m = parse_meta_pairs("fieldname=metadata description=\"Additional details\"")
            .unwrap_or_default();
        assert_eq!(
            m.get("description").map(String::as_str),
            Some("Additional details")
        );
        assert_eq!(js_number(1.0).map(|n| n.to_string()).as_deref(), Some("1"));
        assert_eq!(
            js_number(0.5).map(|n| n.to_string()).as_deref(),
            Some("0.5")
        );
    }
}
