//! Helpers for the unions and containers of the generated types.
//!
//! * [`decode_untagged`]: an untagged union picks the arm that reproduces the JSON exactly,
//!   or else the first arm that accepts it, so that no field is silently dropped when an
//!   earlier arm would also have parsed;
//! * [`single_entry`]: a container (`{"term": {...}}`) has exactly one variant key;
//! * [`OneOrMany`]: the spec's `T | T[]`;
//! * [`Redacted`]: what `Debug` prints in place of a secret.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One way to read a union's JSON value.
pub type Candidate<'a, T> = &'a dyn Fn(&Value) -> Result<T, serde_json::Error>;

/// Decodes an untagged union: each arm is tried in order; the first whose result serializes
/// back to the same JSON wins, otherwise the first that decoded at all.
pub fn decode_untagged<T: Serialize>(
    value: &Value,
    type_name: &str,
    candidates: &[Candidate<'_, T>],
) -> Result<T, serde_json::Error> {
    let mut first_ok = None;
    let mut errors = Vec::new();
    for candidate in candidates {
        match candidate(value) {
            Ok(decoded) => {
                if serde_json::to_value(&decoded).is_ok_and(|back| back == *value) {
                    return Ok(decoded);
                }
                if first_ok.is_none() {
                    first_ok = Some(decoded);
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    first_ok.ok_or_else(|| {
        <serde_json::Error as serde::de::Error>::custom(format!(
            "no variant of {type_name} matches: {}",
            errors.join("; ")
        ))
    })
}

/// Accepts exactly the literal `expected`.
pub fn expect_literal(value: &Value, expected: &Value) -> Result<(), serde_json::Error> {
    if value == expected {
        Ok(())
    } else {
        Err(<serde_json::Error as serde::de::Error>::custom(format!(
            "expected {expected}, found {value}"
        )))
    }
}

/// The one `(key, value)` of a container object.
pub fn single_entry(map: IndexMap<String, Value>) -> Result<(String, Value), String> {
    let count = map.len();
    let mut entries = map.into_iter();
    match (entries.next(), count) {
        (Some(entry), 1) => Ok(entry),
        (None, _) => Err("expected one variant key, found an empty object".to_string()),
        (Some(_), n) => Err(format!("expected exactly one variant key, found {n}")),
    }
}

/// A value the spec allows as one item or a list of them (`T | T[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single item.
    One(T),
    /// A list of items.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The items as a slice, one or many.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(item) => std::slice::from_ref(item),
            OneOrMany::Many(items) => items,
        }
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(item: T) -> Self {
        OneOrMany::One(item)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(items: Vec<T>) -> Self {
        OneOrMany::Many(items)
    }
}

impl From<&str> for OneOrMany<String> {
    fn from(item: &str) -> Self {
        OneOrMany::One(item.to_string())
    }
}

/// Printed by `Debug` in place of a password, token or key.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Loose {
        a: Option<i32>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Wider {
        a: Option<i32>,
        b: Option<i32>,
    }

    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Either {
        Loose(Loose),
        Wider(Wider),
    }

    fn decode(value: &Value) -> Result<Either, serde_json::Error> {
        decode_untagged(
            value,
            "Either",
            &[&|v| Loose::deserialize(v).map(Either::Loose), &|v| {
                Wider::deserialize(v).map(Either::Wider)
            }],
        )
    }

    #[test]
    fn untagged_prefers_the_arm_that_keeps_every_field() {
        // `Loose` would accept it too, dropping `b`.
        let value = json!({"a": 1, "b": 2});
        assert_eq!(
            decode(&value).unwrap(),
            Either::Wider(Wider {
                a: Some(1),
                b: Some(2)
            })
        );
    }

    #[test]
    fn untagged_reports_every_arm_when_none_fits() {
        let err = decode(&json!("text")).unwrap_err().to_string();
        assert!(err.starts_with("no variant of Either matches"), "{err}");
    }

    #[test]
    fn literals_and_single_entries() {
        assert!(expect_literal(&json!(-1), &json!(-1)).is_ok());
        assert!(expect_literal(&json!(0), &json!(-1)).is_err());
        let one: IndexMap<String, Value> = [("term".to_string(), json!({}))].into();
        assert_eq!(single_entry(one).unwrap().0, "term");
        assert!(single_entry(IndexMap::new()).is_err());
        let two: IndexMap<String, Value> =
            [("a".to_string(), json!(1)), ("b".to_string(), json!(2))].into();
        assert!(single_entry(two).is_err());
    }

    #[test]
    fn one_or_many_reads_both_shapes() {
        let one: OneOrMany<String> = serde_json::from_value(json!("a")).unwrap();
        let many: OneOrMany<String> = serde_json::from_value(json!(["a", "b"])).unwrap();
        assert_eq!(one.as_slice(), ["a"]);
        assert_eq!(many.as_slice(), ["a", "b"]);
        assert_eq!(format!("{:?}", Redacted), "<redacted>");
    }
}
