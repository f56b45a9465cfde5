//! Rustdoc from the spec's descriptions: `#[doc]` lines, the documentation link, availability
//! and deprecation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Availabilities, Availability, Deprecation};

/// What one documented item says about itself.
#[derive(Default)]
pub struct DocInfo<'a> {
    pub description: Option<&'a str>,
    pub doc_url: Option<&'a str>,
    pub ext_doc_url: Option<&'a str>,
    pub availability: Option<&'a Availabilities>,
    pub server_default: Option<String>,
    pub wire_name: Option<&'a str>,
    /// Said when the spec gives no description (the generated crate denies `missing_docs`).
    pub fallback: Option<&'a str>,
}

/// `#[doc = " line"]` attributes, one per line, so that prettyplease writes `///` comments.
pub fn doc_attrs(info: &DocInfo<'_>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(description) = info.description {
        lines.extend(markdown_lines(description));
    }
    if lines.iter().all(|l| l.trim().is_empty())
        && let Some(fallback) = info.fallback
    {
        lines = vec![fallback.to_string()];
    }
    let mut facts: Vec<String> = Vec::new();
    if let Some(wire) = info.wire_name {
        facts.push(format!("JSON name: `{wire}`."));
    }
    if let Some(default) = &info.server_default {
        facts.push(format!("Server default: `{default}`."));
    }
    if let Some(text) = info.availability.and_then(availability_text) {
        facts.push(text);
    }
    for url in [info.doc_url, info.ext_doc_url].into_iter().flatten() {
        facts.push(format!("[Elasticsearch documentation](<{url}>)"));
    }
    if !facts.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let last = facts.len() - 1;
        for (i, fact) in facts.into_iter().enumerate() {
            lines.push(fact);
            if i != last {
                lines.push(String::new());
            }
        }
    }
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {}", visible_controls(line))
        };
        let text = doc_literal(&text);
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// The string literal of a doc line, raw (`r"..."`, `r#"..."#`, ...) where it can be: the
/// value is the same as the escaped literal's, and prettyplease prints the value (as `///`
/// comments), but neither proc-macro2 has to escape a raw literal nor syn to unescape it
/// (syn reads a literal's value three times). A text that no raw literal can hold (a bare
/// carriage return) gets the escaped one.
pub fn doc_literal(text: &str) -> proc_macro2::Literal {
    // One more `#` than the longest run of them after a `"` in the text.
    let mut hashes = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('"') {
        let run = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    if !text.contains('\r') {
        let fence = "#".repeat(hashes);
        if let Ok(literal) = format!("r{fence}\"{text}\"{fence}").parse() {
            return literal;
        }
    }
    proc_macro2::Literal::string(text)
}

/// The text with the characters rustc refuses in comments and literals (bidirectional
/// overrides and isolates, `text_direction_codepoint_in_comment`) written as `\u{...}`.
pub fn visible_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Rustdoc and `#[deprecated]` for a property, with `description` in place of its own.
pub fn property_attrs(prop: &crate::model::Property, description: Option<&str>) -> TokenStream {
    let fallback = format!("The `{}` property.", prop.name);
    let mut out = doc_attrs(&DocInfo {
        fallback: Some(&fallback),
        description,
        doc_url: prop.doc_url.as_deref(),
        ext_doc_url: prop.ext_doc_url.as_deref(),
        availability: prop.availability.as_ref(),
        server_default: prop
            .server_default
            .as_ref()
            .and_then(|d| serde_json::to_string(d).ok()),
        wire_name: None,
    });
    out.extend(deprecated_attr(prop.deprecation.as_ref()));
    out
}

/// `#[deprecated(since, note)]` for a deprecated item.
pub fn deprecated_attr(deprecation: Option<&Deprecation>) -> TokenStream {
    match deprecation {
        None => TokenStream::new(),
        Some(d) => {
            let since = visible_controls(&d.version);
            let since = since.as_ref();
            let note = visible_controls(d.description.trim());
            let note = note.as_ref();
            if note.is_empty() {
                quote!(#[deprecated(since = #since)])
            } else {
                quote!(#[deprecated(since = #since, note = #note)])
            }
        }
    }
}

fn availability_text(a: &Availabilities) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(stack) = &a.stack {
        parts.push(describe("Stack", stack));
    }
    if let Some(serverless) = &a.serverless {
        parts.push(describe("Serverless", serverless));
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!("Availability: {}.", parts.join("; ")))
    }
}

fn describe(flavor: &str, a: &Availability) -> String {
    let mut s = flavor.to_string();
    if let Some(since) = &a.since {
        s.push_str(&format!(" since {since}"));
    }
    let mut extra = Vec::new();
    if let Some(stability) = &a.stability {
        extra.push(stability.replace('_', " "));
    }
    if let Some(visibility) = &a.visibility {
        extra.push(visibility.replace('_', " "));
    }
    if let Some(flag) = &a.feature_flag {
        extra.push(format!("feature flag `{flag}`"));
    }
    if !extra.is_empty() {
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    s
}

/// The description as rustdoc lines. Markdown stays Markdown, except what rustdoc would run
/// or misread: fences without a language become `text` fences (not doctests), and lines that
/// would form an indented code block lose their indentation.
fn markdown_lines(description: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in description.trim().lines() {
        let line = raw.trim_end().replace('\t', "    ");
        let line = line.as_str();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence && trimmed.trim_start_matches('`').trim().is_empty() {
                out.push(format!("{}text", &trimmed[..3]));
            } else if !in_fence {
                // A fence with a language: keep it, but never as a Rust doctest.
                let lang = trimmed.trim_start_matches('`').trim();
                let lang = if matches!(lang, "rust" | "rs") {
                    "text"
                } else {
                    lang
                };
                out.push(format!("```{lang}"));
            } else {
                out.push("```".to_string());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
        } else {
            out.push(trimmed.to_string());
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_fences_are_not_doctests_and_indents_are_dropped() {
        let lines = markdown_lines("Intro\n\n    indented\n```\nGET /\n```\n```json\n{}\n```");
        assert_eq!(
            lines,
            [
                "Intro", "", "indented", "```text", "GET /", "```", "```json", "{}", "```"
            ]
        );
    }

    #[test]
    fn facts_follow_the_description() {
        let info = DocInfo {
            description: Some("Creates a key."),
            doc_url: Some("https://example.test/doc"),
            ..DocInfo::default()
        };
        let text = doc_attrs(&info).to_string();
        assert!(text.contains("Creates a key."));
        assert!(text.contains("<https://example.test/doc>"));
    }

    /// A doc line's literal has the value of the escaped one, whatever quotes, hashes and
    /// escapes the text holds.
    #[test]
    fn doc_literals_keep_their_value() {
        for text in [
            "",
            " plain",
            " a \"quote\" and a \\ backslash",
            " \"# and \"## and #\"",
            " ends with a quote\"",
            " \\u{202e} and \t tab",
            " bare \r return",
            " unicode: caf\u{e9} \u{1f600}",
        ] {
            let tokens = doc_literal(text);
            let lit: syn::LitStr = syn::parse2(quote!(#tokens)).unwrap();
            assert_eq!(lit.value(), text, "{tokens}");
        }
    }
}
