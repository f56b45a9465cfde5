//! `cargo xtask cost`: what the crate generated from the upstream specification costs its
//! users to compile, against the registry's untyped `elasticsearch` client as yardstick, in one
//! run on one machine; where that time goes (ablation: the crate emitted with parts left out);
//! how fast responses decode into it and bulk bodies encode from it; and how fast the
//! generator itself runs. Figures, not a test: nothing here passes or fails on a number.
//!
//! Everything is written under `target/cost/`: the yardstick crate (`yardstick/`, its own
//! workspace and target folder), a workspace (`gen/`) with the generated crate, its
//! ablation variants and the decode benchmark (`decode-bench/`, release profile), and the
//! split client (`split/`, `cargo xtask generate --split-parts`): the same client emitted as
//! a base crate, parts and a facade that cargo compiles side by side.
//!
//! Crate-only figures come from `rustc` itself: cargo runs it through this binary
//! (`RUSTC_WRAPPER`, see [`wrap_rustc`]), which times each compiler process and samples its
//! peak resident memory (`VmHWM` of `/proc/<pid>/status`, every 10 ms), and logs one line per
//! crate. Before a measured run the crate's own artifacts are removed (`cargo clean -p`) with
//! its dependencies already built, so only that crate compiles; a run that compiled anything
//! else says so. `CARGO_INCREMENTAL=0` throughout: a registry dependency, which is what the
//! generated crate is to its users, is never compiled incrementally.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use generator::emit::{EmitOptions, EmittedParts};

/// Parts of the split client (beside its base and facade): one per core here.
const SPLIT_PARTS: usize = 2;

/// The yardstick: the official client, untyped bodies, every API.
const YARDSTICK_VERSION: &str = "=9.1.0-alpha.1";
const YARDSTICK_FEATURES: &str = r#""rustls-tls", "experimental-apis""#;

/// The environment variable that turns this binary into a `RUSTC_WRAPPER`: the log file.
const LOG_VAR: &str = "XTASK_COST_RUSTC_LOG";

/// The issue's targets (issue 11, item 2 and 4).
const TARGET_RATIO: f64 = 2.0;
const TARGET_PEAK_GB: f64 = 1.5;
const TARGET_SECURITY_RATIO: f64 = 1.0;
const TARGET_GENERATE_S: f64 = 0.5;
const TARGET_MODEL_MB: f64 = 100.0;

/// What one compiler process took.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    peak_mib: f64,
}

/// Whether this process was started by cargo as its `RUSTC_WRAPPER` (the log variable set and
/// a compiler as the first argument).
pub fn is_rustc_wrapper() -> bool {
    std::env::var_os(LOG_VAR).is_some()
        && std::env::args_os().nth(1).is_some_and(|a| {
            Path::new(&a)
                .file_stem()
                .is_some_and(|s| s.to_string_lossy().starts_with("rustc"))
        })
}

/// Runs the compiler given as first argument with the others, and appends
/// `crate <tab> wall ms <tab> cpu ms <tab> peak KiB <tab> emit` to the log when it compiled a
/// crate (not for cargo's `-vV` and `--print` queries).
pub fn wrap_rustc() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let Some((rustc, rest)) = args.split_first() else {
        return ExitCode::FAILURE;
    };
    let arg = |name: &str| {
        rest.iter()
            .position(|a| a == name)
            .and_then(|i| rest.get(i + 1))
            .map(|a| a.to_string_lossy().to_string())
    };
    let crate_name = arg("--crate-name");
    let emit = rest
        .iter()
        .map(|a| a.to_string_lossy())
        .find_map(|a| a.strip_prefix("--emit=").map(str::to_string))
        .unwrap_or_default();
    let mut command = Command::new(rustc);
    command.args(rest);
    let Some(crate_name) = crate_name else {
        return match command.status() {
            Ok(s) if s.success() => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        };
    };
    match watch(&mut command) {
        Ok((success, sample)) => {
            if let Some(log) = std::env::var_os(LOG_VAR) {
                let line = format!(
                    "{crate_name}\t{}\t{}\t{:.0}\t{emit}\n",
                    sample.wall.as_millis(),
                    sample.cpu.as_millis(),
                    sample.peak_mib * 1024.0
                );
                use std::io::Write as _;
                if let Ok(mut file) = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(log)
                {
                    let _ = file.write_all(line.as_bytes());
                }
            }
            if success {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("xtask rustc wrapper: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `command` to its end, sampling the child's peak resident memory and CPU time from
/// `/proc` every 10 ms (Linux; elsewhere memory and CPU read as zero). `VmHWM` is a high-water
/// mark, so a sample taken any time after the peak sees it.
fn watch(command: &mut Command) -> Result<(bool, Sample), String> {
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| format!("{command:?}: {e}"))?;
    let pid = child.id();
    let (mut peak_kib, mut ticks) = (0.0f64, 0u64);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            && let Some((_, after)) = text.rsplit_once(')')
        {
            // Fields after the command name: state is the 3rd field, utime the 14th, stime 15th.
            let fields: Vec<&str> = after.split_whitespace().collect();
            let field = |i: usize| fields.get(i - 3).and_then(|v| v.parse::<u64>().ok());
            if let (Some(user), Some(system)) = (field(14), field(15)) {
                ticks = ticks.max(user + system);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok((
        status.success(),
        Sample {
            wall: started.elapsed(),
            // USER_HZ, which /proc reports in, is 100 on Linux.
            cpu: Duration::from_millis(ticks * 10),
            peak_mib: peak_kib / 1024.0,
        },
    ))
}

/// The median wall and CPU time and the highest peak memory of `samples`.
fn sample_medians(samples: &[Sample]) -> (Duration, Duration, f64) {
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    (
        median(samples.iter().map(|s| s.wall).collect()),
        median(samples.iter().map(|s| s.cpu).collect()),
        samples.iter().map(|s| s.peak_mib).fold(0.0, f64::max),
    )
}

/// One crate-only compilation to measure.
struct Job<'a> {
    label: &'a str,
    /// The workspace manifest folder and its target folder.
    workspace: &'a Path,
    package: &'a str,
    /// The `--crate-name` rustc sees.
    crate_name: &'a str,
    /// `check` or `build`.
    mode: &'a str,
    /// `--no-default-features --features ...` of a workspace member; `None` for a
    /// dependency, whose features its dependents choose.
    features: Option<&'a [&'a str]>,
    /// Arguments of a cheap build of the same package that builds all its dependencies
    /// first (`--no-default-features`), or none: the measured command itself, twice.
    prime: Option<&'a [&'a str]>,
}

/// What [`measure`] found.
struct Measured {
    sample: Sample,
    /// Other crates compiled in the measured run (should be none but the dependents).
    others: Vec<String>,
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn cargo_command(workspace: &Path, log: &Path) -> Result<Command, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(cargo());
    command
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", workspace.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTC_WRAPPER", exe)
        .env(LOG_VAR, log)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    Ok(command)
}

fn run_cargo(workspace: &Path, log: &Path, args: &[&str]) -> Result<(), String> {
    let mut command = cargo_command(workspace, log)?;
    command.args(args).stdout(Stdio::null());
    let output = command
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "`cargo {}` in {} failed:\n{}",
            args.join(" "),
            workspace.display(),
            tail.join("\n")
        ));
    }
    Ok(())
}

/// The crates a run compiled, as the rustc wrapper logged them (see [`wrap_rustc`]).
fn logged_crates(log: &Path) -> Result<Vec<(String, Sample)>, String> {
    let text = std::fs::read_to_string(log).map_err(|e| format!("{}: {e}", log.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let [name, wall, cpu, peak, ..] = cols[..] else {
                return None;
            };
            let ms = |v: &str| v.parse::<u64>().ok().map(Duration::from_millis);
            let sample = Sample {
                wall: ms(wall)?,
                cpu: ms(cpu).unwrap_or_default(),
                peak_mib: peak.parse::<f64>().ok()? / 1024.0,
            };
            Some((name.to_string(), sample))
        })
        .collect())
}

fn measure(job: &Job<'_>) -> Result<Measured, String> {
    let log = job.workspace.join(format!("rustc-{}.log", job.package));
    let features = job.features.map(|f| f.join(","));
    let mut args = vec![job.mode, "--quiet", "-p", job.package];
    if let Some(features) = &features {
        args.push("--no-default-features");
        if !features.is_empty() {
            args.extend(["--features", features.as_str()]);
        }
    }
    // The dependencies, built by a cheap build of the package, then its artifacts removed.
    match job.prime {
        Some(prime) => {
            let mut prime_args = vec![job.mode, "--quiet", "-p", job.package];
            prime_args.extend(prime);
            run_cargo(job.workspace, &log, &prime_args)?;
        }
        None => run_cargo(job.workspace, &log, &args)?,
    }
    run_cargo(
        job.workspace,
        &log,
        &["clean", "--quiet", "-p", job.package],
    )?;
    let _ = std::fs::remove_file(&log);
    eprint!("  {:<44} ", job.label);
    run_cargo(job.workspace, &log, &args)?;
    let mut sample = None;
    let mut others = Vec::new();
    for (name, logged) in logged_crates(&log)? {
        if name == job.crate_name {
            sample = Some(logged);
        } else {
            others.push(name);
        }
    }
    let sample = sample.ok_or_else(|| {
        format!(
            "`cargo {}` did not compile {} (log: {})",
            args.join(" "),
            job.crate_name,
            log.display()
        )
    })?;
    eprintln!(
        "{:>7.1} s wall, {:>7.1} s cpu, {:>6.0} MiB peak{}",
        sample.wall.as_secs_f64(),
        sample.cpu.as_secs_f64(),
        sample.peak_mib,
        if others.is_empty() {
            String::new()
        } else {
            format!(" (also compiled: {})", others.join(", "))
        }
    );
    Ok(Measured { sample, others })
}

/// A crate-only check of the split client: every crate of it after `cargo clean -p`
/// (dependencies built), the facade's features chosen; cargo's wall time, since the crates
/// compile side by side, their CPU summed and the highest peak of one of them.
fn measure_split(
    label: &str,
    workspace: &Path,
    packages: &[String],
    features: &[&str],
) -> Result<Measured, String> {
    let facade = packages.last().ok_or("the split has no crates")?;
    let log = workspace.join("rustc-split.log");
    let features = features.join(",");
    let args = [
        "check",
        "--quiet",
        "-p",
        facade.as_str(),
        "--no-default-features",
        "--features",
        features.as_str(),
    ];
    run_cargo(
        workspace,
        &log,
        &["check", "--quiet", "-p", facade, "--no-default-features"],
    )?;
    let mut clean = vec!["clean", "--quiet"];
    for p in packages {
        clean.extend(["-p", p.as_str()]);
    }
    run_cargo(workspace, &log, &clean)?;
    let _ = std::fs::remove_file(&log);
    eprint!("  {label:<44} ");
    let started = Instant::now();
    run_cargo(workspace, &log, &args)?;
    let wall = started.elapsed();
    let names: Vec<String> = packages.iter().map(|p| p.replace('-', "_")).collect();
    let (mut cpu, mut peak_mib, mut seen) = (Duration::ZERO, 0.0f64, 0);
    let mut others = Vec::new();
    for (name, logged) in logged_crates(&log)? {
        if names.contains(&name) {
            seen += 1;
            cpu += logged.cpu;
            peak_mib = peak_mib.max(logged.peak_mib);
        } else {
            others.push(name);
        }
    }
    if seen != packages.len() {
        return Err(format!(
            "`cargo {}` compiled {seen} of the split's {} crates (log: {})",
            args.join(" "),
            packages.len(),
            log.display()
        ));
    }
    eprintln!(
        "{:>7.1} s wall, {:>7.1} s cpu, {:>6.0} MiB peak of one rustc",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        peak_mib
    );
    Ok(Measured {
        sample: Sample {
            wall,
            cpu,
            peak_mib,
        },
        others,
    })
}

/// The generated crate's variants: package name, what is left out, the parts emitted.
fn variants() -> Vec<(&'static str, &'static str, EmittedParts)> {
    let all = EmittedParts::default();
    vec![
        (
            "cost-no-docs",
            "doc comments (every `#[doc]`: items, fields, variants, modules)",
            EmittedParts { docs: false, ..all },
        ),
        (
            "cost-no-builders",
            "builders (`new` of shared types, setters of types and requests)",
            EmittedParts {
                builders: false,
                ..all
            },
        ),
        (
            "cost-no-std-traits",
            "Debug/Clone/Copy/PartialEq/Eq/Ord derives and impls, but for those the code needs (Default; PartialEq, Eq, Hash of map keys; serde stays)",
            EmittedParts {
                std_traits: false,
                ..all
            },
        ),
        (
            "cost-bare",
            "all three of the above",
            EmittedParts {
                docs: false,
                builders: false,
                std_traits: false,
            },
        ),
    ]
}

/// Options of `cargo xtask cost`.
pub struct Options {
    pub spec: PathBuf,
    /// Only the generator's figures and the crate-only check of the repository's small
    /// `generated/` crate (the measuring machinery, in a minute or two): what CI runs.
    pub smoke: bool,
    /// Leave out the ablation variants (their checks take minutes).
    pub no_ablation: bool,
    /// Leave out the cold builds (the longest part).
    pub no_build: bool,
    /// Runs of the generator to take the median of.
    pub runs: usize,
    /// Only the decode and bulk-encode benchmark.
    pub decode_only: bool,
    /// Rounds of the decode benchmark to take the median of.
    pub decode_rounds: usize,
}

pub fn cost(root: &Path, options: &Options) -> Result<(), String> {
    let started = Instant::now();
    let work = root.join("target/cost");
    let mut report = String::new();
    machine(&mut report);
    print!("{report}");

    if !options.decode_only {
        let generator = generator_figures(&options.spec, options.runs.max(1))?;
        print!("{generator}");
    }

    let gen_ws = work.join("gen");
    let model = generator::parse::parse_spec(&options.spec).map_err(|e| e.to_string())?;
    let crate_dir = gen_ws.join("crate");
    let mut members = vec!["crate".to_string(), "decode-bench".to_string()];
    let crate_options = EmitOptions {
        package_name: "elasticsearch-typed".to_string(),
        ..EmitOptions::for_output(&crate_dir)
    };
    write_crate(&model, &crate_dir, &crate_options)?;
    let variants = if options.smoke || options.no_ablation || options.decode_only {
        Vec::new()
    } else {
        variants()
    };
    for (package, _, parts) in &variants {
        let dir = gen_ws.join(package);
        let opts = EmitOptions {
            package_name: package.to_string(),
            parts: *parts,
            ..EmitOptions::for_output(&dir)
        };
        write_crate(&model, &dir, &opts)?;
        members.push(package.to_string());
    }
    write_gen_workspace(root, &gen_ws, &members)?;

    if options.smoke {
        // The repository's own small crate, so that the measuring itself runs in CI.
        println!();
        println!("compile (smoke: the repository's generated/ crate, crate-only check):");
        let smoke_ws = work.join("smoke");
        let dir = smoke_ws.join("crate");
        let opts = EmitOptions {
            package_name: "elasticsearch-typed".to_string(),
            ..EmitOptions::for_output(&dir)
        };
        let spec_model =
            generator::parse::parse_spec(&root.join("spec")).map_err(|e| e.to_string())?;
        write_crate(&spec_model, &dir, &opts)?;
        write_workspace(root, &smoke_ws, &["crate".to_string()])?;
        let job = Job {
            label: "generated/ (API-key subset), check",
            workspace: &smoke_ws,
            package: "elasticsearch-typed",
            crate_name: "elasticsearch_typed",
            mode: "check",
            features: Some(&["full"]),
            prime: None,
        };
        let m = measure(&job)?;
        println!(
            "  generated/ crate-only check: {:.1} s wall, {:.1} s cpu, {:.0} MiB peak rustc",
            m.sample.wall.as_secs_f64(),
            m.sample.cpu.as_secs_f64(),
            m.sample.peak_mib
        );
        // The same crate emitted split, as `cargo xtask generate --split-parts` writes it.
        let split_ws = work.join("smoke-split");
        let packages = write_split(root, &spec_model, &split_ws, "elasticsearch-typed")?;
        let m = measure_split("generated/ split, check", &split_ws, &packages, &["full"])?;
        println!(
            "  generated/ split, crate-only check: {:.1} s wall, {:.1} s cpu, {:.0} MiB peak rustc",
            m.sample.wall.as_secs_f64(),
            m.sample.cpu.as_secs_f64(),
            m.sample.peak_mib
        );
        println!("total time: {:.0?}", started.elapsed());
        return Ok(());
    }

    // The decode and encode benchmark (release build of the crate's `global` feature: minutes,
    // which is why the smoke version leaves it out).
    decode_bench(&gen_ws, options.decode_rounds.max(1))?;
    if options.decode_only {
        println!("total time: {:.0?}", started.elapsed());
        return Ok(());
    }

    // The compile figures.
    println!();
    eprintln!("compiling, crate only (each after `cargo clean -p`, dependencies built):");
    let yard_ws = work.join("yardstick");
    let yardstick = write_yardstick(&yard_ws).and_then(|()| {
        let check = measure(&Job {
            label: "yardstick elasticsearch, check",
            workspace: &yard_ws,
            package: "elasticsearch",
            crate_name: "elasticsearch",
            mode: "check",
            features: None,
            prime: None,
        })?;
        let build = if options.no_build {
            None
        } else {
            Some(measure(&Job {
                label: "yardstick elasticsearch, cold debug build",
                workspace: &yard_ws,
                package: "elasticsearch",
                crate_name: "elasticsearch",
                mode: "build",
                features: None,
                prime: None,
            })?)
        };
        Ok((check, build))
    });
    let yardstick = match yardstick {
        Ok(y) => Some(y),
        Err(e) => {
            println!("NOTICE: the yardstick was not measured (no ratios): {e}");
            None
        }
    };
    let configs: [(&str, &[&str]); 3] = [
        ("all features", &["full"]),
        ("security only", &["security"]),
        ("global + indices", &["global", "indices"]),
    ];
    let mut generated = Vec::new();
    for (label, features) in configs {
        let check = measure(&Job {
            label: &format!("generated, {label}, check"),
            workspace: &gen_ws,
            package: "elasticsearch-typed",
            crate_name: "elasticsearch_typed",
            mode: "check",
            features: Some(features),
            prime: Some(&["--no-default-features"]),
        })?;
        let build = if options.no_build {
            None
        } else {
            Some(measure(&Job {
                label: &format!("generated, {label}, cold debug build"),
                workspace: &gen_ws,
                package: "elasticsearch-typed",
                crate_name: "elasticsearch_typed",
                mode: "build",
                features: Some(features),
                prime: Some(&["--no-default-features"]),
            })?)
        };
        generated.push((label, check, build));
    }
    // The split client: the same crate emitted as crates that compile side by side.
    let split_ws = work.join("split");
    let mut split_rows = Vec::new();
    match write_split(root, &model, &split_ws, "elasticsearch-typed") {
        Ok(packages) => {
            let configs: [(&str, &[&str]); 2] = [
                ("all features", &["full"]),
                ("security only", &["security"]),
            ];
            for (label, features) in configs {
                let label = format!("split, {label}, check");
                match measure_split(&label, &split_ws, &packages, features) {
                    Ok(m) => split_rows.push((label, m)),
                    Err(e) => println!("NOTICE: {label} not measured: {e}"),
                }
            }
        }
        Err(e) => println!("NOTICE: the split client was not written: {e}"),
    }
    let mut ablation = Vec::new();
    for (package, removes, _) in &variants {
        let crate_name = package.replace('-', "_");
        let check = measure(&Job {
            label: &format!("ablation {package}, check"),
            workspace: &gen_ws,
            package,
            crate_name: &crate_name,
            mode: "check",
            features: Some(&["full"]),
            prime: Some(&["--no-default-features"]),
        });
        match check {
            Ok(check) => ablation.push((*package, *removes, check)),
            // A variant that does not compile tells that something needs the part.
            Err(e) => println!("NOTICE: ablation variant {package} not measured: {e}"),
        }
    }

    println!();
    println!(
        "{}",
        compile_table(yardstick.as_ref(), &generated, &split_rows, &ablation)
    );
    let mut end = String::new();
    machine(&mut end);
    print!("{end}");
    println!("total time: {:.0?}", started.elapsed());
    Ok(())
}

fn decode_bench(gen_ws: &Path, rounds: usize) -> Result<(), String> {
    println!();
    println!(
        "decoding and encoding (release build, `global` feature only; {rounds} rounds of 3 timed runs per decoder, each after an untimed run of the same decoder; figures are medians):"
    );
    eprintln!("  building the decode benchmark (release)...");
    let log = gen_ws.join("rustc-decode-bench.log");
    run_cargo(
        gen_ws,
        &log,
        &["build", "--quiet", "--release", "-p", "decode-bench"],
    )?;
    let bench = gen_ws.join("target/release/decode-bench");
    let output = Command::new(&bench)
        .arg(rounds.to_string())
        .output()
        .map_err(|e| format!("{}: {e}", bench.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            bench.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    print!("{}", String::from_utf8_lossy(&output.stdout));

    Ok(())
}

fn seconds(m: &Measured) -> f64 {
    m.sample.wall.as_secs_f64()
}

fn compile_table(
    yardstick: Option<&(Measured, Option<Measured>)>,
    generated: &[(&str, Measured, Option<Measured>)],
    split: &[(String, Measured)],
    ablation: &[(&str, &str, Measured)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "compile cost, crate only (rustc wall time; cpu time in parentheses; peak rustc memory):"
    );
    let _ = writeln!(
        out,
        "  {:<36} {:>22} {:>22} {:>7}  target",
        "figure", "generated", "yardstick", "ratio"
    );
    let cell = |m: &Measured| {
        format!(
            "{:.1} s ({:.1}) {:.2} GB",
            seconds(m),
            m.sample.cpu.as_secs_f64(),
            m.sample.peak_mib / 1024.0
        )
    };
    let yard_check = yardstick.map(|y| &y.0);
    let yard_build = yardstick.and_then(|y| y.1.as_ref());
    for (label, check, build) in generated {
        let rows: [(&str, Option<&Measured>, Option<&Measured>); 2] = [
            ("check", Some(check), yard_check),
            ("cold debug build", build.as_ref(), yard_build),
        ];
        for (what, ours, theirs) in rows {
            let Some(ours) = ours else { continue };
            // The feature subsets compare with the yardstick's full check (it has no subsets).
            let (theirs, target) = match (*label, what) {
                ("all features", "check") => (theirs, format!("<= {TARGET_RATIO:.1}x")),
                ("all features", _) => (theirs, format!("<= {TARGET_RATIO:.1}x")),
                ("security only", "check") => (
                    yard_check,
                    format!("<= {TARGET_SECURITY_RATIO:.1}x full check"),
                ),
                _ => (theirs, String::new()),
            };
            let ratio = theirs
                .map(|t| format!("{:.2}x", seconds(ours) / seconds(t)))
                .unwrap_or_else(|| "n/a".to_string());
            let _ = writeln!(
                out,
                "  {:<36} {:>22} {:>22} {:>7}  {target}",
                format!("{label}, {what}"),
                cell(ours),
                theirs.map(cell).unwrap_or_else(|| "n/a".to_string()),
                ratio
            );
        }
    }
    if !split.is_empty() {
        let _ = writeln!(
            out,
            "  the split client (cargo's wall time for all its crates; cpu summed; the highest peak of one rustc):"
        );
    }
    for (label, m) in split {
        let single = generated
            .iter()
            .find(|(l, _, _)| label.contains(l))
            .map(|(_, check, _)| check);
        let ratio = yard_check
            .map(|t| format!("{:.2}x", seconds(m) / seconds(t)))
            .unwrap_or_else(|| "n/a".to_string());
        let _ = writeln!(
            out,
            "  {:<36} {:>22} {:>22} {:>7}  {}",
            label,
            cell(m),
            yard_check.map(cell).unwrap_or_else(|| "n/a".to_string()),
            ratio,
            single
                .map(|c| format!(
                    "{:.2}x the single crate's wall, {:.2}x its peak",
                    seconds(m) / seconds(c),
                    m.sample.peak_mib / c.sample.peak_mib
                ))
                .unwrap_or_default()
        );
    }
    let peak = generated
        .iter()
        .flat_map(|(_, c, b)| std::iter::once(c).chain(b.as_ref()))
        .map(|m| m.sample.peak_mib / 1024.0)
        .fold(0.0, f64::max);
    let _ = writeln!(
        out,
        "  peak rustc memory of the generated crate: {peak:.2} GB (target <= {TARGET_PEAK_GB:.1} GB)"
    );
    let contaminated: Vec<&str> = generated
        .iter()
        .flat_map(|(_, c, b)| std::iter::once(c).chain(b.as_ref()))
        .chain(
            yardstick
                .into_iter()
                .flat_map(|(c, b)| std::iter::once(c).chain(b.as_ref())),
        )
        .flat_map(|m| m.others.iter().map(String::as_str))
        .collect();
    if !contaminated.is_empty() {
        let _ = writeln!(
            out,
            "  NOTE: measured runs also compiled {} (their time is not counted, but they ran beside it)",
            contaminated.join(", ")
        );
    }
    if let (Some((_, full_check, _)), false) = (generated.first(), ablation.is_empty()) {
        let full = seconds(full_check);
        let _ = writeln!(
            out,
            "\nwhere the check time goes, by ablation (all features; saving = full - variant):"
        );
        let _ = writeln!(
            out,
            "  {:<20} {:>9} {:>9} {:>8}  {:>8}  left out",
            "variant", "check", "saving", "share", "peak"
        );
        let _ = writeln!(
            out,
            "  {:<20} {:>7.1} s {:>9} {:>8}  {:>5.2} GB  nothing",
            "full",
            full,
            "",
            "",
            full_check.sample.peak_mib / 1024.0
        );
        for (package, removes, m) in ablation {
            let saving = full - seconds(m);
            let _ = writeln!(
                out,
                "  {:<20} {:>7.1} s {:>7.1} s {:>7.0}%  {:>5.2} GB  {removes}",
                package.trim_start_matches("cost-"),
                seconds(m),
                saving,
                100.0 * saving / full,
                m.sample.peak_mib / 1024.0
            );
        }
    }
    out
}

/// Cores, load and compiler: what the figures were measured on.
fn machine(out: &mut String) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string());
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "machine: {cores} cores, load average {load} (other work on the machine slows every figure), {rustc}"
    );
}

/// `cargo xtask generate` and `cargo xtask model` as whole processes of this binary, and the
/// in-process stage times of `cargo xtask bench`.
fn generator_figures(spec: &Path, runs: usize) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut summary = String::new();
    // Each run of `fresh` writes a new folder (the whole job); each run of `rerun` goes into a
    // folder that already holds this crate, which is left as it is (nothing is written).
    let rerun_dir = scratch.path().join("crate");
    let mut generate = |out_dir: &Path| -> Result<Sample, String> {
        let mut command = Command::new(&exe);
        command
            .args(["generate", "--spec-version", "9.x", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(out_dir);
        let child_out = scratch.path().join("stdout");
        let file = std::fs::File::create(&child_out).map_err(|e| e.to_string())?;
        command.stdout(file);
        let (ok, sample) = watch(&mut command)?;
        if !ok {
            return Err(format!("{exe:?} generate failed"));
        }
        summary = std::fs::read_to_string(&child_out).unwrap_or_default();
        Ok(sample)
    };
    let mut fresh = Vec::new();
    let mut rerun = Vec::new();
    generate(&rerun_dir)?;
    for i in 0..runs {
        let out_dir = scratch.path().join(format!("fresh-{i}"));
        fresh.push(generate(&out_dir)?);
        let _ = std::fs::remove_dir_all(&out_dir);
        rerun.push(generate(&rerun_dir)?);
    }
    let mut model_peak = 0.0f64;
    let mut model_walls = Vec::new();
    for _ in 0..runs.min(3) {
        let mut command = Command::new(&exe);
        command
            .args(["model", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(scratch.path().join("model.json"))
            .stderr(Stdio::null());
        let (ok, sample) = watch(&mut command)?;
        if !ok {
            return Err(format!("{exe:?} model failed"));
        }
        model_peak = model_peak.max(sample.peak_mib);
        model_walls.push(sample.wall);
    }
    model_walls.sort();
    let mut out = String::new();
    let _ = writeln!(out, "\ngenerator on {}:", spec.display());
    let (wall, cpu, peak) = sample_medians(&fresh);
    let walls: Vec<Duration> = fresh.iter().map(|s| s.wall).collect();
    let _ = writeln!(
        out,
        "  `xtask generate` as a process, into a new folder: {:.3} s wall (median of {runs}; min {:.3}, max {:.3}), {:.3} s cpu, peak {peak:.0} MiB (target <= {TARGET_GENERATE_S} s: {:.2}x)",
        wall.as_secs_f64(),
        walls.iter().min().unwrap_or(&wall).as_secs_f64(),
        walls.iter().max().unwrap_or(&wall).as_secs_f64(),
        cpu.as_secs_f64(),
        wall.as_secs_f64() / TARGET_GENERATE_S
    );
    let (wall, cpu, peak) = sample_medians(&rerun);
    let _ = writeln!(
        out,
        "  the same into a folder that holds that crate already (nothing written): {:.3} s wall, {:.3} s cpu, peak {peak:.0} MiB",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
    );
    let _ = writeln!(out, "    its own report: {}", summary.trim());
    let _ = writeln!(
        out,
        "  `xtask model --out FILE` as a process: {:.3} s wall, peak {model_peak:.0} MiB (target <= {TARGET_MODEL_MB} MB: {:.2}x)",
        model_walls[model_walls.len() / 2].as_secs_f64(),
        model_peak * 1.048_576 / TARGET_MODEL_MB
    );
    let _ = writeln!(out, "  in-process stages (`cargo xtask bench`):");
    print!("{out}");
    out.clear();
    crate::bench::bench(spec, runs)?;
    Ok(out)
}

fn write_crate(
    model: &generator::model::Model,
    dir: &Path,
    options: &EmitOptions,
) -> Result<(), String> {
    let files = generator::emit::emit(model, options).map_err(|e| e.to_string())?;
    // Rewritten file by file (unchanged files keep their time stamps); stale files removed.
    crate::examples::sync_folder(dir, &files).map(|_| ())
}

/// The client emitted split into [`SPLIT_PARTS`] parts, a base and a facade under `ws/crate`
/// and its workspace; prints each crate's share of the source. Returns the packages, the
/// facade last.
fn write_split(
    root: &Path,
    model: &generator::model::Model,
    ws: &Path,
    package: &str,
) -> Result<Vec<String>, String> {
    let dir = ws.join("crate");
    let options = EmitOptions {
        package_name: package.to_string(),
        split_parts: SPLIT_PARTS,
        ..EmitOptions::for_output(&dir)
    };
    let files = generator::emit::emit(model, &options).map_err(|e| e.to_string())?;
    crate::examples::sync_folder(&dir, &files)?;
    // Bytes of Rust source per crate folder (`crates/<package>/...`, or the facade's).
    let mut sizes: std::collections::BTreeMap<String, usize> = Default::default();
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") && path.starts_with("crates") {
            let name = path.iter().nth(1).map(|p| p.to_string_lossy().into_owned());
            *sizes.entry(name.unwrap_or_default()).or_default() += text.len();
        } else if path.starts_with("src") {
            *sizes.entry(package.to_string()).or_default() += text.len();
        }
    }
    let total: usize = sizes.values().sum();
    let mut packages: Vec<String> = sizes.keys().filter(|p| *p != package).cloned().collect();
    packages.push(package.to_string());
    println!(
        "  the client split into {} crates (a base, parts compiled side by side, the facade):",
        packages.len()
    );
    for p in &packages {
        let bytes = sizes.get(p).copied().unwrap_or(0);
        println!(
            "    {p:<32} {:>6.1} MB of source, {:>5.1}%",
            bytes as f64 / 1e6,
            100.0 * bytes as f64 / total.max(1) as f64
        );
    }
    let mut members = vec!["crate".to_string()];
    members.extend(
        packages
            .iter()
            .filter(|p| *p != package)
            .map(|p| format!("crate/crates/{p}")),
    );
    write_workspace(root, ws, &members)?;
    Ok(packages)
}

fn write_workspace(root: &Path, ws: &Path, members: &[String]) -> Result<(), String> {
    std::fs::create_dir_all(ws).map_err(|e| format!("{}: {e}", ws.display()))?;
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "# Written by `cargo xtask cost`.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(ws.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let lock = ws.join("Cargo.lock");
    if !lock.exists() {
        // Start from the workspace's versions: no resolution against the registry.
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    Ok(())
}

fn write_gen_workspace(root: &Path, ws: &Path, members: &[String]) -> Result<(), String> {
    write_workspace(root, ws, members)?;
    let bench = ws.join("decode-bench");
    std::fs::create_dir_all(bench.join("src")).map_err(|e| e.to_string())?;
    let manifest = r#"# Written by `cargo xtask cost`.
[package]
name = "decode-bench"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
elasticsearch-typed = { path = "../crate", default-features = false, features = ["global"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
"#;
    crate::examples::write_if_changed(&bench.join("Cargo.toml"), manifest)?;
    crate::examples::write_if_changed(
        &bench.join("src/main.rs"),
        include_str!("cost/decode_bench.rs"),
    )?;
    Ok(())
}

fn write_yardstick(ws: &Path) -> Result<(), String> {
    std::fs::create_dir_all(ws.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "# Written by `cargo xtask cost`: the yardstick, the registry's untyped client.\n\
         [workspace]\n\n[package]\nname = \"yardstick\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nelasticsearch = {{ version = \"{YARDSTICK_VERSION}\", default-features = false, features = [{YARDSTICK_FEATURES}] }}\n"
    );
    crate::examples::write_if_changed(&ws.join("Cargo.toml"), &manifest)?;
    crate::examples::write_if_changed(&ws.join("src/lib.rs"), "")?;
    Ok(())
}
