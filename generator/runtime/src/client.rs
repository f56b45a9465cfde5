//! The HTTP client, its configuration and the transport-level request and response types.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue,
};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::error::{ApiError, Error, body_excerpt};
use crate::meta::{RequestOptions, ResponseMeta};
use crate::nodes::{Backoff, NodePool, cloud_id_url, parse_node_url, sniffed_urls};
use crate::tls::{TlsSettings, parse_fingerprint};

/// The value shown instead of secrets by `Debug` implementations.
const REDACTED: &str = "<redacted>";

// ---------------------------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------------------------

/// Credentials sent in the `Authorization` header of every request.
///
/// `Debug` never shows passwords, API keys or tokens.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// HTTP basic authentication: `Authorization: Basic base64(username:password)`.
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: String,
    },
    /// An API key given as id and key: `Authorization: ApiKey base64(id:api_key)`.
    ApiKey {
        /// The API key id.
        id: String,
        /// The API key secret.
        api_key: String,
    },
    /// An already encoded API key (the `encoded` value returned when creating a key):
    /// `Authorization: ApiKey <encoded>`.
    EncodedApiKey(String),
    /// A bearer (OAuth2 / service account) token: `Authorization: Bearer <token>`.
    Bearer(String),
}

impl Auth {
    /// Basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Auth {
        Auth::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// API key authentication from an id and a key.
    pub fn api_key(id: impl Into<String>, api_key: impl Into<String>) -> Auth {
        Auth::ApiKey {
            id: id.into(),
            api_key: api_key.into(),
        }
    }

    /// The `Authorization` header value (marked sensitive).
    fn header_value(&self) -> Result<HeaderValue, Error> {
        let text = match self {
            Auth::Basic { username, password } => {
                format!("Basic {}", BASE64.encode(format!("{username}:{password}")))
            }
            Auth::ApiKey { id, api_key } => {
                format!("ApiKey {}", BASE64.encode(format!("{id}:{api_key}")))
            }
            Auth::EncodedApiKey(encoded) => format!("ApiKey {encoded}"),
            Auth::Bearer(token) => format!("Bearer {token}"),
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            Error::invalid_parameter(
                "auth",
                "the credentials contain characters that cannot be sent in an HTTP header",
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &REDACTED)
                .finish(),
            Auth::ApiKey { id, .. } => f
                .debug_struct("ApiKey")
                .field("id", id)
                .field("api_key", &REDACTED)
                .finish(),
            Auth::EncodedApiKey(_) => f.debug_tuple("EncodedApiKey").field(&REDACTED).finish(),
            Auth::Bearer(_) => f.debug_tuple("Bearer").field(&REDACTED).finish(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Requests and responses
// ---------------------------------------------------------------------------------------------

/// A request ready to be sent by [`Transport::execute`].
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// The path, starting with `/`, with path parameters already encoded (see
    /// [`PathBuilder`](super::PathBuilder)). It is appended to the base URL's path.
    pub path: String,
    /// Query-string pairs, already stringified but not yet URL-encoded.
    pub query: Vec<(String, String)>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// The `Accept` header value (no header is sent when empty).
    pub accept: &'static str,
    /// Statuses besides 2xx that count as success (e.g. 404 for `HEAD` exists APIs).
    pub accept_statuses: &'static [u16],
}

impl HttpRequest {
    /// A request without query, body or extra accepted statuses, accepting JSON.
    pub fn new(method: Method, path: impl Into<String>) -> HttpRequest {
        HttpRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            accept: "application/json",
            accept_statuses: &[],
        }
    }
}

/// A request body; the variant decides the `Content-Type` header.
///
/// `Debug` shows only the kind and size of the body, which may hold secrets (e.g. passwords
/// sent to the security APIs).
#[derive(Clone, PartialEq, Eq)]
pub enum RequestBody {
    /// A JSON document (`Content-Type: application/json`).
    Json(Vec<u8>),
    /// Newline-delimited JSON (`Content-Type: application/x-ndjson`), e.g. for bulk and
    /// multi-search.
    Ndjson(Vec<u8>),
    /// Plain text (`Content-Type: text/plain; charset=utf-8`).
    Text(String),
}

impl RequestBody {
    /// Serializes `value` as a JSON body.
    ///
    /// # Errors
    ///
    /// [`Error::Encode`] if serialization fails.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<RequestBody, Error> {
        serde_json::to_vec(value)
            .map(RequestBody::Json)
            .map_err(Error::Encode)
    }

    /// Serializes `lines` as newline-delimited JSON: one compact JSON document per line, each
    /// followed by `\n`.
    ///
    /// # Errors
    ///
    /// [`Error::Encode`] if serialization fails.
    pub fn ndjson<T: Serialize>(lines: &[T]) -> Result<RequestBody, Error> {
        let mut out = Vec::new();
        for line in lines {
            serde_json::to_writer(&mut out, line).map_err(Error::Encode)?;
            out.push(b'\n');
        }
        Ok(RequestBody::Ndjson(out))
    }

    /// The `Content-Type` header value for this body.
    pub fn content_type(&self) -> &'static str {
        match self {
            RequestBody::Json(_) => "application/json",
            RequestBody::Ndjson(_) => "application/x-ndjson",
            RequestBody::Text(_) => "text/plain; charset=utf-8",
        }
    }

    /// The encoded body.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            RequestBody::Json(bytes) | RequestBody::Ndjson(bytes) => bytes,
            RequestBody::Text(text) => text.as_bytes(),
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            RequestBody::Json(bytes) | RequestBody::Ndjson(bytes) => bytes,
            RequestBody::Text(text) => text.into_bytes(),
        }
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            RequestBody::Json(_) => "Json",
            RequestBody::Ndjson(_) => "Ndjson",
            RequestBody::Text(_) => "Text",
        };
        write!(f, "{kind}(<{} bytes>)", self.as_bytes().len())
    }
}

/// A response with a success status (2xx, one of [`HttpRequest::accept_statuses`] or of the
/// statuses a request's options ignore), with its body fully read.
///
/// `Debug` shows the body's size only (responses may hold secrets, e.g. created API keys).
#[derive(Clone)]
pub struct HttpResponse {
    meta: ResponseMeta,
    body: bytes::Bytes,
}

impl HttpResponse {
    /// Builds a response (useful for tests and custom transports).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse {
            meta: ResponseMeta::new(status, headers, None),
            body: bytes::Bytes::from(Into::<Vec<u8>>::into(body)),
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// Status, headers and the node that answered.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    fn decode_error(&self, source: serde_json::Error) -> Error {
        Error::Decode {
            status: self.status(),
            body: body_excerpt(&self.body),
            source,
            meta: Box::new(self.meta.clone()),
        }
    }

    /// Decodes the body as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] with the status, the start of the body, and the JSON path where
    /// decoding stopped (`at $.hits.hits[3]._source: ...`).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        if let Some(media_type) = self.non_json_media_type() {
            return Err(
                self.decode_error(<serde_json::Error as serde::de::Error>::custom(
                    format_args!(
                        "the response is `{media_type}`, not JSON: read it with `.text()`, \
                     `.bytes()` or `.raw()` on the call"
                    ),
                )),
            );
        }
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let decoded = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = match e.path().to_string().as_str() {
                "." => "$".to_string(),
                p if p.starts_with('[') => format!("${p}"),
                p => format!("$.{p}"),
            };
            let inner = e.into_inner();
            self.decode_error(<serde_json::Error as serde::de::Error>::custom(
                format_args!("at {path}: {inner}"),
            ))
        })?;
        de.end().map_err(|source| self.decode_error(source))?;
        Ok(decoded)
    }

    /// The `Content-Type` of the response when it names a media type that is not JSON
    /// (`text/csv`, `text/plain`, `application/cbor`, ...); `None` for JSON or no header.
    fn non_json_media_type(&self) -> Option<&str> {
        let value = self
            .headers()
            .get(reqwest::header::CONTENT_TYPE)?
            .to_str()
            .ok()?;
        let essence = value.split(';').next().unwrap_or_default().trim();
        let json = essence.eq_ignore_ascii_case("application/json")
            || essence.to_ascii_lowercase().ends_with("+json")
            || essence.is_empty();
        (!json).then_some(essence)
    }

    /// The body as text.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] if the body is not valid UTF-8.
    pub fn text(&self) -> Result<String, Error> {
        String::from_utf8(self.body.to_vec()).map_err(|e| {
            self.decode_error(<serde_json::Error as serde::de::Error>::custom(
                format_args!("response body is not valid UTF-8: {e}"),
            ))
        })
    }

    /// The raw body.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// Converts into the raw body.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body.into()
    }

    /// The status, headers and node, and the raw body.
    pub fn into_parts(self) -> (ResponseMeta, bytes::Bytes) {
        (self.meta, self.body)
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.meta.headers()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("meta", &self.meta)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Shows headers with the values of those that may hold secrets redacted.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(name, value)| {
                let shown = if is_sensitive_header(name) || value.is_sensitive() {
                    REDACTED
                } else {
                    value.to_str().unwrap_or("<binary>")
                };
                (name.as_str(), shown)
            }))
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------------------

/// The defaults of [`ClientBuilder`] (the official clients' in parentheses).
pub mod defaults {
    use std::time::Duration;

    /// Retries of a request after the first attempt (JS, Python: 3).
    pub const MAX_RETRIES: u32 = 3;
    /// Timeout of each attempt, from sending until the body is read (JS: 30 s, Python: 10 s).
    pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    /// Timeout of establishing a connection (Python: part of the request timeout).
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// First wait before a dead node is tried again (Python: 1 s; JS: 60 s).
    pub const DEAD_NODE_BACKOFF: Duration = Duration::from_secs(1);
    /// Longest wait before a dead node is tried again (Python: 30 s; JS: 60 s * 2^5).
    pub const MAX_DEAD_NODE_BACKOFF: Duration = Duration::from_secs(30);
    /// First wait before a retry after 429 without `Retry-After`.
    pub const RETRY_BACKOFF: Duration = Duration::from_millis(100);
    /// Longest wait before a retry after 429; a longer `Retry-After` ends the retries.
    pub const MAX_RETRY_BACKOFF: Duration = Duration::from_secs(30);
    /// Largest response body read (JS: about 512 MiB, Python: none).
    pub const MAX_RESPONSE_SIZE: usize = 100 * 1024 * 1024;
}

/// What a request becomes once, before its attempts: the headers of its own and the encoded
/// body (each attempt sends the same bytes).
struct Prepared {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    /// `Accept`, `Content-Type`, `Content-Encoding` and the per-request headers, set over
    /// the client's headers.
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<bytes::Bytes>,
    success: Vec<u16>,
}

struct Inner {
    http: reqwest::Client,
    pool: NodePool,
    auth: Option<Auth>,
    auth_header: Option<HeaderValue>,
    headers: HeaderMap,
    timeout: Option<Duration>,
    max_retries: u32,
    retry_on_timeout: bool,
    retry_backoff: Backoff,
    compatibility: Option<(HeaderValue, HeaderValue)>,
    compress_requests: bool,
    product_check: bool,
    max_response_size: usize,
    sniff_on_start: bool,
    sniff_on_failure: bool,
    sniff_interval: Option<Duration>,
    sniffed_at: std::sync::Mutex<Option<Instant>>,
    sniffing: AtomicBool,
    tls: TlsSettings,
}

/// Sends requests to a pool of Elasticsearch nodes: round-robin with failover, retries,
/// timeouts, compatibility headers, the product check and response size limits.
///
/// Cloning is cheap (the nodes and the connection pool are shared). `Debug` never shows
/// credentials.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

impl Transport {
    /// A transport for `urls` (one URL or several separated by commas) with default
    /// settings.
    ///
    /// # Errors
    ///
    /// See [`ClientBuilder::build`].
    pub fn new(urls: &str) -> Result<Transport, Error> {
        Transport::builder(urls).build()
    }

    /// Starts configuring a transport for `urls`.
    pub fn builder(urls: &str) -> ClientBuilder {
        ClientBuilder::new(urls)
    }

    /// The first node's URL (without credentials).
    pub fn base_url(&self) -> Url {
        self.nodes().into_iter().next().unwrap_or_else(|| {
            // The builder never makes a transport without nodes.
            Url::parse("http://localhost:9200").unwrap_or_else(|_| unreachable!())
        })
    }

    /// The nodes' URLs (without credentials), in order.
    pub fn nodes(&self) -> Vec<Url> {
        self.inner.pool.urls()
    }

    /// The nodes currently marked dead.
    pub fn dead_nodes(&self) -> Vec<Url> {
        self.inner
            .pool
            .nodes()
            .iter()
            .filter(|n| n.is_dead())
            .map(|n| n.url.clone())
            .collect()
    }

    /// The configured credentials.
    pub fn auth(&self) -> Option<&Auth> {
        self.inner.auth.as_ref()
    }

    /// The underlying HTTP client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The full URL for `path` (appended to the first node's path) and `query` (URL-encoded).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] if the path would be changed by URL normalization (e.g. it has
    /// `.` or `..` segments), which would send the request to another endpoint.
    pub fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url, Error> {
        node_url(&self.base_url(), path, query)
    }

    /// Builds the [`reqwest::Request`] that the first attempt of
    /// [`execute`](Transport::execute) would send to the first node: URL, headers, body and
    /// timeout.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] (see [`url`](Transport::url)); [`Error::InvalidParameter`] if
    /// `accept` is not a valid header value.
    pub fn build_request(&self, request: HttpRequest) -> Result<reqwest::Request, Error> {
        let prepared = self.prepare(request, &RequestOptions::default())?;
        self.attempt_request(&prepared, &self.base_url(), self.inner.timeout)
    }

    /// Sends `request` with the default options; see [`perform`](Transport::perform).
    ///
    /// # Errors
    ///
    /// See [`perform`](Transport::perform).
    pub async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self.perform("request", request, &RequestOptions::default())
            .await
    }

    fn prepare(&self, request: HttpRequest, options: &RequestOptions) -> Result<Prepared, Error> {
        let inner = &*self.inner;
        let mut headers = Vec::with_capacity(3 + options.headers.len());
        if !request.accept.is_empty() {
            let accept = match (&inner.compatibility, request.accept) {
                (Some((json, _)), "application/json") => json.clone(),
                (Some((_, ndjson)), "application/x-ndjson") => ndjson.clone(),
                (_, accept) => HeaderValue::from_str(accept)
                    .map_err(|e| Error::invalid_parameter("accept", e.to_string()))?,
            };
            headers.push((ACCEPT, accept));
        }
        let body = match request.body {
            None => None,
            Some(body) => {
                let content_type = match (&inner.compatibility, &body) {
                    (Some((json, _)), RequestBody::Json(_)) => json.clone(),
                    (Some((_, ndjson)), RequestBody::Ndjson(_)) => ndjson.clone(),
                    _ => HeaderValue::from_static(body.content_type()),
                };
                headers.push((CONTENT_TYPE, content_type));
                let bytes = body.into_bytes();
                if inner.compress_requests {
                    use std::io::Write as _;
                    let mut encoder =
                        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                    let gz = encoder
                        .write_all(&bytes)
                        .and_then(|()| encoder.finish())
                        .map_err(|e| Error::invalid_parameter("body", e.to_string()))?;
                    headers.push((CONTENT_ENCODING, HeaderValue::from_static("gzip")));
                    Some(bytes::Bytes::from(gz))
                } else {
                    Some(bytes::Bytes::from(bytes))
                }
            }
        };
        for (name, value) in &options.headers {
            headers.push(header_pair(name, value)?);
        }
        let mut success = request.accept_statuses.to_vec();
        success.extend(&options.ignore);
        Ok(Prepared {
            method: request.method,
            path: request.path,
            query: request.query,
            headers,
            body,
            success,
        })
    }

    fn attempt_request(
        &self,
        prepared: &Prepared,
        node: &Url,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Request, Error> {
        let url = node_url(node, &prepared.path, &prepared.query)?;
        let mut req = reqwest::Request::new(prepared.method.clone(), url);
        // One copy of the client's headers per attempt, the request's own set over them.
        let headers = req.headers_mut();
        headers.clone_from(&self.inner.headers);
        if let Some(auth) = &self.inner.auth_header {
            headers.insert(AUTHORIZATION, auth.clone());
        }
        for (name, value) in &prepared.headers {
            headers.insert(name, value.clone());
        }
        if let Some(body) = &prepared.body {
            *req.body_mut() = Some(body.clone().into());
        }
        *req.timeout_mut() = timeout;
        Ok(req)
    }

    /// Sends `request` for `endpoint` (its name in the specification, for the trace span),
    /// trying the nodes in turn: a connection error, a timeout or a 502/503/504 answer marks
    /// the node dead and the request is retried on the next node; a 429 is retried after a
    /// backoff (or the wait `Retry-After` asks for, in seconds or as an HTTP date; a wait
    /// longer than the backoff's maximum ends the retries). The body is encoded once for all
    /// attempts.
    ///
    /// # Errors
    ///
    /// * [`Error::Api`] if the final status is neither 2xx nor a success status of the
    ///   request or its options (the body is decoded as an Elasticsearch error);
    /// * [`Error::Transport`] if no attempt got a response;
    /// * [`Error::Tls`] at once (no retry, the node not marked dead) if a node's certificate
    ///   is rejected or it rejects the client certificate;
    /// * [`Error::ProductCheck`] if a 2xx response is not from Elasticsearch;
    /// * [`Error::BodyTooLarge`] if the body exceeds the configured limit;
    /// * [`Error::InvalidUrl`] / [`Error::InvalidParameter`] if the request cannot be built.
    pub async fn perform(
        &self,
        endpoint: &'static str,
        request: HttpRequest,
        options: &RequestOptions,
    ) -> Result<HttpResponse, Error> {
        let span = tracing::info_span!(
            "elasticsearch",
            otel.name = endpoint,
            otel.kind = "client",
            db.system = "elasticsearch",
            db.operation = endpoint,
            http.request.method = %request.method,
            url.full = tracing::field::Empty,
            server.address = tracing::field::Empty,
            server.port = tracing::field::Empty,
            http.response.status_code = tracing::field::Empty,
            error.type = tracing::field::Empty,
        );
        self.perform_in(endpoint, request, options, &span)
            .instrument(span.clone())
            .await
    }

    async fn perform_in(
        &self,
        endpoint: &'static str,
        request: HttpRequest,
        options: &RequestOptions,
        span: &tracing::Span,
    ) -> Result<HttpResponse, Error> {
        let inner = &*self.inner;
        // The rare paths (sniffing, the 429 wait) are boxed: their futures are large, and a
        // request that needs none of them does not carry their room (smaller futures to move).
        if self.sniff_due() {
            Box::pin(self.sniff_guarded()).await;
        }
        let prepared = self.prepare(request, options)?;
        let max_retries = options.max_retries.unwrap_or(inner.max_retries);
        let timeout = options.timeout.or(inner.timeout);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let retries_left = attempt <= max_retries;
            let Some(node) = inner.pool.select() else {
                return Err(Error::InvalidUrl("the transport has no nodes".to_owned()));
            };
            let req = self.attempt_request(&prepared, &node.url, timeout)?;
            span.record("url.full", req.url().as_str());
            if let Some(host) = node.url.host_str() {
                span.record("server.address", host);
            }
            if let Some(port) = node.url.port_or_known_default() {
                span.record("server.port", port);
            }
            let (status, headers, body) = match self.send_once(req).await {
                Ok(Ok(answer)) => answer,
                Ok(Err((status, headers))) => {
                    let meta = ResponseMeta::new(status, headers, Some(node.url.clone()));
                    span.record("error.type", "body_too_large");
                    return Err(Error::BodyTooLarge {
                        limit: inner.max_response_size,
                        meta: Box::new(meta),
                    });
                }
                Err(source) => {
                    if let Some(reason) = crate::tls::certificate_error(&source) {
                        // A configuration problem, not an unavailable node: failing at once
                        // says so, where retries would only repeat it.
                        span.record("error.type", "tls");
                        tracing::warn!(%endpoint, node = %node.url, %reason, "TLS certificate error, not retried");
                        return Err(Error::Tls {
                            node: node.url.clone(),
                            reason,
                            source,
                        });
                    }
                    let timed_out = source.is_timeout();
                    inner.pool.mark_dead(&node);
                    if retries_left && (!timed_out || inner.retry_on_timeout) {
                        tracing::warn!(%endpoint, node = %node.url, attempt, error = %source, "request failed, retrying");
                        if inner.sniff_on_failure {
                            Box::pin(self.sniff_guarded()).await;
                        }
                        continue;
                    }
                    span.record(
                        "error.type",
                        if timed_out { "timeout" } else { "connection" },
                    );
                    return Err(Error::Transport {
                        node: Some(node.url.clone()),
                        attempts: attempt,
                        source,
                    });
                }
            };
            span.record("http.response.status_code", status);
            let meta = ResponseMeta::new(status, headers, Some(node.url.clone()));
            if matches!(status, 502..=504) {
                inner.pool.mark_dead(&node);
                if retries_left {
                    tracing::warn!(%endpoint, node = %node.url, attempt, status, "node unavailable, retrying");
                    if inner.sniff_on_failure {
                        Box::pin(self.sniff_guarded()).await;
                    }
                    continue;
                }
            } else {
                inner.pool.mark_alive(&node);
                if status == 429 && retries_left {
                    let wait = retry_after(&meta, std::time::SystemTime::now())
                        .unwrap_or_else(|| inner.retry_backoff.wait(attempt, fastrand::f64()));
                    if wait <= inner.retry_backoff.max {
                        tracing::warn!(%endpoint, node = %node.url, attempt, ?wait, "too many requests (429), retrying after a backoff");
                        Box::pin(tokio::time::sleep(wait)).await;
                        continue;
                    }
                }
            }
            let success = (200..300).contains(&status) || prepared.success.contains(&status);
            if !success {
                span.record("error.type", status);
                return Err(Error::from(ApiError::from_response(meta, &body)));
            }
            if inner.product_check
                && (200..300).contains(&status)
                && meta
                    .headers()
                    .get("x-elastic-product")
                    .is_none_or(|v| v.as_bytes() != b"Elasticsearch")
            {
                span.record("error.type", "product_check");
                return Err(Error::ProductCheck {
                    meta: Box::new(meta),
                });
            }
            return Ok(HttpResponse { meta, body });
        }
    }

    /// One attempt: the status, headers and body, or (inner `Err`) the status and headers of
    /// a response whose body is over the limit.
    #[allow(clippy::type_complexity)]
    async fn send_once(
        &self,
        req: reqwest::Request,
    ) -> Result<Result<(u16, HeaderMap, bytes::Bytes), (u16, HeaderMap)>, reqwest::Error> {
        let limit = self.inner.max_response_size;
        let mut response = self.inner.http.execute(req).await?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        match response.content_length() {
            Some(len) if len > limit as u64 => return Ok(Err((status, headers))),
            // A stated length (hyper reads no more than it): the body as hyper has it,
            // without a copy.
            Some(_) => return Ok(Ok((status, headers, response.bytes().await?))),
            None => {}
        }
        // Chunked or compressed: read up to the limit.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                return Ok(Err((status, headers)));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Ok((status, headers, body.into())))
    }

    /// Asks a node for the cluster's nodes (`GET /_nodes/_all/http`) and uses the HTTP
    /// addresses they publish from now on; returns them.
    ///
    /// # Errors
    ///
    /// The error of the last node asked when none answered with a usable node list.
    pub async fn sniff(&self) -> Result<Vec<Url>, Error> {
        let inner = &*self.inner;
        let nodes = inner.pool.nodes();
        let mut last = None;
        for node in nodes.iter() {
            let url = node_url(&node.url, "/_nodes/_all/http", &[])?;
            let mut req = reqwest::Request::new(Method::GET, url);
            req.headers_mut().clone_from(&inner.headers);
            if let Some(auth) = &inner.auth_header {
                req.headers_mut().insert(AUTHORIZATION, auth.clone());
            }
            *req.timeout_mut() = inner.timeout;
            match self.send_once(req).await {
                Ok(Ok((status, _, body))) if (200..300).contains(&status) => {
                    let value: serde_json::Value =
                        serde_json::from_slice(&body).unwrap_or_default();
                    let urls = sniffed_urls(&value, node.url.scheme());
                    if !urls.is_empty() {
                        tracing::info!(nodes = ?urls.iter().map(Url::as_str).collect::<Vec<_>>(), "sniffed the Elasticsearch nodes");
                        inner.pool.replace(urls.clone());
                        if let Ok(mut at) = inner.sniffed_at.lock() {
                            *at = Some(Instant::now());
                        }
                        return Ok(urls);
                    }
                    last = Some(Error::invalid_parameter(
                        "sniff",
                        format!("{} listed no node with an HTTP address", node.url),
                    ));
                }
                Ok(Ok((status, headers, body))) => {
                    let meta = ResponseMeta::new(status, headers, Some(node.url.clone()));
                    last = Some(Error::from(ApiError::from_response(meta, &body)));
                }
                Ok(Err((status, headers))) => {
                    last = Some(Error::BodyTooLarge {
                        limit: inner.max_response_size,
                        meta: Box::new(ResponseMeta::new(status, headers, Some(node.url.clone()))),
                    });
                }
                Err(source) => {
                    if let Some(reason) = crate::tls::certificate_error(&source) {
                        return Err(Error::Tls {
                            node: node.url.clone(),
                            reason,
                            source,
                        });
                    }
                    inner.pool.mark_dead(node);
                    last = Some(Error::Transport {
                        node: Some(node.url.clone()),
                        attempts: 1,
                        source,
                    });
                }
            }
        }
        Err(last.unwrap_or_else(|| Error::InvalidUrl("the transport has no nodes".to_owned())))
    }

    /// Sniffs unless another request is already sniffing; failures are logged.
    async fn sniff_guarded(&self) {
        let inner = &*self.inner;
        if inner
            .sniffing
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return;
        }
        if let Err(e) = self.sniff().await {
            tracing::warn!(error = %e, "sniffing the Elasticsearch nodes failed");
            if let Ok(mut at) = inner.sniffed_at.lock() {
                *at = Some(Instant::now());
            }
        }
        inner.sniffing.store(false, Ordering::Release);
    }

    /// Whether to sniff before this request: before the first one (`sniff_on_start`) and
    /// when the interval is over.
    fn sniff_due(&self) -> bool {
        let inner = &*self.inner;
        if !inner.sniff_on_start && inner.sniff_interval.is_none() {
            return false;
        }
        let last = inner.sniffed_at.lock().map(|at| *at).unwrap_or(None);
        match (last, inner.sniff_interval) {
            (None, _) => true,
            (Some(at), Some(interval)) => at.elapsed() >= interval,
            (Some(_), None) => false,
        }
    }
}

/// The wait a 429 response asks for in `Retry-After`: seconds, or an HTTP date (the time
/// until then; none when it is past). `None` when absent or unreadable.
fn retry_after(meta: &ResponseMeta, now: std::time::SystemTime) -> Option<Duration> {
    let value = meta.headers().get(reqwest::header::RETRY_AFTER)?;
    let text = value.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        // Longer than a Duration holds: longer than any backoff allows, too.
        return (seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `path` appended to the node URL's path, with `query` URL-encoded.
fn node_url(node: &Url, path: &str, query: &[(String, String)]) -> Result<Url, Error> {
    let mut url = node.clone();
    let mut full = url.path().trim_end_matches('/').to_owned();
    if !path.starts_with('/') {
        full.push('/');
    }
    full.push_str(path);
    url.set_path(&full);
    if url.path() != full {
        return Err(Error::InvalidUrl(format!(
            "path `{full}` would be sent as `{}`",
            url.path()
        )));
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}

fn header_pair(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::invalid_parameter("header", format!("invalid header name `{name}`")))?;
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        Error::invalid_parameter("header", format!("invalid value for header `{name}`"))
    })?;
    if is_sensitive_header(&name) {
        value.set_sensitive(true);
    }
    Ok((name, value))
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Transport")
            .field(
                "nodes",
                &inner
                    .pool
                    .urls()
                    .iter()
                    .map(Url::as_str)
                    .collect::<Vec<_>>(),
            )
            .field("auth", &inner.auth)
            .field("headers", &HeaderNames(&inner.headers))
            .field("timeout", &inner.timeout)
            .field("max_retries", &inner.max_retries)
            .field("tls", &inner.tls)
            .finish_non_exhaustive()
    }
}

/// Shows header names only (values may be secrets).
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.keys().map(HeaderName::as_str))
            .finish()
    }
}

/// Configures a [`Transport`], or a client `C` wrapping one (the generated crate's `Client`);
/// see [`Transport::builder`]. Defaults are in [`defaults`].
///
/// `Debug` never shows credentials or header values.
pub struct ClientBuilder<C = Transport> {
    urls: Vec<String>,
    auth: Option<Auth>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    max_retries: u32,
    retry_on_timeout: bool,
    dead_node_backoff: Backoff,
    retry_backoff: Backoff,
    compatibility: Option<u16>,
    client_version: String,
    compress_requests: bool,
    product_check: bool,
    max_response_size: usize,
    sniff_on_start: bool,
    sniff_on_failure: bool,
    sniff_interval: Option<Duration>,
    tls: TlsSettings,
    deferred: Option<Error>,
    client: PhantomData<fn() -> C>,
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// Starts configuring a client for `urls`: one node URL, or several separated by commas
    /// (e.g. `https://es1:9200,https://es2:9200`).
    pub fn new(urls: &str) -> Self {
        ClientBuilder {
            urls: urls
                .split(',')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned)
                .collect(),
            auth: None,
            headers: Vec::new(),
            timeout: Some(defaults::REQUEST_TIMEOUT),
            connect_timeout: defaults::CONNECT_TIMEOUT,
            http: None,
            max_retries: defaults::MAX_RETRIES,
            retry_on_timeout: false,
            dead_node_backoff: Backoff {
                base: defaults::DEAD_NODE_BACKOFF,
                max: defaults::MAX_DEAD_NODE_BACKOFF,
                jitter: 0.5,
            },
            retry_backoff: Backoff {
                base: defaults::RETRY_BACKOFF,
                max: defaults::MAX_RETRY_BACKOFF,
                jitter: 0.5,
            },
            compatibility: None,
            client_version: env!("CARGO_PKG_VERSION").to_owned(),
            compress_requests: false,
            product_check: true,
            max_response_size: defaults::MAX_RESPONSE_SIZE,
            sniff_on_start: false,
            sniff_on_failure: false,
            sniff_interval: None,
            tls: TlsSettings::default(),
            deferred: None,
            client: PhantomData,
        }
    }

    /// Starts configuring a client for an Elastic Cloud deployment, by its Cloud ID.
    pub fn cloud(cloud_id: &str) -> Self {
        let mut builder = ClientBuilder::new("");
        builder = builder.cloud_id(cloud_id);
        builder
    }

    /// Adds a node.
    pub fn node(mut self, url: impl Into<String>) -> Self {
        self.urls.push(url.into());
        self
    }

    /// Adds the node of an Elastic Cloud ID (`name:base64(...)`).
    pub fn cloud_id(mut self, cloud_id: &str) -> Self {
        match cloud_id_url(cloud_id) {
            Ok(url) => self.urls.push(url.to_string()),
            Err(e) => self.deferred = self.deferred.or(Some(e)),
        }
        self
    }

    /// Sets the credentials (they take precedence over user info in the node URLs).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Adds a header sent with every request (replacing an earlier one with the same name).
    ///
    /// `Authorization` (when credentials are set), `Accept` and `Content-Type` are set per
    /// request and override these. Invalid names or values are reported by
    /// [`build`](ClientBuilder::build).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the timeout of each attempt, from sending it until its body has been read
    /// (default [`defaults::REQUEST_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the timeout of establishing a connection (default [`defaults::CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets how many times a request is retried at most (default [`defaults::MAX_RETRIES`]).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Whether a request that timed out is retried on another node (default `false`, as
    /// the Python client: a stalling cluster is not asked again and again).
    pub fn retry_on_timeout(mut self, retry: bool) -> Self {
        self.retry_on_timeout = retry;
        self
    }

    /// How long a dead node is left alone: `base * 2^(failures - 1)`, at most `max`, minus up
    /// to half of it at random (defaults [`defaults::DEAD_NODE_BACKOFF`],
    /// [`defaults::MAX_DEAD_NODE_BACKOFF`]).
    pub fn dead_node_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.dead_node_backoff = Backoff {
            base,
            max,
            jitter: 0.5,
        };
        self
    }

    /// The wait before retrying a 429 without `Retry-After`, as [`dead_node_backoff`]; a
    /// `Retry-After` longer than `max` ends the retries (defaults [`defaults::RETRY_BACKOFF`],
    /// [`defaults::MAX_RETRY_BACKOFF`]).
    ///
    /// [`dead_node_backoff`]: ClientBuilder::dead_node_backoff
    pub fn retry_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.retry_backoff = Backoff {
            base,
            max,
            jitter: 0.5,
        };
        self
    }

    /// Sends `application/vnd.elasticsearch+json; compatible-with=<major>` (and the
    /// `x-ndjson` form) as `Accept` and `Content-Type` instead of `application/json`, so that
    /// a newer Elasticsearch answers as version `major` did; `None` sends plain JSON types.
    /// The generated clients set the major version of their specification.
    pub fn compatibility(mut self, major: Option<u16>) -> Self {
        self.compatibility = major;
        self
    }

    /// The client's version in `User-Agent` and `x-elastic-client-meta` (the generated
    /// crate's; default the runtime's).
    pub fn client_version(mut self, version: impl Into<String>) -> Self {
        self.client_version = version.into();
        self
    }

    /// Compresses request bodies with gzip (default off; responses are always accepted
    /// gzip-compressed).
    pub fn compress_requests(mut self, compress: bool) -> Self {
        self.compress_requests = compress;
        self
    }

    /// Whether a 2xx response without `X-Elastic-Product: Elasticsearch` is an
    /// [`Error::ProductCheck`] (default `true`, as the official clients).
    pub fn product_check(mut self, check: bool) -> Self {
        self.product_check = check;
        self
    }

    /// The largest response body read, in bytes (default [`defaults::MAX_RESPONSE_SIZE`]);
    /// a larger one is an [`Error::BodyTooLarge`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Sniffs the nodes (see [`Transport::sniff`]) before the first request.
    pub fn sniff_on_start(mut self, sniff: bool) -> Self {
        self.sniff_on_start = sniff;
        self
    }

    /// Sniffs the nodes when a node fails.
    pub fn sniff_on_failure(mut self, sniff: bool) -> Self {
        self.sniff_on_failure = sniff;
        self
    }

    /// Sniffs the nodes before a request when `interval` has passed since the last time.
    pub fn sniff_interval(mut self, interval: Duration) -> Self {
        self.sniff_interval = Some(interval);
        self
    }

    /// Trusts the CA certificates of this PEM (instead of the built-in web roots).
    pub fn ca_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.tls.ca_pem.push(pem.into());
        self
    }

    /// Trusts the CA certificates of the PEM file at `path` (e.g. Elasticsearch's
    /// `config/certs/http_ca.crt`).
    pub fn ca_certificate_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(pem) => self.tls.ca_pem.push(pem),
            Err(e) => {
                let error = Error::invalid_parameter(
                    "ca_certificate_file",
                    format!("cannot read {}: {e}", path.display()),
                );
                self.deferred = self.deferred.or(Some(error));
            }
        }
        self
    }

    /// Trusts a server whose certificate chain holds a certificate with this SHA-256
    /// fingerprint (64 hex digits, `:` separators optional), as Elasticsearch prints it for
    /// its CA at first start. The host name is not checked (as in the official clients).
    pub fn ca_fingerprint(mut self, fingerprint: &str) -> Self {
        match parse_fingerprint(fingerprint) {
            Ok(f) => self.tls.fingerprint = Some(f),
            Err(e) => self.deferred = self.deferred.or(Some(e)),
        }
        self
    }

    /// Authenticates with this client certificate chain and private key (PEM) (mTLS).
    pub fn client_certificate_pem(
        mut self,
        certificate_chain: impl Into<Vec<u8>>,
        private_key: impl Into<Vec<u8>>,
    ) -> Self {
        self.tls.client_cert = Some((certificate_chain.into(), private_key.into()));
        self
    }

    /// Accepts any server certificate: no protection against someone in the middle. For
    /// tests against throwaway clusters only.
    pub fn danger_accept_invalid_certificates(mut self, accept: bool) -> Self {
        self.tls.insecure = accept;
        self
    }

    /// Uses this HTTP client (e.g. one configured with a proxy). The timeouts of the
    /// connection and the TLS settings of this builder then do not apply.
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidUrl`] if there is no node, or a node URL cannot be parsed, is not
    ///   `http` / `https`, or has a query or fragment;
    /// * [`Error::InvalidParameter`] if a header name or value, or the credentials, cannot be
    ///   sent in an HTTP header, or a Cloud ID, CA certificate, fingerprint or client
    ///   certificate is invalid;
    /// * [`Error::Transport`] if the HTTP client cannot be created.
    pub fn build(self) -> Result<C, Error> {
        if let Some(error) = self.deferred {
            return Err(error);
        }
        if self.urls.is_empty() {
            return Err(Error::InvalidUrl("no node URL given".to_owned()));
        }
        let mut auth = self.auth;
        let mut urls = Vec::new();
        for text in &self.urls {
            let (url, user) = parse_node_url(text)?;
            if auth.is_none()
                && let Some((username, password)) = user
            {
                auth = Some(Auth::Basic { username, password });
            }
            urls.push(url);
        }
        let auth_header = auth.as_ref().map(Auth::header_value).transpose()?;

        let mut headers = HeaderMap::new();
        let version = &self.client_version;
        let runtime = env!("CARGO_PKG_VERSION");
        let agent = format!(
            "elasticsearch-typed/{version} (Rust; elasticsearch-typed-runtime {runtime}; reqwest 0.12)"
        );
        let meta = format!(
            "es={version},rs={},t={runtime},rq=0.12",
            env!("CARGO_PKG_RUST_VERSION")
        );
        for (name, value) in [("user-agent", agent), ("x-elastic-client-meta", meta)] {
            let (name, value) = header_pair(name, &value)?;
            headers.insert(name, value);
        }
        for (name, value) in &self.headers {
            let (name, value) = header_pair(name, value)?;
            headers.insert(name, value);
        }
        let compatibility = self.compatibility.map(|major| {
            let value = |kind: &str| {
                HeaderValue::from_str(&format!(
                    "application/vnd.elasticsearch+{kind}; compatible-with={major}"
                ))
                .unwrap_or_else(|_| HeaderValue::from_static("application/json"))
            };
            (value("json"), value("x-ndjson"))
        });

        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .gzip(true);
                if !self.tls.is_default() {
                    builder = builder.use_preconfigured_tls(self.tls.client_config()?);
                }
                builder.build()?
            }
        };
        Ok(C::from(Transport {
            inner: Arc::new(Inner {
                http,
                pool: NodePool::new(urls, self.dead_node_backoff),
                auth,
                auth_header,
                headers,
                timeout: self.timeout,
                max_retries: self.max_retries,
                retry_on_timeout: self.retry_on_timeout,
                retry_backoff: self.retry_backoff,
                compatibility,
                compress_requests: self.compress_requests,
                product_check: self.product_check,
                max_response_size: self.max_response_size,
                sniff_on_start: self.sniff_on_start,
                sniff_on_failure: self.sniff_on_failure,
                sniff_interval: self.sniff_interval,
                sniffed_at: std::sync::Mutex::new(None),
                sniffing: AtomicBool::new(false),
                tls: self.tls,
            }),
        }))
    }
}

fn is_sensitive_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name == AUTHORIZATION.as_str()
        || name == reqwest::header::PROXY_AUTHORIZATION.as_str()
        || name == reqwest::header::COOKIE.as_str()
        || name == reqwest::header::SET_COOKIE.as_str()
        || name.contains("key")
        || name.contains("token")
        || name.contains("secret")
        || name.contains("auth")
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Node URLs may carry credentials: show them only without.
        let urls: Vec<String> = self
            .urls
            .iter()
            .map(|text| match Url::parse(text) {
                Ok(mut url) => {
                    if !url.username().is_empty() || url.password().is_some() {
                        let _ = url.set_username("");
                        let _ = url.set_password(None);
                        format!("{url} (user info {REDACTED})")
                    } else {
                        url.to_string()
                    }
                }
                Err(_) => format!("<invalid URL {REDACTED}>"),
            })
            .collect();
        f.debug_struct("ClientBuilder")
            .field("nodes", &urls)
            .field("auth", &self.auth)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("compatibility", &self.compatibility)
            .field("tls", &self.tls)
            .field("reqwest_client", &self.http.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(req: &reqwest::Request, name: &str) -> Option<String> {
        req.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    fn auth_header(auth: Auth) -> String {
        auth.header_value().unwrap().to_str().unwrap().to_owned()
    }

    #[test]
    fn auth_header_values() {
        assert_eq!(
            auth_header(Auth::basic("elastic", "changeme")),
            format!("Basic {}", BASE64.encode("elastic:changeme"))
        );
        assert_eq!(
            auth_header(Auth::basic("elastic", "changeme")),
            "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="
        );
        assert_eq!(
            auth_header(Auth::api_key(
                "VuaCfGcBCdbkQm-e5aOx",
                "ui2lp2axTNmsyakw9tvNnw"
            )),
            "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
        );
        assert_eq!(
            auth_header(Auth::EncodedApiKey("ZW5jb2RlZA==".to_owned())),
            "ApiKey ZW5jb2RlZA=="
        );
        assert_eq!(
            auth_header(Auth::Bearer("tok.en".to_owned())),
            "Bearer tok.en"
        );
        assert!(Auth::basic("u", "p").header_value().unwrap().is_sensitive());
        assert!(matches!(
            Auth::Bearer("bad\ntoken".to_owned()).header_value(),
            Err(Error::InvalidParameter { name: "auth", .. })
        ));
    }

    #[test]
    fn auth_header_is_sent() {
        for (auth, expected) in [
            (Auth::basic("u", "p"), "Basic dTpw"),
            (Auth::api_key("id", "key"), "ApiKey aWQ6a2V5"),
            (Auth::EncodedApiKey("enc".to_owned()), "ApiKey enc"),
            (Auth::Bearer("t".to_owned()), "Bearer t"),
        ] {
            let client = Transport::builder("http://127.0.0.1:9200")
                .auth(auth)
                .build()
                .unwrap();
            let req = client
                .build_request(HttpRequest::new(Method::GET, "/"))
                .unwrap();
            assert_eq!(header(&req, "authorization").as_deref(), Some(expected));
        }
        let client = Transport::new("http://127.0.0.1:9200").unwrap();
        let req = client
            .build_request(HttpRequest::new(Method::GET, "/"))
            .unwrap();
        assert_eq!(header(&req, "authorization"), None);
    }

    const SECRETS: [&str; 4] = ["hunter2", "s3cr3t-key", "ZW5jb2RlZA", "bearer-tok"];

    fn assert_redacted(text: &str) {
        for secret in SECRETS {
            assert!(!text.contains(secret), "`{secret}` leaked in {text}");
        }
        assert!(text.contains(REDACTED), "{text}");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let auths = [
            Auth::basic("elastic", "hunter2"),
            Auth::api_key("key-id", "s3cr3t-key"),
            Auth::EncodedApiKey("ZW5jb2RlZA==".to_owned()),
            Auth::Bearer("bearer-tok".to_owned()),
        ];
        for auth in &auths {
            assert_redacted(&format!("{auth:?}"));
            assert_redacted(&format!("{auth:#?}"));
        }
        assert_eq!(
            format!("{:?}", auths[0]),
            r#"Basic { username: "elastic", password: "<redacted>" }"#
        );
        assert_eq!(format!("{:?}", auths[3]), r#"Bearer("<redacted>")"#);

        for auth in auths {
            let builder = Transport::builder("https://elastic:hunter2@example.test:9200/prefix")
                .auth(auth)
                .header("x-api-key", "s3cr3t-key")
                .header("x-other", "bearer-tok")
                .timeout(Duration::from_secs(5));
            let text = format!("{builder:?}");
            assert_redacted(&text);
            assert!(text.contains("example.test"), "{text}");
            let client = builder.build().unwrap();
            assert_redacted(&format!("{client:?}"));
            assert_redacted(&format!("{client:#?}"));
            assert!(!client.base_url().as_str().contains("hunter2"));
        }

        // Credentials only in the URL.
        let builder = Transport::builder("http://elastic:hunter2@localhost:9200");
        assert_redacted(&format!("{builder:?}"));
        let client = builder.build().unwrap();
        assert_redacted(&format!("{client:?}"));
        assert_eq!(client.auth(), Some(&Auth::basic("elastic", "hunter2")));
        assert_eq!(client.base_url().as_str(), "http://localhost:9200/");

        // An unparsable URL is not echoed.
        let text = format!("{:?}", Transport::builder("http://u:hunter2@[bad"));
        assert_redacted(&text);
        let err = Transport::new("http://u:hunter2@[bad").unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }

    #[test]
    fn request_body_debug_hides_content() {
        let body = RequestBody::json(&json!({"password": "hunter2"})).unwrap();
        assert_eq!(format!("{body:?}"), "Json(<22 bytes>)");
        let request = HttpRequest {
            body: Some(body),
            ..HttpRequest::new(Method::PUT, "/_security/user/u")
        };
        assert!(!format!("{request:?}").contains("hunter2"));
        let response = HttpResponse::new(200, HeaderMap::new(), br#"{"api_key":"s3cr3t-key"}"#);
        assert!(!format!("{response:?}").contains("s3cr3t-key"));
    }

    #[test]
    fn url_joins_base_path_and_encodes_query() {
        let client = Transport::new("http://127.0.0.1:9200").unwrap();
        let query = vec![
            ("q".to_owned(), "title:a b&c=d".to_owned()),
            ("index".to_owned(), "a,b".to_owned()),
            ("pretty".to_owned(), "true".to_owned()),
        ];
        let url = client.url("/my-index/_search", &query).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9200/my-index/_search?q=title%3Aa+b%26c%3Dd&index=a%2Cb&pretty=true"
        );
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(pairs, query);
        assert_eq!(
            client.url("/", &[]).unwrap().as_str(),
            "http://127.0.0.1:9200/"
        );

        for base in ["http://localhost:9200/es", "http://localhost:9200/es/"] {
            let client = Transport::new(base).unwrap();
            assert_eq!(
                client.url("/idx/_doc/a%2Fb", &[]).unwrap().as_str(),
                "http://localhost:9200/es/idx/_doc/a%2Fb"
            );
            assert_eq!(
                client.url("_cat/indices", &[]).unwrap().as_str(),
                "http://localhost:9200/es/_cat/indices"
            );
        }
    }

    #[test]
    fn url_rejects_paths_that_normalization_would_change() {
        let client = Transport::new("http://127.0.0.1:9200").unwrap();
        for path in ["/idx/_doc/..", "/idx/_doc/%2e%2E", "/idx/./x", "/a\\b"] {
            assert!(
                matches!(client.url(path, &[]), Err(Error::InvalidUrl(_))),
                "{path}"
            );
        }
    }

    #[test]
    fn build_request_sets_headers_body_and_timeout() {
        let client = Transport::builder("https://127.0.0.1:9200")
            .header("X-Opaque-Id", "trace-1")
            .header("Accept", "overridden")
            .timeout(Duration::from_millis(1500))
            .build()
            .unwrap();
        let request = HttpRequest {
            method: Method::POST,
            path: "/_bulk".to_owned(),
            query: vec![("refresh".to_owned(), "wait_for".to_owned())],
            body: Some(
                RequestBody::ndjson(&[json!({"index": {"_index": "i"}}), json!({"a": 1})]).unwrap(),
            ),
            accept: "application/json",
            accept_statuses: &[],
        };
        let req = client.build_request(request).unwrap();
        assert_eq!(req.method(), Method::POST);
        assert_eq!(
            req.url().as_str(),
            "https://127.0.0.1:9200/_bulk?refresh=wait_for"
        );
        assert_eq!(
            header(&req, "content-type").as_deref(),
            Some("application/x-ndjson")
        );
        assert_eq!(header(&req, "accept").as_deref(), Some("application/json"));
        assert_eq!(header(&req, "x-opaque-id").as_deref(), Some("trace-1"));
        assert!(
            header(&req, "user-agent")
                .unwrap()
                .starts_with("elasticsearch-typed/")
        );
        assert_eq!(req.timeout(), Some(&Duration::from_millis(1500)));
        assert_eq!(
            req.body().and_then(reqwest::Body::as_bytes),
            Some(&b"{\"index\":{\"_index\":\"i\"}}\n{\"a\":1}\n"[..])
        );

        let head = HttpRequest {
            accept: "",
            ..HttpRequest::new(Method::HEAD, "/i")
        };
        let req = client.build_request(head).unwrap();
        assert_eq!(header(&req, "accept").as_deref(), Some("overridden"));
        assert_eq!(header(&req, "content-type"), None);
        assert!(req.body().is_none());

        let text = HttpRequest {
            body: Some(RequestBody::Text("SELECT 1".to_owned())),
            ..HttpRequest::new(Method::POST, "/_sql")
        };
        let req = client.build_request(text).unwrap();
        assert_eq!(
            header(&req, "content-type").as_deref(),
            Some("text/plain; charset=utf-8")
        );

        let custom_agent = Transport::builder("http://localhost:9200")
            .header("user-agent", "mine/1")
            .build()
            .unwrap();
        let req = custom_agent
            .build_request(HttpRequest::new(Method::GET, "/"))
            .unwrap();
        assert_eq!(header(&req, "user-agent").as_deref(), Some("mine/1"));
    }

    #[test]
    fn builder_errors() {
        for bad in [
            "not a url",
            "ftp://localhost:9200",
            "http://localhost:9200/?a=b",
            "http://localhost:9200/#x",
        ] {
            assert!(
                matches!(Transport::new(bad), Err(Error::InvalidUrl(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Transport::builder("http://localhost:9200")
                .header("bad name", "v")
                .build(),
            Err(Error::InvalidParameter { name: "header", .. })
        ));
        assert!(matches!(
            Transport::builder("http://localhost:9200")
                .header("x-ok", "bad\r\nvalue")
                .build(),
            Err(Error::InvalidParameter { name: "header", .. })
        ));
        // Explicit auth wins over URL user info.
        let client = Transport::builder("http://a:b@localhost:9200")
            .auth(Auth::Bearer("t".to_owned()))
            .build()
            .unwrap();
        assert_eq!(client.auth(), Some(&Auth::Bearer("t".to_owned())));
        // Percent-encoded user info is decoded.
        let client = Transport::new("http://us%40er:p%3Ass@localhost:9200").unwrap();
        assert_eq!(client.auth(), Some(&Auth::basic("us@er", "p:ss")));
    }

    #[test]
    fn request_body_encoding() {
        let body = RequestBody::json(&json!({"a": [1, 2]})).unwrap();
        assert_eq!(body, RequestBody::Json(br#"{"a":[1,2]}"#.to_vec()));
        assert_eq!(body.content_type(), "application/json");
        let lines = RequestBody::ndjson(&["x\ny", "z"]).unwrap();
        assert_eq!(lines.as_bytes(), b"\"x\\ny\"\n\"z\"\n");
        assert_eq!(RequestBody::ndjson::<u8>(&[]).unwrap().as_bytes(), b"");

        struct Failing;
        impl Serialize for Failing {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("boom"))
            }
        }
        assert!(matches!(RequestBody::json(&Failing), Err(Error::Encode(_))));
        assert!(matches!(
            RequestBody::ndjson(&[Failing]),
            Err(Error::Encode(_))
        ));
    }

    #[test]
    fn response_decoding() {
        let ok = HttpResponse::new(200, HeaderMap::new(), br#"{"acknowledged":true}"#);
        assert_eq!(ok.status(), 200);
        assert_eq!(
            ok.json::<serde_json::Value>().unwrap(),
            json!({"acknowledged": true})
        );
        assert_eq!(ok.text().unwrap(), r#"{"acknowledged":true}"#);
        assert_eq!(ok.bytes(), br#"{"acknowledged":true}"#);
        assert!(ok.headers().is_empty());

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Expected {
            count: u64,
        }
        let bad = HttpResponse::new(206, HeaderMap::new(), br#"{"count":"many"}"#);
        match bad.json::<Expected>() {
            Err(Error::Decode { status, body, .. }) => {
                assert_eq!(status, 206);
                assert_eq!(body, r#"{"count":"many"}"#);
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        let err = bad.json::<Expected>().unwrap_err();
        assert_eq!(err.status(), Some(206));
        assert!(err.to_string().contains("HTTP 206"), "{err}");

        let binary = HttpResponse::new(200, HeaderMap::new(), vec![0xff, 0xfe]);
        assert!(matches!(
            binary.text(),
            Err(Error::Decode { status: 200, .. })
        ));
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let meta = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                reqwest::header::RETRY_AFTER,
                HeaderValue::from_str(value).unwrap(),
            );
            ResponseMeta::new(429, headers, None)
        };
        // 2015-10-21 07:28:00 UTC.
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let wait = |value: &str| retry_after(&meta(value), now);
        assert_eq!(wait("3"), Some(Duration::from_secs(3)));
        assert_eq!(wait(" 0.25 "), Some(Duration::from_millis(250)));
        assert_eq!(
            wait("Wed, 21 Oct 2015 07:28:07 GMT"),
            Some(Duration::from_secs(7))
        );
        // The obsolete forms HTTP allows too.
        assert_eq!(
            wait("Wednesday, 21-Oct-15 07:29:00 GMT"),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            wait("Wed Oct 21 07:28:02 2015"),
            Some(Duration::from_secs(2))
        );
        // A date past: no wait.
        assert_eq!(wait("Tue, 20 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        // Too long for a Duration: longer than any backoff.
        assert_eq!(wait("1e300"), Some(Duration::MAX));
        for unreadable in ["-1", "NaN", "soon", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            assert_eq!(wait(unreadable), None, "{unreadable}");
        }
        assert_eq!(
            retry_after(&ResponseMeta::new(429, HeaderMap::new(), None), now),
            None
        );
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Transport>();
        assert_traits::<HttpRequest>();
        assert_traits::<HttpResponse>();
    }

    /// Serves each canned response to one connection on a loopback port, then stops.
    fn serve(
        responses: Vec<(&'static str, &'static str)>,
    ) -> (String, std::thread::JoinHandle<()>) {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            for (status, body) in responses {
                let (stream, _) = listener.accept().unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                let mut content_length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        content_length = v.trim().parse().unwrap();
                    }
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                }
                let mut request_body = vec![0; content_length];
                reader.read_exact(&mut request_body).unwrap();
                let response = format!(
                    "HTTP/1.1 {status}\r\nx-elastic-product: Elasticsearch\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                reader.get_mut().write_all(response.as_bytes()).unwrap();
            }
        });
        (base, handle)
    }

    #[tokio::test]
    async fn execute_maps_statuses() {
        let (base, server) = serve(vec![
            ("200 OK", r#"{"acknowledged":true}"#),
            ("404 Not Found", r#"{"_id":"1","found":false}"#),
            (
                "404 Not Found",
                r#"{"error":{"type":"index_not_found_exception","reason":"no such index [x]"},"status":404}"#,
            ),
        ]);
        let client = Transport::builder(&base)
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let put = HttpRequest {
            body: Some(RequestBody::json(&json!({"a": 1})).unwrap()),
            ..HttpRequest::new(Method::PUT, "/x")
        };
        let ok = client.execute(put).await.unwrap();
        assert_eq!(ok.status(), 200);
        assert_eq!(
            ok.json::<serde_json::Value>().unwrap(),
            json!({"acknowledged": true})
        );

        let accepted = HttpRequest {
            accept_statuses: &[404],
            ..HttpRequest::new(Method::GET, "/x/_doc/1")
        };
        let found = client.execute(accepted).await.unwrap();
        assert_eq!(found.status(), 404);

        let err = client
            .execute(HttpRequest::new(Method::GET, "/x/_doc/1"))
            .await
            .unwrap_err();
        let api = err.api_error().expect("an API error");
        assert_eq!(api.status, 404);
        assert_eq!(api.error_type(), Some("index_not_found_exception"));
        server.join().unwrap();
    }

    #[tokio::test]
    async fn execute_reports_transport_errors() {
        // Port 1 on loopback: nothing listens there, the connection is refused.
        let client = Transport::builder("http://127.0.0.1:1")
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let err = client
            .execute(HttpRequest::new(Method::GET, "/"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    }
}
