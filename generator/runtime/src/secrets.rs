//! Which JSON members hold secrets. The generator reads this same file to decide which
//! fields `Debug` redacts, and the runtime uses it to keep secrets out of error messages.

/// Names of members whose string values are passwords, tokens or keys.
pub const SECRET_KEYS: &[&str] = &[
    "password",
    "password_hash",
    "api_key",
    "encoded",
    "token",
    "access_token",
    "refresh_token",
    "client_secret",
    "secret",
];

/// Replaces the string values of [`SECRET_KEYS`] members, at any depth, by `"<redacted>"`.
pub fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.as_str()) && member.is_string() {
                    *member = serde_json::Value::String("<redacted>".to_string());
                } else {
                    redact(member);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Cuts the string values of [`SECRET_KEYS`] members out of text that is not valid JSON (a
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
        let is_secret = SECRET_KEYS.iter().any(|k| k.as_bytes() == name);
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
