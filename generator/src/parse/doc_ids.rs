//! `_doc_ids/table.csv`: documentation ids (`@doc_id`, `@ext_doc_id`) to URLs.
//!
//! Columns: `doc_id,doc_url,doc_url_serverless,previous_version_doc_url,description`.
//! `[use-doc-url]` in the serverless column means "same as `doc_url`".

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

pub const TABLE: &str = "_doc_ids/table.csv";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocEntry {
    pub url: String,
    /// Empty when the table has no serverless url (the model still carries it).
    pub serverless_url: String,
    pub previous_version_url: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default)]
pub struct DocIds {
    entries: HashMap<String, DocEntry>,
}

impl DocIds {
    /// Reads the table; a specification without one has no doc ids.
    pub fn load(root: &Path) -> Result<DocIds, Diagnostics> {
        match std::fs::read_to_string(root.join(TABLE)) {
            Ok(text) => DocIds::parse(&text),
            Err(_) => Ok(DocIds::default()),
        }
    }

    pub fn parse(text: &str) -> Result<DocIds, Diagnostics> {
        let mut entries = HashMap::new();
        let mut errors = Diagnostics::default();
        let mut offset = 0;
        for (i, raw) in text.split('\n').enumerate() {
            let line_offset = offset;
            offset += raw.len() + 1;
            let line = raw.trim_end_matches('\r');
            if i == 0 && line.starts_with("doc_id,") || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() < 2 || cols[0].trim().is_empty() {
                errors.push(Diagnostic::at(
                    TABLE,
                    text,
                    line_offset,
                    line_offset + line.len(),
                    "malformed doc id row: expected `doc_id,doc_url,...`",
                ));
                continue;
            }
            let opt = |i: usize| {
                cols.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let url = cols[1].trim().to_string();
            let serverless_url = match opt(2) {
                Some(s) if s == "[use-doc-url]" => url.clone(),
                Some(s) => s,
                None => String::new(),
            };
            entries.insert(
                cols[0].trim().to_string(),
                DocEntry {
                    url,
                    serverless_url,
                    previous_version_url: opt(3),
                    description: opt(4),
                },
            );
        }
        if errors.is_empty() {
            Ok(DocIds { entries })
        } else {
            Err(errors)
        }
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
        assert_eq!(a.serverless_url, "https://x/a");
        assert_eq!(a.description.as_deref(), Some("About a"));
        let b = ids.get("b").cloned().unwrap_or_default();
        assert_eq!(b.previous_version_url.as_deref(), Some("https://old/b"));
        assert_eq!(b.description, None);
    }
}
