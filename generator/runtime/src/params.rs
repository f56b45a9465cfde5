//! Encoding of path and query-string parameters.
//!
//! Parameter values are serialized with serde (to a [`serde_json::Value`]) and then turned into
//! text with one shared rule (see [`stringify()`]):
//!
//! | JSON value | text |
//! | --- | --- |
//! | string | as is |
//! | bool | `true` / `false` |
//! | number | its JSON text |
//! | array | the elements' texts joined with `,` (an empty array gives an empty text) |
//! | null | no value |
//! | object | [`Error::InvalidParameter`] |
//!
//! So durations such as `"30s"`, string enums and lists such as `["a", "b"]` (→ `a,b`) all work.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use super::error::Error;

/// Characters percent-encoded in a path segment: everything except ASCII letters and digits,
/// the RFC 3986 unreserved marks `-` `.` `_` `~`, and `,` / `*` (which Elasticsearch uses for
/// lists and wildcards).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b',')
    .remove(b'*');

/// Percent-encodes `s` as one path segment (see [`PathBuilder::param`]).
pub fn encode_path_segment(s: &str) -> String {
    utf8_percent_encode(s, PATH_SEGMENT).to_string()
}

/// Builds a request path from literal parts and encoded parameters.
///
/// ```
/// # use elasticsearch_typed_runtime::params::PathBuilder;
/// let path = PathBuilder::new()
///     .literal("/")
///     .param("index", "my index")?
///     .literal("/_doc/")
///     .param("id", "a/b")?
///     .finish();
/// assert_eq!(path, "/my%20index/_doc/a%2Fb");
/// # Ok::<(), elasticsearch_typed_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathBuilder(String);

impl PathBuilder {
    /// Starts an empty path.
    pub fn new() -> Self {
        PathBuilder(String::new())
    }

    /// Appends `s` verbatim (it must already be a valid, encoded path fragment).
    pub fn literal(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Appends a parameter value as one path segment.
    ///
    /// The value is turned into text with [`stringify()`] (lists become comma-separated) and then
    /// percent-encoded so that it stays a single segment: `/`, `?`, `#`, `%`, `+`, spaces,
    /// non-ASCII characters and so on are encoded; `,` and `*` are kept.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] if the value is null, empty, an object, or `.` / `..`
    /// (dot segments would be removed by URL normalization and change the endpoint).
    pub fn param<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<&mut Self, Error> {
        let text = stringify(name, value)?
            .ok_or_else(|| Error::invalid_parameter(name, "a path parameter must not be null"))?;
        match text.as_str() {
            "" => Err(Error::invalid_parameter(
                name,
                "a path parameter must not be empty",
            )),
            "." | ".." => Err(Error::invalid_parameter(
                name,
                format!("`{text}` cannot be sent as a path parameter"),
            )),
            _ => {
                self.0.extend(utf8_percent_encode(&text, PATH_SEGMENT));
                Ok(self)
            }
        }
    }

    /// Returns the path built so far and leaves the builder empty.
    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.0)
    }

    /// The path built so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Appends the query-string pair(s) for one parameter to `out`.
///
/// The value is turned into text with [`stringify()`]; null (e.g. `None`) pushes nothing. The
/// pair is not URL-encoded yet: [`Transport`](super::Transport) does that when sending.
///
/// # Errors
///
/// [`Error::InvalidParameter`] if the value is (or contains) an object, or cannot be serialized.
pub fn query_pairs<T: Serialize + ?Sized>(
    name: &'static str,
    value: &T,
    out: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    if let Some(text) = stringify(name, value)? {
        out.push((name.to_owned(), text));
    }
    Ok(())
}

/// Turns a parameter value into its text form (the rule described in the [module docs](self)).
///
/// Returns `Ok(None)` for null.
///
/// # Errors
///
/// [`Error::InvalidParameter`] if the value is (or contains) an object, a list contains null,
/// or the value cannot be serialized.
pub fn stringify<T: Serialize + ?Sized>(
    name: &'static str,
    value: &T,
) -> Result<Option<String>, Error> {
    let value = serde_json::to_value(value)
        .map_err(|e| Error::invalid_parameter(name, format!("cannot be serialized: {e}")))?;
    match value {
        Value::Null => Ok(None),
        Value::Array(items) => {
            let mut text = String::new();
            append_list(name, &items, &mut text)?;
            Ok(Some(text))
        }
        other => scalar_text(name, other).map(Some),
    }
}

fn append_list(name: &'static str, items: &[Value], out: &mut String) -> Result<(), Error> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Value::Array(inner) => append_list(name, inner, out)?,
            Value::Null => {
                return Err(Error::invalid_parameter(
                    name,
                    "a list parameter must not contain null",
                ));
            }
            other => out.push_str(&scalar_text(name, other.clone())?),
        }
    }
    Ok(())
}

fn scalar_text(name: &'static str, value: Value) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s),
        Value::Bool(b) => Ok(if b { "true" } else { "false" }.to_owned()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Object(_) => Err(Error::invalid_parameter(
            name,
            "an object cannot be sent as a path or query parameter",
        )),
        Value::Null | Value::Array(_) => unreachable!("handled by the caller"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn path_of<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
        let mut b = PathBuilder::new();
        b.literal("/");
        b.param("p", value)?;
        Ok(b.finish())
    }

    #[test]
    fn path_encoding() {
        assert_eq!(path_of("a/b").unwrap(), "/a%2Fb");
        assert_eq!(path_of("a b").unwrap(), "/a%20b");
        assert_eq!(path_of("100%").unwrap(), "/100%25");
        assert_eq!(path_of("q?x#y").unwrap(), "/q%3Fx%23y");
        assert_eq!(path_of("a+b").unwrap(), "/a%2Bb");
        assert_eq!(path_of("é日").unwrap(), "/%C3%A9%E6%97%A5");
        assert_eq!(path_of("idx-1,logs-*").unwrap(), "/idx-1,logs-*");
        assert_eq!(path_of("a.b_c~d").unwrap(), "/a.b_c~d");
        assert_eq!(path_of("remote:index").unwrap(), "/remote%3Aindex");
        assert_eq!(path_of(&["a", "b c"]).unwrap(), "/a,b%20c");
        assert_eq!(path_of(&42u32).unwrap(), "/42");
        assert_eq!(path_of("...").unwrap(), "/...");
    }

    #[test]
    fn path_builder_chains_and_resets() {
        let mut b = PathBuilder::new();
        b.literal("/")
            .param("index", "i")
            .unwrap()
            .literal("/_doc/")
            .param("id", "1")
            .unwrap();
        assert_eq!(b.as_str(), "/i/_doc/1");
        assert_eq!(b.finish(), "/i/_doc/1");
        assert_eq!(b.finish(), "");
    }

    #[test]
    fn path_param_errors() {
        for bad in [
            path_of(""),
            path_of(&Option::<String>::None),
            path_of(&Vec::<String>::new()),
            path_of("."),
            path_of(".."),
            path_of(&BTreeMap::from([("a", 1)])),
        ] {
            match bad {
                Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, "p"),
                other => panic!("expected InvalidParameter, got {other:?}"),
            }
        }
    }

    #[test]
    fn stringify_rules() {
        assert_eq!(stringify("p", "30s").unwrap().as_deref(), Some("30s"));
        assert_eq!(stringify("p", &true).unwrap().as_deref(), Some("true"));
        assert_eq!(stringify("p", &false).unwrap().as_deref(), Some("false"));
        assert_eq!(stringify("p", &10i64).unwrap().as_deref(), Some("10"));
        assert_eq!(stringify("p", &-3i8).unwrap().as_deref(), Some("-3"));
        assert_eq!(stringify("p", &1.5f64).unwrap().as_deref(), Some("1.5"));
        assert_eq!(stringify("p", &["a", "b"]).unwrap().as_deref(), Some("a,b"));
        assert_eq!(
            stringify("p", &vec![vec!["a"], vec!["b", "c"]])
                .unwrap()
                .as_deref(),
            Some("a,b,c")
        );
        assert_eq!(stringify("p", &[1, 2]).unwrap().as_deref(), Some("1,2"));
        assert_eq!(
            stringify("p", &Vec::<u8>::new()).unwrap().as_deref(),
            Some("")
        );
        assert_eq!(stringify("p", &()).unwrap(), None);
        assert_eq!(stringify("p", &Option::<bool>::None).unwrap(), None);
        assert_eq!(stringify("p", &Some("x")).unwrap().as_deref(), Some("x"));
        assert!(matches!(
            stringify("p", &[Some(1), None]),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
        assert!(matches!(
            stringify("p", &[BTreeMap::from([("k", 1)])]),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
    }

    #[test]
    fn stringify_serde_enums() {
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum ExpandWildcards {
            Open,
            Hidden,
        }
        assert_eq!(
            stringify(
                "expand_wildcards",
                &[ExpandWildcards::Open, ExpandWildcards::Hidden]
            )
            .unwrap()
            .as_deref(),
            Some("open,hidden")
        );
    }

    #[test]
    fn query_pairs_rules() {
        let mut out = Vec::new();
        query_pairs("refresh", &true, &mut out).unwrap();
        query_pairs("size", &10u32, &mut out).unwrap();
        query_pairs("timeout", "30s", &mut out).unwrap();
        query_pairs("index", &["a", "b"], &mut out).unwrap();
        query_pairs("routing", &Option::<String>::None, &mut out).unwrap();
        query_pairs("q", "a b&c=d", &mut out).unwrap();
        let expected: Vec<(String, String)> = [
            ("refresh", "true"),
            ("size", "10"),
            ("timeout", "30s"),
            ("index", "a,b"),
            ("q", "a b&c=d"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(out, expected);

        let err = query_pairs("filter", &BTreeMap::from([("a", 1)]), &mut out).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidParameter { name: "filter", .. }
        ));
        assert_eq!(out.len(), 5);
    }
}
