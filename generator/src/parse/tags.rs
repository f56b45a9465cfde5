//! JSDoc blocks: the description and the `@tag value` pairs, read the way the
//! TypeScript compiler reads them (which is what the official specification compiler
//! sees): a leading `*` per line is dropped, indentation past the first text column is
//! kept, and a tag starts with `@` at the start of a line or after whitespace.

use super::files::{SourceFile, Span};

/// One `@name value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    /// The tag's text, trailing whitespace removed (`""` when there is none).
    pub value: String,
    /// From the `@` to the end of the tag name.
    pub span: Span,
}

/// A parsed `/** ... */` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsDoc {
    /// The text before the first tag, as ts-morph's `JSDoc.getDescription()` gives it
    /// (one leading `*` and one space dropped per line, nothing trimmed); `None` if empty.
    pub description: Option<String>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

/// All the JSDoc blocks attached to one node.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    pub blocks: Vec<JsDoc>,
}

impl Docs {
    pub fn parse(file: &SourceFile, spans: &[Span]) -> Docs {
        Docs {
            blocks: spans.iter().map(|&s| parse_jsdoc(&file.text, s)).collect(),
        }
    }

    /// The description of the first block, trimmed, as the official compiler takes it.
    /// A block whose raw description is only blank lines (`/**\n *\n */`) gives `""`.
    pub fn description(&self) -> Option<String> {
        let d = self.blocks.first()?.description.as_deref()?;
        Some(trim_js(d).replace('\r', ""))
    }

    pub fn tags(&self) -> impl Iterator<Item = &Tag> {
        self.blocks.iter().flat_map(|b| b.tags.iter())
    }

    /// The last value of a tag (later tags override earlier ones).
    pub fn get(&self, name: &str) -> Option<&Tag> {
        self.tags().filter(|t| t.name == name).last()
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Tag> + 'a {
        self.tags().filter(move |t| t.name == name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tags().any(|t| t.name == name)
    }

    /// Where to point at for problems with the documentation as a whole.
    pub fn span(&self) -> Option<Span> {
        self.blocks.first().map(|b| b.span)
    }
}

/// JavaScript's `String.prototype.trim`.
pub fn trim_js(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
}

fn is_js_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_ws_single_line(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{85}' | '\u{1680}' | '\u{2000}'
            ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_ident_part(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || c == '\u{200c}' || c == '\u{200d}'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Eof,
    Ws,
    NewLine,
    At,
    Asterisk,
    OpenBrace,
    Backtick,
    Ident,
    Other,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    BeginningOfLine,
    SawAsterisk,
    SavingComments,
    SavingBackticks,
}

/// ts-morph's `getDescription()`: the source text from after `/**` (and one space) to
/// the line before the first tag, with each line's leading `*` (and one space) removed.
fn ts_morph_description(text: &str, lo: usize, end_search: usize) -> String {
    let bytes = text.as_bytes();
    let mut start = lo + 3;
    if matches!(bytes.get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    let is_ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    let mut end = end_search;
    while end > 0 {
        let b = bytes[end - 1];
        if b == b'\n' || (!is_ws(b) && b != b'*') {
            break;
        }
        end -= 1;
    }
    while end > 0 && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    if end <= start {
        return String::new();
    }
    let Some(inner) = text.get(start..end) else {
        return String::new();
    };
    let mut out = String::with_capacity(inner.len());
    for (i, line) in inner.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start_matches([' ', '\t', '\r', '\x0b', '\x0c']);
        match trimmed.strip_prefix('*') {
            Some(rest) => out.push_str(rest.strip_prefix(' ').unwrap_or(rest)),
            None => out.push_str(line),
        }
    }
    out
}

/// A scanner over the inside of one comment, in the TypeScript JSDoc scanner's modes.
#[derive(Clone)]
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    tok: Tok,
    start: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self, at: usize) -> Option<char> {
        if at >= self.end {
            None
        } else {
            self.text[at..self.end].chars().next()
        }
    }

    fn tok_text(&self) -> &'a str {
        &self.text[self.start..self.pos]
    }

    /// Length of the current token as TypeScript counts it (UTF-16 units).
    fn tok_len(&self) -> usize {
        utf16_len(self.tok_text())
    }

    fn set(&mut self, tok: Tok) -> Tok {
        self.tok = tok;
        tok
    }

    /// `scanJsDocToken`.
    fn next_token(&mut self) -> Tok {
        self.start = self.pos;
        let Some(c) = self.peek(self.pos) else {
            return self.set(Tok::Eof);
        };
        self.pos += c.len_utf8();
        match c {
            c if is_ws_single_line(c) => {
                while let Some(c) = self.peek(self.pos) {
                    if !is_ws_single_line(c) {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                self.set(Tok::Ws)
            }
            '@' => self.set(Tok::At),
            '\r' => {
                if self.peek(self.pos) == Some('\n') {
                    self.pos += 1;
                }
                self.set(Tok::NewLine)
            }
            '\n' | '\u{2028}' | '\u{2029}' => self.set(Tok::NewLine),
            '*' => self.set(Tok::Asterisk),
            '{' => self.set(Tok::OpenBrace),
            '`' => self.set(Tok::Backtick),
            c if is_ident_start(c) => {
                while let Some(c) = self.peek(self.pos) {
                    if !(is_ident_part(c) || c == '-') {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                self.set(Tok::Ident)
            }
            _ => self.set(Tok::Other),
        }
    }

    /// `scanJsDocCommentTextToken`: the rest of a line of comment text.
    fn next_text(&mut self, in_backticks: bool) -> Tok {
        self.start = self.pos;
        if self.pos >= self.end {
            return self.set(Tok::Eof);
        }
        while let Some(c) = self.peek(self.pos) {
            if is_line_break(c) || c == '`' {
                break;
            }
            if !in_backticks {
                if c == '{' {
                    break;
                }
                if c == '@'
                    && self.text[..self.pos]
                        .chars()
                        .next_back()
                        .is_some_and(is_ws_single_line)
                    && !self
                        .peek(self.pos + 1)
                        .is_some_and(|n| is_ws_single_line(n) || is_line_break(n))
                {
                    break;
                }
            }
            self.pos += c.len_utf8();
        }
        if self.pos == self.start {
            return self.next_token();
        }
        self.set(Tok::Text)
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// JavaScript's `s.slice(n)` on a run of whitespace (UTF-16 indexing, negative from the end).
fn js_slice(s: &str, n: isize) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    let len = units.len() as isize;
    let start = if n < 0 { (len + n).max(0) } else { n.min(len) } as usize;
    String::from_utf16_lossy(&units[start..])
}

fn trim_end_js(s: &str) -> &str {
    s.trim_end_matches(is_js_whitespace)
}

struct Comments {
    parts: Vec<String>,
    margin: Option<usize>,
    indent: usize,
}

impl Comments {
    fn push_comment(&mut self, text: &str) {
        if self.margin.is_none_or(|m| m == 0) {
            self.margin = Some(self.indent);
        }
        self.parts.push(text.to_string());
        self.indent += utf16_len(text);
    }

    fn whitespace(&mut self, ws: &str, len: usize) -> bool {
        let pushed = match self.margin {
            Some(m) if self.indent + len > m => {
                self.parts
                    .push(js_slice(ws, m as isize - self.indent as isize));
                true
            }
            _ => false,
        };
        self.indent += len;
        pushed
    }
}

/// Parses the JSDoc block at `span` (from `/**` to `*/`) of `text`.
pub fn parse_jsdoc(text: &str, span: Span) -> JsDoc {
    let lo = span.lo as usize;
    let hi = span.hi as usize;
    let mut doc = JsDoc {
        span,
        ..JsDoc::default()
    };
    if hi < lo + 5 || text.get(lo..hi).is_none() {
        return doc;
    }
    // The main text is scanned as TypeScript scans it only to find the tags and the
    // column each starts at (a tag's value keeps indentation past that column); the
    // description itself is taken from the source text below, as ts-morph does.
    let line_start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
    let mut indent = utf16_len(&text[line_start..lo]) + 4;
    let mut s = Scanner {
        text,
        pos: lo + 3,
        end: hi - 2,
        tok: Tok::Eof,
        start: lo + 3,
    };
    let mut state = State::SawAsterisk;
    s.next_token();
    while s.tok == Tok::Ws {
        s.next_token();
    }
    if s.tok == Tok::NewLine {
        state = State::BeginningOfLine;
        indent = 0;
        s.next_token();
    }
    loop {
        match s.tok {
            Tok::At => {
                doc.tags.push(parse_tag(&mut s, indent));
                state = State::BeginningOfLine;
            }
            Tok::NewLine => {
                state = State::BeginningOfLine;
                indent = 0;
            }
            Tok::Asterisk => {
                state = if state == State::SawAsterisk {
                    State::SavingComments
                } else {
                    State::SawAsterisk
                };
                indent += 1;
            }
            Tok::Ws => indent += s.tok_len(),
            Tok::Eof => break,
            _ => {
                state = State::SavingComments;
                indent += s.tok_len();
            }
        }
        if state == State::SavingComments {
            s.next_text(false);
        } else {
            s.next_token();
        }
    }
    let end_search = doc.tags.first().map_or(hi - 2, |t| t.span.lo as usize);
    let description = ts_morph_description(text, lo, end_search);
    if !description.is_empty() {
        doc.description = Some(description);
    }
    doc
}

/// `parseTag`: `s` is on the `@`; leaves `s` on the token that ends the tag.
fn parse_tag(s: &mut Scanner<'_>, margin: usize) -> Tag {
    let at = s.start;
    s.next_token();
    let mut name_end = at + 1;
    let name = if s.tok == Tok::Ident {
        let n = s.tok_text().to_string();
        name_end = s.pos;
        s.next_token();
        n
    } else {
        String::new()
    };
    let indent_text = skip_whitespace_or_asterisk(s);
    let mut margin = margin;
    if indent_text.is_empty() {
        margin += utf16_len(&s.text[at..s.start]);
    }
    let initial = js_slice(&indent_text, margin as isize);
    // `\@` keeps an `@` from starting a tag; the backslash is not part of the value.
    let value = parse_tag_comments(s, margin, &initial).replace("\\@", "@");
    Tag {
        name,
        value,
        span: Span::new(at as u32, name_end as u32),
    }
}

fn skip_whitespace_or_asterisk(s: &mut Scanner<'_>) -> String {
    if matches!(s.tok, Tok::Ws | Tok::NewLine) {
        let mut ahead = s.clone();
        loop {
            ahead.next_token();
            match ahead.tok {
                Tok::Eof => return String::new(),
                Tok::Ws | Tok::NewLine => {}
                _ => break,
            }
        }
    }
    let mut preceding_line_break = s.tok == Tok::NewLine;
    let mut seen_line_break = false;
    let mut indent_text = String::new();
    while (preceding_line_break && s.tok == Tok::Asterisk)
        || matches!(s.tok, Tok::Ws | Tok::NewLine)
    {
        indent_text.push_str(s.tok_text());
        if s.tok == Tok::NewLine {
            preceding_line_break = true;
            seen_line_break = true;
            indent_text.clear();
        } else if s.tok == Tok::Asterisk {
            preceding_line_break = false;
        }
        s.next_token();
    }
    if seen_line_break {
        indent_text
    } else {
        String::new()
    }
}

/// `parseTagComments`.
fn parse_tag_comments(s: &mut Scanner<'_>, indent: usize, initial_margin: &str) -> String {
    let mut c = Comments {
        parts: Vec::new(),
        margin: None,
        indent,
    };
    if !initial_margin.is_empty() {
        c.push_comment(initial_margin);
    }
    let mut state = State::SawAsterisk;
    loop {
        match s.tok {
            Tok::NewLine => {
                state = State::BeginningOfLine;
                c.parts.push(s.tok_text().to_string());
                c.indent = 0;
            }
            Tok::At => {
                // Leave the `@` to be read again as the start of the next tag.
                s.pos = s.start;
                break;
            }
            Tok::Eof => break,
            Tok::Ws => {
                let len = s.tok_len();
                if c.whitespace(s.tok_text(), len) {
                    state = State::SavingComments;
                }
            }
            Tok::OpenBrace => {
                state = State::SavingComments;
                c.push_comment("{");
            }
            Tok::Backtick => {
                state = if state == State::SavingBackticks {
                    State::SavingComments
                } else {
                    State::SavingBackticks
                };
                c.push_comment("`");
            }
            Tok::Asterisk if state == State::BeginningOfLine => {
                state = State::SawAsterisk;
                c.indent += 1;
            }
            _ => {
                if state != State::SavingBackticks {
                    state = State::SavingComments;
                }
                c.push_comment(s.tok_text());
            }
        }
        match state {
            State::SavingComments => {
                s.next_text(false);
            }
            State::SavingBackticks => {
                s.next_text(true);
            }
            _ => {
                s.next_token();
            }
        }
    }
    let first = c
        .parts
        .iter()
        .position(|p| p != "\n" && p != "\r" && p != "\r\n")
        .unwrap_or(c.parts.len());
    let joined = c.parts[first..].concat();
    trim_end_js(&joined).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> JsDoc {
        parse_jsdoc(src, Span::new(0, src.len() as u32))
    }

    #[test]
    fn description_and_tags() {
        let d = doc(
            "/**\n * Create an API key.\n *\n * More text.\n * @rest_spec_name security.create_api_key\n * @availability stack since=6.7.0\n */",
        );
        assert_eq!(
            d.description.as_deref(),
            Some("\nCreate an API key.\n\nMore text.")
        );
        assert_eq!(d.tags.len(), 2);
        assert_eq!(d.tags[0].name, "rest_spec_name");
        assert_eq!(d.tags[0].value, "security.create_api_key");
        assert_eq!(d.tags[1].value, "stack since=6.7.0");
    }

    #[test]
    fn single_line_and_empty_tags() {
        let d = doc("/** @codegen_exclude */");
        assert_eq!(d.description, None);
        assert_eq!(d.tags[0].name, "codegen_exclude");
        assert_eq!(d.tags[0].value, "");
        let d = doc("/** A name for the API key. */");
        assert_eq!(d.description.as_deref(), Some("A name for the API key."));
    }

    #[test]
    fn keeps_relative_indentation() {
        let src = "  /**\n   * Example:\n   * ```\n   *   indented\n   * ```\n   */";
        let d = parse_jsdoc(src, Span::new(2, src.len() as u32));
        assert_eq!(
            d.description.as_deref(),
            Some("\nExample:\n```\n  indented\n```")
        );
    }

    #[test]
    fn at_inside_text() {
        let d = doc("/**\n * Send to a@b.c and `@timestamp` field.\n * @doc_id x\n */");
        assert_eq!(
            d.description.as_deref(),
            Some("\nSend to a@b.c and `@timestamp` field.")
        );
        let d = doc("/**\n * Uses @timestamp here\n */");
        assert_eq!(d.description.as_deref(), Some("\nUses"));
        assert_eq!(d.tags[0].name, "timestamp");
        assert_eq!(d.tags[0].value, "here");
    }

    #[test]
    fn multi_line_tag_value() {
        let d = doc("/**\n * @deprecated 7.0.0 first\n * second\n */");
        assert_eq!(d.tags[0].value, "7.0.0 first\nsecond");
    }
}
