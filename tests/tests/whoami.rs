//! The generated crate's `whoami` example, run as a process against loopback nodes: plain
//! with a dead node first, TLS trusted by a CA file or by the CA's fingerprint, TLS untrusted,
//! and a 401. Asserts its output, its exit code, and what the node received.

#[path = "../../generator/runtime/tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::Output;
use std::sync::Arc;

use support::{Ca, Node, answer, start};

const ME: &str = r#"{"username":"rdeniro","roles":["admin"],"full_name":null,"metadata":{},
"enabled":true,"authentication_realm":{"name":"ldap1","type":"ldap"},
"lookup_realm":{"name":"ldap1","type":"ldap"},"authentication_type":"realm"}"#;

const VARS: [&str; 7] = [
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_CLOUD_ID",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_USERNAME",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_CA_CERT",
    "ELASTICSEARCH_CA_FINGERPRINT",
];

/// The example binary, beside this test's own (`target/<profile>/examples/whoami`): `cargo
/// test --workspace` builds it; a narrower run (`cargo test -p tests`) has it built here, once.
async fn example() -> Option<&'static PathBuf> {
    static EXAMPLE: tokio::sync::OnceCell<Option<PathBuf>> = tokio::sync::OnceCell::const_new();
    EXAMPLE
        .get_or_init(|| async {
            let exe = std::env::current_exe().ok()?;
            let path = exe
                .parent()?
                .parent()?
                .join("examples")
                .join(format!("whoami{}", std::env::consts::EXE_SUFFIX));
            if !path.exists() {
                let mut build = tokio::process::Command::new(env!("CARGO"));
                build.args(["build", "-p", "elasticsearch-typed", "--example", "whoami"]);
                if !cfg!(debug_assertions) {
                    build.arg("--release");
                }
                let status = build.status().await.ok()?;
                eprintln!("`cargo build --example whoami`: {status}");
            }
            path.exists().then_some(path)
        })
        .await
        .as_ref()
}

/// Runs the example with exactly `vars` of its variables set.
async fn whoami(vars: &[(&str, &str)]) -> Option<Output> {
    let Some(exe) = example().await else {
        let notice =
            "NOTICE: the whoami example could not be built: its process tests were NOT run";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{notice}");
        eprintln!("{notice}");
        return None;
    };
    let mut command = tokio::process::Command::new(exe);
    for name in VARS {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    Some(command.output().await.expect("the example runs"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn authenticated(node: &Node, authorization: &str) {
    let seen = node.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].line, "GET /_security/_authenticate HTTP/1.1");
    assert_eq!(seen[0].header("authorization"), Some(authorization));
    assert_eq!(
        seen[0].header("accept"),
        Some("application/vnd.elasticsearch+json; compatible-with=9")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_nodes_with_failover_and_an_api_key() {
    let live = start(Arc::new(|_| answer(200, ME)), None).await;
    // A port nobody listens on: the example must go on to the live node.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port())
    };
    let urls = format!("{closed},{}", live.url);
    let Some(out) = whoami(&[
        ("ELASTICSEARCH_URL", &urls),
        ("ELASTICSEARCH_API_KEY", "a2V5OnNlY3JldA=="),
    ])
    .await
    else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "username: rdeniro\n");
    authenticated(&live, "ApiKey a2V5OnNlY3JldA==");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_trusted_by_a_ca_file_or_by_its_fingerprint() {
    let ca = Ca::new();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), ca.cert.pem()).unwrap();
    let ca_path = file.path().to_str().unwrap();

    let node = start(Arc::new(|_| answer(200, ME)), Some(ca.acceptor(None))).await;
    let Some(out) = whoami(&[
        ("ELASTICSEARCH_URL", &node.url),
        ("ELASTICSEARCH_USERNAME", "elastic"),
        ("ELASTICSEARCH_PASSWORD", "changeme"),
        ("ELASTICSEARCH_CA_CERT", ca_path),
    ])
    .await
    else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "username: rdeniro\n");
    authenticated(&node, "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");

    // As Elasticsearch prints it at first start: upper-case hex with colons.
    let fingerprint: Vec<String> = ca
        .fingerprint()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let node = start(Arc::new(|_| answer(200, ME)), Some(ca.acceptor(None))).await;
    let out = whoami(&[
        ("ELASTICSEARCH_URL", &node.url),
        ("ELASTICSEARCH_API_KEY", "a2V5OnNlY3JldA=="),
        ("ELASTICSEARCH_CA_FINGERPRINT", &fingerprint.join(":")),
    ])
    .await
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "username: rdeniro\n");
    authenticated(&node, "ApiKey a2V5OnNlY3JldA==");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusted_tls_and_a_401_exit_1_without_showing_secrets() {
    let ca = Ca::new();
    let node = start(Arc::new(|_| answer(200, ME)), Some(ca.acceptor(None))).await;
    let Some(out) = whoami(&[
        ("ELASTICSEARCH_URL", &node.url),
        ("ELASTICSEARCH_PASSWORD", "changeme"),
        ("ELASTICSEARCH_USERNAME", "elastic"),
    ])
    .await
    else {
        return;
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let text = stderr(&out);
    assert!(text.starts_with("error: "), "{text}");
    assert!(text.contains("certificate"), "{text}");
    assert!(!text.contains("changeme"), "{text}");
    assert!(
        node.seen().is_empty(),
        "no request over an untrusted connection"
    );

    let body = r#"{"error":{"type":"security_exception","reason":"unable to authenticate user [elastic]"},"status":401}"#;
    let node = start(Arc::new(move |_| answer(401, body)), None).await;
    let out = whoami(&[
        ("ELASTICSEARCH_URL", &node.url),
        ("ELASTICSEARCH_USERNAME", "elastic"),
        ("ELASTICSEARCH_PASSWORD", "changeme"),
    ])
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("401"), "{text}");
    assert!(text.contains("security_exception"), "{text}");
    assert!(
        !text.contains("changeme") && !text.contains("ZWxhc3Rp"),
        "{text}"
    );
    // 401 is not retried: one request.
    assert_eq!(node.seen().len(), 1);
}
