//! Parses a specification folder, reports the time taken, and optionally compares the
//! result with a `schema.json` and writes our model as JSON.
//!
//! ```text
//! cargo run --release -p generator --example parse_spec -- <spec dir> [schema.json] [out.json]
//! ```

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(spec) = args.next() else {
        eprintln!("usage: parse_spec <spec dir> [schema.json] [out.json]");
        std::process::exit(2);
    };
    let schema = args.next();
    let out = args.next();

    let start = Instant::now();
    let model = match generator::parse::parse_spec(std::path::Path::new(&spec)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let elapsed = start.elapsed();
    println!(
        "parsed {} endpoints and {} types in {:.1} ms",
        model.endpoints.len(),
        model.types.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    if let Some(rss) = peak_rss_kib() {
        println!("peak resident memory: {:.1} MB", rss as f64 / 1024.0);
    }

    if schema.is_none() && out.is_none() {
        return;
    }
    let ours = match serde_json::to_value(&model) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cannot serialize the model: {e}");
            std::process::exit(1);
        }
    };
    if let Some(path) = out {
        let text = serde_json::to_string_pretty(&ours).unwrap_or_default();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {path}: {e}");
        }
    }
    if let Some(path) = schema {
        let theirs: serde_json::Value = match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        };
        print!("{}", generator::conformance::compare(&ours, &theirs));
    }
}

/// Peak resident set size of this process (Linux), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
