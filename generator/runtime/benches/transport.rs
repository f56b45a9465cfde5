//! Transport overhead against bare reqwest on a loopback node, sequential and 64 concurrent:
//! `cargo bench -p elasticsearch-typed-runtime --bench transport`. Prints figures (and the
//! ratios to the yardsticks measured in the same run, in alternating rounds); not a test.
//!
//! Yardsticks: `bare` is `reqwest::Client::get(url).send()` and the body read; `bare, same
//! request` sends the same headers as the transport (User-Agent, `x-elastic-client-meta`, the
//! compatibility `Accept`) with the same 30 s timeout, so that the difference left is what the
//! transport itself does (node selection, retries bookkeeping, the product check, metadata);
//! `bare, same headers` is the latter without the timeout, to tell the two apart.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use elasticsearch_typed_runtime::{Call, HttpRequest, HttpResponse, Method, Transport};

const BODY: &str = r#"{"name":"node-1","cluster_name":"bench","version":{"number":"9.0.0"},"tagline":"You Know, for Search"}"#;

/// Requests per round and per variant.
const REQUESTS: usize = 1280;
/// Measured rounds (after one warm-up round).
const ROUNDS: usize = 9;

#[derive(Clone)]
struct Variants {
    client: reqwest::Client,
    url: String,
    headers: reqwest::header::HeaderMap,
    transport: Transport,
}

impl Variants {
    async fn run(&self, variant: usize) {
        match variant {
            0 => {
                let response = self.client.get(&self.url).send().await.unwrap();
                assert!(response.status().is_success());
                response.bytes().await.unwrap();
            }
            1 => {
                let response = self
                    .client
                    .get(&self.url)
                    .headers(self.headers.clone())
                    .timeout(Duration::from_secs(30))
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success());
                response.bytes().await.unwrap();
            }
            4 => {
                let response = self
                    .client
                    .get(&self.url)
                    .headers(self.headers.clone())
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success());
                response.bytes().await.unwrap();
            }
            2 => {
                self.transport
                    .execute(HttpRequest::new(Method::GET, "/"))
                    .await
                    .unwrap();
            }
            _ => {
                // What a generated endpoint does: a Call, awaited through IntoFuture.
                let call = Call::new(
                    &self.transport,
                    "info",
                    Ok(HttpRequest::new(Method::GET, "/")),
                    |response: HttpResponse| Ok(response.into_bytes()),
                );
                call.await.unwrap();
            }
        }
    }
}

const LABELS: [&str; 5] = [
    "bare",
    "bare, same request",
    "transport",
    "transport Call",
    "bare, same headers",
];

/// CPU time of this process so far (all threads: the client's and the loopback node's), from
/// Linux's per-thread `schedstat` (nanoseconds on a CPU); `None` elsewhere. On a shared
/// machine this varies much less than wall time.
fn cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// Wall time and CPU time of `REQUESTS` requests of `variant`.
async fn timed(variants: &Variants, variant: usize, concurrency: usize) -> (Duration, Duration) {
    let cpu = cpu_time();
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let v = variants.clone();
            tokio::spawn(async move {
                for _ in 0..REQUESTS / concurrency {
                    v.run(variant).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let wall = started.elapsed();
    let cpu = cpu.zip(cpu_time()).map_or(Duration::ZERO, |(a, b)| b - a);
    (wall, cpu)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let node = support::quiet_node(|_| support::answer(200, BODY)).await;
        let transport = Transport::builder(&node.url)
            .compatibility(Some(9))
            .build()
            .unwrap();
        // The headers the transport sends, read off the request it builds.
        let mut headers = transport
            .build_request(HttpRequest::new(Method::GET, "/"))
            .unwrap()
            .headers()
            .clone();
        headers.remove(reqwest::header::ACCEPT_ENCODING);
        let variants = Variants {
            client: reqwest::Client::new(),
            url: format!("{}/", node.url),
            headers,
            transport,
        };
        // For profiling (`perf record`): only one variant, 64 concurrent, for a while.
        if let Some(variant) = std::env::var("BENCH_ONLY_VARIANT")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
        {
            for _ in 0..20 {
                timed(&variants, variant, 64).await;
            }
            return;
        }
        for (label, concurrency) in [("sequential", 1), ("64 concurrent", 64)] {
            // One warm-up round, then rounds in which the variants alternate (their order
            // rotating), so that drift on a shared machine hits all alike. Per variant: the
            // median time per request; per ratio: the median of the rounds' ratios.
            let mut wall = vec![Vec::new(); LABELS.len()];
            let mut cpu = vec![Vec::new(); LABELS.len()];
            for round in 0..=ROUNDS {
                for i in 0..LABELS.len() {
                    let variant = (i + round) % LABELS.len();
                    let (w, c) = timed(&variants, variant, concurrency).await;
                    if round > 0 {
                        wall[variant].push(w.as_secs_f64() * 1e6 / REQUESTS as f64);
                        cpu[variant].push(c.as_secs_f64() * 1e6 / REQUESTS as f64);
                    }
                }
            }
            let ratio = |times: &[Vec<f64>], ours: usize, yardstick: usize| {
                median(
                    times[ours]
                        .iter()
                        .zip(&times[yardstick])
                        .map(|(o, y)| o / y)
                        .collect(),
                )
            };
            println!(
                "{label}: µs per request, wall and CPU (client and node), median of {ROUNDS} rounds of {REQUESTS}"
            );
            for (i, name) in LABELS.iter().enumerate() {
                println!(
                    "  {name:>20}: wall {:6.1}  cpu {:6.1}",
                    median(wall[i].clone()),
                    median(cpu[i].clone())
                );
            }
            for ours in [2, 3] {
                println!(
                    "  {:>20}: ratio to bare: wall {:.3}, cpu {:.3}; to bare with the same request: wall {:.3}, cpu {:.3}",
                    LABELS[ours],
                    ratio(&wall, ours, 0),
                    ratio(&cpu, ours, 0),
                    ratio(&wall, ours, 1),
                    ratio(&cpu, ours, 1),
                );
            }
        }
    });
}
