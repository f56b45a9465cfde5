//! Finding and reading the specification's files: the `.ts` sources (with their
//! namespaces and line tables), `tsconfig.json` path aliases, and module specifiers.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub fn new(lo: u32, hi: u32) -> Self {
        Span { lo, hi }
    }
}

/// One `.ts` file of the specification.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the specification folder, with `/` separators.
    pub rel: String,
    /// Folder of the file relative to the specification folder, `/` turned into `.`.
    pub namespace: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(rel: String, text: String) -> Self {
        let namespace = match rel.rfind('/') {
            Some(i) => rel[..i].replace('/', "."),
            None => String::new(),
        };
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        SourceFile {
            rel,
            namespace,
            text,
            line_starts,
        }
    }

    /// The folder of the file, relative to the specification folder (`""` at the top).
    pub fn dir(&self) -> &str {
        match self.rel.rfind('/') {
            Some(i) => &self.rel[..i],
            None => "",
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 0-based column, in characters, of a byte offset.
    pub fn column_of(&self, offset: u32) -> usize {
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        self.text.get(start..end).map_or(0, |s| s.chars().count())
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.lo as usize..span.hi as usize)
            .unwrap_or("")
    }

    /// A diagnostic pointing at `span` of this file.
    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(
            self.rel.clone(),
            &self.text,
            span.lo as usize,
            span.hi as usize,
            message,
        )
    }
}

/// Every `.ts` file under `root`, as paths relative to it, sorted.
pub fn find_ts_files(root: &Path) -> Result<Vec<String>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Diagnostics::default();
    walk(root, root, &mut out, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>, errors: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Diagnostic::file_only(
                rel_display(root, dir),
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(root, &path, out, errors);
        } else if name.ends_with(".ts") && !name.ends_with(".d.ts") {
            match regular_file(root, &path) {
                Ok(()) => out.push(rel_display(root, &path)),
                Err(message) => {
                    errors.push(Diagnostic::file_only(rel_display(root, &path), message))
                }
            }
        }
    }
}

/// Only regular files are read: a FIFO or a device named `*.ts` would be read forever, and a
/// symbolic link is followed only when it stays inside the specification folder.
pub fn regular_file(root: &Path, path: &Path) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if meta.file_type().is_symlink() {
        let target = path
            .canonicalize()
            .map_err(|e| format!("broken symbolic link: {e}"))?;
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot resolve the specification folder: {e}"))?;
        if !target.starts_with(&root) {
            return Err(format!(
                "symbolic link to {}, outside the specification folder: not read",
                target.display()
            ));
        }
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, device or socket): not read".to_string());
    }
    Ok(())
}

/// The text of `path` after [`regular_file`]'s checks; `Ok(None)` when there is no such file.
pub fn read_regular(root: &Path, path: &Path) -> Result<Option<String>, String> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    regular_file(root, path)?;
    std::fs::read_to_string(path)
        .map(Some)
        .map_err(|e| format!("cannot read file: {e}"))
}

fn rel_display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `compilerOptions.paths` of `tsconfig.json`: `@_types/*` -> `_types/`.
#[derive(Debug, Default, Clone)]
pub struct PathAliases {
    /// (prefix before `*`, replacement prefix), longest prefix first.
    entries: Vec<(String, String)>,
}

impl PathAliases {
    /// Reads `tsconfig.json` beside the specification; a missing file means no aliases.
    pub fn load(root: &Path) -> Result<Self, Diagnostics> {
        let path = root.join("tsconfig.json");
        let text = match read_regular(root, &path) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(PathAliases::default()),
            Err(message) => {
                return Err(Diagnostics::single(Diagnostic::file_only(
                    "tsconfig.json",
                    message,
                )));
            }
        };
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Diagnostics::single(Diagnostic::file_only(
                "tsconfig.json",
                format!("invalid JSON: {e}"),
            ))
        })?;
        let mut entries = Vec::new();
        if let Some(paths) = json
            .pointer("/compilerOptions/paths")
            .and_then(|p| p.as_object())
        {
            for (alias, targets) in paths {
                let target = targets
                    .as_array()
                    .and_then(|t| t.first())
                    .and_then(|t| t.as_str())
                    .unwrap_or("");
                let (Some(from), Some(to)) = (alias.strip_suffix('*'), target.strip_suffix('*'))
                else {
                    return Err(Diagnostics::single(Diagnostic::file_only(
                        "tsconfig.json",
                        format!(
                            "unsupported path alias `{alias}`: only `prefix/*` forms are understood"
                        ),
                    )));
                };
                entries.push((from.to_string(), to.trim_start_matches("./").to_string()));
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        Ok(PathAliases { entries })
    }

    /// The spec-relative path (without extension) a module specifier names, or `None` when
    /// it is neither relative nor aliased.
    pub fn resolve(&self, from_dir: &str, specifier: &str) -> Option<String> {
        if specifier.starts_with("./") || specifier.starts_with("../") {
            let joined = if from_dir.is_empty() {
                PathBuf::from(specifier)
            } else {
                Path::new(from_dir).join(specifier)
            };
            return normalize(&joined);
        }
        for (from, to) in &self.entries {
            if let Some(rest) = specifier.strip_prefix(from.as_str()) {
                return normalize(&Path::new(to).join(rest));
            }
        }
        None
    }
}

/// Folds `.` and `..` away; `None` if the path climbs above the root.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let f = SourceFile::new("a/b/c.ts".into(), "ab\ncd\n\nef".into());
        assert_eq!(f.namespace, "a.b");
        assert_eq!(f.line_of(0), 1);
        assert_eq!(f.line_of(3), 2);
        assert_eq!(f.line_of(6), 3);
        assert_eq!(f.line_of(8), 4);
        assert_eq!(f.column_of(8), 1);
    }

    #[test]
    fn resolves_specifiers() {
        let aliases = PathAliases {
            entries: vec![
                ("@_types/".into(), "_types/".into()),
                ("@global/".into(), "_global/".into()),
            ],
        };
        assert_eq!(
            aliases.resolve("x/y", "@_types/Base").as_deref(),
            Some("_types/Base")
        );
        assert_eq!(
            aliases
                .resolve("_global/msearch", "../search/types")
                .as_deref(),
            Some("_global/search/types")
        );
        assert_eq!(aliases.resolve("a", "./types").as_deref(), Some("a/types"));
        assert_eq!(aliases.resolve("a", "lodash"), None);
    }
}
