//! `_doc_ids/table.csv`: documentation ids (`@doc_id`, `@ext_doc_id`) to URLs.
//!
//! The first line names the columns, which are read by name: `doc_id` and `doc_url` are
//! required, `doc_url_serverless`, `previous_version_doc_url` and `description` optional (older
//! branches have no serverless column), any other name is an error.
//! `[use-doc-url]` in the serverless column means "same as `doc_url`".

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

pub const TABLE: &str = "_doc_ids/table.csv";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocEntry {
    pub url: String,
    /// `None` when the table has no serverless column; empty when the row has no serverless
    /// url (the model still carries it then).
    pub serverless_url: Option<String>,
    pub previous_version_url: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default)]
pub struct DocIds {
    entries: HashMap<String, DocEntry>,
    /// Whether the specification has a table at all. Without one (older branches), a
    /// `@doc_id` is kept without a url, as those branches' official compiler does; with one,
    /// an id missing from it is an error.
    present: bool,
}

/// Where each known column is.
struct Columns {
    id: usize,
    url: usize,
    serverless: Option<usize>,
    previous_version: Option<usize>,
    description: Option<usize>,
}

impl Columns {
    fn from_header(cols: &[&str]) -> Result<Columns, String> {
        let mut found: HashMap<&str, usize> = HashMap::new();
        for (i, name) in cols.iter().enumerate() {
            let name = name.trim();
            if !matches!(
                name,
                "doc_id"
                    | "doc_url"
                    | "doc_url_serverless"
                    | "previous_version_doc_url"
                    | "description"
            ) {
                return Err(format!(
                    "unknown column `{name}` in the header (expected doc_id, doc_url, \
                     doc_url_serverless, previous_version_doc_url, description)"
                ));
            }
            if found.insert(name, i).is_some() {
                return Err(format!("column `{name}` named twice in the header"));
            }
        }
        match (found.get("doc_id"), found.get("doc_url")) {
            (Some(&id), Some(&url)) => Ok(Columns {
                id,
                url,
                serverless: found.get("doc_url_serverless").copied(),
                previous_version: found.get("previous_version_doc_url").copied(),
                description: found.get("description").copied(),
            }),
            _ => Err(
                "the first line must be a header naming the columns, with `doc_id` and `doc_url`"
                    .into(),
            ),
        }
    }
}

impl DocIds {
    /// Reads the table; a specification without one has no doc ids.
    pub fn load(root: &Path) -> Result<DocIds, Diagnostics> {
        match super::files::read_regular(root, &root.join(TABLE)) {
            Ok(Some(text)) => DocIds::parse(&text).map(|d| DocIds { present: true, ..d }),
            Ok(None) => Ok(DocIds::default()),
            Err(message) => Err(Diagnostics::single(Diagnostic::file_only(TABLE, message))),
        }
    }

    pub fn parse(text: &str) -> Result<DocIds, Diagnostics> {
        let mut entries = HashMap::new();
        let mut errors = Diagnostics::default();
        let mut offset = 0;
        let mut columns: Option<Columns> = None;
        for raw in text.split('\n') {
            let line_offset = offset;
            offset += raw.len() + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split(',').collect();
            let at = |message: String| {
                Diagnostic::at(TABLE, text, line_offset, line_offset + line.len(), message)
            };
            let Some(c) = &columns else {
                match Columns::from_header(&cols) {
                    Ok(c) => columns = Some(c),
                    Err(message) => {
                        errors.push(at(message));
                        break;
                    }
                }
                continue;
            };
            if cols.len() < 2 || cols[c.id].trim().is_empty() {
                errors.push(at(
                    "malformed doc id row: expected a doc id and a url, as the header says".into(),
                ));
                continue;
            }
            let opt = |i: Option<usize>| {
                i.and_then(|i| cols.get(i))
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let url = opt(Some(c.url)).unwrap_or_default();
            let serverless_url = c.serverless.map(|i| match opt(Some(i)) {
                Some(s) if s == "[use-doc-url]" => url.clone(),
                Some(s) => s,
                None => String::new(),
            });
            entries.insert(
                cols[c.id].trim().to_string(),
                DocEntry {
                    url,
                    serverless_url,
                    previous_version_url: opt(c.previous_version),
                    description: opt(c.description),
                },
            );
        }
        if errors.is_empty() {
            Ok(DocIds {
                entries,
                present: true,
            })
        } else {
            Err(errors)
        }
    }

    /// Whether the specification has a table (an id missing from a table is an error; without a table ids have no urls).
    pub fn is_present(&self) -> bool {
        self.present
    }

    pub fn get(&self, id: &str) -> Option<&DocEntry> {
        self.entries.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows() {
        let ids = DocIds::parse(
            "doc_id,doc_url,doc_url_serverless,previous_version_doc_url,description\na,https://x/a,[use-doc-url],,About a\nb,https://x/b,https://y/b,https://old/b,\n",
        )
        .unwrap_or_default();
        let a = ids.get("a").cloned().unwrap_or_default();
        assert_eq!(a.serverless_url.as_deref(), Some("https://x/a"));
        assert_eq!(a.description.as_deref(), Some("About a"));
        let b = ids.get("b").cloned().unwrap_or_default();
        assert_eq!(b.previous_version_url.as_deref(), Some("https://old/b"));
        assert_eq!(b.description, None);
    }

    #[test]
    fn columns_are_read_by_the_header() {
        let ids = DocIds::parse(
            "doc_id,doc_url,previous_version_doc_url,description\na,https://x/a,https://old/a,About a\n",
        )
        .unwrap_or_default();
        let a = ids.get("a").cloned().unwrap_or_default();
        assert_eq!(a.serverless_url, None);
        assert_eq!(a.previous_version_url.as_deref(), Some("https://old/a"));
        assert_eq!(a.description.as_deref(), Some("About a"));
        let bad = DocIds::parse("doc_id,url\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(bad.contains("unknown column `url`"), "{bad}");
        assert!(bad.contains(":1:1"), "{bad}");
    }
}
