//! `cargo xtask fuzz --seconds N --seed S`: a seeded structured mutator over the test specs
//! (`spec/`, `tests/specs/hostile-names/`). Each case copies a spec, applies a few mutations
//! (hostile names, keywords, cycles, deep nesting, deleted or duplicated lines, stray bytes)
//! and runs the whole pipeline in this process. A case passes with a located error
//! (`--> file:line:column`, or a file-only error naming a file) or with output; a panic, a
//! case slower than the bound, or an unlocated error fails the run. A sample of the outputs
//! is compiled with `cargo check`. The same seed gives the same cases.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// xorshift64*: small, seeded, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "self", "Self", "super", "crate", "type", "Option", "Result", "Vec", "ü", "$x", "x²", "2d",
    "a-b", "a_b", "_", "r#x", "Box", "String", "Some", "None",
];

fn read_tree(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_tree(&path, root, out);
        } else if let (Ok(bytes), Ok(rel)) = (std::fs::read(&path), path.strip_prefix(root)) {
            out.push((rel.to_path_buf(), bytes));
        }
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let at = rng.below(lines.len());
    let name = *rng.pick(NAMES);
    match rng.below(10) {
        0 => {
            lines.remove(at);
        }
        1 => {
            let l = lines[at].clone();
            lines.insert(at, l);
        }
        2 => lines.push(format!(
            "export class C{at} extends C{at} {{\n  x: string\n}}"
        )),
        3 => lines.push(format!("export type A{at} = A{at}[]")),
        4 => lines.push(format!(
            "export type D{at} = string{}",
            "[]".repeat(rng.below(80))
        )),
        5 => lines.push(format!("export enum E{at} {{\n  '{name}',\n  {}\n}}", "x")),
        6 => lines.push(format!(
            "export class K{at}<T> {{\n  '{name}': T\n  {name}?: string\n}}"
        )),
        7 => {
            // Rename one word of the line to a hostile name.
            let words: Vec<&str> = lines[at].split(' ').collect();
            let w = rng.below(words.len());
            let mut words: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            words[w] = name.to_string();
            lines[at] = words.join(" ");
        }
        8 => {
            let l = &mut lines[at];
            let cut = rng.below(l.len() + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&i| l.is_char_boundary(i))
                .unwrap_or(0);
            let stray = *rng.pick(&["{", "}", "<", ">", "[", "'", "/*", "\u{202e}", "\0"]);
            l.insert_str(cut, stray);
        }
        _ => lines.truncate(at),
    }
    lines.join("\n")
}

fn located(message: &str) -> bool {
    // `--> file:line:column` or `--> file` (an error about a whole file).
    message.lines().any(|l| l.trim_start().starts_with("--> ")) || message.starts_with("error: ")
}

pub fn fuzz(root: &Path, seconds: u64, seed: u64, compile: usize) -> Result<(), String> {
    let seeds = [root.join("spec"), root.join("tests/specs/hostile-names")];
    let corpora: Vec<Vec<(PathBuf, Vec<u8>)>> = seeds
        .iter()
        .map(|d| {
            let mut files = Vec::new();
            read_tree(d, d, &mut files);
            files.sort();
            files
        })
        .collect();
    // Outside the workspace, so that cargo checks the outputs as crates of their own.
    let work = std::env::temp_dir().join(format!("xtask-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let mut rng = Rng(seed.max(1));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let per_case = Duration::from_secs(20);
    let (mut cases, mut errors, mut outputs, mut slowest) =
        (0usize, 0usize, 0usize, Duration::ZERO);
    let mut failures = Vec::new();
    let mut to_compile: Vec<PathBuf> = Vec::new();
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        cases += 1;
        let corpus = rng.pick(&corpora);
        let spec = work.join(format!("case-{}", cases % 4));
        let _ = std::fs::remove_dir_all(&spec);
        let ts: Vec<usize> = (0..corpus.len())
            .filter(|&i| corpus[i].0.extension().is_some_and(|e| e == "ts"))
            .collect();
        let mut files = corpus.clone();
        for _ in 0..1 + rng.below(3) {
            let i = *rng.pick(&ts);
            let text = String::from_utf8_lossy(&files[i].1).into_owned();
            files[i].1 = mutate(&mut rng, &text).into_bytes();
        }
        for (rel, bytes) in &files {
            let path = spec.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
        }
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| generator::generate::render(&spec));
        let took = started.elapsed();
        slowest = slowest.max(took);
        if took > per_case {
            failures.push(format!("case {cases}: took {took:.1?}"));
        }
        match result {
            Err(_) => failures.push(format!(
                "case {cases}: panicked (spec kept in {})",
                keep(&spec, cases)
            )),
            Ok(Err(e)) => {
                errors += 1;
                let text = e.to_string();
                if !located(&text) {
                    failures.push(format!("case {cases}: unlocated error: {text}"));
                }
            }
            Ok(Ok((_, files, _, _))) => {
                outputs += 1;
                if to_compile.len() < compile {
                    let out = work.join(format!("out-{}", to_compile.len()));
                    // Written as `generate` writes it: the manifest names the runtime crate
                    // by its path from the output folder.
                    let _ = files;
                    generator::generate::generate(&spec, &out).map_err(|e| e.to_string())?;
                    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
                        .map_err(|e| e.to_string())?;
                    to_compile.push(out);
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    let mut compiled = 0;
    for out in &to_compile {
        let status = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--offline", "--manifest-path"])
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target/fuzz-check"))
            .status()
            .map_err(|e| e.to_string())?;
        if status.success() {
            compiled += 1;
        } else {
            failures.push(format!("output {} does not compile", out.display()));
        }
    }
    println!(
        "fuzz seed {seed}: {cases} cases, {errors} located errors, {outputs} outputs, \
         {} panics/hangs/unlocated, {compiled}/{} sampled outputs compiled, slowest case {slowest:.1?}",
        failures.len(),
        to_compile.len()
    );
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&work);
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn keep(spec: &Path, case: usize) -> String {
    let kept = spec.with_file_name(format!("failed-{case}"));
    let _ = std::fs::rename(spec, &kept);
    kept.display().to_string()
}
