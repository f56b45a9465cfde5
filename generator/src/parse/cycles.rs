//! Cycles the Rust output can't express: a class that inherits from itself through its
//! bases, and a type alias that expands to itself through other aliases only (`type A = A[]`
//! would be an infinitely large `Vec<Vec<...>>`). Both are located errors, found before any
//! pass that follows inheritance or expands aliases.

use std::collections::HashMap;

use super::files::SourceFile;
use crate::diagnostics::Diagnostic;
use crate::model::{TypeDefinition, TypeName};

fn base_of(def: &TypeDefinition) -> Option<&TypeName> {
    match def {
        TypeDefinition::Interface(i) => i.inherits.as_ref().map(|b| &b.type_name),
        TypeDefinition::Request(r) => r.inherits.as_ref().map(|b| &b.type_name),
        _ => None,
    }
}

/// An error at the declaration of `def` (the line of its `spec_location`, the name on it).
fn at_declaration(def: &TypeDefinition, files: &[SourceFile], message: String) -> Diagnostic {
    let location = def.spec_location();
    let (path, lines) = location.split_once('#').unwrap_or((location, ""));
    let line: usize = lines
        .trim_start_matches('L')
        .split('-')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let Some(file) = files.iter().find(|f| f.rel == path) else {
        return Diagnostic::file_only(path, message);
    };
    let start: usize = file
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = file.text[start..].lines().next().unwrap_or("");
    let name = &def.name().name;
    let (lo, hi) = match line_text.find(name.as_str()) {
        Some(i) => (start + i, start + i + name.len()),
        None => (start, start),
    };
    Diagnostic::at(path, &file.text, lo, hi, message)
}

/// Every inheritance and alias cycle among `types`, one error per cycle.
pub fn check(types: &[TypeDefinition], files: &[SourceFile]) -> Vec<Diagnostic> {
    let index: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name(), i))
        .collect();
    let mut errors = Vec::new();

    // Inheritance: one base each, so a chain either ends or loops. `state` 0 = unseen,
    // 1 = on the chain being followed, 2 = done.
    let mut state = vec![0u8; types.len()];
    for startpoint in 0..types.len() {
        let mut chain = Vec::new();
        let mut at = Some(startpoint);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&c| c == i).unwrap_or(0);
                    let cycle = &chain[from..];
                    let first = cycle
                        .iter()
                        .copied()
                        .min_by_key(|&c: &usize| types[c].name())
                        .unwrap_or(i);
                    let names: Vec<String> = cycle
                        .iter()
                        .chain(std::iter::once(&cycle[0]))
                        .map(|&c| format!("`{}`", types[c].name().name))
                        .collect();
                    errors.push(at_declaration(
                        &types[first],
                        files,
                        format!("inheritance cycle: {}", names.join(" extends ")),
                    ));
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = base_of(&types[i]).and_then(|b| index.get(b).copied());
                }
            }
        }
        for c in chain {
            state[c] = 2;
        }
    }

    // Aliases: edges to the aliases named anywhere in an alias's type; an iterative
    // depth-first search reports each back edge.
    let alias_edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match t {
            TypeDefinition::TypeAlias(a) => {
                let mut out = Vec::new();
                a.type_.visit_names(&mut |n| {
                    if let Some(&j) = index.get(n)
                        && matches!(types[j], TypeDefinition::TypeAlias(_))
                    {
                        out.push(j);
                    }
                });
                out.sort_unstable();
                out.dedup();
                out
            }
            _ => Vec::new(),
        })
        .collect();
    let mut state = vec![0u8; types.len()];
    for root in 0..types.len() {
        if state[root] != 0 || alias_edges[root].is_empty() {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = alias_edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut names: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| format!("`{}`", types[n].name().name))
                            .collect();
                        names.push(format!("`{}`", types[to].name().name));
                        errors.push(at_declaration(
                            &types[to],
                            files,
                            format!(
                                "type alias cycle: {} (an alias can't contain itself; \
                                 make one of them a class)",
                                names.join(" -> ")
                            ),
                        ));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    errors
}
