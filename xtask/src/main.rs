//! `cargo xtask <command>`: the maintainers' entry points.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

mod bench;
mod cost;
mod examples;
mod fuzz;

/// The pipeline allocates many small token trees; mimalloc handles that faster than the
/// system allocator (measured with `cargo xtask bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Generate the typed Elasticsearch client from the API specification")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse the spec, emit the Rust crate and replace the output folder with it.
    Generate {
        /// The specification folder (default: the workspace's `spec/`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Where the crate goes (default: the workspace's `generated/`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Elasticsearch version the spec describes (default: the spec folder's
        /// `VERSION` file; one of the two is required).
        #[arg(long)]
        spec_version: Option<String>,
        /// Split the client into a base crate, this many part crates and the facade under
        /// `crates/` of the output (0: one crate). For the whole upstream spec, 2 parts cut
        /// the peak rustc memory of a check from about 2.9 to 1.2 GB.
        #[arg(long, default_value_t = 0)]
        split_parts: usize,
    },
    /// Parse the spec and print the model as JSON, in the official `schema.json` format.
    Model {
        /// The specification folder (default: the workspace's `spec/`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Compare the model of a spec with the official compiler's `schema.json`.
    Conformance {
        /// The specification folder (default: the upstream one in `../shared`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The official model (default: `../shared/es-specification/schema.json`).
        #[arg(long)]
        schema: Option<PathBuf>,
        /// Differences believed to be the official compiler's bugs, each with its reason
        /// (default: `generator/conformance-allowlist.tsv`): reported apart, not failing.
        #[arg(long)]
        allowlist: Option<PathBuf>,
    },
    /// Round-trip every request and response example of a spec through the crate generated
    /// from it (built in `target/upstream-examples/`), against the allowlist and the baseline
    /// in `tests/`.
    Examples {
        /// The specification folder (default: the upstream one in `../shared`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The spec's own allowlist, beside `tests/examples-allowlist.txt` (repeatable; e.g.
        /// `tests/examples-8.19/allowlist.txt` for branch 8.19).
        #[arg(long)]
        allowlist: Vec<PathBuf>,
        /// The figure the round trips must not fall below (default for the upstream spec:
        /// `tests/examples-baseline.txt`; none for another spec unless given).
        #[arg(long)]
        baseline: Option<PathBuf>,
    },
    /// Time each stage of the pipeline and measure peak memory (figures, not a test).
    Bench {
        /// The specification folder (default: the upstream one in `../shared`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// How many runs to take the median of.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Instead: one class of 1,000, 10,000 and 100,000 properties added to `spec/`, to
        /// show that no pass is quadratic in the size of a class.
        #[arg(long)]
        wide: bool,
    },
    /// What the crate generated from the upstream spec costs to compile, against the
    /// registry's untyped `elasticsearch` client (crate-only check, cold debug build, peak
    /// rustc memory, ratios), where that time goes (ablation), decoding and bulk encoding
    /// speed, and the generator's own time and memory. Figures, not a test (minutes; long).
    Cost {
        /// The specification folder (default: the upstream one in `../shared`).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The short version CI runs: generator figures and the crate-only check of the
        /// repository's `generated/` crate (no upstream compile, no decode benchmark).
        #[arg(long)]
        smoke: bool,
        /// Leave out the ablation variants.
        #[arg(long)]
        no_ablation: bool,
        /// Leave out the cold debug builds (checks only).
        #[arg(long)]
        no_build: bool,
        /// Runs of the generator to take the median of.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Only the decode and bulk-encode benchmark (writes the upstream crate and builds the
        /// benchmark in release; no generator figures, no compile measurements).
        #[arg(long, conflicts_with = "smoke")]
        decode_only: bool,
        /// Rounds of the decode benchmark to take the median of.
        #[arg(long, default_value_t = 15)]
        decode_rounds: usize,
    },
    /// Mutate the test specs with a seeded structured mutator and run the pipeline on each
    /// case: no panic, bounded time, a located error or output that compiles (a sample).
    Fuzz {
        /// How long to run.
        #[arg(long, default_value_t = 120)]
        seconds: u64,
        /// The seed; the same seed gives the same cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many outputs to compile with `cargo check`.
        #[arg(long, default_value_t = 2)]
        compile: usize,
    },
    /// Runs one stage in this process and prints its peak memory in MiB (used by `bench`).
    #[command(hide = true)]
    Peak {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        spec: PathBuf,
    },
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    if cost::is_rustc_wrapper() {
        return cost::wrap_rustc();
    }
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// What `cargo xtask generate` writes with no arguments: spec folder, output folder and
/// package name, relative to the workspace. The second is a test-only spec of every union
/// encoding (`tests/constructs/`), compiled and decoded by `tests/tests/constructs.rs`.
const REPOSITORY_OUTPUTS: [(&str, &str, &str); 2] = [
    ("spec", "generated", "elasticsearch-typed"),
    (
        "tests/constructs/spec",
        "tests/constructs/crate",
        "constructs-typed",
    ),
];

fn run(command: Command) -> Result<(), String> {
    let root = workspace();
    match command {
        Command::Generate {
            spec,
            out,
            spec_version,
            split_parts,
        } => {
            if spec.is_none() && out.is_none() {
                // The repository's outputs: the client, and the test-only crate of constructs.
                for (spec, out, package) in REPOSITORY_OUTPUTS {
                    let (spec, out) = (root.join(spec), root.join(out));
                    let options = generator::emit::EmitOptions {
                        package_name: package.to_string(),
                        ..generator::emit::EmitOptions::for_output(&out)
                    };
                    let summary = generator::generate::generate_with(&spec, &out, &options)
                        .map_err(|e| e.to_string())?;
                    println!("generated {} into {}", summary, out.display());
                }
                return Ok(());
            }
            let spec = spec.unwrap_or_else(|| root.join("spec"));
            let out = out.unwrap_or_else(|| root.join("generated"));
            let mut options = generator::emit::EmitOptions::for_output(&out);
            options.split_parts = split_parts;
            if let Some(given) = spec_version {
                options.spec_version = generator::spec_version::SpecVersion::parse(
                    &given,
                    "given with --spec-version",
                )?;
            }
            let summary = generator::generate::generate_with(&spec, &out, &options)
                .map_err(|e| e.to_string())?;
            println!("generated {} into {}", summary, out.display());
            Ok(())
        }
        Command::Model { spec, out } => {
            let spec = spec.unwrap_or_else(|| root.join("spec"));
            let started = Instant::now();
            let model = generator::parse::parse_spec(&spec).map_err(|e| e.to_string())?;
            let elapsed = started.elapsed();
            // Streamed, not built as one string first: the text is larger than the model.
            let write = |writer: &mut dyn std::io::Write| -> Result<(), String> {
                let mut writer = std::io::BufWriter::new(writer);
                serde_json::to_writer_pretty(&mut writer, &model).map_err(|e| e.to_string())?;
                std::io::Write::flush(&mut writer).map_err(|e| e.to_string())
            };
            match out {
                Some(path) => {
                    let mut file = std::fs::File::create(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    write(&mut file).map_err(|e| format!("{}: {e}", path.display()))?;
                    eprintln!(
                        "{} endpoints, {} types in {elapsed:.0?} -> {}",
                        model.endpoints.len(),
                        model.types.len(),
                        path.display()
                    );
                }
                None => {
                    write(&mut std::io::stdout().lock())?;
                    println!();
                }
            }
            Ok(())
        }
        Command::Conformance {
            spec,
            schema,
            allowlist,
        } => {
            let upstream = root.join("../shared/es-specification");
            let spec = spec.unwrap_or_else(|| upstream.join("specification"));
            let schema = schema.unwrap_or_else(|| upstream.join("schema.json"));
            let model = generator::parse::parse_spec(&spec).map_err(|e| e.to_string())?;
            let ours = generator::conformance::model_value(&model).map_err(|e| e.to_string())?;
            let text = std::fs::read_to_string(&schema)
                .map_err(|e| format!("{}: {e}", schema.display()))?;
            let theirs: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", schema.display()))?;
            let allowlist =
                allowlist.unwrap_or_else(|| root.join("generator/conformance-allowlist.tsv"));
            let allowlist = std::fs::read_to_string(&allowlist)
                .map_err(|e| e.to_string())
                .and_then(|t| generator::conformance::Allowlist::parse(&t))
                .map_err(|e| format!("{}: {e}", allowlist.display()))?;
            let report = generator::conformance::compare_allowing(&ours, &theirs, &allowlist);
            println!("{report}");
            if report.passes() {
                Ok(())
            } else {
                Err("the model differs from schema.json".to_string())
            }
        }
        Command::Examples {
            spec,
            allowlist,
            baseline,
        } => {
            let upstream = spec.is_none();
            let spec =
                spec.unwrap_or_else(|| root.join("../shared/es-specification/specification"));
            if let Some(path) = baseline.as_ref().filter(|p| !p.is_file()) {
                return Err(format!("{}: no such baseline file", path.display()));
            }
            let baseline = baseline.or_else(|| upstream.then(|| root.join(examples::BASELINE)));
            let expect = examples::Expectations {
                allowlists: allowlist,
                baseline,
            };
            examples::run(&root, &spec, upstream, &expect)
        }
        Command::Bench { wide: true, .. } => bench::wide(&root, &[1_000, 10_000, 100_000]),
        Command::Bench { spec, runs, .. } => {
            let spec =
                spec.unwrap_or_else(|| root.join("../shared/es-specification/specification"));
            bench::bench(&spec, runs)
        }
        Command::Cost {
            spec,
            smoke,
            no_ablation,
            no_build,
            runs,
            decode_only,
            decode_rounds,
        } => {
            let spec =
                spec.unwrap_or_else(|| root.join("../shared/es-specification/specification"));
            if !spec.is_dir() {
                return Err(format!(
                    "{} is missing: `cargo xtask cost` measures the crate generated from the upstream specification",
                    spec.display()
                ));
            }
            cost::cost(
                &root,
                &cost::Options {
                    spec,
                    smoke,
                    no_ablation,
                    no_build,
                    runs,
                    decode_only,
                    decode_rounds,
                },
            )
        }
        Command::Fuzz {
            seconds,
            seed,
            compile,
        } => fuzz::fuzz(&root, seconds, seed, compile),
        Command::Peak { stage, spec } => bench::peak(&stage, &spec),
    }
}
