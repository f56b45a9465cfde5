//! The API surface every endpoint shares, checked on the wire against a wiremock server on
//! loopback: the behaviors' query parameters, formats that answer text, body fields set on the
//! request, fields the client doesn't know (sent and kept), the escape hatches of every call,
//! and typed_keys as the user's visible choice.
//!
//! The table endpoint comes from the test-only spec (`tests/constructs/spec/shapes/table`),
//! which attaches the table behavior whose `format` the policy table
//! (`generator/policy/response_formats.tsv`) lists; the rest uses the API-key crate.

use std::time::Duration;

use constructs_typed::shapes::table::TableRequest;
use elasticsearch_typed::runtime::{OneOrMany, RequestBody};
use elasticsearch_typed::security::authenticate::AuthenticateRequest;
use elasticsearch_typed::security::create_api_key::{CreateApiKeyRequest, CreateApiKeyRequestBody};
use elasticsearch_typed::security::query_api_keys::QueryApiKeysRequest;
use elasticsearch_typed::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const COMPATIBLE_JSON: &str = "application/vnd.elasticsearch+json; compatible-with=9";

async fn server() -> MockServer {
    MockServer::start().await
}

fn answer(status: u16, body: &str, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("x-elastic-product", "Elasticsearch")
        .set_body_raw(body.to_owned(), content_type)
}

async fn respond(server: &MockServer, status: u16, body: Value) {
    Mock::given(any())
        .respond_with(answer(status, &body.to_string(), "application/json"))
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    Client::builder(&server.uri())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

fn table_client(server: &MockServer) -> constructs_typed::Client {
    constructs_typed::Client::builder(&server.uri())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording")
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ascii").to_owned())
}

fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON body")
}

#[tokio::test]
async fn a_format_parameter_chooses_the_accept_header_and_text_comes_back_as_text() {
    let server = server().await;
    Mock::given(query_param("format", "csv"))
        .respond_with(answer(
            200,
            "name,count\ncircle,2\n",
            "text/csv; charset=UTF-8",
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(answer(
            200,
            r#"[{"name":"circle","count":"2"}]"#,
            "application/json",
        ))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = table_client(&server);

    // JSON by default, typed.
    let rows = client.shapes().table(TableRequest::new()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name.as_deref(), Some("circle"));
    assert_eq!(rows[0].count.as_deref(), Some("2"));

    // A text format: its media type as Accept, the body as text.
    let csv = client
        .shapes()
        .table(TableRequest::new().format("csv").v(true))
        .text()
        .await
        .unwrap();
    assert_eq!(csv, "name,count\ncircle,2\n");

    // The typed decode of a text answer says what happened instead of a JSON syntax error.
    let err = client
        .shapes()
        .table(TableRequest::new().format("csv"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("the response is `text/csv`, not JSON: read it with `.text()`"),
        "{err}"
    );

    // A value the policy table doesn't know: no Accept of ours, the server decides.
    let raw = client
        .shapes()
        .table(TableRequest::new().format("future-format"))
        .raw()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);

    let seen = requests(&server).await;
    assert_eq!(seen.len(), 4);
    assert_eq!(header(&seen[0], "accept").as_deref(), Some(COMPATIBLE_JSON));
    assert_eq!(seen[0].url.query(), None);
    assert_eq!(header(&seen[1], "accept").as_deref(), Some("text/csv"));
    assert_eq!(seen[1].url.query(), Some("format=csv&v=true"));
    // (reqwest's own default, `*/*`, where the request sets none.)
    assert_eq!(header(&seen[3], "accept").as_deref(), Some("*/*"));
    assert_eq!(seen[3].url.query(), Some("format=future-format"));
}

#[tokio::test]
async fn the_common_query_parameters_are_on_every_request() {
    let server = server().await;
    respond(&server, 200, json!({"username": "u", "roles": []})).await;
    let client = client(&server);
    let request = AuthenticateRequest::new()
        .error_trace(true)
        .filter_path(OneOrMany::Many(vec![
            "username".to_owned(),
            "roles".to_owned(),
        ]))
        .human(false)
        .pretty(true);
    // Whatever the body decodes to, the query string is what this test is about.
    let _ = client.security().authenticate(request).raw().await.unwrap();
    let seen = requests(&server).await;
    assert_eq!(
        seen[0].url.query(),
        Some("error_trace=true&filter_path=username%2Croles&human=false&pretty=true")
    );
}

#[tokio::test]
async fn body_fields_are_set_on_the_request_and_fields_the_client_does_not_know_are_kept() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({"id": "i", "name": "k", "api_key": "secret", "encoded": "ZW5j"}),
    )
    .await;
    let client = client(&server);
    let request = CreateApiKeyRequest::new()
        .name("k")
        .expiration("1d")
        .extra_field("from_a_newer_server", json!({"on": true}));
    client.security().create_api_key(request).await.unwrap();
    let seen = requests(&server).await;
    assert_eq!(
        body(&seen[0]),
        json!({"name": "k", "expiration": "1d", "from_a_newer_server": {"on": true}})
    );

    // Deserialized from JSON, a body keeps the members it has no field for, and sends them.
    let read: CreateApiKeyRequestBody =
        serde_json::from_value(json!({"name": "k", "future": [1, 2]})).unwrap();
    assert_eq!(read.name.as_deref(), Some("k"));
    assert_eq!(read.extra_fields.get("future"), Some(&json!([1, 2])));
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        json!({"name": "k", "future": [1, 2]})
    );
}

#[tokio::test]
async fn every_call_takes_extra_query_parameters_a_raw_body_and_gives_the_raw_response() {
    let server = server().await;
    Mock::given(any())
        .respond_with(
            answer(201, r#"{"anything": "at all"}"#, "application/json")
                .insert_header("x-custom", "yes"),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let raw = client
        .security()
        .create_api_key(CreateApiKeyRequest::new().name("typed"))
        .query_param("newer_param", "a b")
        .json_body(&json!({"name": "raw", "newer_field": 1}))
        .raw()
        .await
        .unwrap();
    assert_eq!(raw.status(), 201);
    assert_eq!(raw.headers()["x-custom"], "yes");
    assert_eq!(raw.bytes(), br#"{"anything": "at all"}"#);

    let bytes = br#"{"name":"bytes"}"#.to_vec();
    let text = client
        .security()
        .create_api_key(CreateApiKeyRequest::new())
        .raw_body(RequestBody::Json(bytes))
        .text()
        .await
        .unwrap();
    assert_eq!(text, r#"{"anything": "at all"}"#);

    let seen = requests(&server).await;
    assert_eq!(seen[0].url.query(), Some("newer_param=a+b"));
    assert_eq!(body(&seen[0]), json!({"name": "raw", "newer_field": 1}));
    assert_eq!(seen[1].body, br#"{"name":"bytes"}"#);
}

#[tokio::test]
async fn typed_keys_is_on_in_plain_sight_and_a_response_without_them_is_a_clear_error() {
    assert_eq!(QueryApiKeysRequest::new().typed_keys, Some(true));

    let server = server().await;
    respond(
        &server,
        200,
        json!({"total": 0, "count": 0, "api_keys": [],
               "aggregations": {"names": {"value": 3}}}),
    )
    .await;
    let client = client(&server);
    let err = client
        .security()
        .query_api_keys(QueryApiKeysRequest::new().typed_keys(false))
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("at $.aggregations"), "{message}");
    assert!(
        message.contains("`names` has no `type#` prefix") && message.contains("typed_keys=true"),
        "{message}"
    );
    // The same answer is still readable, raw.
    let raw = client
        .security()
        .query_api_keys(QueryApiKeysRequest::new().typed_keys(false))
        .raw()
        .await
        .unwrap();
    let value: Value = raw.json().unwrap();
    assert_eq!(value["aggregations"]["names"]["value"], 3);

    let seen = requests(&server).await;
    assert_eq!(seen[0].url.query(), Some("typed_keys=false"));
    let sent_by_default = QueryApiKeysRequest::new().to_http().unwrap();
    assert_eq!(
        sent_by_default.query,
        [("typed_keys".to_owned(), "true".to_owned())]
    );
}
