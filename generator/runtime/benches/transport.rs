//! Transport overhead against bare reqwest on a loopback node, sequential and 64 concurrent:
//! `cargo bench -p elasticsearch-typed-runtime --bench transport`. Prints figures (and the
//! ratio to the yardstick measured in the same run); not a test.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use elasticsearch_typed_runtime::{HttpRequest, Method, Transport};

const BODY: &str = r#"{"name":"node-1","cluster_name":"bench","version":{"number":"9.0.0"},"tagline":"You Know, for Search"}"#;

async fn bare(client: &reqwest::Client, url: &str) {
    let response = client.get(url).send().await.unwrap();
    assert!(response.status().is_success());
    response.bytes().await.unwrap();
}

async fn ours(transport: &Transport) {
    transport
        .execute(HttpRequest::new(Method::GET, "/"))
        .await
        .unwrap();
}

async fn timed<F, Fut>(requests: usize, concurrency: usize, f: F) -> Duration
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let f = f.clone();
            tokio::spawn(async move {
                for _ in 0..requests / concurrency {
                    f().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    started.elapsed()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let node = support::node(|_| support::answer(200, BODY)).await;
        let url = format!("{}/", node.url);
        let client = reqwest::Client::new();
        let transport = Transport::builder(&node.url)
            .compatibility(Some(9))
            .build()
            .unwrap();
        let requests = 1920;
        for (label, concurrency) in [("sequential", 1), ("64 concurrent", 64)] {
            // Warm up both, then alternate rounds so that drift hits both alike.
            let (mut bare_total, mut ours_total) = (Duration::ZERO, Duration::ZERO);
            for round in 0..4 {
                let (c, u) = (client.clone(), url.clone());
                let b = timed(requests, concurrency, move || {
                    let (c, u) = (c.clone(), u.clone());
                    async move { bare(&c, &u).await }
                })
                .await;
                let t = transport.clone();
                let o = timed(requests, concurrency, move || {
                    let t = t.clone();
                    async move { ours(&t).await }
                })
                .await;
                if round > 0 {
                    bare_total += b;
                    ours_total += o;
                }
            }
            let n = (requests * 3) as f64;
            let per = |d: Duration| d.as_secs_f64() * 1e6 / n;
            println!(
                "{label:>14}: bare reqwest {:.1} µs/request, transport {:.1} µs/request, ratio {:.3}",
                per(bare_total),
                per(ours_total),
                ours_total.as_secs_f64() / bare_total.as_secs_f64()
            );
        }
    });
}
