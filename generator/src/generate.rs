//! The whole job: parse the spec, emit the crate, and replace the output folder in one step,
//! so that a failed run leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
            "{} endpoints, {} types -> {} files, {} lines (parse {:.0?}, emit {:.0?}, write {:.0?})",
            self.endpoints, self.types, self.files, self.lines, self.parse, self.emit, self.write
        )
    }
}

type Rendered = (Model, BTreeMap<PathBuf, String>, Duration, Duration);

/// The generated crate for the spec in `spec_dir`, in memory, as the repository's
/// `generated/` folder holds it, stating the version that the spec folder states (see
/// [`crate::spec_version`]).
pub fn render(spec_dir: &Path) -> Result<Rendered, GenerateError> {
    render_with(spec_dir, &EmitOptions::default())
}

/// [`render`] with other emit options (e.g. [`EmitOptions::for_output`]); the spec version is
/// read from the spec folder unless `options` state one.
pub fn render_with(spec_dir: &Path, options: &EmitOptions) -> Result<Rendered, GenerateError> {
    let started = Instant::now();
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
        lines: files.values().map(|text| text.lines().count()).sum(),
        parse,
        emit,
        write: started.elapsed(),
    })
}

/// Writes `files` into a fresh sibling folder, then swaps it with `out_dir`.
pub fn write_atomically(
    out_dir: &Path,
    files: &BTreeMap<PathBuf, String>,
) -> Result<(), GenerateError> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".to_string());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = (|| {
        for (relative, text) in files {
            let path = staging.join(relative);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            std::fs::write(&path, text).map_err(io(&path))?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_output = out_dir.exists();
    if had_output && let Err(e) = std::fs::rename(out_dir, &backup) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io(out_dir)(e));
    }
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        if had_output {
            let _ = std::fs::rename(&backup, out_dir);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io(out_dir)(e));
    }
    if had_output {
        std::fs::remove_dir_all(&backup).map_err(io(&backup))?;
    }
    Ok(())
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
