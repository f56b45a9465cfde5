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

/// CPU time of this process so far, all threads, from `/proc/self/stat` (Linux; `utime` and
/// `stime` are in units of 1/100 s there).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, field 2, may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

pub fn bench(spec: &Path, runs: usize) -> Result<(), String> {
    let runs = runs.max(1);
    let (mut parse, mut model, mut emit, mut total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut build, mut syntax, mut print, mut cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut summary = String::new();
    for _ in 0..runs {
        let cpu_before = process_cpu();
        let started = Instant::now();
        let parsed = generator::parse::parse_files(spec).map_err(|e| e.to_string())?;
        parse.push(started.elapsed());
        let t = Instant::now();
        let m = generator::parse::build_model(spec, parsed).map_err(|e| e.to_string())?;
        model.push(t.elapsed());
        let (files, timings) =
            emit_timed(&m, &EmitOptions::default()).map_err(|e| e.to_string())?;
        emit.push(timings.wall);
        build.push(timings.build);
        syntax.push(timings.parse);
        print.push(timings.print);
        total.push(started.elapsed());
        if let (Some(after), Some(before)) = (process_cpu(), cpu_before) {
            cpu.push(after.saturating_sub(before));
        }
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
    println!("  emit   (modules in parallel)      {:>8.1?}", median(emit));
    println!("    CPU time of the threads, summed:");
    println!(
        "    build  (token streams, quote)   {:>8.1?}",
        median(build)
    );
    println!(
        "    parse  (syn, gates, ablation)   {:>8.1?}",
        median(syntax)
    );
    println!(
        "    print  (prettyplease)           {:>8.1?}",
        median(print)
    );
    println!(
        "  total  (in memory, no writing)    {:>8.1?}",
        median(total)
    );
    if !cpu.is_empty() {
        println!("  cpu    (all threads, whole run)   {:>8.1?}", median(cpu));
    }
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

/// `cargo xtask bench --wide`: one class of `n` properties added to `spec/` (with an endpoint
/// that returns it), for growing `n`: parse and emit time, and the time per property relative
/// to the smallest size. A pass that is quadratic in the properties of a class shows as a
/// ratio that grows with `n`; a linear one stays near 1.
pub fn wide(root: &Path, sizes: &[usize]) -> Result<(), String> {
    let mut base: Option<f64> = None;
    println!("one class of N properties added to spec/ (parse + model, emit):");
    for &n in sizes {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let spec = dir.path().join("spec");
        copy_tree(&root.join("spec"), &spec)?;
        let endpoint = spec.join("wide/get");
        std::fs::create_dir_all(&endpoint).map_err(|e| e.to_string())?;
        let write = |name: &str, text: String| {
            std::fs::write(endpoint.join(name), text).map_err(|e| e.to_string())
        };
        write(
            "WideGetRequest.ts",
            "import { RequestBase } from '@_types/Base'\n\n/**\n * Returns a wide object.\n * @rest_spec_name wide.get\n * @availability stack since=1.0.0\n */\nexport interface Request extends RequestBase {\n  urls: [\n    {\n      path: '/_wide'\n      methods: ['GET']\n    }\n  ]\n}\n".to_string(),
        )?;
        write(
            "WideGetResponse.ts",
            "import { Wide } from './types'\n\nexport class Response {\n  /** @codegen_name wide */\n  body: Wide\n}\n".to_string(),
        )?;
        let mut class = String::from("export class Wide {\n");
        for i in 0..n {
            class.push_str(&format!("  p{i}?: string\n"));
        }
        class.push_str("}\n");
        write("types.ts", class)?;
        let started = Instant::now();
        let model = generator::parse::parse_spec(&spec).map_err(|e| e.to_string())?;
        let parsed = started.elapsed();
        let started = Instant::now();
        let files =
            generator::emit::emit(&model, &EmitOptions::default()).map_err(|e| e.to_string())?;
        let emitted = started.elapsed();
        let per_property = (parsed + emitted).as_secs_f64() / n as f64;
        let ratio = per_property / *base.get_or_insert(per_property);
        println!(
            "  N = {n:>7}: parse {parsed:>9.1?}, emit {emitted:>9.1?} ({} files); time per property {ratio:.2}x that of N = {}",
            files.len(),
            sizes[0]
        );
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
