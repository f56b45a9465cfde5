//! Which Elasticsearch version a specification describes, for the generated crate to state
//! (`SPEC_VERSION`, `SPEC_MAJOR_VERSION`, its manifest description and crate docs).
//!
//! The rule, first match wins:
//! 1. the version given on the command line (`cargo xtask generate --spec-version 8.19`);
//! 2. the first line of a `VERSION` file at the root of the specification folder (lines
//!    starting with `#` are comments; our own `spec/` ships one);
//! 3. otherwise generation stops with an error that says how to give it.
//!
//! There is no guessing from the spec's contents: the upstream folders do not name their
//! version, and what could stand in for it does not agree with the branch (the highest
//! `@availability since` of branch 8.19 is 9.1.0, of 7.17 it is 8.3.0, and main's versioned
//! documentation links point at 8.19). A wrong major version would make the client announce
//! the wrong compatibility to the server, so a missing version is an error, never a default.
//!
//! A version is `MAJOR` followed by optional `.MINOR`, `.PATCH`, `.x` or a `-suffix`
//! (`8.19`, `9.x`, `7.17.0`, `9.1.0-SNAPSHOT`); `MAJOR` is what the transport needs.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The file in a specification folder that states its version.
pub const VERSION_FILE: &str = "VERSION";

/// The version of a specification, and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecVersion {
    /// As written (`8.19`, `9.x`, ...).
    pub version: String,
    /// Its first component.
    pub major: u16,
    /// Where it came from, for the crate docs (`the spec folder's VERSION file`, ...).
    pub source: String,
}

impl SpecVersion {
    /// Checks `text` against the version syntax above.
    pub fn parse(text: &str, source: impl Into<String>) -> Result<SpecVersion, String> {
        let text = text.trim();
        let (numbers, suffix) = match text.split_once('-') {
            Some((numbers, suffix)) => (numbers, Some(suffix)),
            None => (text, None),
        };
        let mut parts = numbers.split('.');
        let major = parts
            .next()
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok());
        let rest_ok =
            parts.all(|p| p == "x" || (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())));
        let suffix_ok = suffix.is_none_or(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        });
        match major {
            Some(major) if rest_ok && suffix_ok => Ok(SpecVersion {
                version: text.to_string(),
                major,
                source: source.into(),
            }),
            _ => Err(format!(
                "`{text}` is not a version: expected MAJOR[.MINOR[.PATCH]] (or `.x`), \
                 e.g. `8.19` or `9.x`"
            )),
        }
    }

    /// The version of the spec in `spec_dir` by the rule above; `given` is the command line's.
    pub fn resolve(spec_dir: &Path, given: Option<&str>) -> Result<SpecVersion, Diagnostics> {
        if let Some(given) = given {
            return SpecVersion::parse(given, "given with --spec-version").map_err(|message| {
                Diagnostics::single(Diagnostic::file_only("--spec-version", message))
            });
        }
        let path = spec_dir.join(VERSION_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Diagnostics::single(Diagnostic::file_only(
                    spec_dir,
                    format!(
                        "the specification folder does not say which Elasticsearch version it \
                         describes: add a `{VERSION_FILE}` file (e.g. `8.19`) or pass \
                         `--spec-version 8.19`"
                    ),
                )));
            }
            Err(e) => {
                return Err(Diagnostics::single(Diagnostic::file_only(
                    VERSION_FILE,
                    e.to_string(),
                )));
            }
        };
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim();
            if !content.is_empty() && !content.starts_with('#') {
                let start = offset + (line.len() - line.trim_start().len());
                return SpecVersion::parse(
                    content,
                    format!("the spec folder's `{VERSION_FILE}` file"),
                )
                .map_err(|message| {
                    Diagnostics::single(Diagnostic::at(
                        VERSION_FILE,
                        &text,
                        start,
                        start + content.len(),
                        message,
                    ))
                });
            }
            offset += line.len();
        }
        Err(Diagnostics::single(Diagnostic::file_only(
            VERSION_FILE,
            "no version in the file: its first line that is not a `#` comment is the version",
        )))
    }

    /// For crates nobody publishes or points at a cluster (test models, example harnesses):
    /// says so instead of a version.
    pub fn unstated() -> SpecVersion {
        SpecVersion {
            version: "unstated".to_string(),
            major: 0,
            source: "not stated (a crate for tests only)".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_their_major() {
        for (text, major) in [
            ("8.19", 8),
            ("9.x", 9),
            ("7.17.0", 7),
            ("9.1.0-SNAPSHOT", 9),
        ] {
            assert_eq!(
                SpecVersion::parse(text, "t").unwrap().major,
                major,
                "{text}"
            );
        }
        for text in ["", "v8", "8..1", "8.19-", "x.1", "70000", "8.19 beta"] {
            assert!(SpecVersion::parse(text, "t").is_err(), "{text}");
        }
    }

    #[test]
    fn the_command_line_wins_then_the_version_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = SpecVersion::resolve(dir.path(), None)
            .unwrap_err()
            .to_string();
        assert!(missing.contains("--spec-version"), "{missing}");
        std::fs::write(dir.path().join(VERSION_FILE), "# the branch\n\n 8.19\n").unwrap();
        let read = SpecVersion::resolve(dir.path(), None).unwrap();
        assert_eq!((read.version.as_str(), read.major), ("8.19", 8));
        let given = SpecVersion::resolve(dir.path(), Some("7.17")).unwrap();
        assert_eq!((given.version.as_str(), given.major), ("7.17", 7));
        std::fs::write(dir.path().join(VERSION_FILE), "# c\neight\n").unwrap();
        let bad = SpecVersion::resolve(dir.path(), None)
            .unwrap_err()
            .to_string();
        assert!(bad.contains("VERSION:2:1"), "{bad}");
    }
}
