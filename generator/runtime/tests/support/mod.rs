//! A scripted HTTP/1.1 node on a loopback port (plain or TLS), recording what it receives;
//! shared by the transport tests and the benchmark.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// What a node does with one request.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Sleep after the headers, before the body.
    pub stall: Option<Duration>,
}

pub fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status,
        headers: vec![("x-elastic-product", "Elasticsearch".to_owned())],
        body: body.as_bytes().to_vec(),
        stall: None,
    }
}

/// One recorded request: request line, lower-cased headers, body.
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub type Script = Arc<dyn Fn(usize) -> Answer + Send + Sync>;

/// Answers the n-th request, seeing it.
pub type Handler = Arc<dyn Fn(usize, &Seen) -> Answer + Send + Sync>;

/// A node on a loopback port answering the n-th request with `script(n)`.
pub struct Node {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    /// Requests received (also by a quiet node).
    pub count: Arc<AtomicUsize>,
}

impl Node {
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

pub async fn node(script: impl Fn(usize) -> Answer + Send + Sync + 'static) -> Node {
    start(Arc::new(script), None).await
}

/// A node that keeps only the request count (for the benchmark: no per-request records).
pub async fn quiet_node(script: impl Fn(usize) -> Answer + Send + Sync + 'static) -> Node {
    launch(Arc::new(move |n, _: &Seen| script(n)), None, false).await
}

pub async fn start(script: Script, tls: Option<tokio_rustls::TlsAcceptor>) -> Node {
    launch(Arc::new(move |n, _: &Seen| script(n)), tls, true).await
}

/// A node answering each request by what it is.
pub async fn handler_node(
    handler: impl Fn(usize, &Seen) -> Answer + Send + Sync + 'static,
) -> Node {
    launch(Arc::new(handler), None, true).await
}

async fn launch(script: Handler, tls: Option<tokio_rustls::TlsAcceptor>, record: bool) -> Node {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let scheme = if tls.is_some() { "https" } else { "http" };
    let host = if tls.is_some() {
        "localhost"
    } else {
        "127.0.0.1"
    };
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&seen);
    let count = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&count);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let _ = stream.set_nodelay(true);
            let (script, seen, tls) = (Arc::clone(&script), Arc::clone(&recorded), tls.clone());
            let counter = Arc::clone(&count);
            tokio::spawn(async move {
                match tls {
                    Some(acceptor) => {
                        if let Ok(stream) = acceptor.accept(stream).await {
                            serve(stream, script, seen, counter, record).await;
                        }
                    }
                    None => serve(stream, script, seen, counter, record).await,
                }
            });
        }
    });
    Node {
        url: format!("{scheme}://{host}:{}", address.port()),
        seen,
        count: counted,
    }
}

/// Serves requests on one connection (keep-alive) until the client closes it.
async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    script: Handler,
    seen: Arc<Mutex<Vec<Seen>>>,
    count: Arc<AtomicUsize>,
    record: bool,
) {
    let mut buffer = Vec::new();
    loop {
        let head_end = loop {
            if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let line = lines.next().unwrap_or_default().to_owned();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        while buffer.len() < head_end + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buffer[head_end..head_end + length].to_vec();
        buffer.drain(..head_end + length);
        let n = count.fetch_add(1, Ordering::SeqCst);
        let request = Seen {
            line,
            headers,
            body,
        };
        let answer = script(n, &request);
        if record {
            seen.lock().unwrap().push(request);
        }
        let mut out = format!(
            "HTTP/1.1 {} X\r\ncontent-length: {}\r\n",
            answer.status,
            answer.body.len()
        );
        for (name, value) in &answer.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        if let Some(stall) = answer.stall {
            if stream.write_all(&bytes).await.is_err() {
                return;
            }
            let _ = stream.flush().await;
            tokio::time::sleep(stall).await;
            bytes.clear();
        }
        bytes.extend_from_slice(&answer.body);
        if stream.write_all(&bytes).await.is_err() {
            return;
        }
        let _ = stream.flush().await;
    }
}

/// A CA (certificate and key), for signing server and client certificates.
pub struct Ca {
    pub cert: rcgen::Certificate,
    pub key: rcgen::KeyPair,
}

impl Ca {
    pub fn new() -> Ca {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        // Each its own name: a certificate of one is not taken as issued by another.
        let name = format!("test CA {}", fastrand::u64(..));
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        let cert = params.self_signed(&key).unwrap();
        Ca { cert, key }
    }

    /// A certificate for `names` signed by the CA, with its key.
    pub fn sign(&self, names: &[&str]) -> (rcgen::Certificate, rcgen::KeyPair) {
        let key = rcgen::KeyPair::generate().unwrap();
        let names = names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let cert = rcgen::CertificateParams::new(names)
            .unwrap()
            .signed_by(&key, &self.cert, &self.key)
            .unwrap();
        (cert, key)
    }

    pub fn fingerprint(&self) -> [u8; 32] {
        let digest = ring::digest::digest(&ring::digest::SHA256, self.cert.der());
        digest.as_ref().try_into().unwrap()
    }

    /// A TLS acceptor for `localhost` (the chain sent is `[server, CA]`, as Elasticsearch's
    /// http.p12 holds it); with `client_ca`, clients must show a certificate it signed.
    pub fn acceptor(&self, client_ca: Option<&Ca>) -> tokio_rustls::TlsAcceptor {
        #[allow(deprecated)] // rustls 0.23.48 deprecates *ring* (see src/tls.rs)
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let (server, key) = self.sign(&["localhost"]);
        let chain = vec![server.der().clone(), self.cert.der().clone()];
        let private = rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
        let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .unwrap();
        let builder = match client_ca {
            None => builder.with_no_client_auth(),
            Some(ca) => {
                let mut roots = rustls::RootCertStore::empty();
                roots.add(ca.cert.der().clone()).unwrap();
                let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider,
                )
                .build()
                .unwrap();
                builder.with_client_cert_verifier(verifier)
            }
        };
        let config = builder.with_single_cert(chain, private).unwrap();
        tokio_rustls::TlsAcceptor::from(Arc::new(config))
    }
}
