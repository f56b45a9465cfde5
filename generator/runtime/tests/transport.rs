//! The transport against loopback nodes: closed ports, stalling, 503 then 200, 429 with
//! Retry-After, gzip, TLS (rcgen certificates), the product check and the headers sent.

use std::io::{Read as _, Write as _};
use std::sync::Arc;
use std::time::{Duration, Instant};

use elasticsearch_typed_runtime::{
    Call, Error, HttpRequest, HttpResponse, Method, Outcome, RequestBody, RequestOptions, Transport,
};
use tokio::net::TcpListener;

mod support;
use support::{Answer, Ca, Seen, answer, handler_node, node, start};

/// A port nothing listens on.
async fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

fn get(path: &str) -> HttpRequest {
    HttpRequest::new(Method::GET, path)
}

fn fast(urls: &str) -> elasticsearch_typed_runtime::ClientBuilder {
    Transport::builder(urls)
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
        .retry_backoff(Duration::from_millis(5), Duration::from_millis(200))
}

#[tokio::test]
async fn a_closed_port_fails_over_to_the_live_node_and_is_marked_dead() {
    let dead = closed_port().await;
    let live = node(|_| answer(200, r#"{"ok":true}"#)).await;
    let transport = fast(&format!("{dead},{}", live.url)).build().unwrap();
    for _ in 0..3 {
        let response = transport.execute(get("/")).await.unwrap();
        assert_eq!(
            response.meta().node().unwrap().as_str(),
            format!("{}/", live.url)
        );
    }
    // The first request tried the dead node, then the live one; the dead node is left alone
    // for its backoff (1 s by default) so the next two go straight to the live node.
    assert_eq!(live.seen().len(), 3);
    assert_eq!(transport.dead_nodes().len(), 1);
    assert_eq!(transport.dead_nodes()[0].as_str(), format!("{dead}/"));

    // Only dead nodes: the error names the last node and counts the attempts (1 + 3).
    let transport = fast(&dead).build().unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    match &err {
        Error::Transport { attempts, node, .. } => {
            assert_eq!(*attempts, 4);
            assert_eq!(node.as_ref().unwrap().as_str(), format!("{dead}/"));
        }
        other => panic!("{other:?}"),
    }
    // Per-request override of the retries.
    let err = transport
        .perform("x", get("/"), &RequestOptions::new().max_retries(0))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 1, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn unavailable_then_ok_is_retried_on_the_next_node_with_the_same_body() {
    let a = node(|_| answer(503, r#"{"error":"unavailable"}"#)).await;
    let b = node(|_| answer(200, r#"{"ok":true}"#)).await;
    let transport = fast(&format!("{},{}", a.url, b.url)).build().unwrap();
    let request = HttpRequest {
        body: Some(RequestBody::json(&serde_json::json!({"q": 1})).unwrap()),
        ..HttpRequest::new(Method::POST, "/i/_search")
    };
    let response = transport.execute(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!((a.seen().len(), b.seen().len()), (1, 1));
    assert_eq!(a.seen()[0].body, br#"{"q":1}"#);
    assert_eq!(b.seen()[0].body, br#"{"q":1}"#);
    assert_eq!(a.seen()[0].line, "POST /i/_search HTTP/1.1");

    // Always 503: 1 + 3 attempts, then the API error with its metadata.
    let c = node(|_| {
        let mut a = answer(503, r#"{"error":{"type":"x","reason":"down"}}"#);
        a.headers
            .push(("warning", "299 Elasticsearch-9.0.0 \"old API\"".to_owned()));
        a
    })
    .await;
    let transport = fast(&c.url)
        .dead_node_backoff(Duration::ZERO, Duration::ZERO)
        .build()
        .unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert_eq!(c.seen().len(), 4);
    assert_eq!(err.status(), Some(503));
    let meta = err.meta().unwrap();
    assert_eq!(meta.warnings(), ["old API"]);
    assert!(err.node().is_some());
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after() {
    let n = node(|i| {
        let mut a = answer(if i == 0 { 429 } else { 200 }, "{}");
        a.headers.push(("retry-after", "0.05".to_owned()));
        a
    })
    .await;
    let transport = fast(&n.url).build().unwrap();
    let started = Instant::now();
    transport.execute(get("/")).await.unwrap();
    let waited = started.elapsed();
    assert_eq!(n.seen().len(), 2);
    assert!(waited >= Duration::from_millis(50), "{waited:?}");
    assert!(
        transport.dead_nodes().is_empty(),
        "429 does not kill a node"
    );

    // A Retry-After beyond the longest backoff ends the retries: the 429 with its header.
    let n = node(|_| {
        let mut a = answer(429, "{}");
        a.headers.push(("retry-after", "120".to_owned()));
        a
    })
    .await;
    let transport = fast(&n.url).build().unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert_eq!(n.seen().len(), 1);
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.meta().unwrap().headers()["retry-after"], "120");

    // Without Retry-After: exponential backoff (5 ms, 10 ms, 20 ms at most, half jittered).
    let n = node(|_| answer(429, "{}")).await;
    let transport = fast(&n.url).build().unwrap();
    let started = Instant::now();
    transport.execute(get("/")).await.unwrap_err();
    let waited = started.elapsed();
    assert_eq!(n.seen().len(), 4);
    assert!(waited >= Duration::from_millis(17), "{waited:?}");
}

#[tokio::test]
async fn a_stalling_node_times_out_and_is_not_asked_again_by_default() {
    let n = node(|_| Answer {
        stall: Some(Duration::from_secs(3)),
        ..answer(200, "{}")
    })
    .await;
    let transport = fast(&n.url)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(n.seen().len(), 1);

    // Per-request timeout.
    let transport = fast(&n.url).build().unwrap();
    let err = transport
        .perform(
            "x",
            get("/"),
            &RequestOptions::new().timeout(Duration::from_millis(100)),
        )
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn dead_nodes_are_resurrected_after_their_backoff() {
    let dead = closed_port().await;
    let live = node(|_| answer(200, "{}")).await;
    let transport = fast(&format!("{dead},{}", live.url))
        .dead_node_backoff(Duration::from_millis(60), Duration::from_secs(1))
        .build()
        .unwrap();
    transport.execute(get("/")).await.unwrap();
    assert_eq!(transport.dead_nodes().len(), 1);
    // Within the backoff the dead node is skipped...
    transport.execute(get("/")).await.unwrap();
    assert_eq!(live.seen().len(), 2);
    // ...after it, it is tried again (and fails again, doubling its wait).
    tokio::time::sleep(Duration::from_millis(80)).await;
    transport.execute(get("/")).await.unwrap();
    transport.execute(get("/")).await.unwrap();
    assert_eq!(live.seen().len(), 4);
    assert_eq!(transport.dead_nodes().len(), 1);
}

#[tokio::test]
async fn product_check_and_body_limit() {
    let n = node(|_| Answer {
        headers: vec![],
        ..answer(200, "{}")
    })
    .await;
    let transport = fast(&n.url).build().unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert!(matches!(err, Error::ProductCheck { .. }), "{err:?}");
    assert!(err.to_string().contains("not Elasticsearch"), "{err}");
    let transport = fast(&n.url).product_check(false).build().unwrap();
    transport.execute(get("/")).await.unwrap();

    let big = node(|_| answer(200, &"x".repeat(10_000))).await;
    let transport = fast(&big.url).max_response_size(1000).build().unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    assert!(format!("{err:?}").len() < 1000);
}

#[tokio::test]
async fn headers_compatibility_meta_options_and_gzip() {
    let n = node(|i| {
        if i == 1 {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(br#"{"zipped":true}"#).unwrap();
            let mut a = answer(200, "");
            a.body = gz.finish().unwrap();
            a.headers.push(("content-encoding", "gzip".to_owned()));
            a
        } else {
            answer(200, r#"{"plain":true}"#)
        }
    })
    .await;
    let transport = fast(&n.url)
        .compatibility(Some(9))
        .client_version("1.2.3")
        .compress_requests(true)
        .header("x-custom", "on-every-request")
        .build()
        .unwrap();
    let bulk = HttpRequest {
        body: Some(RequestBody::ndjson(&[serde_json::json!({"index": {}})]).unwrap()),
        ..HttpRequest::new(Method::POST, "/_bulk")
    };
    let options = RequestOptions::new()
        .opaque_id("job-7")
        .header("x-custom", "this-one");
    transport.perform("bulk", bulk, &options).await.unwrap();
    let response = transport.execute(get("/")).await.unwrap();
    assert_eq!(response.bytes(), br#"{"zipped":true}"#);

    let seen = n.seen();
    let first = &seen[0];
    assert_eq!(
        first.header("accept"),
        Some("application/vnd.elasticsearch+json; compatible-with=9")
    );
    assert_eq!(
        first.header("content-type"),
        Some("application/vnd.elasticsearch+x-ndjson; compatible-with=9")
    );
    assert_eq!(first.header("content-encoding"), Some("gzip"));
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&first.body[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, "{\"index\":{}}\n");
    assert_eq!(first.header("x-opaque-id"), Some("job-7"));
    assert_eq!(first.header("x-custom"), Some("this-one"));
    assert!(first.header("accept-encoding").unwrap().contains("gzip"));
    let meta = first.header("x-elastic-client-meta").unwrap();
    assert!(meta.starts_with("es=1.2.3,rs="), "{meta}");
    assert!(meta.contains(",t="), "{meta}");
    let agent = first.header("user-agent").unwrap();
    assert!(
        agent.starts_with("elasticsearch-typed/1.2.3 (Rust; elasticsearch-typed-runtime "),
        "{agent}"
    );
    assert_eq!(seen[1].header("x-custom"), Some("on-every-request"));

    // Switched off: plain JSON media types.
    let transport = fast(&n.url).build().unwrap();
    transport.execute(get("/")).await.unwrap();
    assert_eq!(n.seen()[2].header("accept"), Some("application/json"));
}

#[tokio::test]
async fn ignored_statuses_are_success() {
    let n = node(|_| answer(404, r#"{"found":false}"#)).await;
    let transport = fast(&n.url).build().unwrap();
    assert_eq!(
        transport.execute(get("/")).await.unwrap_err().status(),
        Some(404)
    );
    let ok = transport
        .perform("x", get("/"), &RequestOptions::new().ignore_status(404))
        .await
        .unwrap();
    assert_eq!(ok.status(), 404);
}

/// A typed body that an error body does not decode into.
#[derive(Debug, serde::Deserialize, PartialEq)]
struct Doc {
    found: bool,
    #[serde(rename = "_source")]
    source: serde_json::Value,
}

fn doc_call<'a>(transport: &'a Transport, path: &str) -> Call<'a, Doc> {
    Call::new(transport, "get", Ok(get(path)), |response: HttpResponse| {
        response.json()
    })
}

#[tokio::test]
async fn an_ignored_status_gives_the_raw_response_not_a_decode_error() {
    let missing = r#"{"error":{"type":"index_not_found_exception","reason":"no such index [x]"},"status":404}"#;
    let n = handler_node(move |_, seen: &Seen| {
        if seen.line.starts_with("GET /x/") {
            answer(404, missing)
        } else {
            answer(200, r#"{"found":true,"_source":{"a":1}}"#)
        }
    })
    .await;
    let transport = fast(&n.url).build().unwrap();

    // Ignored: the status, headers and raw body, nothing decoded.
    let outcome = doc_call(&transport, "/x/_doc/1")
        .ignore_status(404)
        .await
        .unwrap();
    let Outcome::Ignored(response) = &outcome else {
        panic!("expected the ignored 404, got {outcome:?}");
    };
    assert_eq!(response.status(), 404);
    assert_eq!(response.bytes(), missing.as_bytes());
    assert_eq!(
        response.meta().headers()["x-elastic-product"],
        "Elasticsearch"
    );
    assert_eq!(
        response.meta().node().unwrap().as_str(),
        format!("{}/", n.url)
    );
    assert!(outcome.decoded().is_none());

    // A success status through the same call is decoded.
    let found = doc_call(&transport, "/i/_doc/1")
        .ignore_status(404)
        .ignore_status(410)
        .opaque_id("o")
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(found.meta.status(), 200);
    assert_eq!(
        found.body.decoded(),
        Some(Doc {
            found: true,
            source: serde_json::json!({"a": 1})
        })
    );

    // Statuses ignored through options apply once the call is made ignoring; before, the
    // 404 is the API error it is (never a decode error of the error body).
    let options = RequestOptions::new().ignore_status(404);
    let err = doc_call(&transport, "/x/_doc/1")
        .options(options.clone())
        .await
        .unwrap_err();
    assert_eq!(
        err.api_error().and_then(|e| e.error_type()),
        Some("index_not_found_exception"),
        "{err:?}"
    );
    let outcome = doc_call(&transport, "/x/_doc/1")
        .options(options)
        .ignoring()
        .await
        .unwrap();
    assert_eq!(outcome.ignored().map(HttpResponse::status), Some(404));

    // Another status than the ignored ones stays an error.
    let err = doc_call(&transport, "/x/_doc/1")
        .ignore_status(409)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(n.seen().len(), 5);
}

#[tokio::test]
async fn retry_after_as_an_http_date() {
    // Waits without Retry-After would be 10 s and more: the test passing in well under that
    // shows the date was read (a date past means no wait).
    let slow_backoff = |url: &str| {
        fast(url)
            .retry_backoff(Duration::from_secs(10), Duration::from_secs(30))
            .build()
            .unwrap()
    };
    let n = node(|i| {
        let mut a = answer(if i == 0 { 429 } else { 200 }, "{}");
        a.headers
            .push(("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT".to_owned()));
        a
    })
    .await;
    let started = Instant::now();
    slow_backoff(&n.url).execute(get("/")).await.unwrap();
    assert_eq!(n.seen().len(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // A date beyond the longest backoff (30 s here): no wait, no retry; the 429 is returned.
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3600));
    let n = node(move |_| {
        let mut a = answer(429, "{}");
        a.headers.push(("retry-after", later.clone()));
        a
    })
    .await;
    let started = Instant::now();
    let err = slow_backoff(&n.url).execute(get("/")).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(n.seen().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A node listing `addresses` (`127.0.0.1:port`) for `_nodes/_all/http` and answering
/// `status` to anything else.
async fn listing_node(status: u16, addresses: Arc<std::sync::Mutex<Vec<String>>>) -> support::Node {
    handler_node(move |_, seen: &Seen| {
        if seen.line.starts_with("GET /_nodes/_all/http ") {
            let nodes: serde_json::Map<String, serde_json::Value> = addresses
                .lock()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let node = serde_json::json!({"http": {"publish_address": a}});
                    (format!("n{i}"), node)
                })
                .collect();
            answer(200, &serde_json::json!({ "nodes": nodes }).to_string())
        } else {
            answer(status, "{}")
        }
    })
    .await
}

fn address(node: &support::Node) -> String {
    node.url.trim_start_matches("http://").to_owned()
}

fn urls(transport: &Transport) -> Vec<String> {
    transport
        .nodes()
        .iter()
        .map(|u| u.as_str().trim_end_matches('/').to_owned())
        .collect()
}

#[tokio::test]
async fn sniffing_on_failure_replaces_the_nodes_and_retries_there() {
    let b = node(|_| answer(200, r#"{"on":"b"}"#)).await;
    let listed = Arc::new(std::sync::Mutex::new(vec![address(&b)]));
    let a = listing_node(503, listed).await;
    let transport = fast(&a.url).sniff_on_failure(true).build().unwrap();
    let response = transport.execute(get("/")).await.unwrap();
    assert_eq!(response.bytes(), br#"{"on":"b"}"#);
    let lines: Vec<String> = a.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(
        lines,
        ["GET / HTTP/1.1", "GET /_nodes/_all/http HTTP/1.1"],
        "the failure, then the sniff"
    );
    assert_eq!(b.seen().len(), 1);
    assert_eq!(urls(&transport), [b.url.as_str()]);

    // Without sniffing on failure: the node list stays, the 503 is retried on it.
    let a = listing_node(503, Arc::new(std::sync::Mutex::new(vec![address(&b)]))).await;
    let transport = fast(&a.url)
        .dead_node_backoff(Duration::ZERO, Duration::ZERO)
        .build()
        .unwrap();
    let err = transport.execute(get("/")).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(a.seen().len(), 4);
    assert!(a.seen().iter().all(|s| s.line == "GET / HTTP/1.1"));
    assert_eq!(urls(&transport), [a.url.as_str()]);
}

#[tokio::test]
async fn sniffing_on_an_interval() {
    let b = node(|_| answer(200, "{}")).await;
    let c = node(|_| answer(200, "{}")).await;
    let listed = Arc::new(std::sync::Mutex::new(Vec::new()));
    let a = listing_node(200, Arc::clone(&listed)).await;
    listed.lock().unwrap().extend([address(&a), address(&b)]);
    let interval = Duration::from_millis(150);
    let transport = fast(&a.url).sniff_interval(interval).build().unwrap();
    let sniffs = || {
        a.seen()
            .iter()
            .filter(|s| s.line.starts_with("GET /_nodes/_all/http "))
            .count()
    };

    // The first request sniffs (nothing sniffed yet).
    let started = Instant::now();
    transport.execute(get("/")).await.unwrap();
    assert_eq!(sniffs(), 1);
    assert_eq!(urls(&transport), [a.url.clone(), b.url.clone()]);

    // Within the interval the list stays, though the cluster's changed.
    *listed.lock().unwrap() = vec![address(&b), address(&c)];
    transport.execute(get("/")).await.unwrap();
    if started.elapsed() < interval {
        assert_eq!(sniffs(), 1);
        assert_eq!(urls(&transport), [a.url.clone(), b.url.clone()]);
    }

    // Once it is over, the next request sniffs again and goes to the new nodes only.
    tokio::time::sleep(interval).await;
    transport.execute(get("/")).await.unwrap();
    assert_eq!(sniffs(), 2);
    assert_eq!(urls(&transport), [b.url.clone(), c.url.clone()]);
    let before = a.seen().len();
    for _ in 0..4 {
        transport.execute(get("/")).await.unwrap();
    }
    assert_eq!(a.seen().len(), before, "a is no longer a node");
    assert!(c.seen().len() >= 2, "{}", c.seen().len());
}

#[tokio::test]
async fn sniffing_replaces_the_nodes() {
    let target = node(|_| answer(200, "{}")).await;
    let port = target.url.rsplit(':').next().unwrap().to_owned();
    let seed = node(move |_| {
        answer(
            200,
            &format!(r#"{{"nodes":{{"a":{{"http":{{"publish_address":"127.0.0.1:{port}"}}}}}}}}"#),
        )
    })
    .await;
    let transport = fast(&seed.url).sniff_on_start(true).build().unwrap();
    transport.execute(get("/")).await.unwrap();
    assert_eq!(seed.seen()[0].line, "GET /_nodes/_all/http HTTP/1.1");
    assert_eq!(target.seen().len(), 1);
    assert_eq!(transport.nodes()[0].as_str(), format!("{}/", target.url));
}

#[tokio::test]
async fn tls_by_ca_certificate_fingerprint_or_insecure() {
    let ca = Ca::new();
    let (ca_pem, fingerprint) = (ca.cert.pem(), ca.fingerprint());
    let n = start(Arc::new(|_| answer(200, "{}")), Some(ca.acceptor(None))).await;

    fast(&n.url)
        .ca_certificate_pem(ca_pem.clone())
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap();

    let hex: Vec<String> = fingerprint.iter().map(|b| format!("{b:02X}")).collect();
    for text in [hex.join(":"), hex.concat().to_lowercase()] {
        fast(&n.url)
            .ca_fingerprint(&text)
            .build()
            .unwrap()
            .execute(get("/"))
            .await
            .unwrap();
    }
    fast(&n.url)
        .danger_accept_invalid_certificates(true)
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap();
    assert_eq!(n.seen().len(), 4);

    // The CA file, as the whoami example reads it.
    let file = std::env::temp_dir().join(format!("es-typed-ca-{}.pem", std::process::id()));
    std::fs::write(&file, &ca_pem).unwrap();
    fast(&n.url)
        .ca_certificate_file(&file)
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap();
    std::fs::remove_file(&file).unwrap();

    let bad = fast(&n.url).ca_certificate_pem("not a pem").build();
    assert!(
        matches!(bad, Err(Error::InvalidParameter { name: "tls", .. })),
        "{bad:?}"
    );
}

/// A certificate problem fails at once with `Error::Tls`: not retried on the next node (a
/// plain live one here), the node not marked dead.
#[tokio::test]
async fn certificate_errors_fail_at_once_and_say_why() {
    let ca = Ca::new();
    let tls = start(Arc::new(|_| answer(200, "{}")), Some(ca.acceptor(None))).await;
    let port = tls.url.rsplit(':').next().unwrap().to_owned();
    let live = node(|_| answer(200, "{}")).await;
    let by_ip = format!("https://127.0.0.1:{port}");
    let cases = [
        // The built-in web roots don't know the test CA.
        (fast(&format!("{},{}", tls.url, live.url)), "UnknownIssuer"),
        (
            fast(&format!("{},{}", tls.url, live.url)).ca_fingerprint(&"00".repeat(32)),
            "pinned SHA-256 fingerprint",
        ),
        // The certificate names `localhost`, not 127.0.0.1.
        (
            fast(&format!("{by_ip},{}", live.url)).ca_certificate_pem(ca.cert.pem()),
            "not valid for name",
        ),
    ];
    for (builder, why) in cases {
        let transport = builder.build().unwrap();
        let err = transport.execute(get("/")).await.unwrap_err();
        let Error::Tls { node, reason, .. } = &err else {
            panic!("expected a TLS error ({why}), got {err:?}");
        };
        assert!(reason.contains(why), "{reason}");
        assert_eq!(node.port().unwrap().to_string(), port);
        let text = err.to_string();
        assert!(
            text.starts_with("TLS certificate error on https://"),
            "{text}"
        );
        assert!(text.contains("not retried"), "{text}");
        assert_eq!(err.node(), Some(node));
        assert!(transport.dead_nodes().is_empty(), "{why}");
    }
    assert_eq!(live.seen().len(), 0, "never retried on the next node");
    assert_eq!(tls.seen().len(), 0);
}

#[tokio::test]
async fn client_certificates_mtls() {
    let server_ca = Ca::new();
    let client_ca = Ca::new();
    let n = start(
        Arc::new(|_| answer(200, r#"{"mtls":true}"#)),
        Some(server_ca.acceptor(Some(&client_ca))),
    )
    .await;
    let (client, client_key) = client_ca.sign(&["client"]);

    let response = fast(&n.url)
        .ca_certificate_pem(server_ca.cert.pem())
        .client_certificate_pem(client.pem(), client_key.serialize_pem())
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap();
    assert_eq!(response.bytes(), br#"{"mtls":true}"#);
    assert_eq!(n.seen().len(), 1);

    // Without a client certificate, or with one the server's CA did not sign: rejected.
    let (stranger, stranger_key) = server_ca.sign(&["client"]);
    let builders = [
        fast(&n.url).ca_certificate_pem(server_ca.cert.pem()),
        fast(&n.url)
            .ca_certificate_pem(server_ca.cert.pem())
            .client_certificate_pem(stranger.pem(), stranger_key.serialize_pem()),
    ];
    for builder in builders {
        let transport = builder.build().unwrap();
        let err = transport.execute(get("/")).await.unwrap_err();
        let Error::Tls { reason, .. } = &err else {
            panic!("expected a TLS error, got {err:?}");
        };
        assert!(
            reason.contains("rejected the client certificate"),
            "{reason}"
        );
    }
    assert_eq!(
        n.seen().len(),
        1,
        "no request got through without the certificate"
    );

    let bad = fast(&n.url)
        .client_certificate_pem(client.pem(), "not a key")
        .build();
    assert!(
        matches!(bad, Err(Error::InvalidParameter { name: "tls", .. })),
        "{bad:?}"
    );
}
