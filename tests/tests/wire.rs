//! Wire tests: every security API-key endpoint of the generated client against a wiremock
//! server on loopback.
//!
//! Each test sends one (or a few) typed requests, then checks what reached the server (method,
//! exact path with its percent-encoding, exact query string, `Accept` / `Content-Type` /
//! `Authorization` headers, the JSON body as a `serde_json::Value`) and what the client made
//! of a realistic Elasticsearch answer (typed response, `Error::Api`, `Error::Decode`).
//!
//! The server answers every request with one canned response (`respond`) and records what it
//! received (`requests` / `the_request`): a mismatch shows up as an assertion on the recorded
//! request rather than as an opaque "no mock matched" 404.

use std::time::Duration;

use elasticsearch_typed::runtime::{Nullable, OneOrMany, SingleKey};
use elasticsearch_typed::security::authenticate::AuthenticateRequest;
use elasticsearch_typed::security::bulk_update_api_keys::{
    BulkUpdateApiKeysRequest, BulkUpdateApiKeysRequestBody,
};
use elasticsearch_typed::security::clear_api_key_cache::ClearApiKeyCacheRequest;
use elasticsearch_typed::security::clone_api_key::{CloneApiKeyRequest, CloneApiKeyRequestBody};
use elasticsearch_typed::security::create_api_key::{CreateApiKeyRequest, CreateApiKeyRequestBody};
use elasticsearch_typed::security::create_cross_cluster_api_key::{
    CreateCrossClusterApiKeyRequest, CreateCrossClusterApiKeyRequestBody,
};
use elasticsearch_typed::security::get_api_key::GetApiKeyRequest;
use elasticsearch_typed::security::grant_api_key::{
    ApiKeyGrantType, ClientAuthentication, ClientAuthenticationScheme, GrantApiKey,
    GrantApiKeyRequest, GrantApiKeyRequestBody,
};
use elasticsearch_typed::security::invalidate_api_key::{
    InvalidateApiKeyRequest, InvalidateApiKeyRequestBody,
};
use elasticsearch_typed::security::query_api_keys::{
    ApiKeyAggregate, ApiKeyAggregationContainer, ApiKeyAggregationContainerVariant,
    ApiKeyBoolQuery, ApiKeyQueryContainer, QueryApiKeysRequest, QueryApiKeysRequestBody,
};
use elasticsearch_typed::security::types::{
    Access, ApiKeyType, ClusterPrivilege, CredentialManagedBy, FieldSecurity, IndexPrivilege,
    IndicesPrivileges, IndicesPrivilegesQuery, ReplicationAccess, RoleDescriptor, SearchAccess,
};
use elasticsearch_typed::security::update_api_key::{UpdateApiKeyRequest, UpdateApiKeyRequestBody};
use elasticsearch_typed::security::update_cross_cluster_api_key::{
    UpdateCrossClusterApiKeyRequest, UpdateCrossClusterApiKeyRequestBody,
};
use elasticsearch_typed::types::aggregations::{
    Aggregate, AggregationRange, Buckets, CardinalityAggregation, RangeAggregation,
    TermsAggregation,
};
use elasticsearch_typed::types::query_dsl::{
    DateRangeQuery, ExistsQuery, PrefixQuery, QueryContainer, RangeQuery, TermQuery, WildcardQuery,
};
use elasticsearch_typed::types::{
    Duration as EsDuration, FieldValue, Metadata, MinimumShouldMatch, Refresh, SortCombinations,
};
use elasticsearch_typed::{Auth, Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The JSON media type with compatibility for the spec's major version.
const COMPATIBLE_JSON: &str = "application/vnd.elasticsearch+json; compatible-with=9";

/// A mock Elasticsearch on a loopback port (wiremock binds 127.0.0.1).
async fn server() -> MockServer {
    let server = MockServer::start().await;
    assert!(server.address().ip().is_loopback(), "{}", server.uri());
    server
}

/// A client for `server` with the given credentials.
fn client(server: &MockServer, auth: Auth) -> Client {
    Client::builder(&server.uri())
        .auth(auth)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Answers every request with `status` and the JSON `body` (`Content-Type: application/json`).
async fn respond(server: &MockServer, status: u16, body: Value) {
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("x-elastic-product", "Elasticsearch")
                .set_body_json(body),
        )
        .mount(server)
        .await;
}

/// Answers every request with `status` and `body` as is, labelled as JSON.
async fn respond_raw(server: &MockServer, status: u16, body: &str) {
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("x-elastic-product", "Elasticsearch")
                .set_body_raw(body, "application/json"),
        )
        .mount(server)
        .await;
}

/// Every request the server received, in order.
async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is enabled")
}

/// The one request the server received.
async fn the_request(server: &MockServer) -> Request {
    let mut all = requests(server).await;
    assert_eq!(all.len(), 1, "expected exactly one request: {all:#?}");
    all.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII header value"))
}

/// Method, raw (still percent-encoded) path, raw query string, `Accept`, and the body: with
/// `Some(json)` the body must be exactly that JSON document sent as `application/json`; with
/// `None` there must be no body and no `Content-Type`.
#[track_caller]
fn assert_wire(
    request: &Request,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<Value>,
) {
    assert_eq!(request.method.as_str(), method, "method");
    assert_eq!(request.url.path(), path, "path");
    assert_eq!(request.url.query(), query, "query string");
    assert_eq!(header(request, "accept"), Some(COMPATIBLE_JSON), "accept");
    match body {
        Some(expected) => {
            assert_eq!(
                header(request, "content-type"),
                Some(COMPATIBLE_JSON),
                "content-type"
            );
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!(
                    "body is not JSON ({e}): {}",
                    String::from_utf8_lossy(&request.body)
                )
            });
            assert_eq!(sent, expected, "body");
        }
        None => {
            assert!(
                request.body.is_empty(),
                "unexpected body: {}",
                String::from_utf8_lossy(&request.body)
            );
            assert_eq!(header(request, "content-type"), None, "content-type");
        }
    }
}

/// JSON object → `Metadata` (an ordered map of JSON values).
fn metadata(value: Value) -> Metadata {
    serde_json::from_value(value).expect("a JSON object")
}

/// `{name: descriptor}`: a role descriptor reading `index` and monitoring the cluster.
fn read_only_role(index: &str) -> RoleDescriptor {
    RoleDescriptor::new()
        .cluster(vec![ClusterPrivilege::Monitor])
        .indices(vec![
            IndicesPrivileges::new(
                OneOrMany::Many(vec![index.to_owned()]),
                vec![IndexPrivilege::Read, IndexPrivilege::ViewIndexMetadata],
            )
            .allow_restricted_indices(false),
        ])
}

/// The JSON of [`read_only_role`].
fn read_only_role_json(index: &str) -> Value {
    json!({
        "cluster": ["monitor"],
        "indices": [{
            "names": [index],
            "privileges": ["read", "view_index_metadata"],
            "allow_restricted_indices": false
        }]
    })
}

/// Asserts that `text` contains none of `secrets`.
#[track_caller]
fn assert_no_secret(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "secret `{secret}` leaked in: {text}"
        );
    }
}

/// The `Error::Api` inside `result`, checked for status, type and reason.
#[track_caller]
fn assert_api_error<T: std::fmt::Debug>(
    result: Result<T, Error>,
    status: u16,
    type_: &str,
    reason: &str,
) -> elasticsearch_typed::ApiError {
    let err = result.expect_err("an error response");
    assert_eq!(err.status(), Some(status), "{err}");
    let Error::Api(api) = err else {
        panic!("expected Error::Api, got {err:?}");
    };
    assert_eq!(api.status, status);
    assert_eq!(api.error_type(), Some(type_));
    assert_eq!(api.reason(), Some(reason));
    assert_eq!(api.body["status"], json!(status));
    *api
}

/// A realistic Elasticsearch error body: the cause repeated in `root_cause`.
fn es_error(status: u16, type_: &str, reason: &str) -> Value {
    json!({
        "error": {
            "root_cause": [{"type": type_, "reason": reason}],
            "type": type_,
            "reason": reason
        },
        "status": status
    })
}

// Secrets used in the responses below; none may appear in any `Debug` output.
const KEY_SECRET: &str = "ui2lp2axTNmsyakw9tvNnw";
const KEY_ENCODED: &str = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

// ---------------------------------------------------------------------------------------------
// One test per endpoint
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn authenticate_basic_auth_and_typed_response() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "username": "rdeniro",
            "roles": ["admin", "kibana_admin"],
            "full_name": "Robert De Niro",
            "email": null,
            "metadata": {"department": "film"},
            "enabled": true,
            "authentication_realm": {"name": "ldap1", "type": "ldap"},
            "lookup_realm": {"name": "ldap1", "type": "ldap"},
            "authentication_type": "realm"
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let me = client
        .security()
        .authenticate(AuthenticateRequest::new())
        .await
        .unwrap();

    let request = the_request(&server).await;
    assert_wire(&request, "GET", "/_security/_authenticate", None, None);
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
    );
    assert_eq!(me.username, "rdeniro");
    assert_eq!(me.roles, ["admin", "kibana_admin"]);
    assert_eq!(
        me.full_name,
        Some(Nullable::Value("Robert De Niro".to_owned()))
    );
    assert_eq!(me.email, Some(Nullable::Null));
    assert_eq!(me.metadata["department"], json!("film"));
    assert!(me.enabled);
    assert_eq!(me.authentication_realm.name, "ldap1");
    assert_eq!(me.authentication_realm.r#type, "ldap");
    assert_eq!(me.lookup_realm.name, "ldap1");
    assert_eq!(me.authentication_type, "realm");
    assert_eq!(me.api_key, None);
    assert_eq!(me.token, None);
}

#[tokio::test]
async fn authenticate_with_an_api_key_decodes_the_key_and_nullable_members() {
    // `email` / `full_name` are `string | null`: absent, null and a value are three states.
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "username": "elastic",
            "roles": ["superuser"],
            "full_name": null,
            "metadata": {"_reserved": true},
            "enabled": true,
            "authentication_realm": {"name": "_es_api_key", "type": "_es_api_key"},
            "lookup_realm": {"name": "reserved", "type": "reserved"},
            "authentication_type": "api_key",
            "api_key": {
                "id": "VuaCfGcBCdbkQm-e5aOx",
                "name": "ingest-key",
                "managed_by": "elasticsearch",
                "internal": false
            }
        }),
    )
    .await;
    let client = client(
        &server,
        Auth::api_key("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw"),
    );

    let me = client
        .security()
        .authenticate(AuthenticateRequest::new())
        .await
        .unwrap();

    let request = the_request(&server).await;
    assert_wire(&request, "GET", "/_security/_authenticate", None, None);
    assert_eq!(
        header(&request, "authorization"),
        Some("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==")
    );
    assert_eq!(me.full_name, Some(Nullable::Null), "explicit null");
    assert_eq!(me.email, None, "absent");
    let key = me.api_key.expect("api_key");
    assert_eq!(key.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(key.name.as_deref(), Some("ingest-key"));
    assert_eq!(key.managed_by, CredentialManagedBy::Elasticsearch);
    assert_eq!(key.internal, Some(false));
}

#[tokio::test]
async fn create_api_key_put_with_refresh_body_and_redacted_response() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "VuaCfGcBCdbkQm-e5aOx",
            "name": "ingest-key",
            "expiration": 1544068612110i64,
            "api_key": KEY_SECRET,
            "encoded": KEY_ENCODED
        }),
    )
    .await;
    let client = client(&server, Auth::api_key("admin-key-id", "admin-key-secret"));

    let request = CreateApiKeyRequest::new()
        .refresh(Refresh::WaitFor)
        .with_body(
            CreateApiKeyRequestBody::default()
                .name("ingest-key")
                .expiration(EsDuration::String("1d".to_owned()))
                .role_descriptors([("role-a".to_owned(), read_only_role("logs-*"))])
                .metadata(metadata(json!({
                    "application": "ingest",
                    "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}
                }))),
        );
    let created = client.security().create_api_key(request).await.unwrap();

    let request = the_request(&server).await;
    assert_wire(
        &request,
        "PUT",
        "/_security/api_key",
        Some("refresh=wait_for"),
        Some(json!({
            "name": "ingest-key",
            "expiration": "1d",
            "role_descriptors": {"role-a": read_only_role_json("logs-*")},
            "metadata": {
                "application": "ingest",
                "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}
            }
        })),
    );
    assert_eq!(
        header(&request, "authorization"),
        Some("ApiKey YWRtaW4ta2V5LWlkOmFkbWluLWtleS1zZWNyZXQ=")
    );

    assert_eq!(created.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(created.name, "ingest-key");
    assert_eq!(created.expiration, Some(1544068612110));
    assert_eq!(created.api_key, KEY_SECRET);
    assert_eq!(created.encoded, KEY_ENCODED);
    let debug = format!("{created:?} {created:#?}");
    assert_no_secret(&debug, &[KEY_SECRET, KEY_ENCODED]);
    assert!(debug.contains("VuaCfGcBCdbkQm-e5aOx"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[tokio::test]
async fn create_api_key_with_an_empty_body_sends_an_empty_object() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({"id": "k1", "name": "", "api_key": KEY_SECRET, "encoded": KEY_ENCODED}),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    client
        .security()
        .create_api_key(CreateApiKeyRequest::new())
        .await
        .unwrap();

    let request = the_request(&server).await;
    // No `refresh` set: no query string at all; `None` fields are left out of the body.
    assert_wire(&request, "PUT", "/_security/api_key", None, Some(json!({})));
}

#[tokio::test]
async fn get_api_key_query_parameters_and_typed_keys() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "api_keys": [
                {
                    "id": "VuaCfGcBCdbkQm-e5aOx",
                    "name": "app-key-1",
                    "type": "rest",
                    "creation": 1548550550158i64,
                    "expiration": 1548551550158i64,
                    "invalidated": false,
                    "username": "jane doe@corp",
                    "realm": "ldap/eu",
                    "realm_type": "ldap",
                    "metadata": {"application": "my-app"},
                    "profile_uid": "u_kd2JMqwUQwSC5ImhTopq_0",
                    "role_descriptors": {
                        "role-a": {
                            "cluster": ["monitor"],
                            "indices": [{
                                "names": ["index-a"],
                                "privileges": ["read"],
                                "query": "{\"term\":{\"tenant\":\"acme\"}}",
                                "allow_restricted_indices": false
                            }],
                            "applications": [],
                            "run_as": [],
                            "metadata": {},
                            "transient_metadata": {"enabled": true}
                        }
                    },
                    "limited_by": [{
                        "role-b": {
                            "cluster": ["all"],
                            "indices": [{"names": ["*"], "privileges": ["all"], "allow_restricted_indices": false}],
                            "applications": [],
                            "run_as": ["*"],
                            "metadata": {"_reserved": true},
                            "transient_metadata": {}
                        }
                    }]
                },
                {
                    "id": "H3_AhoIBA9hmeQJdg7ij",
                    "name": "replication-key",
                    "type": "cross_cluster",
                    "creation": 1548550550158i64,
                    "invalidated": true,
                    "invalidation": 1548552550158i64,
                    "username": "jane doe@corp",
                    "realm": "ldap/eu",
                    "metadata": {},
                    "access": {"replication": [{"names": ["archive-*"]}]},
                    "certificate_identity": "CN=remote,O=Example"
                }
            ]
        }),
    )
    .await;
    let client = client(&server, Auth::EncodedApiKey(KEY_ENCODED.to_owned()));

    // By id, for the caller's own keys.
    client
        .security()
        .get_api_key(
            GetApiKeyRequest::new()
                .id("VuaCfGcBCdbkQm-e5aOx")
                .owner(true)
                .with_limited_by(true),
        )
        .await
        .unwrap();
    // By owner, with booleans both ways and characters that need encoding.
    let found = client
        .security()
        .get_api_key(
            GetApiKeyRequest::new()
                .name("app-*")
                .realm_name("ldap/eu")
                .username("jane doe@corp")
                .with_limited_by(false)
                .active_only(true)
                .with_profile_uid(true),
        )
        .await
        .unwrap();

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_wire(
        &sent[0],
        "GET",
        "/_security/api_key",
        Some("id=VuaCfGcBCdbkQm-e5aOx&owner=true&with_limited_by=true"),
        None,
    );
    assert_wire(
        &sent[1],
        "GET",
        "/_security/api_key",
        Some(
            "name=app-*&realm_name=ldap%2Feu&username=jane+doe%40corp\
             &with_limited_by=false&active_only=true&with_profile_uid=true",
        ),
        None,
    );
    let decoded: Vec<(String, String)> = sent[1].url.query_pairs().into_owned().collect();
    assert_eq!(decoded[2], ("username".into(), "jane doe@corp".into()));
    for request in &sent {
        assert_eq!(
            header(request, "authorization"),
            Some(format!("ApiKey {KEY_ENCODED}").as_str())
        );
    }

    let [rest, cross] = &found.api_keys[..] else {
        panic!("two keys expected: {found:?}");
    };
    assert_eq!(rest.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(rest.r#type, ApiKeyType::Rest);
    assert_eq!(rest.creation, 1548550550158);
    assert_eq!(rest.expiration, Some(1548551550158));
    assert!(!rest.invalidated);
    assert_eq!(rest.realm_type.as_deref(), Some("ldap"));
    assert_eq!(
        rest.profile_uid.as_deref(),
        Some("u_kd2JMqwUQwSC5ImhTopq_0")
    );
    let role = &rest.role_descriptors.as_ref().unwrap()["role-a"];
    assert_eq!(role.cluster, Some(vec![ClusterPrivilege::Monitor]));
    let indices = role.indices.as_ref().unwrap();
    assert_eq!(indices[0].names.as_slice(), ["index-a"]);
    assert_eq!(indices[0].privileges, [IndexPrivilege::Read]);
    assert_eq!(
        indices[0].query,
        Some(IndicesPrivilegesQuery::JsonText(
            r#"{"term":{"tenant":"acme"}}"#.to_owned()
        ))
    );
    assert_eq!(
        role.transient_metadata.as_ref().unwrap()["enabled"],
        json!(true)
    );
    let limited_by = rest.limited_by.as_ref().unwrap();
    assert_eq!(
        limited_by[0]["role-b"].cluster,
        Some(vec![ClusterPrivilege::All])
    );
    assert_eq!(limited_by[0]["role-b"].run_as, Some(vec!["*".to_owned()]));

    assert_eq!(cross.r#type, ApiKeyType::CrossCluster);
    assert!(cross.invalidated);
    assert_eq!(cross.invalidation, Some(1548552550158));
    assert_eq!(cross.expiration, None);
    let replication = cross.access.as_ref().unwrap().replication.as_ref().unwrap();
    assert_eq!(replication[0].names.as_slice(), ["archive-*"]);
    assert_eq!(
        cross.certificate_identity.as_deref(),
        Some("CN=remote,O=Example")
    );
}

#[tokio::test]
async fn invalidate_api_key_delete_with_json_body_and_error_details() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "invalidated_api_keys": ["VuaCfGcBCdbkQm-e5aOx"],
            "previously_invalidated_api_keys": ["H3_AhoIBA9hmeQJdg7ij"],
            "error_count": 1,
            "error_details": [{
                "type": "exception",
                "reason": "error occurred while invalidating api keys",
                "caused_by": {
                    "type": "illegal_argument_exception",
                    "reason": "invalid api key id"
                }
            }]
        }),
    )
    .await;
    let client = client(
        &server,
        Auth::Bearer("dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu".into()),
    );

    let result = client
        .security()
        .invalidate_api_key(
            InvalidateApiKeyRequest::new().with_body(
                InvalidateApiKeyRequestBody::default()
                    .ids(vec![
                        "VuaCfGcBCdbkQm-e5aOx".to_owned(),
                        "H3_AhoIBA9hmeQJdg7ij".to_owned(),
                        "not-a-key".to_owned(),
                    ])
                    .owner(true),
            ),
        )
        .await
        .unwrap();

    let request = the_request(&server).await;
    assert_wire(
        &request,
        "DELETE",
        "/_security/api_key",
        None,
        Some(json!({
            "ids": ["VuaCfGcBCdbkQm-e5aOx", "H3_AhoIBA9hmeQJdg7ij", "not-a-key"],
            "owner": true
        })),
    );
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu")
    );
    assert_eq!(result.invalidated_api_keys, ["VuaCfGcBCdbkQm-e5aOx"]);
    assert_eq!(
        result.previously_invalidated_api_keys,
        ["H3_AhoIBA9hmeQJdg7ij"]
    );
    assert_eq!(result.error_count, 1);
    let details = result.error_details.unwrap();
    // The spec's `ErrorCause` is the runtime's (one type for `Error::Api` and bodies).
    assert_eq!(details[0].type_.as_deref(), Some("exception"));
    assert_eq!(
        details[0].reason.as_deref(),
        Some("error occurred while invalidating api keys")
    );
    assert_eq!(
        details[0].caused_by.as_ref().unwrap().type_.as_deref(),
        Some("illegal_argument_exception")
    );
    let _: &elasticsearch_typed::runtime::ErrorCause = &details[0];
}

#[tokio::test]
async fn invalidate_api_key_by_realm_and_user() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "invalidated_api_keys": [],
            "previously_invalidated_api_keys": [],
            "error_count": 0
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let result = client
        .security()
        .invalidate_api_key(
            InvalidateApiKeyRequest::new().with_body(
                InvalidateApiKeyRequestBody::default()
                    .realm_name("native1")
                    .username("myuser")
                    .name("my-api-key"),
            ),
        )
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "DELETE",
        "/_security/api_key",
        None,
        Some(json!({"name": "my-api-key", "realm_name": "native1", "username": "myuser"})),
    );
    assert_eq!(result.error_count, 0);
    assert_eq!(result.error_details, None);
    assert!(result.invalidated_api_keys.is_empty());
}

#[tokio::test]
async fn grant_api_key_password_grant_body_and_redaction() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "G3mBlrwBCdbkQm-e5aOx",
            "name": "granted-key",
            "expiration": 1700000000000i64,
            "api_key": "b1lMbFNjMFpTWS1EVUxxTWxEd2R1Zw",
            "encoded": "RzNtQmxyd0JDZGJrUW0tZTVhT3g6YjFsTWJGTmpNRnBUV1MxRVZVeHhUV3hFZDJSMVp3"
        }),
    )
    .await;
    let client = client(&server, Auth::basic("grant-admin", "s3cr3t-pa55"));

    let body = GrantApiKeyRequestBody::new(
        GrantApiKey::new("granted-key".to_owned())
            .expiration("1d")
            .role_descriptors(OneOrMany::One(
                [("role-a".to_owned(), read_only_role("index-a*"))].into(),
            ))
            .metadata(metadata(json!({"application": "my-application"}))),
        ApiKeyGrantType::Password,
    )
    .username("test_admin")
    .password("x-pack-test-password")
    .run_as("test_user");
    let body_debug = format!("{body:?}");
    assert_no_secret(&body_debug, &["x-pack-test-password"]);
    let granted = client
        .security()
        .grant_api_key(GrantApiKeyRequest::new(body).refresh(Refresh::True))
        .await
        .unwrap();

    let request = the_request(&server).await;
    assert_wire(
        &request,
        "POST",
        "/_security/api_key/grant",
        Some("refresh=true"),
        Some(json!({
            "api_key": {
                "name": "granted-key",
                "expiration": "1d",
                "role_descriptors": {"role-a": read_only_role_json("index-a*")},
                "metadata": {"application": "my-application"}
            },
            "grant_type": "password",
            "username": "test_admin",
            "password": "x-pack-test-password",
            "run_as": "test_user"
        })),
    );
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic Z3JhbnQtYWRtaW46czNjcjN0LXBhNTU=")
    );
    assert_eq!(granted.id, "G3mBlrwBCdbkQm-e5aOx");
    assert_eq!(granted.name, "granted-key");
    assert_eq!(granted.expiration, Some(1700000000000));
    assert_eq!(granted.api_key, "b1lMbFNjMFpTWS1EVUxxTWxEd2R1Zw");
    assert_no_secret(
        &format!("{granted:?} {granted:#?}"),
        &["b1lMbFNjMFpTWS1EVUxxTWxEd2R1Zw", "RzNtQmxyd0JDZGJr"],
    );
}

#[tokio::test]
async fn grant_api_key_access_token_with_client_authentication() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "jwt-granted-id",
            "name": "jwt-key",
            "api_key": "and0LWdyYW50ZWQtc2VjcmV0",
            "encoded": "and0LWdyYW50ZWQtaWQ6and0LWdyYW50ZWQtc2VjcmV0"
        }),
    )
    .await;
    let client = client(&server, Auth::basic("grant-admin", "s3cr3t-pa55"));

    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl";
    let body = GrantApiKeyRequestBody::new(
        GrantApiKey::new("jwt-key".to_owned()),
        ApiKeyGrantType::AccessToken,
    )
    .access_token(jwt)
    .client_authentication(ClientAuthentication::new(
        ClientAuthenticationScheme::SharedSecret,
        "client-shared-secret".to_owned(),
    ));
    assert_no_secret(&format!("{body:?}"), &[jwt, "client-shared-secret"]);
    let granted = client
        .security()
        .grant_api_key(GrantApiKeyRequest::new(body))
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "POST",
        "/_security/api_key/grant",
        None,
        Some(json!({
            "api_key": {"name": "jwt-key"},
            "grant_type": "access_token",
            "access_token": jwt,
            "client_authentication": {"scheme": "SharedSecret", "value": "client-shared-secret"}
        })),
    );
    assert_eq!(granted.expiration, None);
    assert_no_secret(
        &format!("{granted:?}"),
        &["and0LWdyYW50ZWQtc2VjcmV0", "and0LWdyYW50ZWQtaWQ6"],
    );
}

#[tokio::test]
async fn clone_api_key_post_with_refresh_false_and_redaction() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "clone-id-1",
            "name": "kibana-copy",
            "expiration": 1700604800000i64,
            "api_key": "Y2xvbmVkLXNlY3JldA",
            "encoded": "Y2xvbmUtaWQtMTpZMnh2Ym1Wa0xYTmxZM0psZEE="
        }),
    )
    .await;
    let client = client(&server, Auth::EncodedApiKey(KEY_ENCODED.to_owned()));

    let body = CloneApiKeyRequestBody::new(KEY_SECRET.to_owned())
        .name("kibana-copy")
        .expiration(EsDuration::String("7d".to_owned()))
        .metadata(metadata(json!({"cloned_from": "VuaCfGcBCdbkQm-e5aOx"})));
    let request = CloneApiKeyRequest::new(body).refresh(Refresh::False);
    assert_no_secret(&format!("{request:?}"), &[KEY_SECRET]);
    let cloned = client.security().clone_api_key(request).await.unwrap();

    assert_wire(
        &the_request(&server).await,
        "POST",
        "/_security/api_key/clone",
        Some("refresh=false"),
        Some(json!({
            "api_key": KEY_SECRET,
            "name": "kibana-copy",
            "expiration": "7d",
            "metadata": {"cloned_from": "VuaCfGcBCdbkQm-e5aOx"}
        })),
    );
    assert_eq!(cloned.id, "clone-id-1");
    assert_eq!(cloned.expiration, Some(1700604800000));
    assert_eq!(cloned.encoded, "Y2xvbmUtaWQtMTpZMnh2Ym1Wa0xYTmxZM0psZEE=");
    assert_no_secret(
        &format!("{cloned:?}"),
        &["Y2xvbmVkLXNlY3JldA", "Y2xvbmUtaWQtMTpZMnh2"],
    );
}

#[tokio::test]
async fn update_api_key_put_with_encoded_id() {
    let server = server().await;
    respond(&server, 200, json!({"updated": true})).await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let updated = client
        .security()
        .update_api_key(
            UpdateApiKeyRequest::new("key/with space%ü✓".to_owned()).with_body(
                UpdateApiKeyRequestBody::default()
                    .role_descriptors([])
                    .metadata(metadata(
                        json!({"environment": {"level": 2, "tags": ["production"]}}),
                    ))
                    .expiration(EsDuration::String("30d".to_owned())),
            ),
        )
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "PUT",
        "/_security/api_key/key%2Fwith%20space%25%C3%BC%E2%9C%93",
        None,
        Some(json!({
            // An empty map is sent (it removes the key's own privileges), not left out.
            "role_descriptors": {},
            "metadata": {"environment": {"level": 2, "tags": ["production"]}},
            "expiration": "30d"
        })),
    );
    assert!(updated.updated);
}

#[tokio::test]
async fn bulk_update_api_keys_post_and_per_key_errors() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "updated": ["VuaCfGcBCdbkQm-e5aOx"],
            "noops": ["H3_AhoIBA9hmeQJdg7ij"],
            "errors": {
                "count": 1,
                "details": {
                    "g_PqP4IBcBaEQdwM5-WI": {
                        "type": "resource_not_found_exception",
                        "reason": "no API key owned by requesting user found for ID [g_PqP4IBcBaEQdwM5-WI]"
                    }
                }
            }
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let result = client
        .security()
        .bulk_update_api_keys(BulkUpdateApiKeysRequest::new(
            BulkUpdateApiKeysRequestBody::new(OneOrMany::Many(vec![
                "VuaCfGcBCdbkQm-e5aOx".to_owned(),
                "H3_AhoIBA9hmeQJdg7ij".to_owned(),
                "g_PqP4IBcBaEQdwM5-WI".to_owned(),
            ]))
            .role_descriptors([("role-a".to_owned(), read_only_role("index-a*"))])
            .metadata(metadata(
                json!({"environment": {"level": 2, "trusted": true}}),
            ))
            .expiration(EsDuration::String("30d".to_owned())),
        ))
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "POST",
        "/_security/api_key/_bulk_update",
        None,
        Some(json!({
            "ids": ["VuaCfGcBCdbkQm-e5aOx", "H3_AhoIBA9hmeQJdg7ij", "g_PqP4IBcBaEQdwM5-WI"],
            "role_descriptors": {"role-a": read_only_role_json("index-a*")},
            "metadata": {"environment": {"level": 2, "trusted": true}},
            "expiration": "30d"
        })),
    );
    assert_eq!(result.updated, ["VuaCfGcBCdbkQm-e5aOx"]);
    assert_eq!(result.noops, ["H3_AhoIBA9hmeQJdg7ij"]);
    let errors = result.errors.unwrap();
    assert_eq!(errors.count, 1);
    assert_eq!(
        errors.details["g_PqP4IBcBaEQdwM5-WI"].type_.as_deref(),
        Some("resource_not_found_exception")
    );
}

#[tokio::test]
async fn clear_api_key_cache_comma_joined_encoded_ids() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "_nodes": {"total": 2, "successful": 2, "failed": 0},
            "cluster_name": "prod-cluster",
            "nodes": {
                "Q6f7Wmo9QmGjbUbqD3CDUQ": {"name": "es-node-1"},
                "tq9Yw0nsQpaHa_m5SZVYmQ": {"name": "es-node-2"}
            }
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let cleared = client
        .security()
        .clear_api_key_cache(ClearApiKeyCacheRequest::new(OneOrMany::Many(vec![
            "yVGMr3QByxdh1MSaicYx".to_owned(),
            "key/2 ü".to_owned(),
        ])))
        .await
        .unwrap();
    client
        .security()
        .clear_api_key_cache(ClearApiKeyCacheRequest::new("*".into()))
        .await
        .unwrap();

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_wire(
        &sent[0],
        "POST",
        "/_security/api_key/yVGMr3QByxdh1MSaicYx,key%2F2%20%C3%BC/_clear_cache",
        None,
        None,
    );
    assert_wire(
        &sent[1],
        "POST",
        "/_security/api_key/*/_clear_cache",
        None,
        None,
    );
    assert_eq!(cleared.node_stats.total, 2);
    assert_eq!(cleared.node_stats.successful, 2);
    assert_eq!(cleared.node_stats.failed, 0);
    assert_eq!(cleared.cluster_name, "prod-cluster");
    assert_eq!(cleared.nodes["tq9Yw0nsQpaHa_m5SZVYmQ"].name, "es-node-2");
}

/// A nested bool query (must / should / filter / must_not, shorthand and full forms).
fn nested_bool_query() -> (ApiKeyQueryContainer, Value) {
    let query = ApiKeyQueryContainer::Bool(Box::new(
        ApiKeyBoolQuery::new()
            .must(OneOrMany::Many(vec![
                ApiKeyQueryContainer::Prefix(SingleKey::new(
                    "name",
                    PrefixQuery::new("app-".to_owned()),
                )),
                ApiKeyQueryContainer::Bool(Box::new(
                    ApiKeyBoolQuery::new()
                        .should(OneOrMany::Many(vec![
                            ApiKeyQueryContainer::Term(SingleKey::new(
                                "username",
                                TermQuery::new(FieldValue::String("elastic".to_owned())),
                            )),
                            ApiKeyQueryContainer::Wildcard(SingleKey::new(
                                "metadata.environment",
                                WildcardQuery::new().value("prod*").case_insensitive(true),
                            )),
                        ]))
                        .minimum_should_match(MinimumShouldMatch::Integer(1)),
                )),
            ]))
            .filter(OneOrMany::One(ApiKeyQueryContainer::Term(SingleKey::new(
                "invalidated",
                TermQuery::new(FieldValue::Boolean(false)),
            ))))
            .must_not(OneOrMany::Many(vec![
                ApiKeyQueryContainer::Range(SingleKey::new(
                    "expiration",
                    RangeQuery::Date(DateRangeQuery::new().lte("now")),
                )),
                ApiKeyQueryContainer::Exists(ExistsQuery::new("metadata.legacy".to_owned())),
            ])),
    ));
    let json = json!({
        "bool": {
            "must": [
                {"prefix": {"name": "app-"}},
                {"bool": {
                    "should": [
                        {"term": {"username": "elastic"}},
                        {"wildcard": {"metadata.environment": {"value": "prod*", "case_insensitive": true}}}
                    ],
                    "minimum_should_match": 1
                }}
            ],
            "filter": {"term": {"invalidated": false}},
            "must_not": [
                {"range": {"expiration": {"lte": "now"}}},
                {"exists": {"field": "metadata.legacy"}}
            ]
        }
    });
    (query, json)
}

/// `by_name`: terms on `name` with a `cardinality` sub-aggregation; `expiry`: a range
/// aggregation whose first range has an explicit `"from": null` and no `to` member.
fn aggregations() -> ([(String, ApiKeyAggregationContainer); 2], Value) {
    let by_name = ApiKeyAggregationContainer::new(ApiKeyAggregationContainerVariant::Terms(
        TermsAggregation::new().field("name").size(10),
    ))
    .aggregations([(
        "owners".to_owned(),
        ApiKeyAggregationContainer::new(ApiKeyAggregationContainerVariant::Cardinality(
            CardinalityAggregation::new().field("username"),
        )),
    )]);
    let expiry = ApiKeyAggregationContainer::new(ApiKeyAggregationContainerVariant::Range(
        RangeAggregation::new().field("expiration").ranges(vec![
            AggregationRange::new()
                .from(Nullable::Null)
                .key("open-start"),
            AggregationRange::new()
                .from(1_700_000_000_000.0)
                .to(1_800_000_000_000.0),
        ]),
    ))
    .meta(metadata(json!({"purpose": "dashboard"})));
    let json = json!({
        "by_name": {
            "terms": {"field": "name", "size": 10},
            "aggregations": {"owners": {"cardinality": {"field": "username"}}}
        },
        "expiry": {
            "range": {
                "field": "expiration",
                "ranges": [
                    {"from": null, "key": "open-start"},
                    {"from": 1_700_000_000_000.0, "to": 1_800_000_000_000.0}
                ]
            },
            "meta": {"purpose": "dashboard"}
        }
    });
    (
        [
            ("by_name".to_owned(), by_name),
            ("expiry".to_owned(), expiry),
        ],
        json,
    )
}

/// One key as the query API returns it, with its sort values.
fn queried_key(id: &str, name: &str, sort: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "type": "rest",
        "creation": 1628227480421i64,
        "expiration": 1929091480421i64,
        "invalidated": false,
        "username": "elastic",
        "realm": "reserved",
        "realm_type": "reserved",
        "metadata": {"environment": "production"},
        "role_descriptors": {},
        "_sort": [sort]
    })
}

#[tokio::test]
async fn query_api_keys_nested_bool_query_aggregations_and_typed_keys_response() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "total": 2,
            "count": 2,
            "api_keys": [
                queried_key("nkvrGXsB8w290t56q3Rg", "app-key-1", "app-key-1"),
                queried_key("oEvrGXsB8w290t5683TI", "app-key-2", "app-key-2")
            ],
            "aggregations": {
                "sterms#by_name": {
                    "doc_count_error_upper_bound": 0,
                    "sum_other_doc_count": 0,
                    "buckets": [
                        {"key": "app-key-1", "doc_count": 1, "cardinality#owners": {"value": 1}},
                        {"key": "app-key-2", "doc_count": 1, "cardinality#owners": {"value": 1}}
                    ]
                },
                "range#expiry": {
                    "meta": {"purpose": "dashboard"},
                    "buckets": [
                        {"key": "open-start", "doc_count": 0},
                        {
                            "key": "1.7E12-1.8E12",
                            "from": 1.7e12,
                            "from_as_string": "2023-11-14T22:13:20.000Z",
                            "to": 1.8e12,
                            "to_as_string": "2027-01-15T08:00:00.000Z",
                            "doc_count": 2
                        }
                    ]
                },
                "srareterms#rare_names": {
                    "buckets": [{"key": "legacy-key", "doc_count": 1}]
                }
            }
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let (query, query_json) = nested_bool_query();
    let (aggs, aggs_json) = aggregations();
    let found = client
        .security()
        .query_api_keys(
            QueryApiKeysRequest::new().with_limited_by(true).with_body(
                QueryApiKeysRequestBody::default()
                    .query(query)
                    .aggregations(aggs)
                    .sort(OneOrMany::Many(vec![SortCombinations::Field(
                        "name".to_owned(),
                    )]))
                    .size(2)
                    .search_after(vec![FieldValue::String("app-key-0".to_owned())]),
            ),
        )
        .await
        .unwrap();

    let request = the_request(&server).await;
    // `typed_keys=true` is always sent unless set otherwise, so aggregations can be typed.
    assert_wire(
        &request,
        "POST",
        "/_security/_query/api_key",
        Some("with_limited_by=true&typed_keys=true"),
        Some(json!({
            "query": query_json,
            "aggregations": aggs_json,
            "sort": ["name"],
            "size": 2,
            "search_after": ["app-key-0"]
        })),
    );
    // `to: None` leaves the member out; `from: Some(Nullable::Null)` sends an explicit null.
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    let first_range = &sent["aggregations"]["expiry"]["range"]["ranges"][0];
    assert!(first_range.as_object().unwrap().contains_key("from"));
    assert!(first_range["from"].is_null());
    assert!(!first_range.as_object().unwrap().contains_key("to"));

    assert_eq!(found.total, 2);
    assert_eq!(found.count, 2);
    assert_eq!(found.api_keys[1].id, "oEvrGXsB8w290t5683TI");
    assert_eq!(
        found.api_keys[1].sort,
        Some(vec![FieldValue::String("app-key-2".to_owned())])
    );
    let aggregations = found.aggregations.expect("aggregations");
    assert_eq!(
        aggregations.names().collect::<Vec<_>>(),
        ["by_name", "expiry", "rare_names"]
    );

    let Some(ApiKeyAggregate::StringTermsAggregate(by_name)) = aggregations.get("by_name") else {
        panic!("by_name: {:?}", aggregations.get("by_name"));
    };
    assert_eq!(by_name.sum_other_doc_count, Some(0));
    let Buckets::Array(buckets) = &by_name.buckets else {
        panic!("array buckets expected: {:?}", by_name.buckets);
    };
    assert_eq!(buckets.len(), 2);
    assert_eq!(buckets[0].key, FieldValue::String("app-key-1".to_owned()));
    assert_eq!(buckets[0].doc_count, 1);
    let Some(Aggregate::CardinalityAggregate(owners)) = buckets[0].aggregations.get("owners")
    else {
        panic!("owners: {:?}", buckets[0].aggregations);
    };
    assert_eq!(owners.value, 1);

    let Some(ApiKeyAggregate::RangeAggregate(expiry)) = aggregations.get("expiry") else {
        panic!("expiry: {:?}", aggregations.get("expiry"));
    };
    assert_eq!(expiry.meta.as_ref().unwrap()["purpose"], json!("dashboard"));
    let Buckets::Array(ranges) = &expiry.buckets else {
        panic!("array buckets expected: {:?}", expiry.buckets);
    };
    assert_eq!(ranges[0].key.as_deref(), Some("open-start"));
    assert_eq!(ranges[0].from, None);
    assert_eq!(ranges[1].from, Some(1.7e12));
    assert_eq!(ranges[1].to, Some(1.8e12));
    assert_eq!(ranges[1].doc_count, 2);

    // A tag this client doesn't know is kept raw, not an error.
    match aggregations.get("rare_names") {
        Some(ApiKeyAggregate::Unknown { tag, value }) => {
            assert_eq!(tag, "srareterms");
            assert_eq!(
                value,
                &json!({"buckets": [{"key": "legacy-key", "doc_count": 1}]})
            );
        }
        other => panic!("expected an Unknown aggregate, got {other:?}"),
    }
}

#[tokio::test]
async fn query_api_keys_typed_keys_can_be_turned_off_and_empty_body() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({"total": 0, "count": 0, "api_keys": []}),
    )
    .await;
    let client = client(&server, Auth::Bearer("service-token-1".into()));

    let found = client
        .security()
        .query_api_keys(
            QueryApiKeysRequest::new()
                .typed_keys(false)
                .with_profile_uid(true),
        )
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "POST",
        "/_security/_query/api_key",
        Some("with_profile_uid=true&typed_keys=false"),
        Some(json!({})),
    );
    assert_eq!(found.total, 0);
    assert!(found.api_keys.is_empty());
    assert_eq!(found.aggregations, None);
}

#[tokio::test]
async fn create_cross_cluster_api_key_post_access_and_redaction() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "HHM6l5MBc4Bv1eGyEsuT",
            "name": "my-cross-cluster-api-key",
            "expiration": 1544068612110i64,
            "api_key": "Y3Jvc3MtY2x1c3Rlci1zZWNyZXQ",
            "encoded": "SEhNNmw1TUJjNEJ2MWVHeUVzdVQ6WTNKdmMzTXRZMngxYzNSbGNpMXpaV055WlhR"
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let access = Access::new()
        .search(vec![
            SearchAccess::new(OneOrMany::Many(vec!["logs-*".to_owned()]))
                .field_security(
                    FieldSecurity::new()
                        .grant(OneOrMany::One("*".to_owned()))
                        .except(OneOrMany::Many(vec!["secret.*".to_owned()])),
                )
                .query(IndicesPrivilegesQuery::Query(QueryContainer::Term(
                    SingleKey::new(
                        "event.dataset",
                        TermQuery::new(FieldValue::String("nginx.access".to_owned())),
                    ),
                )))
                .allow_restricted_indices(false),
        ])
        .replication(vec![ReplicationAccess::new(OneOrMany::One(
            "archive-*".to_owned(),
        ))]);
    let created = client
        .security()
        .create_cross_cluster_api_key(CreateCrossClusterApiKeyRequest::new(
            CreateCrossClusterApiKeyRequestBody::new(access, "my-cross-cluster-api-key".to_owned())
                .expiration(EsDuration::String("1d".to_owned()))
                .metadata(metadata(json!({"description": "phase one"})))
                .certificate_identity("CN=remote-cluster,OU=ops,O=Example"),
        ))
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "POST",
        "/_security/cross_cluster/api_key",
        None,
        Some(json!({
            "name": "my-cross-cluster-api-key",
            "expiration": "1d",
            "access": {
                "search": [{
                    "names": ["logs-*"],
                    "field_security": {"grant": "*", "except": ["secret.*"]},
                    "query": {"term": {"event.dataset": "nginx.access"}},
                    "allow_restricted_indices": false
                }],
                "replication": [{"names": "archive-*"}]
            },
            "metadata": {"description": "phase one"},
            "certificate_identity": "CN=remote-cluster,OU=ops,O=Example"
        })),
    );
    assert_eq!(created.id, "HHM6l5MBc4Bv1eGyEsuT");
    assert_eq!(created.expiration, Some(1544068612110));
    assert_eq!(created.api_key, "Y3Jvc3MtY2x1c3Rlci1zZWNyZXQ");
    assert_no_secret(
        &format!("{created:?} {created:#?}"),
        &["Y3Jvc3MtY2x1c3Rlci1zZWNyZXQ", "SEhNNmw1TUJjNEJ2"],
    );
}

#[tokio::test]
async fn update_cross_cluster_api_key_put_with_encoded_id() {
    let server = server().await;
    respond(&server, 200, json!({"updated": false})).await;
    let client = client(&server, Auth::Bearer("ZmxlZXQtc2VydmVyLXRva2Vu".into()));

    let updated = client
        .security()
        .update_cross_cluster_api_key(UpdateCrossClusterApiKeyRequest::new(
            "HHM6l5MBc4Bv1eGyEsuT+v2".to_owned(),
            UpdateCrossClusterApiKeyRequestBody::new(Access::new().replication(vec![
                ReplicationAccess::new(OneOrMany::Many(vec![
                    "archive-*".to_owned(),
                    ".security-profile".to_owned(),
                ]))
                .allow_restricted_indices(true),
            ]))
            .metadata(metadata(json!({"application": "replication", "rev": 2}))),
        ))
        .await
        .unwrap();

    let request = the_request(&server).await;
    assert_wire(
        &request,
        "PUT",
        "/_security/cross_cluster/api_key/HHM6l5MBc4Bv1eGyEsuT%2Bv2",
        None,
        Some(json!({
            "access": {
                "replication": [{
                    "names": ["archive-*", ".security-profile"],
                    "allow_restricted_indices": true
                }]
            },
            "metadata": {"application": "replication", "rev": 2}
        })),
    );
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer ZmxlZXQtc2VydmVyLXRva2Vu")
    );
    assert!(!updated.updated);
}

// ---------------------------------------------------------------------------------------------
// Cross-cutting
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_auth_kind_sets_the_authorization_header() {
    let cases = [
        (
            Some(Auth::basic("elastic", "changeme")),
            Some("Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="),
        ),
        (
            Some(Auth::api_key(
                "VuaCfGcBCdbkQm-e5aOx",
                "ui2lp2axTNmsyakw9tvNnw",
            )),
            Some("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="),
        ),
        (
            Some(Auth::EncodedApiKey("ZW5jb2RlZC1rZXk=".to_owned())),
            Some("ApiKey ZW5jb2RlZC1rZXk="),
        ),
        (
            Some(Auth::Bearer("eyJhbGciOiJIUzI1NiJ9.e30.sig".to_owned())),
            Some("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"),
        ),
        (None, None),
    ];
    let server = server().await;
    respond(&server, 200, json!({"updated": true})).await;
    for (auth, _) in &cases {
        let mut builder = Client::builder(&server.uri()).timeout(Duration::from_secs(10));
        if let Some(auth) = auth {
            builder = builder.auth(auth.clone());
        }
        let client = builder.build().unwrap();
        client
            .security()
            .update_api_key(UpdateApiKeyRequest::new("k1".to_owned()))
            .await
            .unwrap();
    }
    // Credentials in the URL's user info become Basic auth (and leave the URL).
    let with_user_info = server.uri().replace("http://", "http://jane:hunter2@");
    let client = Client::builder(&with_user_info)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    client
        .security()
        .update_api_key(UpdateApiKeyRequest::new("k1".to_owned()))
        .await
        .unwrap();

    let sent = requests(&server).await;
    assert_eq!(sent.len(), cases.len() + 1);
    for ((auth, expected), request) in cases.iter().zip(&sent) {
        assert_eq!(header(request, "authorization"), *expected, "{auth:?}");
        assert_wire(
            request,
            "PUT",
            "/_security/api_key/k1",
            None,
            Some(json!({})),
        );
    }
    assert_eq!(
        header(&sent[cases.len()], "authorization"),
        Some("Basic amFuZTpodW50ZXIy")
    );
}

#[tokio::test]
async fn path_parts_are_percent_encoded_as_one_segment() {
    let cases = [
        ("VuaCfGcBCdbkQm-e5aOx", "VuaCfGcBCdbkQm-e5aOx"),
        ("key/with space", "key%2Fwith%20space"),
        ("100%", "100%25"),
        ("ключ-ü✓", "%D0%BA%D0%BB%D1%8E%D1%87-%C3%BC%E2%9C%93"),
        ("a+b?c#d&e=f", "a%2Bb%3Fc%23d%26e%3Df"),
        ("~._-", "~._-"),
        ("...", "..."),
    ];
    let server = server().await;
    respond(&server, 200, json!({"updated": true})).await;
    let client = client(&server, Auth::basic("elastic", "changeme"));
    for (id, _) in cases {
        client
            .security()
            .update_api_key(UpdateApiKeyRequest::new(id.to_owned()))
            .await
            .unwrap();
    }
    let sent = requests(&server).await;
    assert_eq!(sent.len(), cases.len());
    for ((id, encoded), request) in cases.iter().zip(&sent) {
        assert_eq!(
            request.url.path(),
            format!("/_security/api_key/{encoded}"),
            "{id}"
        );
    }
}

#[tokio::test]
async fn path_parts_that_cannot_be_sent_are_rejected_before_sending() {
    let server = server().await;
    respond(&server, 200, json!({"updated": true})).await;
    let client = client(&server, Auth::basic("elastic", "changeme"));
    for id in ["", ".", ".."] {
        let err = client
            .security()
            .update_api_key(UpdateApiKeyRequest::new(id.to_owned()))
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidParameter { name: "id", .. }),
            "{id:?}: {err:?}"
        );
    }
    let err = client
        .security()
        .clear_api_key_cache(ClearApiKeyCacheRequest::new(OneOrMany::Many(vec![])))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidParameter { name: "ids", .. }),
        "{err:?}"
    );
    assert!(requests(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn error_404_decodes_into_api_error() {
    let server = server().await;
    let reason = "no API key owned by requesting user found for ID [missing-key-id]";
    respond(
        &server,
        404,
        es_error(404, "resource_not_found_exception", reason),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let result = client
        .security()
        .update_api_key(UpdateApiKeyRequest::new("missing-key-id".to_owned()))
        .await;

    let api = assert_api_error(result, 404, "resource_not_found_exception", reason);
    assert_eq!(api.error.root_cause.len(), 1);
    assert_eq!(
        api.error.root_cause[0].type_.as_deref(),
        Some("resource_not_found_exception")
    );
    assert_eq!(api.error.root_cause[0].reason.as_deref(), Some(reason));
    assert_eq!(
        api.to_string(),
        format!("Elasticsearch error (HTTP 404): resource_not_found_exception: {reason}")
    );
}

#[tokio::test]
async fn error_400_decodes_into_api_error() {
    let server = server().await;
    let reason = "Field [api_key_hash] is not allowed for querying or aggregation";
    respond(
        &server,
        400,
        json!({
            "error": {
                "root_cause": [{"type": "illegal_argument_exception", "reason": reason}],
                "type": "illegal_argument_exception",
                "reason": reason,
                "caused_by": {"type": "x_content_parse_exception", "reason": "[1:32] [bool] failed to parse field [must]"}
            },
            "status": 400
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let result = client
        .security()
        .query_api_keys(QueryApiKeysRequest::new().with_body(
            QueryApiKeysRequestBody::default().query(ApiKeyQueryContainer::Term(SingleKey::new(
                "api_key_hash",
                TermQuery::new(FieldValue::String("x".to_owned())),
            ))),
        ))
        .await;

    let api = assert_api_error(result, 400, "illegal_argument_exception", reason);
    assert_eq!(
        api.error.caused_by.as_ref().unwrap().type_.as_deref(),
        Some("x_content_parse_exception")
    );
}

#[tokio::test]
async fn error_401_with_headers_decodes_into_api_error() {
    let server = server().await;
    let reason =
        "unable to authenticate user [elastic] for REST request [/_security/_authenticate]";
    let www_authenticate = json!([
        "Basic realm=\"security\", charset=\"UTF-8\"",
        "Bearer realm=\"security\"",
        "ApiKey"
    ]);
    respond(
        &server,
        401,
        json!({
            "error": {
                "root_cause": [{
                    "type": "security_exception",
                    "reason": reason,
                    "header": {"WWW-Authenticate": www_authenticate}
                }],
                "type": "security_exception",
                "reason": reason,
                "header": {"WWW-Authenticate": www_authenticate}
            },
            "status": 401
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "wrong-password"));

    let result = client
        .security()
        .authenticate(AuthenticateRequest::new())
        .await;

    let api = assert_api_error(result, 401, "security_exception", reason);
    assert_eq!(
        api.error.extra["header"]["WWW-Authenticate"],
        www_authenticate
    );
}

#[tokio::test]
async fn success_body_of_the_wrong_shape_is_a_decode_error() {
    let server = server().await;
    respond_raw(&server, 200, r#"{"updated":"yes"}"#).await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let err = client
        .security()
        .update_api_key(UpdateApiKeyRequest::new("k1".to_owned()))
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(200));
    match &err {
        Error::Decode { status, body, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(body, r#"{"updated":"yes"}"#);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(err.to_string().contains("HTTP 200"), "{err}");
    // The error says where in the body decoding stopped.
    match &err {
        Error::Decode { source, .. } => {
            assert!(source.to_string().starts_with("at $.updated: "), "{source}")
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn success_status_with_a_non_json_body_is_a_decode_error() {
    // E.g. a proxy answering 200 with an HTML page.
    let server = server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("<html><body>Welcome</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let err = client
        .security()
        .authenticate(AuthenticateRequest::new())
        .await
        .unwrap_err();
    // Not from Elasticsearch (no `X-Elastic-Product`): the product check says so.
    assert!(
        matches!(&err, Error::ProductCheck { meta } if meta.status() == 200),
        "{err:?}"
    );

    let unchecked = Client::builder(&server.uri())
        .product_check(false)
        .build()
        .unwrap();
    let err = unchecked
        .security()
        .authenticate(AuthenticateRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { status: 200, body, .. } if body.contains("<html>")),
        "{err:?}"
    );
}

/// BUG (runtime): `Error::Decode` keeps an excerpt of the response body and shows it in both
/// `Debug` and `Display`. For the endpoints whose responses carry secrets (create, grant,
/// clone and cross-cluster create return `api_key` and `encoded`), a response that fails to
/// decode — e.g. a newer server changing the type of `expiration` — puts the freshly created
/// API key into the error message, which is exactly what gets logged. `HttpResponse`'s and
/// the response types' `Debug` redact these values; the error path does not.
#[tokio::test]
async fn decode_error_of_a_secret_bearing_response_does_not_leak_the_secret() {
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "id": "VuaCfGcBCdbkQm-e5aOx",
            "name": "ingest-key",
            "expiration": "2026-12-31T00:00:00Z",
            "api_key": KEY_SECRET,
            "encoded": KEY_ENCODED
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let err = client
        .security()
        .create_api_key(CreateApiKeyRequest::new())
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert_no_secret(&format!("{err:?}"), &[KEY_SECRET, KEY_ENCODED]);
    assert_no_secret(&err.to_string(), &[KEY_SECRET, KEY_ENCODED]);
}

#[tokio::test]
async fn debug_of_client_and_auth_never_shows_credentials() {
    let server = server().await;
    let cases: [(Auth, &[&str]); 4] = [
        (Auth::basic("elastic", "hunter2-pw"), &["hunter2-pw"]),
        (
            Auth::api_key("key-id-1", "s3cr3t-api-key"),
            &["s3cr3t-api-key", "a2V5LWlkLTE6czNjcjN0LWFwaS1rZXk"],
        ),
        (
            Auth::EncodedApiKey("ZW5jb2RlZC1zZWNyZXQ=".to_owned()),
            &["ZW5jb2RlZC1zZWNyZXQ"],
        ),
        (
            Auth::Bearer("bearer-token-value".to_owned()),
            &["bearer-token-value"],
        ),
    ];
    for (auth, secrets) in cases {
        assert_no_secret(&format!("{auth:?} {auth:#?}"), secrets);
        let builder = Client::builder(&server.uri())
            .auth(auth)
            .header("x-api-key", "header-secret");
        assert_no_secret(&format!("{builder:?}"), secrets);
        let client = builder.build().unwrap();
        let text = format!("{client:?} {client:#?}");
        assert_no_secret(&text, secrets);
        assert_no_secret(&text, &["header-secret"]);
        assert!(text.contains("<redacted>"), "{text}");
    }
    // The base URL's user info is neither kept in the URL nor shown.
    let with_user_info = server.uri().replace("http://", "http://jane:url-pa55@");
    let builder = Client::builder(&with_user_info);
    assert_no_secret(&format!("{builder:?}"), &["url-pa55"]);
    let client = builder.build().unwrap();
    assert_no_secret(&format!("{client:?}"), &["url-pa55"]);
    assert_no_secret(client.transport().base_url().as_str(), &["url-pa55"]);
}

#[tokio::test]
async fn unknown_fields_and_enum_values_still_decode() {
    // A newer server: extra members everywhere, values this client has no name for.
    let server = server().await;
    respond(
        &server,
        200,
        json!({
            "api_keys": [{
                "id": "VuaCfGcBCdbkQm-e5aOx",
                "name": "future-key",
                "type": "managed_by_project",
                "creation": 1548550550158i64,
                "invalidated": false,
                "username": "elastic",
                "realm": "reserved",
                "metadata": {},
                "last_used": {"timestamp": 1548550999999i64, "node": "es-node-1"},
                "role_descriptors": {
                    "role-a": {
                        "cluster": ["monitor", "manage_quantum_entanglement"],
                        "indices": [{
                            "names": "logs-*",
                            "privileges": ["read", "read_vectors_v2"],
                            "new_option": true
                        }],
                        "restriction": {"workflows": ["agent_builder"]},
                        "future_section": {"x": 1}
                    }
                }
            }],
            "next_page_token": "c2Vjb25kLXBhZ2U="
        }),
    )
    .await;
    let client = client(&server, Auth::basic("elastic", "changeme"));

    let found = client
        .security()
        .get_api_key(GetApiKeyRequest::new())
        .await
        .unwrap();

    assert_wire(
        &the_request(&server).await,
        "GET",
        "/_security/api_key",
        None,
        None,
    );
    let key = &found.api_keys[0];
    assert_eq!(
        key.r#type,
        ApiKeyType::Other("managed_by_project".to_owned())
    );
    let role = &key.role_descriptors.as_ref().unwrap()["role-a"];
    assert_eq!(
        role.cluster,
        Some(vec![
            ClusterPrivilege::Monitor,
            ClusterPrivilege::Other("manage_quantum_entanglement".to_owned())
        ])
    );
    let indices = role.indices.as_ref().unwrap();
    assert_eq!(indices[0].names.as_slice(), ["logs-*"]);
    assert_eq!(
        indices[0].privileges,
        [
            IndexPrivilege::Read,
            IndexPrivilege::Other("read_vectors_v2".to_owned())
        ]
    );
    let workflows = &role.restriction.as_ref().unwrap().workflows;
    assert_eq!(workflows[0].to_string(), "agent_builder");

    // The same for authenticate: an unknown `managed_by` and unknown members.
    let server = self::server().await;
    respond(
        &server,
        200,
        json!({
            "username": "svc",
            "roles": [],
            "metadata": {},
            "enabled": true,
            "authentication_realm": {"name": "_es_api_key", "type": "_es_api_key", "domain": "d1"},
            "lookup_realm": {"name": "_es_api_key", "type": "_es_api_key"},
            "authentication_type": "api_key",
            "api_key": {"id": "k", "managed_by": "project_controller", "scope": "global"},
            "token": {"type": "_new_token_type", "managed_by": "cloud"},
            "feature_flags": ["x"]
        }),
    )
    .await;
    let me = self::client(&server, Auth::EncodedApiKey("ZW5j".to_owned()))
        .security()
        .authenticate(AuthenticateRequest::new())
        .await
        .unwrap();
    assert_eq!(
        me.api_key.unwrap().managed_by,
        CredentialManagedBy::Other("project_controller".to_owned())
    );
    let token = me.token.unwrap();
    assert_eq!(token.r#type.as_deref(), Some("_new_token_type"));
    assert_eq!(token.managed_by, Some(CredentialManagedBy::Cloud));
}

/// Secrets are chosen by `generator/policy/secrets.tsv`, whatever the field's type: an object
/// (`client_authentication`) prints as `<redacted>` as a whole, and its own secret field too
/// when it is printed alone; fields beside them stay visible.
#[test]
fn debug_redacts_secret_fields_of_any_type() {
    let auth = ClientAuthentication::new(
        ClientAuthenticationScheme::SharedSecret,
        "shared-s3cr3t".to_owned(),
    );
    let alone = format!("{auth:?}");
    assert_no_secret(&alone, &["shared-s3cr3t"]);
    assert!(alone.contains("value: <redacted>"), "{alone}");
    assert!(alone.contains("SharedSecret"), "{alone}");
    let body = GrantApiKeyRequestBody::new(
        GrantApiKey::new("k".to_owned()),
        ApiKeyGrantType::AccessToken,
    )
    .access_token("jwt-t0ken")
    .client_authentication(auth)
    .username("visible-user");
    let debug = format!("{body:?}");
    assert_no_secret(&debug, &["shared-s3cr3t", "jwt-t0ken"]);
    assert!(
        debug.contains("client_authentication: <redacted>"),
        "{debug}"
    );
    assert!(debug.contains("visible-user"), "{debug}");
}
