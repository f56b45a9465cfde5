//! Per-request options, response metadata, and [`Call`]: what every generated endpoint
//! function returns.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::HeaderMap;
use url::Url;

use crate::client::{HttpRequest, HttpResponse, Transport};
use crate::error::Error;

/// What came with a response besides its body: status, headers and the node that answered.
///
/// `Debug` shows header names only for headers that may hold secrets.
#[derive(Clone, PartialEq)]
pub struct ResponseMeta {
    status: u16,
    headers: HeaderMap,
    node: Option<Url>,
}

impl ResponseMeta {
    /// Metadata of a response with `status` and `headers` from `node`.
    pub fn new(status: u16, headers: HeaderMap, node: Option<Url>) -> ResponseMeta {
        ResponseMeta {
            status,
            headers,
            node,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The node that answered (its URL without credentials).
    pub fn node(&self) -> Option<&Url> {
        self.node.as_ref()
    }

    /// The deprecation warnings of the `Warning` headers (the quoted text of
    /// `299 Elasticsearch-9.0.0 "..."`, or the whole value when it has another shape).
    pub fn warnings(&self) -> Vec<String> {
        self.headers
            .get_all(reqwest::header::WARNING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| match (v.find('"'), v.rfind('"')) {
                (Some(start), Some(end)) if end > start => v[start + 1..end]
                    .replace("\\\"", "\"")
                    .replace("\\\\", "\\"),
                _ => v.to_owned(),
            })
            .collect()
    }
}

impl fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseMeta")
            .field("status", &self.status)
            .field("headers", &crate::client::RedactedHeaders(&self.headers))
            .field("node", &self.node.as_ref().map(Url::as_str))
            .finish()
    }
}

/// A decoded response body with its [`ResponseMeta`] ([`Call::send_with_meta`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded body.
    pub body: T,
    /// Status, headers and node.
    pub meta: ResponseMeta,
}

/// Options of one request, on top of the client's settings (the official clients'
/// per-request options).
///
/// `Debug` shows header names only.
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) ignore: Vec<u16>,
}

impl RequestOptions {
    /// No options: the client's settings apply.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// Adds a header to this request (it replaces a client header of the same name). An
    /// invalid name or value fails the request with [`Error::InvalidParameter`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets `X-Opaque-Id`, which Elasticsearch shows in its tasks, slow logs and deprecation
    /// logs.
    pub fn opaque_id(self, id: impl Into<String>) -> Self {
        self.header("x-opaque-id", id)
    }

    /// The timeout of each attempt of this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times this request is retried at most.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Treats `status` as success (the official clients' `ignore`): [`Transport::perform`]
    /// returns the response instead of [`Error::Api`]. A [`Call`] never decodes such a
    /// response into its typed body: its statuses are ignored through
    /// [`Call::ignore_status`] or [`Call::ignoring`], which give an [`Outcome`].
    pub fn ignore_status(mut self, status: u16) -> Self {
        self.ignore.push(status);
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("ignore", &self.ignore)
            .finish()
    }
}

/// One endpoint call, ready to be sent: `.await` it for the decoded response, or set
/// [`RequestOptions`] first, or [`send_with_meta`](Call::send_with_meta) to get the
/// [`ResponseMeta`] too.
///
/// ```no_run
/// # async fn run(call: elasticsearch_typed_runtime::Call<'_, ()>) -> Result<(), elasticsearch_typed_runtime::Error> {
/// use std::time::Duration;
/// let response = call
///     .opaque_id("nightly-job")
///     .timeout(Duration::from_secs(5))
///     .send_with_meta()
///     .await?;
/// for warning in response.meta.warnings() {
///     eprintln!("deprecated: {warning}");
/// }
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    transport: &'a Transport,
    endpoint: &'static str,
    request: Result<HttpRequest, Error>,
    options: RequestOptions,
    decode: fn(HttpResponse) -> Result<T, Error>,
}

impl<'a, T> Call<'a, T> {
    /// A call of `endpoint` (its name in the specification, e.g. `security.authenticate`),
    /// sending `request` and decoding the response with `decode`.
    pub fn new(
        transport: &'a Transport,
        endpoint: &'static str,
        request: Result<HttpRequest, Error>,
        decode: fn(HttpResponse) -> Result<T, Error>,
    ) -> Self {
        Call {
            transport,
            endpoint,
            request,
            options: RequestOptions::default(),
            decode,
        }
    }

    /// Replaces the options of this call. Statuses the options ignore apply once the call is
    /// made [`ignoring`](Call::ignoring) (an ignored status has no typed body to decode);
    /// until then they are errors as any other.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// See [`RequestOptions::header`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// See [`RequestOptions::opaque_id`].
    pub fn opaque_id(mut self, id: impl Into<String>) -> Self {
        self.options = self.options.opaque_id(id);
        self
    }

    /// See [`RequestOptions::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.timeout(timeout);
        self
    }

    /// See [`RequestOptions::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options = self.options.max_retries(retries);
        self
    }

    /// Treats `status` as success (the official clients' `ignore`): the call then gives an
    /// [`Outcome`], [`Outcome::Ignored`] with the status, headers and raw body of a response
    /// with this status (its body is not decoded: it is no `T`), else
    /// [`Outcome::Decoded`].
    ///
    /// ```no_run
    /// # async fn run(call: elasticsearch_typed_runtime::Call<'_, ()>) -> Result<(), elasticsearch_typed_runtime::Error> {
    /// use elasticsearch_typed_runtime::Outcome;
    /// match call.ignore_status(404).await? {
    ///     Outcome::Decoded(body) => println!("found: {body:?}"),
    ///     Outcome::Ignored(response) => println!("HTTP {}: nothing there", response.status()),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn ignore_status(mut self, status: u16) -> Ignoring<'a, T> {
        self.options = self.options.ignore_status(status);
        Ignoring { call: self }
    }

    /// The call with the statuses its options ignore (see [`options`](Call::options)) as
    /// [`ignore_status`](Call::ignore_status) does.
    pub fn ignoring(self) -> Ignoring<'a, T> {
        Ignoring { call: self }
    }

    /// Sends the request; the decoded body with the response's metadata.
    ///
    /// # Errors
    ///
    /// See [`Transport::perform`]; [`Error::Decode`] if the body does not decode.
    pub async fn send_with_meta(self) -> Result<Response<T>, Error> {
        let decode = self.decode;
        let response = self.perform(false).await?;
        let meta = response.meta().clone();
        let body = decode(response)?;
        Ok(Response { body, meta })
    }

    /// Sends the request; the decoded body.
    ///
    /// # Errors
    ///
    /// See [`send_with_meta`](Call::send_with_meta).
    pub async fn send(self) -> Result<T, Error> {
        let decode = self.decode;
        let response = self.perform(false).await?;
        decode(response)
    }

    /// Sends the request; with `ignoring`, the statuses of the options count as success.
    async fn perform(self, ignoring: bool) -> Result<HttpResponse, Error> {
        let request = self.request?;
        let mut options = self.options;
        if !ignoring {
            options.ignore.clear();
        }
        self.transport
            .perform(self.endpoint, request, &options)
            .await
    }
}

/// What a call that ignores statuses gives ([`Call::ignore_status`]).
#[derive(Debug, Clone)]
pub enum Outcome<T> {
    /// A success status: the decoded body.
    Decoded(T),
    /// One of the ignored statuses: the response's status, headers, node and raw body,
    /// which was not decoded (boxed: it is larger than most `T`).
    Ignored(Box<HttpResponse>),
}

impl<T> Outcome<T> {
    /// The decoded body, `None` for an ignored status.
    pub fn decoded(self) -> Option<T> {
        match self {
            Outcome::Decoded(body) => Some(body),
            Outcome::Ignored(_) => None,
        }
    }

    /// The response with an ignored status, if that is what came.
    pub fn ignored(&self) -> Option<&HttpResponse> {
        match self {
            Outcome::Decoded(_) => None,
            Outcome::Ignored(response) => Some(&**response),
        }
    }
}

/// A [`Call`] that treats some statuses as success and gives an [`Outcome`]; made by
/// [`Call::ignore_status`].
#[must_use = "a call does nothing until it is awaited"]
pub struct Ignoring<'a, T> {
    call: Call<'a, T>,
}

impl<'a, T> Ignoring<'a, T> {
    /// Ignores another status too.
    pub fn ignore_status(mut self, status: u16) -> Self {
        self.call.options = self.call.options.ignore_status(status);
        self
    }

    /// See [`RequestOptions::header`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.call = self.call.header(name, value);
        self
    }

    /// See [`RequestOptions::opaque_id`].
    pub fn opaque_id(mut self, id: impl Into<String>) -> Self {
        self.call = self.call.opaque_id(id);
        self
    }

    /// See [`RequestOptions::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// See [`RequestOptions::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.call = self.call.max_retries(retries);
        self
    }

    /// Sends the request; the outcome with the response's metadata.
    ///
    /// # Errors
    ///
    /// See [`Call::send_with_meta`]; a status that is ignored is no error.
    pub async fn send_with_meta(self) -> Result<Response<Outcome<T>>, Error> {
        let call = self.call;
        let decode = call.decode;
        let accepted = match &call.request {
            Ok(request) => request.accept_statuses,
            Err(_) => &[],
        };
        let ignored = call.options.ignore.clone();
        let response = call.perform(true).await?;
        let meta = response.meta().clone();
        let status = response.status();
        let success = (200..300).contains(&status) || accepted.contains(&status);
        let body = if !success && ignored.contains(&status) {
            Outcome::Ignored(Box::new(response))
        } else {
            Outcome::Decoded(decode(response)?)
        };
        Ok(Response { body, meta })
    }

    /// Sends the request; the outcome.
    ///
    /// # Errors
    ///
    /// See [`send_with_meta`](Ignoring::send_with_meta).
    pub async fn send(self) -> Result<Outcome<T>, Error> {
        self.send_with_meta().await.map(|response| response.body)
    }
}

impl<T> fmt::Debug for Ignoring<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ignoring")
            .field("call", &self.call)
            .finish()
    }
}

impl<'a, T: Send + 'a> IntoFuture for Ignoring<'a, T> {
    type Output = Result<Outcome<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Outcome<T>, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint)
            .field("request", &self.request)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
