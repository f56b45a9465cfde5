//! The transport against loopback nodes: closed ports, stalling, 503 then 200, 429 with
//! Retry-After, gzip, TLS (rcgen certificates), the product check and the headers sent.

use std::io::{Read as _, Write as _};
use std::sync::Arc;
use std::time::{Duration, Instant};

use elasticsearch_typed_runtime::{
    Error, HttpRequest, Method, RequestBody, RequestOptions, Transport,
};
use tokio::net::TcpListener;

mod support;
use support::{Answer, answer, node, start};

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

/// A CA and a server certificate for `localhost` signed by it (the chain sent is
/// `[server, CA]`, as Elasticsearch's http.p12 holds it).
fn certificates() -> (String, String, tokio_rustls::TlsAcceptor, [u8; 32]) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let chain = vec![server.der().clone(), ca.der().clone()];
    let private = rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, private)
    .unwrap();
    let digest = ring::digest::digest(&ring::digest::SHA256, ca.der());
    let mut fingerprint = [0u8; 32];
    fingerprint.copy_from_slice(digest.as_ref());
    (
        ca.pem(),
        server.pem(),
        tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        fingerprint,
    )
}

#[tokio::test]
async fn tls_by_ca_certificate_fingerprint_or_insecure() {
    let (ca_pem, _, acceptor, fingerprint) = certificates();
    let n = start(Arc::new(|_| answer(200, "{}")), Some(acceptor)).await;

    // Not trusted by default.
    let err = fast(&n.url)
        .max_retries(0)
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

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
    let err = fast(&n.url)
        .max_retries(0)
        .ca_fingerprint(&"00".repeat(32))
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    fast(&n.url)
        .danger_accept_invalid_certificates(true)
        .build()
        .unwrap()
        .execute(get("/"))
        .await
        .unwrap();
    assert_eq!(n.seen().len(), 4);

    let bad = fast(&n.url).ca_certificate_pem("not a pem").build();
    assert!(
        matches!(bad, Err(Error::InvalidParameter { name: "tls", .. })),
        "{bad:?}"
    );
}
