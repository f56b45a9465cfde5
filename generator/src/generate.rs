//! The whole job: parse the spec, emit the crate, and replace the output folder in one step,
//! so that a failed run leaves the previous output exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::emit::{EmitError, EmitOptions, emit};
use crate::model::Model;
use crate::spec_version::SpecVersion;

/// Why generation failed. Nothing has been written when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Spec(#[from] Diagnostics),
    #[error("{0}")]
    Emit(#[from] EmitError),
    #[error("error: {}: {message}", path.display())]
    Output { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> GenerateError + '_ {
    move |source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What one run produced, and how long each stage took.
#[derive(Debug, Clone)]
pub struct Summary {
    pub endpoints: usize,
    pub types: usize,
    pub files: usize,
    pub lines: usize,
    pub parse: Duration,
    pub emit: Duration,
    pub write: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            // Whole milliseconds: `{:.0?}` would print 1.4 s as `1s`.
            "{} endpoints, {} types -> {} files, {} lines (parse {} ms, emit {} ms, write {} ms)",
            self.endpoints,
            self.types,
            self.files,
            self.lines,
            self.parse.as_millis(),
            self.emit.as_millis(),
            self.write.as_millis()
        )
    }
}

/// Stack size of the threads the pipeline runs on. Nesting is limited to
/// [`crate::parse::syntax::MAX_NESTING`]; recursive passes (swc, lowering, syn,
/// prettyplease) at that depth need more than the 2 MiB default of rayon's workers, in a
/// debug build especially. Only touched pages cost memory.
pub const STACK_SIZE: usize = 256 << 20;

/// Runs `job` on a thread pool whose threads have [`STACK_SIZE`] stacks.
pub fn with_big_stacks<T: Send>(job: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("generator-{i}"))
        .build()
    {
        Ok(pool) => pool.install(job),
        Err(_) => job(),
    }
}

type Rendered = (Model, BTreeMap<PathBuf, String>, Duration, Duration);

/// The generated crate for the spec in `spec_dir`, in memory, as the repository's
/// `generated/` folder holds it, stating the version that the spec folder states (see
/// [`crate::spec_version`]).
pub fn render(spec_dir: &Path) -> Result<Rendered, GenerateError> {
    render_with(spec_dir, &EmitOptions::default())
}

/// [`render`] with other emit options; the spec version is read from the spec folder unless
/// the options set one (e.g. [`EmitOptions::for_output`]).
pub fn render_with(spec_dir: &Path, options: &EmitOptions) -> Result<Rendered, GenerateError> {
    with_big_stacks(|| render_here(spec_dir, options))
}

fn render_here(spec_dir: &Path, options: &EmitOptions) -> Result<Rendered, GenerateError> {
    let started = Instant::now();
    // A version set in the options (`--spec-version`) wins; otherwise the folder says it.
    let mut options = options.clone();
    if options.spec_version == SpecVersion::unstated() {
        options.spec_version = SpecVersion::resolve(spec_dir, None)?;
    }
    let model = crate::parse::parse_spec(spec_dir)?;
    let parsed = started.elapsed();
    let started = Instant::now();
    let files = emit(&model, &options)?;
    Ok((model, files, parsed, started.elapsed()))
}

/// Parses `spec_dir`, emits the crate and swaps it into `out_dir`.
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Result<Summary, GenerateError> {
    generate_with(spec_dir, out_dir, &EmitOptions::for_output(out_dir))
}

/// [`generate`] with other emit options (another package name, a spec version, ...).
pub fn generate_with(
    spec_dir: &Path,
    out_dir: &Path,
    options: &EmitOptions,
) -> Result<Summary, GenerateError> {
    check_output(spec_dir, out_dir)?;
    let (model, files, parse, emit) = render_with(spec_dir, options)?;
    let started = Instant::now();
    write_atomically(out_dir, &files)?;
    Ok(Summary {
        endpoints: model
            .endpoints
            .iter()
            .filter(|e| !e.codegen_exclude)
            .count(),
        types: model.types.len(),
        files: files.len(),
        lines: files.values().map(|text| line_count(text)).sum(),
        parse,
        emit,
        write: started.elapsed(),
    })
}

/// `text.lines().count()`, counted byte by byte (which the compiler vectorizes: the crate is
/// megabytes).
fn line_count(text: &str) -> usize {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

fn refuse(path: &Path, message: impl Into<String>) -> GenerateError {
    GenerateError::Output {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// `path` made absolute with symbolic links resolved, also when its last components don't
/// exist yet (the nearest existing ancestor is canonicalized, the rest appended).
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut base) => {
                for part in rest.iter().rev() {
                    base.push(part);
                }
                return Ok(base);
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => return Ok(absolute),
            },
        }
    }
}

/// Refuses an output folder whose replacement would lose something: the spec folder itself,
/// a folder holding it or lying inside it, an existing file or symbolic link, or a folder
/// with other content than a crate this generator wrote.
pub fn check_output(spec_dir: &Path, out_dir: &Path) -> Result<(), GenerateError> {
    if out_dir.file_name().is_none() {
        return Err(refuse(
            out_dir,
            "the output must name a folder (not `/`, `.` or `..`)",
        ));
    }
    if let Ok(meta) = std::fs::symlink_metadata(out_dir) {
        if meta.file_type().is_symlink() {
            return Err(refuse(
                out_dir,
                "the output is a symbolic link; name the folder it points to",
            ));
        }
        if !meta.is_dir() {
            return Err(refuse(
                out_dir,
                "the output exists and is not a folder; refusing to replace it",
            ));
        }
    }
    let spec = resolved(spec_dir).map_err(io(spec_dir))?;
    let out = resolved(out_dir).map_err(io(out_dir))?;
    if spec == out {
        return Err(refuse(
            out_dir,
            "the output folder is the specification folder",
        ));
    }
    if spec.starts_with(&out) {
        return Err(refuse(
            out_dir,
            format!(
                "the output folder holds the specification folder {}",
                spec_dir.display()
            ),
        ));
    }
    if out.starts_with(&spec) {
        return Err(refuse(
            out_dir,
            format!(
                "the output folder lies inside the specification folder {}",
                spec_dir.display()
            ),
        ));
    }
    Ok(())
}

/// The first line of every `Cargo.toml` this generator writes.
const MARKER: &str = "# @generated by `cargo xtask generate`";

/// Whether `out_dir` may be replaced: empty, or a crate this generator wrote.
fn replaceable(out_dir: &Path) -> Result<(), GenerateError> {
    let mut entries = std::fs::read_dir(out_dir).map_err(io(out_dir))?;
    if entries.next().is_none() {
        return Ok(());
    }
    let manifest = out_dir.join("Cargo.toml");
    match std::fs::read_to_string(&manifest) {
        Ok(text) if text.starts_with(MARKER) => Ok(()),
        _ => Err(refuse(
            out_dir,
            format!(
                "the folder is not empty and its Cargo.toml does not start with `{MARKER}`: \
                 refusing to replace it (remove it or choose another --out)"
            ),
        )),
    }
}

/// Test-only fault injection: the process aborts at step `name` of the swap when the
/// environment variable `GENERATOR_FAILPOINT` lists it (comma-separated). `no-exchange` in
/// the list makes the swap take its two-rename fallback.
fn failpoint(name: &str) {
    if failpoint_set(name) {
        eprintln!("failpoint `{name}`: aborting");
        std::process::abort();
    }
}

fn failpoint_set(name: &str) -> bool {
    std::env::var("GENERATOR_FAILPOINT").is_ok_and(|v| v.split(',').any(|step| step.trim() == name))
}

/// The sibling folders a swap into `out_dir` uses: `(parent, staging, previous)`.
fn swap_paths(out_dir: &Path) -> (PathBuf, PathBuf, PathBuf, String) {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".to_string());
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    (parent, staging, previous, name)
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Cleans up after an interrupted run: a staging folder is dropped (the target holds a
/// complete tree whenever one exists), and a previous tree is put back when the target is
/// missing (an interruption between the two renames of the fallback swap), dropped otherwise.
/// Also handles the per-process folders (`.NAME.new-PID`, `.NAME.old-PID`) of older versions.
pub fn recover(out_dir: &Path) -> Result<(), GenerateError> {
    let (parent, staging, previous, name) = swap_paths(out_dir);
    let mut old_backups = Vec::new();
    let mut old_staging = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&parent) {
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let pid = |prefix: &str| {
                file.strip_prefix(prefix)
                    .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_string)
            };
            // A folder of a process that is still running is not a leftover.
            let alive = |pid: &str| Path::new("/proc").join(pid).exists();
            if let Some(pid) = pid(&format!(".{name}.old-")) {
                if !alive(&pid) {
                    old_backups.push(entry.path());
                }
            } else if let Some(pid) = pid(&format!(".{name}.new-"))
                && !alive(&pid)
            {
                old_staging.push(entry.path());
            }
        }
    }
    if exists(&previous) {
        old_backups.insert(0, previous);
    }
    for backup in old_backups {
        if exists(out_dir) {
            std::fs::remove_dir_all(&backup).map_err(io(&backup))?;
        } else {
            std::fs::rename(&backup, out_dir).map_err(io(&backup))?;
        }
    }
    if exists(&staging) {
        old_staging.push(staging);
    }
    for dir in old_staging {
        std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
    }
    Ok(())
}

/// Swaps `staging` and `target` (both existing folders) in one atomic step.
#[cfg(target_os = "linux")]
fn exchange(staging: &Path, target: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if failpoint_set("no-exchange") {
        return Ok(false);
    }
    match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Not supported by the kernel or the file system: the caller falls back.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_staging: &Path, _target: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Writes `files` into a staging folder beside `out_dir`, then swaps it in; leaves `out_dir`
/// alone when it holds exactly `files` already.
///
/// On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: at every instant `out_dir` holds
/// either the complete old tree or the complete new one. Where that is unavailable it is two
/// renames (old tree aside to `.NAME.previous`, staging in), and a run interrupted between
/// them is repaired by the next one ([`recover`]). Folders of interrupted runs have fixed
/// names, so the next run finds and removes them. Concurrent runs into the same folder wait
/// for each other (a lock on the parent folder).
pub fn write_atomically(
    out_dir: &Path,
    files: &BTreeMap<PathBuf, String>,
) -> Result<(), GenerateError> {
    let (parent, staging, previous, _) = swap_paths(out_dir);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    // Serialize runs into the same folder; where a folder can't be locked, go without.
    let lock = std::fs::File::open(&parent).ok();
    if let Some(lock) = &lock {
        let _ = lock.lock();
    }
    recover(out_dir)?;
    let had_output = match std::fs::symlink_metadata(out_dir) {
        Ok(meta) if meta.is_dir() && !meta.file_type().is_symlink() => {
            replaceable(out_dir)?;
            true
        }
        Ok(_) => {
            return Err(refuse(
                out_dir,
                "the output exists and is not a folder; refusing to replace it",
            ));
        }
        Err(_) => false,
    };
    // An output that holds exactly these files already is left as it is: nothing is
    // written, and its files keep their modification times, so cargo doesn't rebuild them.
    if had_output && stale_files(out_dir, files).is_empty() {
        return Ok(());
    }
    let written: Result<(), GenerateError> = (|| {
        std::fs::create_dir(&staging).map_err(io(&staging))?;
        let folders: BTreeSet<&Path> = files.keys().filter_map(|file| file.parent()).collect();
        for folder in folders {
            let dir = staging.join(folder);
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        }
        // The files in parallel: creating a file costs the file system more than writing it.
        // The first error in file order is the one reported.
        let first = files.keys().next();
        let results: Vec<Result<(), GenerateError>> = files
            .par_iter()
            .map(|(relative, text)| {
                let path = staging.join(relative);
                std::fs::write(&path, text).map_err(io(&path))?;
                if Some(relative) == first {
                    failpoint("writing");
                }
                Ok(())
            })
            .collect();
        results.into_iter().collect()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    failpoint("before-swap");
    if !had_output {
        return std::fs::rename(&staging, out_dir).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            io(out_dir)(e)
        });
    }
    match exchange(&staging, out_dir) {
        Ok(true) => {
            failpoint("after-swap");
            // `staging` now holds the old tree.
            std::fs::remove_dir_all(&staging).map_err(io(&staging))
        }
        Ok(false) => {
            std::fs::rename(out_dir, &previous).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staging);
                io(out_dir)(e)
            })?;
            failpoint("between-renames");
            if let Err(e) = std::fs::rename(&staging, out_dir) {
                let _ = std::fs::rename(&previous, out_dir);
                let _ = std::fs::remove_dir_all(&staging);
                return Err(io(out_dir)(e));
            }
            failpoint("after-swap");
            std::fs::remove_dir_all(&previous).map_err(io(&previous))
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(io(out_dir)(e))
        }
    }
}

/// How the files on disk differ from what the generator produces now.
pub fn stale_files(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (relative, text) in files {
        match std::fs::read_to_string(out_dir.join(relative)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => problems.push(format!("differs: {}", relative.display())),
            Err(_) => problems.push(format!("missing: {}", relative.display())),
        }
    }
    let mut stack = vec![out_dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(out_dir)
                && !files.contains_key(relative)
            {
                problems.push(format!("not generated: {}", relative.display()));
            }
        }
    }
    problems.sort();
    problems
}
