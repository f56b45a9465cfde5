//! Which JSON members hold secrets, by name: the property names that
//! `generator/policy/secrets.tsv` (the generator's reviewed table, which also decides which
//! fields `Debug` redacts) decides secret. The runtime keeps their values out of error
//! messages.

use std::collections::BTreeSet;
use std::sync::LazyLock;

/// The generator's table of secret decisions, read at compile time (one source of truth).
const TABLE: &str = include_str!("../../policy/secrets.tsv");

/// Property names with at least one `secret` row.
static SECRET_KEYS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() == 5 && cols[3] == "secret").then_some(cols[2])
        })
        .collect()
});

/// Whether members named `name` are redacted from error bodies.
pub fn is_secret_key(name: &str) -> bool {
    SECRET_KEYS.contains(name)
}

/// The member names [`is_secret_key`] accepts, sorted.
pub fn secret_keys() -> impl Iterator<Item = &'static str> {
    SECRET_KEYS.iter().copied()
}

/// Replaces, at any depth, the string values of secret members (see [`is_secret_key`]) and
/// every string inside a secret member's object or array by `"<redacted>"`.
pub fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if is_secret_key(key) {
                    redact_all(member);
                } else {
                    redact(member);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Every string in `value` becomes `"<redacted>"`.
fn redact_all(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => *s = "<redacted>".to_string(),
        serde_json::Value::Object(map) => map.values_mut().for_each(redact_all),
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_all),
        _ => {}
    }
}

/// Cuts the string values of secret members out of text that is not valid JSON (a
/// body cut short, or JSON inside something else): after `"<key>"`, optional spaces, `:` and
/// optional spaces, everything up to the closing unescaped `"` (or the end) is replaced by
/// `<redacted>`.
pub fn redact_text(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        out.push(text[i]);
        if text[i] != b'"' {
            i += 1;
            continue;
        }
        // A quoted name starts here: is it a secret member followed by a string?
        let start = i + 1;
        let Some(len) = text[start..].iter().position(|&b| b == b'"') else {
            i += 1;
            continue;
        };
        let name = &text[start..start + len];
        let mut j = start + len + 1;
        let skip = |j: &mut usize| {
            while *j < text.len() && text[*j].is_ascii_whitespace() {
                *j += 1;
            }
        };
        skip(&mut j);
        let is_secret = std::str::from_utf8(name).is_ok_and(is_secret_key);
        if !is_secret || text.get(j) != Some(&b':') {
            i += 1;
            continue;
        }
        j += 1;
        skip(&mut j);
        if text.get(j) != Some(&b'"') {
            i += 1;
            continue;
        }
        // Copy `name": "`, then skip the secret.
        out.extend_from_slice(&text[start..=j]);
        out.extend_from_slice(b"<redacted>");
        j += 1;
        while j < text.len() && text[j] != b'"' {
            j += if text[j] == b'\\' { 2 } else { 1 };
        }
        i = j.min(text.len());
        if i < text.len() {
            out.push(b'"');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_come_from_the_generators_table() {
        for name in [
            "password",
            "api_key",
            "encoded",
            "access_token",
            "headers",
            "value",
        ] {
            assert!(is_secret_key(name), "{name}");
        }
        // Decided public everywhere they appear.
        for name in ["key", "tokens", "key_as_string", "name"] {
            assert!(!is_secret_key(name), "{name}");
        }
    }

    #[test]
    fn secret_objects_and_maps_lose_every_string() {
        let mut value = serde_json::json!({
            "headers": {"Authorization": "Bearer abc", "n": 1},
            "api_key": ["k1"],
            "nested": [{"password": "hunter2", "user": "u"}],
            "key": "bucket"
        });
        redact(&mut value);
        assert_eq!(
            value,
            serde_json::json!({
                "headers": {"Authorization": "<redacted>", "n": 1},
                "api_key": ["<redacted>"],
                "nested": [{"password": "<redacted>", "user": "u"}],
                "key": "bucket"
            })
        );
        let text = redact_text(br#"{"value": "s3cr3t", "key": "k"#);
        assert_eq!(text, br#"{"value": "<redacted>", "key": "k"#);
    }
}
