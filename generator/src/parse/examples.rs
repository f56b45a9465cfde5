//! Examples: `<api>/examples/request/*.yaml` and `<api>/examples/{response,200_response}/*.yaml`,
//! read as the official compiler reads them (js-yaml's default schema), with a `value`
//! that is not a string turned into JSON text the way `JSON.stringify(v, null, 2)` does.

use std::path::Path;

use indexmap::IndexMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostics::Diagnostic;
use crate::model::{Availabilities, Availability, Example};

/// A YAML value under js-yaml's default schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A timestamp, already in `Date.toJSON()` form.
    Date(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

/// The examples of one request or response, keyed by file name without extension.
pub type Examples = IndexMap<String, Example>;

/// Request examples of the endpoint whose files live in `api_dir` (spec-relative).
pub fn request_examples(root: &Path, api_dir: &str) -> Result<Option<Examples>, Vec<Diagnostic>> {
    let dir = format!("{api_dir}/examples/request");
    read_folder(root, &dir)
}

/// Response examples (status 200): `examples/response` or else `examples/200_response`.
pub fn response_examples(root: &Path, api_dir: &str) -> Result<Option<Examples>, Vec<Diagnostic>> {
    let examples = format!("{api_dir}/examples");
    let Ok(entries) = std::fs::read_dir(root.join(&examples)) else {
        return Ok(None);
    };
    let mut folders: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    if folders.iter().any(|f| f == "response") {
        return read_folder(root, &format!("{examples}/response"));
    }
    let mut errors = Vec::new();
    for f in &folders {
        if f == "request" {
            continue;
        }
        let ok = f
            .strip_suffix("_response")
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            errors.push(Diagnostic::file_only(
                format!("{examples}/{f}"),
                "unexpected examples folder: expected `request`, `response` or `<status>_response`",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if folders.iter().any(|f| f == "200_response") {
        return read_folder(root, &format!("{examples}/200_response"));
    }
    Ok(None)
}

fn read_folder(root: &Path, dir: &str) -> Result<Option<Examples>, Vec<Diagnostic>> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Ok(None);
    };
    let mut files: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    files.sort();
    let mut out = Examples::new();
    let mut errors = Vec::new();
    for name in files {
        let rel = format!("{dir}/{name}");
        let text = match super::files::read_regular(root, &root.join(&rel)) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(e) => {
                errors.push(Diagnostic::file_only(rel, format!("example: {e}")));
                continue;
            }
        };
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_string();
        match example(&rel, &text) {
            Ok(ex) => {
                out.insert(stem, ex);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((!out.is_empty()).then_some(out))
}

/// One example file.
pub fn example(rel: &str, text: &str) -> Result<Example, Diagnostic> {
    let doc = load(text).map_err(|(mark, msg)| at_marker(rel, text, mark, &msg))?;
    let fail = |msg: String| Diagnostic::file_only(rel, msg);
    let Yaml::Map(entries) = doc else {
        return Err(fail("an example must be a YAML mapping".into()));
    };
    let mut ex = Example {
        availability: None,
        description: None,
        method_request: None,
        response_code: None,
        summary: None,
        type_: None,
        value: None,
    };
    let string = |key: &str, v: Yaml| -> Result<Option<String>, Diagnostic> {
        match v {
            Yaml::String(s) => Ok(Some(s)),
            Yaml::Null => Ok(None),
            other => Err(fail(format!(
                "`{key}` must be a string, found {}",
                kind(&other)
            ))),
        }
    };
    for (key, value) in entries {
        match key.as_str() {
            "description" => ex.description = string(&key, value)?,
            "method_request" => ex.method_request = string(&key, value)?,
            "type" => ex.type_ = string(&key, value)?,
            "summary" => ex.summary = Some(string(&key, value)?),
            "response_code" => match value {
                Yaml::Number(n) if n.fract() == 0.0 && (100.0..600.0).contains(&n) => {
                    ex.response_code = Some(n as u16)
                }
                other => {
                    return Err(fail(format!(
                        "`response_code` must be an HTTP status, found {}",
                        kind(&other)
                    )));
                }
            },
            "value" => {
                ex.value = match value {
                    Yaml::String(s) => Some(s),
                    Yaml::Null => None,
                    other => Some(stringify(&other)),
                }
            }
            "availability" => match value {
                Yaml::Null => {}
                Yaml::Seq(items) => {
                    let mut a = Availabilities::default();
                    for item in items {
                        match item {
                            Yaml::String(s) if s == "stack" => {
                                a.stack = Some(Availability::default())
                            }
                            Yaml::String(s) if s == "serverless" => {
                                a.serverless = Some(Availability::default())
                            }
                            other => {
                                return Err(fail(format!(
                                    "example availability must list `stack` and/or `serverless`, found {}",
                                    kind(&other)
                                )));
                            }
                        }
                    }
                    ex.availability = Some(a);
                }
                other => {
                    return Err(fail(format!(
                        "example availability must be a list of flavor names, found {}",
                        kind(&other)
                    )));
                }
            },
            other => {
                return Err(fail(format!(
                    "unknown example key `{other}` (expected description, summary, method_request, type, response_code, availability, value)"
                )));
            }
        }
    }
    Ok(ex)
}

fn kind(v: &Yaml) -> &'static str {
    match v {
        Yaml::Null => "null",
        Yaml::Bool(_) => "a boolean",
        Yaml::Number(_) => "a number",
        Yaml::String(_) => "a string",
        Yaml::Date(_) => "a timestamp",
        Yaml::Seq(_) => "a list",
        Yaml::Map(_) => "a mapping",
    }
}

fn at_marker(rel: &str, text: &str, mark: Marker, msg: &str) -> Diagnostic {
    // Markers count characters: find the byte offset of (line, col).
    let line = mark.line().max(1);
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let offset = text[line_start.min(text.len())..]
        .char_indices()
        .nth(mark.col())
        .map_or(text.len(), |(i, _)| line_start + i);
    Diagnostic::at(
        rel,
        text,
        offset,
        offset + 1,
        format!("invalid YAML: {msg}"),
    )
}

// ----- what an example's value is

/// What kind of text an example's `value` is: most are JSON, some are not and must
/// not be treated as if they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// One JSON document.
    Json,
    /// One JSON document per line (bulk, msearch).
    Ndjson,
    /// Anything else: Kibana `"""` strings, `//` comments, trailing commas, `...`,
    /// placeholders, plain text or server-sent events.
    NotJson(&'static str),
}

/// Classifies an example value.
pub fn classify_value(text: &str) -> ValueKind {
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        return ValueKind::Json;
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 1
        && lines
            .iter()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
    {
        return ValueKind::Ndjson;
    }
    ValueKind::NotJson(if text.contains("\"\"\"") {
        "Kibana triple-quoted string"
    } else if text
        .lines()
        .any(|l| l.trim_start().starts_with("//") || l.contains(" // "))
    {
        "`//` comments"
    } else if text.trim_start().starts_with(['{', '[']) {
        "JSON-like but invalid (trailing comma, `...` or a placeholder)"
    } else {
        "plain text"
    })
}

// ----- YAML loading

/// How many values aliases may copy in one example file.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// The number of values in `v`, itself included.
fn nodes(v: &Yaml) -> usize {
    let mut count = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        count += 1;
        match v {
            Yaml::Seq(items) => stack.extend(items),
            Yaml::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

struct Builder {
    expanded: usize,
    stack: Vec<Frame>,
    anchors: std::collections::HashMap<usize, Yaml>,
    root: Option<Yaml>,
    error: Option<(Marker, String)>,
}

enum Frame {
    Seq(usize, Vec<Yaml>),
    Map(usize, Vec<(String, Yaml)>, Option<String>),
}

impl Builder {
    fn push_value(&mut self, v: Yaml, mark: Marker) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(v);
                }
            }
            Some(Frame::Seq(_, items)) => items.push(v),
            Some(Frame::Map(_, entries, key)) => match key.take() {
                None => match v {
                    Yaml::String(s) | Yaml::Date(s) => *key = Some(s),
                    Yaml::Number(n) => *key = Some(js_number(n)),
                    Yaml::Bool(b) => *key = Some(b.to_string()),
                    Yaml::Null => *key = Some("null".into()),
                    _ => {
                        if self.error.is_none() {
                            self.error = Some((mark, "mapping keys must be scalars".into()));
                        }
                        *key = Some(String::new());
                    }
                },
                Some(k) => {
                    if entries.iter().any(|(e, _)| *e == k) {
                        if self.error.is_none() {
                            self.error = Some((mark, format!("duplicated mapping key `{k}`")));
                        }
                    } else {
                        entries.push((k, v));
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, anchor, tag) => {
                let v = scalar(value, style, tag.as_ref());
                if anchor > 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                self.push_value(v, mark);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq(anchor, Vec::new())),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map(anchor, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, v) = match self.stack.pop() {
                    Some(Frame::Seq(a, items)) => (a, Yaml::Seq(items)),
                    Some(Frame::Map(a, entries, _)) => (a, Yaml::Map(entries)),
                    None => return,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                self.push_value(v, mark);
            }
            Event::Alias(id) => {
                // Each alias copies its anchor's value: bounded, so that a few hundred bytes
                // of nested aliases can't expand into gigabytes.
                let v = self.anchors.get(&id).map_or(Yaml::Null, |v| {
                    self.expanded = self.expanded.saturating_add(nodes(v));
                    if self.expanded > MAX_ALIAS_NODES {
                        Yaml::Null
                    } else {
                        v.clone()
                    }
                });
                if self.expanded > MAX_ALIAS_NODES && self.error.is_none() {
                    self.error = Some((
                        mark,
                        format!("YAML aliases expand to more than {MAX_ALIAS_NODES} values"),
                    ));
                }
                self.push_value(v, mark);
            }
            _ => {}
        }
    }
}

/// Parses the first document of `text`.
pub fn load(text: &str) -> Result<Yaml, (Marker, String)> {
    let mut b = Builder {
        expanded: 0,
        stack: Vec::new(),
        anchors: std::collections::HashMap::new(),
        root: None,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut b, false)
        .map_err(|e| (*e.marker(), e.info().to_string()))?;
    if let Some(e) = b.error {
        return Err(e);
    }
    Ok(b.root.unwrap_or(Yaml::Null))
}

/// Resolves a scalar as js-yaml's default schema does.
fn scalar(value: String, style: TScalarStyle, tag: Option<&Tag>) -> Yaml {
    if let Some(t) = tag {
        match t.suffix.as_str() {
            "str" => return Yaml::String(value),
            "int" | "float" => {
                return parse_number(&value).map_or(Yaml::String(value), Yaml::Number);
            }
            "bool" => return parse_bool(&value).map_or(Yaml::String(value), Yaml::Bool),
            "null" => return Yaml::Null,
            _ => {}
        }
    }
    if style != TScalarStyle::Plain {
        return Yaml::String(value);
    }
    if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        return Yaml::Null;
    }
    if let Some(b) = parse_bool(&value) {
        return Yaml::Bool(b);
    }
    if let Some(n) = parse_number(&value) {
        return Yaml::Number(n);
    }
    if let Some(d) = parse_timestamp(&value) {
        return Yaml::Date(d);
    }
    Yaml::String(value)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// js-yaml's `int` and `float` types (YAML 1.2 core schema, with `_` separators).
fn parse_number(v: &str) -> Option<f64> {
    let (sign, body) = match v.as_bytes().first()? {
        b'-' => (-1.0, &v[1..]),
        b'+' => (1.0, &v[1..]),
        _ => (1.0, v),
    };
    match body {
        ".inf" | ".Inf" | ".INF" => return Some(sign * f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if sign > 0.0 && !v.starts_with('+') => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() {
        return None;
    }
    let radix = |digits: &str, r: u32| -> Option<f64> {
        let d: String = digits.chars().filter(|&c| c != '_').collect();
        if d.is_empty() || digits.starts_with('_') {
            return None;
        }
        i128::from_str_radix(&d, r).ok().map(|n| sign * n as f64)
    };
    if let Some(h) = body.strip_prefix("0x") {
        return radix(h, 16);
    }
    if let Some(o) = body.strip_prefix("0o") {
        return radix(o, 8);
    }
    if let Some(b) = body.strip_prefix("0b") {
        return radix(b, 2);
    }
    let bytes = body.as_bytes();
    // Integer (js-yaml reads leading zeros as decimal).
    if bytes.iter().all(|&b| b.is_ascii_digit() || b == b'_') {
        if bytes[0] == b'_' {
            return None;
        }
        return radix(body, 10);
    }
    // Float: [0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+]?[0-9]+)?
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int_ok = int.is_empty() && !frac.is_empty() && !frac.starts_with('_')
        || (!int.is_empty()
            && int.as_bytes()[0].is_ascii_digit()
            && int.bytes().all(|b| b.is_ascii_digit() || b == b'_'));
    let frac_ok = frac.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let has_dot = mantissa.contains('.');
    let exp_ok = match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        }
    };
    if !(int_ok && frac_ok && exp_ok && (has_dot || exponent.is_some())) {
        return None;
    }
    let cleaned: String = v.chars().filter(|&c| c != '_').collect();
    cleaned.parse::<f64>().ok()
}

/// A YAML timestamp as `Date.prototype.toJSON()` prints it.
fn parse_timestamp(v: &str) -> Option<String> {
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if b.len() < 10 || !digits(&b[0..4]) || b[4] != b'-' || !v.is_char_boundary(10) {
        return None;
    }
    let (date, rest) = v.split_at(10);
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() != 3 || parts[1].len() != 2 || parts[2].len() != 2 {
        return None;
    }
    let (y, mo, d): (i64, u32, u32) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let (mut h, mut mi, mut s, mut ms, mut offset_min) = (0u32, 0u32, 0u32, 0u32, 0i64);
    if !rest.is_empty() {
        let rest = rest.strip_prefix(['T', 't', ' ', '\t'])?.trim_start();
        let (time, zone) = match rest.find(['Z', 'z', '+', '-', ' ']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let mut tp = time.split(':');
        h = tp.next()?.parse().ok()?;
        mi = tp.next()?.parse().ok()?;
        let sec = tp.next()?;
        let (sec, frac) = sec.split_once('.').unwrap_or((sec, ""));
        s = sec.parse().ok()?;
        if !frac.is_empty() {
            let f: String = frac.chars().chain("000".chars()).take(3).collect();
            ms = f.parse().ok()?;
        }
        let zone = zone.trim();
        if !zone.is_empty() && zone != "Z" && zone != "z" {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let z = &zone[1..];
            let (zh, zm) = z.split_once(':').unwrap_or((z, "0"));
            offset_min = sign * (zh.parse::<i64>().ok()? * 60 + zm.parse::<i64>().ok()?);
        }
    }
    // Days since the epoch (proleptic Gregorian), then shift by the zone offset.
    let days = days_from_civil(y, mo, d);
    let total = days * 86_400_000
        + i64::from(h) * 3_600_000
        + i64::from(mi) * 60_000
        + i64::from(s) * 1000
        + i64::from(ms)
        - offset_min * 60_000;
    let (days, rem) = (total.div_euclid(86_400_000), total.rem_euclid(86_400_000));
    let (y, mo, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    ))
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

// ----- JSON.stringify(value, null, 2)

/// `JSON.stringify(value, null, 2)`.
pub fn stringify(v: &Yaml) -> String {
    let mut out = String::new();
    write_json(v, 0, &mut out);
    out
}

fn write_json(v: &Yaml, depth: usize, out: &mut String) {
    match v {
        Yaml::Null => out.push_str("null"),
        Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Yaml::Number(n) => out.push_str(&js_number(*n)),
        Yaml::String(s) | Yaml::Date(s) => write_string(s, out),
        Yaml::Seq(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(depth + 1, out);
                write_json(item, depth + 1, out);
            }
            newline(depth, out);
            out.push(']');
        }
        Yaml::Map(entries) => {
            if entries.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(depth + 1, out);
                write_string(k, out);
                out.push_str(": ");
                write_json(item, depth + 1, out);
            }
            newline(depth, out);
            out.push('}');
        }
    }
}

fn newline(depth: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `Number.prototype.toString()` (and `null` for non-finite values, as JSON has them).
pub fn js_number(v: f64) -> String {
    if !v.is_finite() {
        return "null".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let sci = format!("{:e}", v.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exp + 1;
    let mut s = String::new();
    if v < 0.0 {
        s.push('-');
    }
    if k <= n && n <= 21 {
        s.push_str(&digits);
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        s.push_str(&digits[..n as usize]);
        s.push('.');
        s.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-n) as usize));
        s.push_str(&digits);
    } else {
        s.push_str(&digits[..1]);
        if k > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if n > 0 { '+' } else { '-' });
        s.push_str(&(n - 1).abs().to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(js_number(1.0), "1");
        assert_eq!(js_number(0.5), "0.5");
        assert_eq!(js_number(-12.25), "-12.25");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1e-7), "1e-7");
        assert_eq!(js_number(123456789.0), "123456789");
        assert_eq!(js_number(0.000001), "0.000001");
    }

    #[test]
    fn scalars_follow_js_yaml() {
        assert_eq!(
            load("a: 1.0").ok(),
            Some(Yaml::Map(vec![("a".into(), Yaml::Number(1.0))]))
        );
        assert_eq!(
            load("a: yes").ok(),
            Some(Yaml::Map(vec![("a".into(), Yaml::String("yes".into()))]))
        );
        assert_eq!(
            load("a: '1'").ok(),
            Some(Yaml::Map(vec![("a".into(), Yaml::String("1".into()))]))
        );
        assert_eq!(
            load("a: 2024-01-02").ok(),
            Some(Yaml::Map(vec![(
                "a".into(),
                Yaml::Date("2024-01-02T00:00:00.000Z".into())
            )]))
        );
        assert_eq!(
            parse_timestamp("2099-11-15T14:12:12+01:00").as_deref(),
            Some("2099-11-15T13:12:12.000Z")
        );
    }

    #[test]
    fn stringify_matches_json_stringify() {
        let v = load("a:\n  b: [1, 'x', true]\n  c: {}\n  d: ~").unwrap_or(Yaml::Null);
        assert_eq!(
            stringify(&v),
            "{\n  \"a\": {\n    \"b\": [\n      1,\n      \"x\",\n      true\n    ],\n    \"c\": {},\n    \"d\": null\n  }\n}"
        );
    }

    #[test]
    fn example_fields() {
        let ex = example(
            "x.yaml",
            "summary: ~\nmethod_request: GET /\nvalue: |-\n  {\"a\": 1}\n",
        );
        let ex = ex.ok();
        assert_eq!(ex.as_ref().and_then(|e| e.summary.clone()), Some(None));
        assert_eq!(
            ex.as_ref().and_then(|e| e.value.clone()).as_deref(),
            Some("{\"a\": 1}")
        );
    }

    #[test]
    fn classifies_values() {
        assert_eq!(classify_value("{\"a\": 1}"), ValueKind::Json);
        assert_eq!(
            classify_value("{\"index\":{}}\n{\"a\":1}\n"),
            ValueKind::Ndjson
        );
        assert!(
            matches!(classify_value("{\"q\": \"\"\"x\"\"\"}"), ValueKind::NotJson(r) if r.contains("triple"))
        );
        assert!(
            matches!(classify_value("{\"a\": 1,}"), ValueKind::NotJson(r) if r.contains("JSON-like"))
        );
    }

    #[test]
    fn bad_yaml_is_located() {
        let err = example("x.yaml", "a: [1, 2\nb: c\n").err();
        assert!(err.is_some_and(|e| e.line >= 1 && e.message.contains("invalid YAML")));
    }

    #[test]
    fn alias_bombs_are_rejected() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = load(&text).err().map(|(_, m)| m).unwrap_or_default();
        assert!(err.contains("aliases expand"), "{err}");
        // A few aliases are fine.
        assert!(load("a: &x [1, 2]\nb: *x\n").is_ok());
    }
}
