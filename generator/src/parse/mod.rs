//! The parser: a specification folder of `.ts` files (the Elasticsearch specification
//! dialect of TypeScript) into the [`Model`], the way the official compiler builds
//! `schema.json`.
//!
//! One module per job:
//! - [`files`] — finding files, namespaces, line tables, `tsconfig.json` path aliases;
//! - [`syntax`] — swc parsing and the dialect's syntax (everything else is rejected);
//! - [`tags`] — JSDoc descriptions and tags, read as TypeScript reads them;
//! - [`tag_values`] — what each tag's value means (`@availability`, `@server_default`, ...);
//! - [`resolve`] — declarations, imports and name resolution;
//! - [`lower`] — type expressions, properties, classes, enums, aliases and their tags;
//! - [`endpoints`] — requests, responses and endpoints;
//! - [`overload`] — `OverloadOf` classes get their parent's properties;
//! - [`examples`] — YAML examples;
//! - [`doc_ids`] — `_doc_ids/table.csv`;
//! - [`json_spec`] — `_json_spec/*.json`, the REST API spec files of older branches;
//! - [`reach`] — which types are kept, and their order.

pub mod cycles;
pub mod doc_ids;
pub mod endpoints;
pub mod examples;
pub mod files;
pub mod json_spec;
pub mod lower;
pub mod overload;
pub mod reach;
pub mod resolve;
pub mod syntax;
pub mod tag_values;
pub mod tags;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Endpoint, Info, License, Model, TypeDefinition};
use doc_ids::DocIds;
use files::{PathAliases, SourceFile};
use json_spec::JsonSpec;
use lower::{CUSTOM_TYPES, Lowerer};
use resolve::{DeclId, Program};
use syntax::{DeclKind, FileSyntax};

/// Parses the specification in `spec_dir` into the model, or every problem found.
pub fn parse_spec(spec_dir: &Path) -> Result<crate::model::Model, Diagnostics> {
    let parsed = parse_files(spec_dir)?;
    build_model(spec_dir, parsed)
}

/// Every file of a specification, read and parsed, with the folder's path aliases and doc ids.
pub struct ParsedSpec {
    aliases: PathAliases,
    doc_ids: DocIds,
    json_spec: JsonSpec,
    files: Vec<SourceFile>,
    syntaxes: Vec<FileSyntax>,
}

/// The first stage: finds, reads and parses (swc) every `.ts` file, in parallel.
pub fn parse_files(spec_dir: &Path) -> Result<ParsedSpec, Diagnostics> {
    if !spec_dir.is_dir() {
        return Err(Diagnostics::single(Diagnostic::file_only(
            spec_dir,
            "specification folder not found",
        )));
    }
    let aliases = PathAliases::load(spec_dir)?;
    let doc_ids = DocIds::load(spec_dir)?;
    let json_spec = JsonSpec::load(spec_dir)?;
    let rels = files::find_ts_files(spec_dir)?;
    if rels.is_empty() {
        return Err(Diagnostics::single(Diagnostic::file_only(
            spec_dir,
            "no `.ts` files in the specification folder",
        )));
    }

    // Read and parse every file, in parallel.
    let parsed: Vec<Result<(SourceFile, FileSyntax), Vec<Diagnostic>>> = rels
        .into_par_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(spec_dir.join(&rel)).map_err(|e| {
                vec![Diagnostic::file_only(
                    rel.clone(),
                    format!("cannot read file: {e}"),
                )]
            })?;
            let file = SourceFile::new(rel, text);
            let syntax = syntax::parse_file(&file)?;
            Ok((file, syntax))
        })
        .collect();
    let mut errors = Diagnostics::default();
    let mut files = Vec::with_capacity(parsed.len());
    let mut syntaxes = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok((f, s)) => {
                files.push(f);
                syntaxes.push(s);
            }
            Err(e) => errors.0.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(finish(errors));
    }
    Ok(ParsedSpec {
        aliases,
        doc_ids,
        json_spec,
        files,
        syntaxes,
    })
}

/// The second stage: resolves names, lowers every declaration into the model, reads the
/// examples and keeps the types the endpoints reach.
pub fn build_model(spec_dir: &Path, parsed: ParsedSpec) -> Result<Model, Diagnostics> {
    let ParsedSpec {
        aliases,
        doc_ids,
        json_spec,
        files,
        syntaxes,
    } = parsed;
    let mut errors = Diagnostics::default();
    let (prog, resolve_errors) = Program::new(files, syntaxes, &aliases);
    errors.0.extend(resolve_errors);
    let lowerer = Lowerer {
        prog: &prog,
        doc_ids: &doc_ids,
        json_spec: &json_spec,
    };

    // Lower every declaration, in parallel.
    let ids: Vec<DeclId> = prog.decl_ids().collect();
    let lowered: Vec<(Option<Lowered>, Vec<Diagnostic>)> = ids
        .par_iter()
        .map(|&id| {
            let mut errs = Vec::new();
            let item = lower_decl(&lowerer, id, &mut errs);
            (item, errs)
        })
        .collect();
    let mut types = Vec::with_capacity(lowered.len());
    let mut endpoints: Vec<Endpoint> = Vec::new();
    for (item, errs) in lowered {
        errors.0.extend(errs);
        match item {
            Some(Lowered::Type(t)) => types.push(*t),
            Some(Lowered::Endpoint(req, ep)) => {
                types.push(TypeDefinition::Request(*req));
                endpoints.push(*ep);
            }
            None => {}
        }
    }

    // The APIs of REST API spec files that no `.ts` request describes are listed without
    // types, as the official compiler lists them.
    let typed: std::collections::HashSet<String> =
        endpoints.iter().map(|e| e.name.clone()).collect();
    for (name, api) in json_spec.apis() {
        if !typed.contains(name) {
            endpoints.push(api.untyped_endpoint(name));
        }
    }

    // One endpoint per api name.
    endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in endpoints.windows(2) {
        if pair[0].name == pair[1].name {
            errors.push(Diagnostic::file_only(
                format!("{}/", namespace_of(&pair[1]).replace('.', "/")),
                format!(
                    "duplicate endpoint `{}` (also in `{}`)",
                    pair[1].name,
                    namespace_of(&pair[0])
                ),
            ));
        }
    }

    // Examples, in parallel.
    let example_errors: Vec<Diagnostic> = types
        .par_iter_mut()
        .flat_map_iter(|t| {
            let result = match t {
                TypeDefinition::Request(r) => location_dir(&r.spec_location)
                    .map(|dir| examples::request_examples(spec_dir, dir))
                    .map(|res| res.map(|ex| r.examples = ex)),
                TypeDefinition::Response(r) => location_dir(&r.spec_location)
                    .map(|dir| examples::response_examples(spec_dir, dir))
                    .map(|res| res.map(|ex| r.examples = ex)),
                _ => None,
            };
            match result {
                Some(Err(e)) => e,
                _ => Vec::new(),
            }
        })
        .collect();
    errors.0.extend(example_errors);
    errors.0.extend(cycles::check(&types, &prog.files));

    if !errors.is_empty() {
        return Err(finish(errors));
    }

    let mut roots = Vec::with_capacity(endpoints.len() * 2);
    for (request, response) in endpoints.iter().filter_map(Endpoint::types) {
        roots.push(request.clone());
        roots.push(response.clone());
    }
    overload::expand_overloads(&mut types);
    let types = reach::reachable_sorted(types, &roots);
    Ok(Model {
        info: Some(Info {
            license: License {
                name: "Apache 2.0".into(),
                url: "https://github.com/elastic/elasticsearch-specification/blob/main/LICENSE"
                    .into(),
            },
            title: "Elasticsearch Request & Response Specification".into(),
        }),
        endpoints,
        types,
    })
}

/// The namespace an endpoint's types are in (its name for one without types).
fn namespace_of(e: &Endpoint) -> &str {
    e.types()
        .map_or(e.name.as_str(), |(request, _)| request.namespace.as_str())
}

fn finish(mut errors: Diagnostics) -> Diagnostics {
    errors.sort();
    errors
}

/// `security/create_api_key/X.ts#L1-L2` -> `security/create_api_key`.
fn location_dir(spec_location: &str) -> Option<&str> {
    let path = spec_location.split('#').next()?;
    Some(path.rsplit_once('/').map_or("", |(d, _)| d))
}

enum Lowered {
    Type(Box<TypeDefinition>),
    Endpoint(Box<crate::model::Request>, Box<Endpoint>),
}

fn lower_decl(l: &Lowerer<'_>, id: DeclId, errs: &mut Vec<Diagnostic>) -> Option<Lowered> {
    let decl = l.prog.decl(id);
    match (&decl.kind, decl.name.as_str()) {
        (_, "Request") => l
            .request(id, errs)
            .map(|(r, e)| Lowered::Endpoint(Box::new(r), Box::new(e))),
        (_, "Response") => l
            .response(id, errs)
            .map(|r| Lowered::Type(Box::new(TypeDefinition::Response(r)))),
        (DeclKind::Class { .. }, name) if CUSTOM_TYPES.contains(&name) => None,
        (DeclKind::Class { .. } | DeclKind::Interface { .. }, _) => l
            .interface(id, errs)
            .map(|i| Lowered::Type(Box::new(TypeDefinition::Interface(i)))),
        (DeclKind::Enum { .. }, _) => l
            .enumeration(id, errs)
            .map(|e| Lowered::Type(Box::new(TypeDefinition::Enum(e)))),
        (DeclKind::Alias { .. }, _) => l
            .alias(id, errs)
            .map(|a| Lowered::Type(Box::new(TypeDefinition::TypeAlias(a)))),
    }
}

#[cfg(test)]
mod tests;
