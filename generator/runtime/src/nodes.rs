//! The node pool: round-robin over the live nodes, dead nodes resurrected after an
//! exponential backoff with jitter, the least recently failed node when all are dead; Cloud
//! IDs and the node list of `_nodes/_all/http` (sniffing).

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use url::Url;

use crate::error::Error;

/// How long a dead node is left alone: `min(base * 2^(failures - 1), max)`, times a random
/// factor in `[1 - jitter, 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    /// The wait after the first failure.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
    /// The share of the wait that is random, in `[0, 1]`.
    pub jitter: f64,
}

impl Backoff {
    /// The wait after `failures` consecutive failures (at least 1), with `random` in `[0, 1)`.
    pub fn wait(&self, failures: u32, random: f64) -> Duration {
        let exponent = failures.saturating_sub(1).min(31);
        let full = self
            .base
            .checked_mul(1u32 << exponent)
            .unwrap_or(self.max)
            .min(self.max);
        let jitter = self.jitter.clamp(0.0, 1.0);
        full.mul_f64(1.0 - jitter * random.clamp(0.0, 1.0))
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Health {
    /// Consecutive failures; 0 for a live node.
    failures: u32,
    /// When the node may be tried again (dead nodes only).
    retry_at: Option<Instant>,
    /// When the node last failed.
    failed_at: Option<Instant>,
}

/// One node: its URL (without credentials) and its health.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) url: Url,
    /// `health.failures`, readable without the lock: a live node (0) is selected and kept
    /// alive without locking.
    failures: AtomicU32,
    health: Mutex<Health>,
}

impl Node {
    fn new(url: Url) -> Arc<Node> {
        Arc::new(Node {
            url,
            failures: AtomicU32::new(0),
            health: Mutex::new(Health::default()),
        })
    }

    fn health(&self) -> Health {
        self.health.lock().map(|h| *h).unwrap_or_default()
    }

    /// Whether the node is marked dead.
    pub(crate) fn is_dead(&self) -> bool {
        self.failures.load(Ordering::Acquire) > 0
    }
}

/// The nodes of a transport.
#[derive(Debug)]
pub(crate) struct NodePool {
    nodes: RwLock<Arc<Vec<Arc<Node>>>>,
    next: AtomicUsize,
    pub(crate) backoff: Backoff,
}

impl NodePool {
    pub(crate) fn new(urls: Vec<Url>, backoff: Backoff) -> NodePool {
        NodePool {
            nodes: RwLock::new(Arc::new(urls.into_iter().map(Node::new).collect())),
            next: AtomicUsize::new(0),
            backoff,
        }
    }

    pub(crate) fn nodes(&self) -> Arc<Vec<Arc<Node>>> {
        match self.nodes.read() {
            Ok(nodes) => Arc::clone(&nodes),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The URLs of the nodes, in order.
    pub(crate) fn urls(&self) -> Vec<Url> {
        self.nodes().iter().map(|n| n.url.clone()).collect()
    }

    /// The next node to try: round-robin over the live nodes and the dead ones whose wait is
    /// over; when every node is dead and waiting, the one that failed longest ago.
    pub(crate) fn select(&self) -> Option<Arc<Node>> {
        let nodes = self.nodes();
        if nodes.is_empty() {
            return None;
        }
        let now = Instant::now();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for offset in 0..nodes.len() {
            let node = &nodes[(start + offset) % nodes.len()];
            if !node.is_dead() {
                return Some(Arc::clone(node));
            }
            let health = node.health();
            if health.failures == 0 || health.retry_at.is_none_or(|at| at <= now) {
                if health.failures > 0 {
                    tracing::info!(node = %node.url, failures = health.failures, "trying a dead Elasticsearch node again (resurrection)");
                }
                return Some(Arc::clone(node));
            }
        }
        nodes
            .iter()
            .min_by_key(|n| n.health().failed_at)
            .map(Arc::clone)
    }

    /// Marks `node` dead after a failure; returns how long it is left alone.
    pub(crate) fn mark_dead(&self, node: &Node) -> Duration {
        let now = Instant::now();
        let Ok(mut health) = node.health.lock() else {
            return Duration::ZERO;
        };
        health.failures = health.failures.saturating_add(1);
        node.failures.store(health.failures, Ordering::Release);
        let wait = self.backoff.wait(health.failures, fastrand::f64());
        health.retry_at = Some(now + wait);
        health.failed_at = Some(now);
        tracing::warn!(node = %node.url, failures = health.failures, retry_in = ?wait, "Elasticsearch node marked dead");
        wait
    }

    /// Marks `node` live after a response.
    pub(crate) fn mark_alive(&self, node: &Node) {
        if !node.is_dead() {
            return;
        }
        if let Ok(mut health) = node.health.lock()
            && health.failures > 0
        {
            tracing::info!(node = %node.url, "Elasticsearch node is alive again");
            health.failures = 0;
            health.retry_at = None;
            node.failures.store(0, Ordering::Release);
        }
    }

    /// Replaces the nodes by `urls`, keeping the health of the nodes that stay.
    pub(crate) fn replace(&self, urls: Vec<Url>) {
        let old = self.nodes();
        let nodes: Vec<Arc<Node>> = urls
            .into_iter()
            .map(|url| {
                old.iter()
                    .find(|n| n.url == url)
                    .map(Arc::clone)
                    .unwrap_or_else(|| Node::new(url))
            })
            .collect();
        if let Ok(mut current) = self.nodes.write() {
            *current = Arc::new(nodes);
        }
    }
}

/// Parses a node URL: `http` or `https`, no query or fragment; user info is returned apart
/// (percent-decoded) and removed from the URL.
pub(crate) fn parse_node_url(text: &str) -> Result<(Url, Option<(String, String)>), Error> {
    let mut url = Url::parse(text.trim())
        .map_err(|e| Error::InvalidUrl(format!("cannot parse the node URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl(format!(
            "unsupported scheme `{}` (expected http or https)",
            url.scheme()
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::InvalidUrl(
            "a node URL must not have a query or fragment".to_owned(),
        ));
    }
    let mut user = None;
    if !url.username().is_empty() || url.password().is_some() {
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| Error::InvalidUrl("the URL's user info is not valid UTF-8".to_owned()))
        };
        user = Some((
            decode(url.username())?,
            decode(url.password().unwrap_or(""))?,
        ));
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    Ok((url, user))
}

/// The Elasticsearch URL of an Elastic Cloud ID: `name:base64(host[:port]$es_uuid$kibana_uuid)`
/// gives `https://es_uuid.host[:port]` (port 443 unless given).
pub fn cloud_id_url(cloud_id: &str) -> Result<Url, Error> {
    let invalid = |why: &str| Error::invalid_parameter("cloud_id", why.to_owned());
    let (_, encoded) = cloud_id
        .split_once(':')
        .ok_or_else(|| invalid("expected `name:base64`"))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| invalid("the part after `:` is not base64"))?;
    let decoded = String::from_utf8(decoded).map_err(|_| invalid("not UTF-8 once decoded"))?;
    let mut parts = decoded.split('$');
    let (Some(host), Some(es_uuid)) = (parts.next(), parts.next()) else {
        return Err(invalid(
            "expected `host$elasticsearch_uuid$...` once decoded",
        ));
    };
    let host = host.trim_end_matches('/');
    if host.is_empty() || es_uuid.is_empty() {
        return Err(invalid("the host or the Elasticsearch UUID is empty"));
    }
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) if p.parse::<u16>().is_ok() => (h, p),
        _ => (host, "443"),
    };
    Url::parse(&format!("https://{es_uuid}.{host}:{port}"))
        .map_err(|e| invalid(&format!("gives no valid URL: {e}")))
}

/// The node URLs of a `_nodes/_all/http` response: each node's `http.publish_address`
/// (`ip:port` or `hostname/ip:port`, the hostname preferred), with `scheme`.
pub(crate) fn sniffed_urls(body: &serde_json::Value, scheme: &str) -> Vec<Url> {
    let mut urls = Vec::new();
    let Some(nodes) = body.get("nodes").and_then(|n| n.as_object()) else {
        return urls;
    };
    for node in nodes.values() {
        let Some(address) = node
            .pointer("/http/publish_address")
            .and_then(|a| a.as_str())
        else {
            continue;
        };
        let address = match address.split_once('/') {
            // `hostname/ip:port`: the hostname with the port (TLS certificates name hosts).
            Some((host, ip_port)) if !host.is_empty() => match ip_port.rsplit_once(':') {
                Some((_, port)) => format!("{host}:{port}"),
                None => host.to_owned(),
            },
            Some((_, ip_port)) => ip_port.to_owned(),
            None => address.to_owned(),
        };
        if let Ok(url) = Url::parse(&format!("{scheme}://{address}"))
            && !urls.contains(&url)
        {
            urls.push(url);
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(n: usize) -> NodePool {
        let urls = (0..n)
            .map(|i| Url::parse(&format!("http://127.0.0.{}:9200", i + 1)).unwrap())
            .collect();
        NodePool::new(
            urls,
            Backoff {
                base: Duration::from_secs(60),
                max: Duration::from_secs(600),
                jitter: 0.5,
            },
        )
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum_with_bounded_jitter() {
        let b = Backoff {
            base: Duration::from_millis(100),
            max: Duration::from_secs(1),
            jitter: 0.5,
        };
        assert_eq!(b.wait(1, 0.0), Duration::from_millis(100));
        assert_eq!(b.wait(2, 0.0), Duration::from_millis(200));
        assert_eq!(b.wait(4, 0.0), Duration::from_millis(800));
        assert_eq!(b.wait(5, 0.0), Duration::from_secs(1));
        assert_eq!(b.wait(100, 0.0), Duration::from_secs(1));
        assert_eq!(b.wait(1, 1.0), Duration::from_millis(50));
        for _ in 0..100 {
            let w = b.wait(3, fastrand::f64());
            assert!(
                w > Duration::from_millis(200) && w <= Duration::from_millis(400),
                "{w:?}"
            );
        }
    }

    #[test]
    fn round_robin_skips_dead_nodes_and_falls_back_to_the_least_recently_failed() {
        let pool = pool(3);
        let order: Vec<String> = (0..6)
            .map(|_| pool.select().unwrap().url.host_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            order,
            [
                "127.0.0.1",
                "127.0.0.2",
                "127.0.0.3",
                "127.0.0.1",
                "127.0.0.2",
                "127.0.0.3"
            ]
        );
        let nodes = pool.nodes();
        pool.mark_dead(&nodes[1]);
        std::thread::sleep(Duration::from_millis(2));
        for _ in 0..6 {
            assert_ne!(pool.select().unwrap().url, nodes[1].url);
        }
        pool.mark_dead(&nodes[0]);
        std::thread::sleep(Duration::from_millis(2));
        pool.mark_dead(&nodes[2]);
        // All dead and waiting: node 2 failed longest ago (node 1 before node 0 before 2).
        assert_eq!(pool.select().unwrap().url, nodes[1].url);
        pool.mark_alive(&nodes[2]);
        assert!(!nodes[2].is_dead());
        assert_eq!(pool.select().unwrap().url, nodes[2].url);
    }

    #[test]
    fn cloud_ids() {
        let encode = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let id = format!(
            "my-deployment:{}",
            encode("eu-west-1.aws.found.io$abc123$def456")
        );
        assert_eq!(
            cloud_id_url(&id).unwrap().as_str(),
            "https://abc123.eu-west-1.aws.found.io/"
        );
        let id = format!("x:{}", encode("example.test:9243$abc$def"));
        assert_eq!(
            cloud_id_url(&id).unwrap().as_str(),
            "https://abc.example.test:9243/"
        );
        for bad in ["no-colon", "x:!!!", &format!("x:{}", encode("host-only"))] {
            assert!(
                matches!(
                    cloud_id_url(bad),
                    Err(Error::InvalidParameter {
                        name: "cloud_id",
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn sniffed_node_urls() {
        let body = serde_json::json!({"nodes": {
            "a": {"http": {"publish_address": "127.0.0.1:9201"}},
            "b": {"http": {"publish_address": "es2.local/10.0.0.2:9202"}},
            "c": {"http": {}},
            "d": {"http": {"publish_address": "/10.0.0.4:9204"}}
        }});
        let urls: Vec<String> = sniffed_urls(&body, "https")
            .iter()
            .map(|u| u.to_string())
            .collect();
        assert_eq!(
            urls,
            [
                "https://127.0.0.1:9201/",
                "https://es2.local:9202/",
                "https://10.0.0.4:9204/"
            ]
        );
        let pool = pool(2);
        pool.mark_dead(&pool.nodes()[0]);
        let kept = pool.nodes()[0].url.clone();
        pool.replace(vec![
            Url::parse("http://127.0.0.9:9200").unwrap(),
            kept.clone(),
        ]);
        assert_eq!(pool.urls()[1], kept);
        assert!(pool.nodes()[1].is_dead(), "the health of a kept node stays");
        assert!(!pool.nodes()[0].is_dead());
    }
}
