//! `cargo xtask bench`: wall time of each stage of the pipeline (median of several runs) and
//! the peak memory of a process that builds the model only, and of one that generates the
//! whole crate. Figures, not a timed test: nothing here passes or fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use generator::emit::{EmitOptions, emit_timed};

/// Peak resident memory of this process so far, from `/proc/self/status` (Linux).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// One stage of the pipeline, run on its own in a fresh process (`xtask peak`).
pub fn peak(stage: &str, spec: &Path) -> Result<(), String> {
    let model = generator::parse::parse_spec(spec).map_err(|e| e.to_string())?;
    if stage == "generate" {
        let out = std::env::temp_dir().join(format!("xtask-peak-{}", std::process::id()));
        let files =
            generator::emit::emit(&model, &EmitOptions::default()).map_err(|e| e.to_string())?;
        generator::generate::write_atomically(&out, &files).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_dir_all(&out);
    }
    println!("{:.1}", peak_rss_mib().unwrap_or(f64::NAN));
    Ok(())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

pub fn bench(spec: &Path, runs: usize) -> Result<(), String> {
    let runs = runs.max(1);
    let (mut parse, mut model, mut build, mut format, mut total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut summary = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let parsed = generator::parse::parse_files(spec).map_err(|e| e.to_string())?;
        parse.push(started.elapsed());
        let t = Instant::now();
        let m = generator::parse::build_model(spec, parsed).map_err(|e| e.to_string())?;
        model.push(t.elapsed());
        let (files, timings) =
            emit_timed(&m, &EmitOptions::default()).map_err(|e| e.to_string())?;
        build.push(timings.build);
        format.push(timings.format);
        total.push(started.elapsed());
        let lines: usize = files.values().map(|f| f.lines().count()).sum();
        summary = format!(
            "{} endpoints, {} types -> {} files, {lines} lines",
            m.endpoints.len(),
            m.types.len(),
            files.len()
        );
    }
    let peak_of = |stage: &str| -> String {
        let exe = std::env::current_exe().ok();
        let output = exe.and_then(|exe| {
            Command::new(exe)
                .args(["peak", "--stage", stage, "--spec"])
                .arg(spec)
                .output()
                .ok()
        });
        match output {
            Some(o) if o.status.success() => {
                format!("{} MiB", String::from_utf8_lossy(&o.stdout).trim())
            }
            _ => "unknown".to_string(),
        }
    };
    println!("spec: {} ({summary})", spec.display());
    println!("median of {runs} runs on {} threads:", rayon_threads());
    println!(
        "  parse  (read + swc, parallel)     {:>8.1?}",
        median(parse)
    );
    println!(
        "  model  (resolve, lower, examples) {:>8.1?}",
        median(model)
    );
    println!(
        "  emit   (build; formatting overlaps){:>8.1?}",
        median(build)
    );
    println!(
        "  format (what is left after build) {:>8.1?}",
        median(format)
    );
    println!(
        "  total  (in memory, no writing)    {:>8.1?}",
        median(total)
    );
    println!("peak memory (VmHWM of a fresh process):");
    println!(
        "  model only                        {:>8}",
        peak_of("model")
    );
    println!(
        "  whole generate, files written     {:>8}",
        peak_of("generate")
    );
    Ok(())
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
