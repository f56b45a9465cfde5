//! Located error messages: every problem found in the specification names its file,
//! line and column, and quotes the offending source line with a caret underline.
//!
//! ```text
//! error: unknown type `Foo`
//!   --> security/create_api_key/SecurityCreateApiKeyRequest.ts:42:13
//!    |
//! 42 |   name?: Foo
//!    |          ^^^
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the specification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the specification folder where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem has no position (a missing file, say).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    /// The source line the problem is on (empty when there is no position).
    pub excerpt: String,
    /// How many characters to underline from `column` (at least 1 when there is an excerpt).
    pub width: usize,
    /// The 1-based column of the caret within `excerpt` (differs from `column` when the
    /// excerpt is cut from a long line).
    pub caret_column: usize,
}

impl Diagnostic {
    /// A diagnostic about a whole file, or one found outside any source text.
    pub fn file_only(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            excerpt: String::new(),
            width: 0,
            caret_column: 0,
        }
    }

    /// A diagnostic at byte range `start..end` of `source` (the text of `file`).
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, start.min(source.len()));
        let end = floor_char_boundary(source, end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        // A bounded excerpt: at most EXCERPT_CONTEXT characters either side of the column
        // (a minified line would otherwise be quoted whole by every error on it).
        let from = source[line_start..start]
            .char_indices()
            .rev()
            .nth(EXCERPT_CONTEXT - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        let to = source[start..line_end]
            .char_indices()
            .nth(EXCERPT_CONTEXT)
            .map_or(line_end, |(i, _)| start + i);
        let mut excerpt = String::new();
        if from > line_start {
            excerpt.push('…');
        }
        excerpt.push_str(source[from..to].trim_end_matches('\r'));
        if to < line_end {
            excerpt.push('…');
        }
        let caret_column = source[from..start].chars().count() + 1 + usize::from(from > line_start);
        let shown_end = end.min(to);
        let width = source[start..shown_end].chars().count().max(1);
        Diagnostic {
            file: file.into(),
            line,
            column,
            message: message.into(),
            excerpt,
            width,
            caret_column,
        }
    }
}

/// Characters quoted either side of a diagnostic's column.
pub const EXCERPT_CONTEXT: usize = 60;

/// How many diagnostics are printed; the rest are counted.
pub const MAX_SHOWN: usize = 50;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if self.line == 0 {
            return write!(f, "  --> {}", self.file.display());
        }
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            self.file.display(),
            self.line,
            self.column
        )?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {}", self.excerpt)?;
        // Keep tabs in the gutter so the caret lines up with the excerpt.
        let lead: String = self
            .excerpt
            .chars()
            .take(self.caret_column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{pad} | {lead}{}", "^".repeat(self.width.max(1)))
    }
}

/// Every problem found; parsing fails when there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn single(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Sorts by file, line and column, and drops exact duplicates.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// Diagnostics whose message contains `needle` (handy in tests).
    pub fn find(&self, needle: &str) -> Option<&Diagnostic> {
        self.0.iter().find(|d| d.message.contains(needle))
    }

    /// Makes file paths relative to `root` when they are inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        for d in &mut self.0 {
            if let Ok(rel) = d.file.strip_prefix(root) {
                d.file = rel.to_path_buf();
            }
        }
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > MAX_SHOWN {
            write!(
                f,
                "\n\n{} errors ({} not shown)",
                self.0.len(),
                self.0.len() - MAX_SHOWN
            )?;
        } else if self.0.len() > 1 {
            write!(f, "\n\n{} errors", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret_under_the_span() {
        let src = "line one\n  name?: Foo\n";
        let start = src.find("Foo").unwrap_or(0);
        let d = Diagnostic::at("a/b.ts", src, start, start + 3, "unknown type `Foo`");
        assert_eq!((d.line, d.column, d.width), (2, 10, 3));
        assert_eq!(
            d.to_string(),
            "error: unknown type `Foo`\n --> a/b.ts:2:10\n  |\n2 |   name?: Foo\n  |          ^^^"
        );
    }

    #[test]
    fn excerpts_of_long_lines_are_bounded_and_errors_capped() {
        let src = format!("{}Foo{}", "x".repeat(10_000), "y".repeat(10_000));
        let d = Diagnostic::at("a.ts", &src, 10_000, 10_003, "m");
        assert_eq!(d.column, 10_001);
        assert!(d.excerpt.chars().count() <= 2 * EXCERPT_CONTEXT + 2);
        let shown = d.to_string();
        let caret = shown.lines().last().unwrap_or("");
        let quoted = shown.lines().nth(3).unwrap_or("");
        let at = caret.find('^').unwrap_or(0);
        assert_eq!(quoted.chars().nth(at), Some('F'), "{shown}");
        let many = Diagnostics(vec![d; 10_000]);
        let text = many.to_string();
        assert!(text.len() < 100 * 400, "{} bytes", text.len());
        assert!(text.ends_with("10000 errors (9950 not shown)"));
    }

    #[test]
    fn columns_count_characters() {
        let src = "/** é */ x: Bar";
        let start = src.find("Bar").unwrap_or(0);
        let d = Diagnostic::at("x.ts", src, start, start + 3, "m");
        assert_eq!(d.column, 13);
    }
}
