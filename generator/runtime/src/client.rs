//! The HTTP client, its configuration and the transport-level request and response types.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, Error, body_excerpt};

/// The value shown instead of secrets by `Debug` implementations.
const REDACTED: &str = "<redacted>";

/// The `User-Agent` sent unless another one is configured.
const USER_AGENT: &str = concat!("elasticsearch-typed/", env!("CARGO_PKG_VERSION"));

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

/// A response with a success status (2xx or one of [`HttpRequest::accept_statuses`]), with its
/// body fully read.
///
/// `Debug` shows the body's size only (responses may hold secrets, e.g. created API keys).
#[derive(Clone)]
pub struct HttpResponse {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl HttpResponse {
    /// Builds a response (useful for tests and custom transports).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes the body as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] with the status and the start of the body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            body: body_excerpt(&self.body),
            source,
        })
    }

    /// The body as text.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] if the body is not valid UTF-8.
    pub fn text(&self) -> Result<String, Error> {
        String::from_utf8(self.body.clone()).map_err(|e| Error::Decode {
            status: self.status,
            body: body_excerpt(&self.body),
            source: <serde_json::Error as serde::de::Error>::custom(format_args!(
                "response body is not valid UTF-8: {e}"
            )),
        })
    }

    /// The raw body.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// Converts into the raw body.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

/// An Elasticsearch client: a base URL, credentials and default headers on top of a
/// [`reqwest::Client`].
///
/// Cloning is cheap (the connection pool is shared). `Debug` never shows credentials.
#[derive(Clone)]
pub struct Transport {
    http: reqwest::Client,
    base_url: Url,
    auth: Option<Auth>,
    auth_header: Option<HeaderValue>,
    headers: HeaderMap,
    timeout: Option<Duration>,
}

impl Transport {
    /// A client for `base_url` (e.g. `http://localhost:9200`) with default settings.
    ///
    /// User info in the URL (`https://user:pass@host:9200`) becomes [`Auth::Basic`].
    ///
    /// # Errors
    ///
    /// See [`ClientBuilder::build`].
    pub fn new(base_url: &str) -> Result<Transport, Error> {
        Transport::builder(base_url).build()
    }

    /// Starts configuring a transport for `base_url`.
    pub fn builder(base_url: &str) -> ClientBuilder {
        ClientBuilder::new(base_url)
    }

    /// The base URL (without credentials).
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The configured credentials.
    pub fn auth(&self) -> Option<&Auth> {
        self.auth.as_ref()
    }

    /// The underlying HTTP client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// The full URL for `path` (appended to the base URL's path) and `query` (URL-encoded).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] if the path would be changed by URL normalization (e.g. it has
    /// `.` or `..` segments), which would send the request to another endpoint.
    pub fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url, Error> {
        let mut url = self.base_url.clone();
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

    /// Builds the [`reqwest::Request`] that [`execute`](Transport::execute) sends, without sending
    /// it: URL, default headers, `Authorization`, `Accept`, `Content-Type`, body and timeout.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] (see [`url`](Transport::url)); [`Error::InvalidParameter`] if
    /// `accept` is not a valid header value.
    pub fn build_request(&self, request: HttpRequest) -> Result<reqwest::Request, Error> {
        let url = self.url(&request.path, &request.query)?;
        let mut req = reqwest::Request::new(request.method, url);
        let headers = req.headers_mut();
        headers.extend(self.headers.clone());
        if let Some(auth) = &self.auth_header {
            headers.insert(AUTHORIZATION, auth.clone());
        }
        if !request.accept.is_empty() {
            let accept = HeaderValue::from_str(request.accept)
                .map_err(|e| Error::invalid_parameter("accept", e.to_string()))?;
            headers.insert(ACCEPT, accept);
        }
        if let Some(body) = request.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(body.content_type()));
            *req.body_mut() = Some(body.into_bytes().into());
        }
        *req.timeout_mut() = self.timeout;
        Ok(req)
    }

    /// Sends `request` and reads the whole response.
    ///
    /// # Errors
    ///
    /// * [`Error::Api`] if the status is neither 2xx nor listed in
    ///   [`HttpRequest::accept_statuses`] (the body is decoded as an Elasticsearch error);
    /// * [`Error::Transport`] if the request could not be sent or the response not read;
    /// * the errors of [`build_request`](Transport::build_request).
    pub async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let accept_statuses = request.accept_statuses;
        let req = self.build_request(request)?;
        let response = self.http.execute(req).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = Vec::from(response.bytes().await?);
        if (200..300).contains(&status) || accept_statuses.contains(&status) {
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        } else {
            Err(Error::from(ApiError::from_body(status, &body)))
        }
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url.as_str())
            .field("auth", &self.auth)
            .field("headers", &HeaderNames(&self.headers))
            .field("timeout", &self.timeout)
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
/// see [`Transport::builder`].
///
/// `Debug` never shows credentials or header values.
pub struct ClientBuilder<C = Transport> {
    base_url: String,
    auth: Option<Auth>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// Starts configuring a client for `base_url`.
    pub fn new(base_url: &str) -> Self {
        ClientBuilder {
            base_url: base_url.to_owned(),
            auth: None,
            headers: Vec::new(),
            timeout: None,
            http: None,
            client: PhantomData,
        }
    }

    /// Sets the credentials (they take precedence over user info in the base URL).
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

    /// Sets a timeout for each request, from sending it until its body has been read.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Uses this HTTP client (e.g. one configured with custom TLS roots or a proxy).
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidUrl`] if the base URL cannot be parsed, is not `http` / `https`, or
    ///   has a query or fragment;
    /// * [`Error::InvalidParameter`] if a header name or value, or the credentials, cannot be
    ///   sent in an HTTP header;
    /// * [`Error::Transport`] if the default HTTP client cannot be created.
    pub fn build(self) -> Result<C, Error> {
        let mut base_url = Url::parse(&self.base_url)
            .map_err(|e| Error::InvalidUrl(format!("cannot parse the base URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(Error::InvalidUrl(format!(
                "unsupported scheme `{}` (expected http or https)",
                base_url.scheme()
            )));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::InvalidUrl(
                "the base URL must not have a query or fragment".to_owned(),
            ));
        }

        let mut auth = self.auth;
        if !base_url.username().is_empty() || base_url.password().is_some() {
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8()
                    .map(|s| s.into_owned())
                    .map_err(|_| {
                        Error::InvalidUrl("the base URL's user info is not valid UTF-8".to_owned())
                    })
            };
            let username = decode(base_url.username())?;
            let password = decode(base_url.password().unwrap_or(""))?;
            if auth.is_none() {
                auth = Some(Auth::Basic { username, password });
            }
            let _ = base_url.set_username("");
            let _ = base_url.set_password(None);
        }
        let auth_header = auth.as_ref().map(Auth::header_value).transpose()?;

        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_parameter("header", format!("invalid header name `{name}`"))
            })?;
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_parameter("header", format!("invalid value for header `{name}`"))
            })?;
            if is_sensitive_header(&name) {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        if !headers.contains_key(reqwest::header::USER_AGENT) {
            headers.insert(
                reqwest::header::USER_AGENT,
                HeaderValue::from_static(USER_AGENT),
            );
        }

        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder().build()?,
        };
        Ok(C::from(Transport {
            http,
            base_url,
            auth,
            auth_header,
            headers,
            timeout: self.timeout,
        }))
    }
}

fn is_sensitive_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name == AUTHORIZATION.as_str()
        || name == reqwest::header::PROXY_AUTHORIZATION.as_str()
        || name == reqwest::header::COOKIE.as_str()
        || name.contains("key")
        || name.contains("token")
        || name.contains("secret")
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The base URL may carry credentials: show it only without them.
        let base_url = match Url::parse(&self.base_url) {
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
        };
        f.debug_struct("ClientBuilder")
            .field("base_url", &base_url)
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
            .field("reqwest_client", &self.http.is_some())
            .finish()
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
        assert_eq!(header(&req, "user-agent").as_deref(), Some(USER_AGENT));
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
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
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
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
    }
}
