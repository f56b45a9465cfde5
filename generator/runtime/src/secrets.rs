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
