//! Written by `cargo xtask cost` (from `xtask/src/cost/decode_bench.rs`): decoding a large
//! search response and encoding a bulk body with the crate generated from the upstream spec,
//! against `serde_json::Value` and a minimal hand-written `#[derive(Deserialize)]` struct of
//! the same shape. The response is made here, deterministically. Prints figures; the rounds
//! of the three decoders alternate, and each figure is the median of its rounds.

#![allow(dead_code)] // the hand-written shape is read, not all of it used

use std::hint::black_box;
use std::time::{Duration, Instant};

use elasticsearch_typed::global::bulk::{
    BulkRequest, BulkRequestBody, IndexOperation, OperationContainer,
};
use elasticsearch_typed::global::search::SearchResponse;
use serde::{Deserialize, Serialize};

const HITS: usize = 20_000;
const TAGS: usize = 50;
const DAYS: usize = 365;

/// The document type of the benchmark, the same for every decoder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Doc {
    title: String,
    description: String,
    price: f64,
    views: u64,
    in_stock: bool,
    tags: Vec<String>,
    created: String,
}

/// The minimal hand-written shape of the same response: what a user would write for it.
mod hand {
    use serde::{Deserialize, Serialize};

    /// The response, with hits of type `H` (a [`Hit`], or a [`SizedHit`]).
    #[derive(Deserialize)]
    pub struct Search<H> {
        pub took: u64,
        pub timed_out: bool,
        pub _shards: Shards,
        pub hits: Hits<H>,
        pub aggregations: Aggregations,
    }
    #[derive(Deserialize)]
    pub struct Shards {
        pub total: u32,
        pub successful: u32,
        pub skipped: u32,
        pub failed: u32,
    }
    #[derive(Deserialize)]
    pub struct Hits<H> {
        pub total: Total,
        pub max_score: Option<f64>,
        pub hits: Vec<H>,
    }
    #[derive(Deserialize)]
    pub struct Total {
        pub value: u64,
        pub relation: String,
    }
    #[derive(Deserialize)]
    pub struct Hit<T> {
        pub _index: String,
        pub _id: String,
        pub _score: Option<f64>,
        pub _source: T,
    }
    /// The same hit made as large in memory as the generated one (which has a field for
    /// every optional member of the spec's `Hit`): it tells what the decoding code costs
    /// from what storing a larger value costs.
    #[derive(Deserialize)]
    pub struct SizedHit<T> {
        pub _index: String,
        pub _id: String,
        pub _score: Option<f64>,
        pub _source: T,
        #[serde(skip)]
        pub rest: Padding,
    }
    /// Bytes that make a [`SizedHit`] of the benchmark's document as large as the generated
    /// hit.
    pub struct Padding(pub [u8; PADDING]);
    pub const PADDING: usize = std::mem::size_of::<
        elasticsearch_typed::global::search::types::Hit<super::Doc>,
    >() - std::mem::size_of::<Hit<super::Doc>>();
    impl Default for Padding {
        fn default() -> Self {
            Padding([0; PADDING])
        }
    }
    #[derive(Deserialize)]
    pub struct Aggregations {
        #[serde(rename = "sterms#by_tag")]
        pub by_tag: Terms,
        #[serde(rename = "date_histogram#per_day")]
        pub per_day: DateHistogram,
        #[serde(rename = "avg#avg_price")]
        pub avg_price: Value,
        #[serde(rename = "max#max_views")]
        pub max_views: Value,
        #[serde(rename = "cardinality#titles")]
        pub titles: Cardinality,
    }
    #[derive(Deserialize)]
    pub struct Terms {
        pub doc_count_error_upper_bound: i64,
        pub sum_other_doc_count: i64,
        pub buckets: Vec<TermsBucket>,
    }
    #[derive(Deserialize)]
    pub struct TermsBucket {
        pub key: String,
        pub doc_count: u64,
        #[serde(rename = "avg#avg_price")]
        pub avg_price: Value,
    }
    #[derive(Deserialize)]
    pub struct DateHistogram {
        pub buckets: Vec<DateBucket>,
    }
    #[derive(Deserialize)]
    pub struct DateBucket {
        pub key: i64,
        pub key_as_string: String,
        pub doc_count: u64,
    }
    #[derive(Deserialize)]
    pub struct Value {
        pub value: Option<f64>,
    }
    #[derive(Deserialize)]
    pub struct Cardinality {
        pub value: u64,
    }

    /// A bulk action line, as a user would write it.
    #[derive(Serialize)]
    pub struct Action<'a> {
        pub index: IndexMeta<'a>,
    }
    #[derive(Serialize)]
    pub struct IndexMeta<'a> {
        pub _id: &'a str,
        pub _index: &'a str,
    }
}

/// The hand-written response, and the same with hits as large as the generated ones.
type Hand = hand::Search<hand::Hit<Doc>>;
type HandSized = hand::Search<hand::SizedHit<Doc>>;

/// xorshift64*: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "red", "compact", "steel", "wireless", "garden", "vintage", "ultra", "travel", "kitchen",
    "ergonomic", "silent", "solar", "linen", "carbon", "pocket", "classic",
];

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

fn docs(n: usize) -> Vec<Doc> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            let tags = (0..1 + rng.below(4))
                .map(|_| format!("tag-{}", rng.below(TAGS as u64)))
                .collect();
            Doc {
                title: words(&mut rng, 4),
                description: words(&mut rng, 10),
                price: rng.below(100_000) as f64 / 100.0,
                views: rng.below(1_000_000),
                in_stock: rng.below(2) == 0,
                tags,
                created: format!(
                    "2024-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                    1 + rng.below(12),
                    1 + rng.below(28),
                    rng.below(24),
                    rng.below(60),
                    rng.below(60)
                ),
            }
        })
        .collect()
}

/// A search response with `typed_keys`: the hits, a terms aggregation with a sub-aggregation
/// per bucket, a date histogram, two metrics and a cardinality.
fn response(docs: &[Doc]) -> String {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let hits: Vec<serde_json::Value> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            serde_json::json!({
                "_index": "products",
                "_id": format!("{i:08}"),
                "_score": 1.0 + rng.below(1000) as f64 / 1000.0,
                "_source": doc,
            })
        })
        .collect();
    let tag_buckets: Vec<serde_json::Value> = (0..TAGS)
        .map(|t| {
            serde_json::json!({
                "key": format!("tag-{t}"),
                "doc_count": 100 + rng.below(1000),
                "avg#avg_price": {"value": rng.below(100_000) as f64 / 100.0},
            })
        })
        .collect();
    let day_buckets: Vec<serde_json::Value> = (0..DAYS)
        .map(|d| {
            let key = 1_704_067_200_000i64 + d as i64 * 86_400_000;
            serde_json::json!({
                "key_as_string": format!("2024-day-{d:03}"),
                "key": key,
                "doc_count": rng.below(200),
            })
        })
        .collect();
    let body = serde_json::json!({
        "took": 42,
        "timed_out": false,
        "_shards": {"total": 5, "successful": 5, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": docs.len(), "relation": "eq"},
            "max_score": 2.0,
            "hits": hits,
        },
        "aggregations": {
            "sterms#by_tag": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": tag_buckets,
            },
            "date_histogram#per_day": {"buckets": day_buckets},
            "avg#avg_price": {"value": 499.5},
            "max#max_views": {"value": 999_999.0},
            "cardinality#titles": {"value": 19_876},
        }
    });
    serde_json::to_string(&body).expect("a JSON value always encodes")
}

/// Timed runs of one decoder per round, after an untimed one.
const RUNS_PER_ROUND: usize = 3;

/// One untimed run of `decode`, then [`RUNS_PER_ROUND`] timed ones; what each returns is
/// dropped outside the timing.
fn timed<T>(samples: &mut Vec<Duration>, mut decode: impl FnMut() -> T) {
    drop(black_box(decode()));
    for _ in 0..RUNS_PER_ROUND {
        let started = Instant::now();
        let decoded = decode();
        samples.push(started.elapsed());
        drop(black_box(decoded));
    }
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(black_box(text)).unwrap_or_else(|e| fail(e.to_string()))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn fail(message: String) -> ! {
    eprintln!("decode-bench: {message}");
    std::process::exit(1)
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15)
        .max(1);
    let docs = docs(HITS);
    let text = response(&docs);
    let mb = text.len() as f64 / 1e6;

    // Every decoder must read the whole response, the generated one without catch-alls.
    let typed: SearchResponse<Doc> = serde_json::from_str(&text)
        .unwrap_or_else(|e| fail(format!("the generated type does not decode it: {e}")));
    let found = elasticsearch_typed::catch_alls(&typed);
    if !found.is_empty() {
        fail(format!(
            "the generated type decoded parts into catch-alls: {}",
            found
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let aggregations = typed.aggregations.as_ref().map_or(0, |a| a.len());
    if typed.hits.hits.len() != HITS || aggregations != 5 {
        fail(format!(
            "the generated type read {} hits and {aggregations} aggregations",
            typed.hits.hits.len()
        ));
    }
    let hand: Hand = serde_json::from_str(&text)
        .unwrap_or_else(|e| fail(format!("the hand-written type does not decode it: {e}")));
    if hand.hits.hits.len() != HITS || hand.hits.hits[7]._source != typed.hits.hits[7].source.clone().unwrap_or_else(|| fail("hit 7 has no source".to_string())) {
        fail("the hand-written and the generated type read different hits".to_string());
    }
    drop((typed, hand));

    // Each round runs every decoder in turn; a decoder's timed runs follow one untimed run of
    // its own, so none of them pays for the allocator state another decoder's frees left
    // behind (glibc consolidates freed chunks on the next large allocation).
    let (mut generated, mut value, mut handwritten, mut sized) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        timed(&mut generated, || decode::<SearchResponse<Doc>>(&text));
        timed(&mut value, || decode::<serde_json::Value>(&text));
        timed(&mut handwritten, || decode::<Hand>(&text));
        timed(&mut sized, || decode::<HandSized>(&text));
    }
    let (generated, value, handwritten, sized) = (
        median(generated),
        median(value),
        median(handwritten),
        median(sized),
    );
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "  search response: {mb:.2} MB, {HITS} hits, 5 typed_keys aggregations ({TAGS} terms buckets with a sub-aggregation, {DAYS} date buckets)"
    );
    println!(
        "    into SearchResponse<Doc> (generated)   {:>7.2} ms  {:>6.0} MB/s",
        generated.as_secs_f64() * 1e3,
        rate(generated)
    );
    println!(
        "    into a hand-written struct             {:>7.2} ms  {:>6.0} MB/s",
        handwritten.as_secs_f64() * 1e3,
        rate(handwritten)
    );
    println!(
        "    into it, with hits of generated size   {:>7.2} ms  {:>6.0} MB/s",
        sized.as_secs_f64() * 1e3,
        rate(sized)
    );
    println!(
        "    into serde_json::Value                 {:>7.2} ms  {:>6.0} MB/s",
        value.as_secs_f64() * 1e3,
        rate(value)
    );
    println!(
        "    one hit in memory: {} bytes generated (every optional member of the spec's Hit), {} hand-written",
        std::mem::size_of::<elasticsearch_typed::global::search::types::Hit<Doc>>(),
        std::mem::size_of::<hand::Hit<Doc>>()
    );
    println!(
        "    generated / hand-written time: {:.2}x (target <= 1.10x); Value / generated time: {:.2}x",
        generated.as_secs_f64() / handwritten.as_secs_f64(),
        value.as_secs_f64() / generated.as_secs_f64()
    );
    println!(
        "    generated / hand-written with hits of the same size: {:.2}x (the decoding code; the rest of the gap is the {} bytes more stored per hit)",
        generated.as_secs_f64() / sized.as_secs_f64(),
        hand::PADDING
    );

    // Bulk: an index action and the document per operation, into the ndjson body.
    let ops: Vec<BulkRequestBody<Doc, Doc>> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, doc)| {
            [
                BulkRequestBody::OperationContainer(OperationContainer::Index(
                    IndexOperation::new().index("products").id(format!("{i:08}")),
                )),
                BulkRequestBody::TDocument(doc.clone()),
            ]
        })
        .collect();
    let request = BulkRequest::new(ops);
    let ids: Vec<String> = (0..docs.len()).map(|i| format!("{i:08}")).collect();
    let (mut typed_times, mut hand_times) = (Vec::new(), Vec::new());
    let (mut typed_len, mut hand_len) = (0, 0);
    let mut hand_body = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let http = black_box(&request)
            .to_http()
            .unwrap_or_else(|e| fail(format!("the bulk body does not encode: {e}")));
        typed_times.push(started.elapsed());
        typed_len = http.body.map_or(0, |b| b.as_bytes().len());

        let started = Instant::now();
        let mut out = Vec::new();
        for (doc, id) in black_box(&docs).iter().zip(&ids) {
            let action = hand::Action {
                index: hand::IndexMeta {
                    _index: "products",
                    _id: id,
                },
            };
            serde_json::to_writer(&mut out, &action).unwrap_or_else(|e| fail(e.to_string()));
            out.push(b'\n');
            serde_json::to_writer(&mut out, doc).unwrap_or_else(|e| fail(e.to_string()));
            out.push(b'\n');
        }
        hand_times.push(started.elapsed());
        hand_len = out.len();
        hand_body = out;
    }
    let typed_body = request.to_http().ok().and_then(|h| h.body);
    let typed_body = typed_body.as_ref().map(|b| b.as_bytes());
    if typed_body != Some(hand_body.as_slice()) {
        fail(format!(
            "the bulk bodies differ ({typed_len} and {hand_len} bytes)"
        ));
    }
    let (typed_time, hand_time) = (median(typed_times), median(hand_times));
    let per_second = |d: Duration| docs.len() as f64 / d.as_secs_f64();
    println!(
        "  bulk body: {} documents, {:.2} MB of ndjson (the same bytes both ways)",
        docs.len(),
        typed_len as f64 / 1e6
    );
    println!(
        "    BulkRequest::to_http (generated)       {:>7.2} ms  {:>9.0} docs/s",
        typed_time.as_secs_f64() * 1e3,
        per_second(typed_time)
    );
    println!(
        "    hand-written serde_json::to_writer     {:>7.2} ms  {:>9.0} docs/s",
        hand_time.as_secs_f64() * 1e3,
        per_second(hand_time)
    );
    println!(
        "    generated / hand-written time: {:.2}x",
        typed_time.as_secs_f64() / hand_time.as_secs_f64()
    );
}
