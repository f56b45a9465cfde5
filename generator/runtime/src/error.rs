//! The crate-wide [`Error`] type and the decoded Elasticsearch error body.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::meta::ResponseMeta;

/// Maximum number of bytes of a response body kept in [`Error::Decode`] and shown by
/// [`Display`](fmt::Display) implementations.
pub const BODY_EXCERPT_LIMIT: usize = 2048;

/// Everything that can go wrong when calling Elasticsearch.
///
/// `Debug` and `Display` show bounded excerpts of response bodies with their secrets
/// redacted, never a whole body. Every error that came with a response gives its
/// [`ResponseMeta`] through [`Error::meta`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response could not be read (connection refused,
    /// timeout, TLS failure, ...), after all retries.
    Transport {
        /// The last node tried (without credentials), if one was.
        node: Option<url::Url>,
        /// How many attempts were made.
        attempts: u32,
        /// The error of the last attempt.
        source: reqwest::Error,
    },
    /// The node's TLS certificate was rejected (unknown CA, no certificate of its chain with
    /// the pinned fingerprint, a host name the certificate does not name, expired, ...), or
    /// the node rejected the client certificate. Not retried, and the node is not marked dead:
    /// the same trust settings fail the same way on every attempt (the official clients
    /// treat it as a connection error, retried on the next node).
    Tls {
        /// The node whose handshake failed (without credentials).
        node: url::Url,
        /// What was wrong, e.g. `invalid peer certificate: UnknownIssuer`.
        reason: String,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// Elasticsearch answered with a non-success HTTP status.
    ///
    /// Boxed to keep `Result<_, Error>` small.
    Api(Box<ApiError>),
    /// The response body could not be decoded into the expected type.
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// The start of the response body (at most [`BODY_EXCERPT_LIMIT`] bytes, lossily
        /// converted to UTF-8, secrets redacted).
        body: String,
        /// The underlying decoding error.
        source: serde_json::Error,
        /// The response's status, headers and node.
        meta: Box<ResponseMeta>,
    },
    /// A successful response did not come from Elasticsearch: its `X-Elastic-Product` header
    /// is not `Elasticsearch` (as the official clients check; see
    /// `ClientBuilder::product_check`).
    ProductCheck {
        /// The response's status, headers and node.
        meta: Box<ResponseMeta>,
    },
    /// The response body is larger than the configured limit (see
    /// `ClientBuilder::max_response_size`); it was not read further.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The response's status, headers and node.
        meta: Box<ResponseMeta>,
    },
    /// The request body could not be serialized to JSON.
    Encode(serde_json::Error),
    /// The base URL (or a URL built from it) is invalid.
    InvalidUrl(String),
    /// A path, query or client parameter has a value that cannot be sent.
    InvalidParameter {
        /// Name of the parameter.
        name: &'static str,
        /// Why the value was rejected.
        reason: String,
    },
}

impl Error {
    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status().map(|s| s.as_u16()),
            other => other.meta().map(ResponseMeta::status),
        }
    }

    /// The status, headers and node of the response this error came from, if there was one.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Error::Api(api) => Some(&api.meta),
            Error::Decode { meta, .. }
            | Error::ProductCheck { meta }
            | Error::BodyTooLarge { meta, .. } => Some(meta),
            _ => None,
        }
    }

    /// The node the failed request was sent to last, if it was sent.
    pub fn node(&self) -> Option<&url::Url> {
        match self {
            Error::Transport { node, .. } => node.as_ref(),
            Error::Tls { node, .. } => Some(node),
            other => other.meta().and_then(ResponseMeta::node),
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }

    /// The decoded Elasticsearch error, if this is an [`Error::Api`].
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Builds an [`Error::InvalidParameter`].
    pub fn invalid_parameter(name: &'static str, reason: impl Into<String>) -> Error {
        Error::InvalidParameter {
            name,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport {
                node,
                attempts,
                source,
            } => {
                write!(f, "transport error")?;
                if let Some(node) = node {
                    write!(f, " on {node}")?;
                }
                write!(f, " after {attempts} attempt(s): {source}")?;
                let mut cause = std::error::Error::source(source);
                while let Some(inner) = cause {
                    write!(f, ": {inner}")?;
                    cause = inner.source();
                }
                Ok(())
            }
            Error::Tls { node, reason, .. } => write!(
                f,
                "TLS certificate error on {node} (not retried): {reason}; check the trusted CA \
                 certificate or fingerprint, the node's host name and the client certificate"
            ),
            Error::Api(api) => fmt::Display::fmt(api, f),
            Error::Decode {
                status,
                body,
                source,
                ..
            } => write!(
                f,
                "failed to decode response (HTTP {status}): {source}; body: {body}"
            ),
            Error::ProductCheck { meta } => write!(
                f,
                "the server at {} is not Elasticsearch: its HTTP {} response has no `X-Elastic-Product: Elasticsearch` header",
                meta.node().map_or("<unknown node>", url::Url::as_str),
                meta.status()
            ),
            Error::BodyTooLarge { limit, meta } => write!(
                f,
                "the response body (HTTP {}) is larger than the limit of {limit} bytes",
                meta.status()
            ),
            Error::Encode(e) => write!(f, "failed to encode request body: {e}"),
            Error::InvalidUrl(reason) => write!(f, "invalid URL: {reason}"),
            Error::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Tls { source, .. } => Some(source),
            Error::Api(api) => Some(&**api),
            Error::Decode { source, .. } => Some(source),
            Error::Encode(e) => Some(e),
            Error::InvalidUrl(_)
            | Error::InvalidParameter { .. }
            | Error::ProductCheck { .. }
            | Error::BodyTooLarge { .. } => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(source: reqwest::Error) -> Self {
        Error::Transport {
            node: None,
            attempts: 0,
            source,
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

/// Returns at most [`BODY_EXCERPT_LIMIT`] bytes of `body` as text (cut at a character
/// boundary, lossily converted from UTF-8), with a marker when something was cut.
pub fn body_excerpt(body: &[u8]) -> String {
    // A JSON body is shown with its secrets redacted (a created API key that failed to
    // decode must not end up in a log).
    let redacted;
    let body = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            crate::secrets::redact(&mut value);
            redacted = serde_json::to_vec(&value).unwrap_or_default();
            redacted.as_slice()
        }
        // Not JSON (cut short, HTML, ...): secrets are cut out of the text wherever a
        // secret member's string starts.
        Err(_) => {
            redacted = crate::secrets::redact_text(body);
            redacted.as_slice()
        }
    };
    if body.len() <= BODY_EXCERPT_LIMIT {
        return String::from_utf8_lossy(body).into_owned();
    }
    // Do not cut a multi-byte UTF-8 character in half (continuation bytes are 0b10xxxxxx).
    let mut end = BODY_EXCERPT_LIMIT;
    while end > BODY_EXCERPT_LIMIT - 3 && (body[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    format!(
        "{}... [{} more bytes]",
        String::from_utf8_lossy(&body[..end]),
        body.len() - end
    )
}

/// A non-success response from Elasticsearch.
///
/// Elasticsearch error bodies look like
/// `{"error": {"type": "...", "reason": "...", "root_cause": [...]}, "status": 404}`;
/// sometimes `"error"` is a plain string, and some endpoints (or proxies in front of the
/// cluster) answer with something else entirely. The body is decoded leniently: `error` is
/// [`ErrorCause::default()`] when the body carries no recognizable error, and `body` always
/// keeps the full response.
///
/// `Debug` and `Display` show a bounded excerpt of the body with its secrets redacted.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: u16,
    /// The decoded `"error"` member (all fields empty if there was none).
    pub error: ErrorCause,
    /// The whole response body: the parsed JSON, or a JSON string holding the raw text when
    /// the body is not JSON, or `null` when it is empty.
    pub body: Value,
    /// The response's status, headers (`WWW-Authenticate`, `Retry-After`, `Warning`, ...) and
    /// node.
    pub meta: ResponseMeta,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = match &self.body {
            Value::String(s) => body_excerpt(s.as_bytes()),
            other => body_excerpt(other.to_string().as_bytes()),
        };
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("error_type", &self.error.type_)
            .field("reason", &self.error.reason.as_deref().map(excerpt_str))
            .field("body", &body)
            .field("meta", &self.meta)
            .finish()
    }
}

/// At most [`BODY_EXCERPT_LIMIT`] bytes of `text`.
fn excerpt_str(text: &str) -> &str {
    let mut end = text.len().min(BODY_EXCERPT_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl ApiError {
    /// Decodes an error response body (never fails).
    pub fn from_body(status: u16, body: &[u8]) -> ApiError {
        ApiError::from_response(ResponseMeta::new(status, Default::default(), None), body)
    }

    /// Decodes the error response `body` that came with `meta` (never fails).
    pub fn from_response(meta: ResponseMeta, body: &[u8]) -> ApiError {
        let status = meta.status();
        if body.iter().all(u8::is_ascii_whitespace) {
            return ApiError {
                status,
                error: ErrorCause::default(),
                body: Value::Null,
                meta,
            };
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => {
                let error = match value.get("error") {
                    Some(err) => ErrorCause::from_value(err.clone()),
                    None => ErrorCause::default(),
                };
                ApiError {
                    status,
                    error,
                    body: value,
                    meta,
                }
            }
            Err(_) => ApiError {
                status,
                error: ErrorCause::default(),
                body: Value::String(String::from_utf8_lossy(body).into_owned()),
                meta,
            },
        }
    }

    /// The Elasticsearch error type, e.g. `index_not_found_exception`.
    pub fn error_type(&self) -> Option<&str> {
        self.error.type_.as_deref()
    }

    /// The human-readable reason given by Elasticsearch.
    pub fn reason(&self) -> Option<&str> {
        self.error.reason.as_deref()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Elasticsearch error (HTTP {})", self.status)?;
        match (&self.error.type_, &self.error.reason) {
            (Some(t), Some(r)) => write!(f, ": {t}: {}", excerpt_str(r)),
            (Some(t), None) => write!(f, ": {t}"),
            (None, Some(r)) => write!(f, ": {}", excerpt_str(r)),
            (None, None) => match &self.body {
                Value::Null => Ok(()),
                Value::String(s) => write!(f, ": {}", body_excerpt(s.as_bytes())),
                other => write!(f, ": {}", body_excerpt(other.to_string().as_bytes())),
            },
        }
    }
}

impl std::error::Error for ApiError {}

/// An Elasticsearch error cause (the `"error"` member of an error response, and the nested
/// `caused_by` / `root_cause` / `suppressed` entries).
///
/// Decoding is lenient and never fails on odd shapes: a plain string becomes the `reason`,
/// members with an unexpected type (`"reason": null` too) are kept in `extra` under their own
/// name, and all unknown members are kept in `extra`, so that a cause is written back as read.
///
/// This is the crate's one `ErrorCause`: [`ApiError::error`] is one, and the generated crates
/// re-export it where the specification defines its `_types.ErrorCause` (the runtime is shared
/// by every specification version, so `Error` can't hold a generated type).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ErrorCause {
    /// The error type, e.g. `index_not_found_exception` (JSON `type`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Human-readable reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Java stack trace (only with `error_trace=true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack_trace: Option<String>,
    /// The cause of this error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<Box<ErrorCause>>,
    /// The root causes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub root_cause: Vec<ErrorCause>,
    /// Suppressed errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<ErrorCause>,
    /// Every other member (e.g. `index`, `index_uuid`, `resource.type`, `header`).
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl ErrorCause {
    /// Leniently decodes an error cause from any JSON value.
    ///
    /// Objects are decoded member by member; a string becomes the `reason`; `null` gives an
    /// empty cause; anything else is kept as its JSON text in `reason`.
    pub fn from_value(value: Value) -> ErrorCause {
        let map = match value {
            Value::Object(map) => map,
            Value::String(s) => {
                return ErrorCause {
                    reason: Some(s),
                    ..ErrorCause::default()
                };
            }
            Value::Null => return ErrorCause::default(),
            other => {
                return ErrorCause {
                    reason: Some(other.to_string()),
                    ..ErrorCause::default()
                };
            }
        };
        let mut cause = ErrorCause::default();
        for (key, value) in map {
            match (key.as_str(), value) {
                ("type", Value::String(s)) => cause.type_ = Some(s),
                ("reason", Value::String(s)) => cause.reason = Some(s),
                ("stack_trace", Value::String(s)) => cause.stack_trace = Some(s),
                ("caused_by", v @ (Value::Object(_) | Value::String(_))) => {
                    cause.caused_by = Some(Box::new(ErrorCause::from_value(v)));
                }
                // An empty list stays in `extra`, so that it is written back (the fields are
                // left out when empty).
                ("root_cause", Value::Array(items)) if !items.is_empty() => {
                    cause.root_cause = items.into_iter().map(ErrorCause::from_value).collect();
                }
                ("suppressed", Value::Array(items)) if !items.is_empty() => {
                    cause.suppressed = items.into_iter().map(ErrorCause::from_value).collect();
                }
                (_, v) => {
                    cause.extra.insert(key, v);
                }
            }
        }
        cause
    }
}

impl<'de> Deserialize<'de> for ErrorCause {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(ErrorCause::from_value)
    }
}

impl fmt::Display for ErrorCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.type_, &self.reason) {
            (Some(t), Some(r)) => write!(f, "{t}: {r}"),
            (Some(t), None) => f.write_str(t),
            (None, Some(r)) => f.write_str(r),
            (None, None) => f.write_str("unknown error"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_error_cause_is_written_back_as_read() {
        let value = json!({"type": "x", "reason": null, "root_cause": [], "suppressed": [],
            "caused_by": {"type": "y", "reason": "z", "root_cause": [{"type": "w"}]}, "index": "i"});
        let cause: ErrorCause = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(cause.type_.as_deref(), Some("x"));
        assert_eq!(cause.reason, None);
        assert_eq!(cause.caused_by.as_ref().unwrap().root_cause.len(), 1);
        assert_eq!(serde_json::to_value(&cause).unwrap(), value);
    }

    const NOT_FOUND: &str = r#"{
        "error": {
            "root_cause": [{
                "type": "index_not_found_exception",
                "reason": "no such index [missing]",
                "resource.type": "index_or_alias",
                "resource.id": "missing",
                "index_uuid": "_na_",
                "index": "missing"
            }],
            "type": "index_not_found_exception",
            "reason": "no such index [missing]",
            "resource.type": "index_or_alias",
            "resource.id": "missing",
            "index_uuid": "_na_",
            "index": "missing",
            "caused_by": {"type": "illegal_argument_exception", "reason": "inner"}
        },
        "status": 404
    }"#;

    #[test]
    fn api_error_from_elasticsearch_404() {
        let err = ApiError::from_body(404, NOT_FOUND.as_bytes());
        assert_eq!(err.status, 404);
        assert_eq!(err.error_type(), Some("index_not_found_exception"));
        assert_eq!(err.reason(), Some("no such index [missing]"));
        assert_eq!(err.error.root_cause.len(), 1);
        assert_eq!(
            err.error.root_cause[0].type_.as_deref(),
            Some("index_not_found_exception")
        );
        assert_eq!(err.error.extra["index"], json!("missing"));
        assert_eq!(err.error.extra["resource.type"], json!("index_or_alias"));
        assert!(!err.error.extra.contains_key("type"));
        let caused_by = err.error.caused_by.as_deref().unwrap();
        assert_eq!(
            caused_by.type_.as_deref(),
            Some("illegal_argument_exception")
        );
        assert_eq!(err.body["status"], json!(404));
        assert_eq!(
            err.to_string(),
            "Elasticsearch error (HTTP 404): index_not_found_exception: no such index [missing]"
        );
    }

    #[test]
    fn api_error_with_string_error() {
        let err = ApiError::from_body(500, br#"{"error":"some text","status":500}"#);
        assert_eq!(err.status, 500);
        assert_eq!(err.error_type(), None);
        assert_eq!(err.reason(), Some("some text"));
        assert_eq!(err.body, json!({"error": "some text", "status": 500}));
        assert_eq!(err.to_string(), "Elasticsearch error (HTTP 500): some text");
    }

    #[test]
    fn api_error_with_non_error_bodies() {
        let err = ApiError::from_body(404, br#"{"_index":"i","_id":"1","found":false}"#);
        assert_eq!(err.error, ErrorCause::default());
        assert_eq!(err.body["found"], json!(false));

        let err = ApiError::from_body(502, b"<html>Bad Gateway</html>");
        assert_eq!(err.error, ErrorCause::default());
        assert_eq!(err.body, json!("<html>Bad Gateway</html>"));
        assert_eq!(
            err.to_string(),
            "Elasticsearch error (HTTP 502): <html>Bad Gateway</html>"
        );

        let err = ApiError::from_body(503, b"");
        assert_eq!(err.body, Value::Null);
        assert_eq!(err.to_string(), "Elasticsearch error (HTTP 503)");
    }

    #[test]
    fn error_cause_is_lenient_and_round_trips() {
        let value = json!({
            "type": "x",
            "reason": null,
            "stack_trace": "at ...",
            "root_cause": "not an array",
            "suppressed": [{"type": "s"}, "plain"],
            "caused_by": "text cause",
            "custom": {"a": 1}
        });
        let cause: ErrorCause = serde_json::from_value(value).unwrap();
        assert_eq!(cause.type_.as_deref(), Some("x"));
        assert_eq!(cause.reason, None);
        assert_eq!(cause.stack_trace.as_deref(), Some("at ..."));
        assert_eq!(cause.extra["root_cause"], json!("not an array"));
        assert_eq!(cause.suppressed.len(), 2);
        assert_eq!(cause.suppressed[1].reason.as_deref(), Some("plain"));
        assert_eq!(
            cause.caused_by.as_deref().unwrap().reason.as_deref(),
            Some("text cause")
        );
        assert_eq!(cause.extra["custom"], json!({"a": 1}));

        let full = serde_json::from_str::<Value>(NOT_FOUND).unwrap()["error"].clone();
        let cause: ErrorCause = serde_json::from_value(full.clone()).unwrap();
        let back = serde_json::to_value(&cause).unwrap();
        assert_eq!(back, full);
    }

    #[test]
    fn error_display_status_and_source() {
        use std::error::Error as _;
        let err = Error::from(ApiError::from_body(404, NOT_FOUND.as_bytes()));
        assert_eq!(err.status(), Some(404));
        assert!(err.api_error().is_some());
        assert!(err.source().is_some());

        let err = Error::invalid_parameter("index", "must not be empty");
        assert_eq!(
            err.to_string(),
            "invalid parameter `index`: must not be empty"
        );
        assert_eq!(err.status(), None);

        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Error>();
    }

    #[test]
    fn body_excerpt_truncates_at_char_boundary() {
        assert_eq!(body_excerpt(b"short"), "short");
        // "a" then 2-byte characters: the limit falls in the middle of a character.
        let long = format!("a{}", "é".repeat(BODY_EXCERPT_LIMIT));
        let excerpt = body_excerpt(long.as_bytes());
        assert!(excerpt.starts_with("aéé"));
        assert!(!excerpt.contains('\u{FFFD}'));
        assert!(excerpt.ends_with(&format!("é... [{} more bytes]", BODY_EXCERPT_LIMIT + 2)));
    }
}
