//! Every path part, query parameter (those of the attached behaviors included) and body
//! property of every endpoint of a spec can be set from Rust: the emitted code is parsed with
//! syn, and for each endpoint's client function the request's `to_http` must encode each path
//! part and query parameter by its wire name, and its body struct must have a field for each
//! body property. Checked on `spec/` always, and on the upstream spec and the 8.19 and 7.17 branches when
//! they are beside the repository. Endpoints the spec marks `@codegen_exclude` have no client
//! code and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use generator::emit::{EmitOptions, emit};
use generator::model::{Body, Model, TypeDefinition};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

/// What the emitted crate can set, per endpoint name.
#[derive(Default, Debug)]
struct Settable {
    /// Wire names encoded by the request's `to_http` (path parts and query parameters).
    encoded: BTreeSet<String>,
    /// Wire names of the body struct's fields.
    body: BTreeSet<String>,
}

/// `src/a/b.rs` -> `a::b`; `src/a/mod.rs` -> `a`; `src/lib.rs` -> ``.
fn module_of(file: &Path) -> String {
    let mut parts: Vec<String> = file
        .with_extension("")
        .components()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

fn flatten(tokens: TokenStream, out: &mut Vec<TokenTree>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => {
                out.push(TokenTree::Group(g.clone()));
                flatten(g.stream(), out);
            }
            other => out.push(other),
        }
    }
}

/// The string literal that starts the group following `ident` in `tokens`, for every
/// occurrence: `query_pairs("name", ...)` and `path.param("name", ...)`.
fn first_literals_after(tokens: &[TokenTree], ident: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        if let (TokenTree::Ident(i), TokenTree::Group(g)) = (&pair[0], &pair[1])
            && i == ident
            && let Some(TokenTree::Literal(lit)) = g.stream().into_iter().next()
            && let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&lit.to_string())
        {
            out.push(s.value());
        }
    }
    out
}

/// The last path segment of a type (`crate::a::B<T>` -> `("a", "B")` as module and name).
fn type_path(ty: &syn::Type) -> Option<(String, String)> {
    let syn::Type::Path(p) = ty else { return None };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let (name, module) = segments.split_last()?;
    let module: Vec<&str> = module
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "crate")
        .collect();
    Some((module.join("::"), name.clone()))
}

/// The wire name of a struct field: its serde `rename`, else its name.
fn wire_name(field: &syn::Field) -> Option<String> {
    let mut rename = None;
    let mut flatten = false;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                rename = Some(value.value());
            } else if meta.path.is_ident("flatten") {
                flatten = true;
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    if flatten {
        return None;
    }
    rename.or_else(|| {
        field
            .ident
            .as_ref()
            .map(|i| i.to_string().trim_start_matches("r#").to_string())
    })
}

/// Reads the emitted files: what each endpoint's request can set.
fn settable(files: &BTreeMap<PathBuf, String>) -> BTreeMap<String, Settable> {
    let mut structs: BTreeMap<(String, String), syn::ItemStruct> = BTreeMap::new();
    let mut to_http: BTreeMap<(String, String), Vec<TokenTree>> = BTreeMap::new();
    // endpoint name -> request type (module, name)
    let mut functions: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (path, text) in files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
    {
        let module = module_of(path);
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            match item {
                syn::Item::Struct(s) => {
                    structs.insert((module.clone(), s.ident.to_string()), s);
                }
                syn::Item::Impl(imp) => {
                    let self_name = type_path(&imp.self_ty).map(|(_, n)| n);
                    for member in imp.items {
                        let syn::ImplItem::Fn(f) = member else {
                            continue;
                        };
                        let mut tokens = Vec::new();
                        flatten(f.block.to_token_stream(), &mut tokens);
                        if f.sig.ident == "to_http"
                            && let Some(name) = &self_name
                        {
                            to_http.insert((module.clone(), name.clone()), tokens);
                            continue;
                        }
                        // `Call::new(transport, "endpoint.name", request.to_http(), ..)`
                        let endpoint = tokens.windows(2).find_map(|pair| match pair {
                            [TokenTree::Ident(i), TokenTree::Group(g)] if i == "new" => {
                                g.stream().into_iter().find_map(|t| match t {
                                    TokenTree::Literal(lit) => {
                                        match syn::parse_str::<syn::Lit>(&lit.to_string()) {
                                            Ok(syn::Lit::Str(s)) => Some(s.value()),
                                            _ => None,
                                        }
                                    }
                                    _ => None,
                                })
                            }
                            _ => None,
                        });
                        let request = f.sig.inputs.iter().find_map(|arg| match arg {
                            syn::FnArg::Typed(t) => type_path(&t.ty),
                            syn::FnArg::Receiver(_) => None,
                        });
                        let calls = tokens
                            .iter()
                            .any(|t| matches!(t, TokenTree::Ident(i) if i == "Call"));
                        if let (true, Some(endpoint), Some(request)) = (calls, endpoint, request) {
                            functions.insert(endpoint, request);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    for (endpoint, request) in functions {
        let mut settable = Settable::default();
        if let Some(tokens) = to_http.get(&request) {
            settable
                .encoded
                .extend(first_literals_after(tokens, "query_pairs"));
            settable
                .encoded
                .extend(first_literals_after(tokens, "param"));
        }
        // The body struct: the type of the request's last field, when it is a struct of the
        // same module.
        if let Some(s) = structs.get(&request)
            && let Some(last) = s.fields.iter().last()
            && let Some((_, body_name)) = type_path(&last.ty)
            && let Some(body) = structs.get(&(request.0.clone(), body_name))
        {
            settable
                .body
                .extend(body.fields.iter().filter_map(wire_name));
        }
        out.insert(endpoint, settable);
    }
    out
}

/// How many wire names were checked: the requests' own path parts and query parameters, the
/// query parameters their attached behaviors add, and body properties.
#[derive(Default)]
struct Checked {
    own: usize,
    behaviors: usize,
    body: usize,
}

impl Checked {
    fn total(&self) -> usize {
        self.own + self.behaviors + self.body
    }
}

/// Every wire name the model says each endpoint takes, missing from the emitted code.
fn missing(model: &Model, files: &BTreeMap<PathBuf, String>) -> (Checked, Vec<String>) {
    let settable = settable(files);
    let types: BTreeMap<_, _> = model.types.iter().map(|t| (t.name().clone(), t)).collect();
    let mut checked = Checked::default();
    let mut missing = Vec::new();
    // `@codegen_exclude`: the spec asks for no client code.
    for endpoint in model.endpoints.iter().filter(|e| !e.codegen_exclude) {
        // An api only a `_json_spec` file lists has no request type, and no client code.
        let Some((request_name, _)) = endpoint.types() else {
            continue;
        };
        let Some(TypeDefinition::Request(request)) = types.get(request_name) else {
            continue;
        };
        let Some(have) = settable.get(&endpoint.name) else {
            missing.push(format!("{}: no client function", endpoint.name));
            continue;
        };
        let mut encoded: Vec<&str> = request
            .path
            .iter()
            .chain(&request.query)
            .map(|p| p.name.as_str())
            .collect();
        checked.own += encoded.len();
        for behavior in &request.attached_behaviors {
            let name = generator::model::TypeName::new("_spec_utils", behavior.as_str());
            if let Some(TypeDefinition::Interface(i)) = types.get(&name) {
                checked.behaviors += i.properties.len();
                encoded.extend(i.properties.iter().map(|p| p.name.as_str()));
            }
        }
        for wire in encoded {
            if !have.encoded.contains(wire) {
                missing.push(format!("{}: parameter `{wire}`", endpoint.name));
            }
        }
        if let Body::Properties { properties } = &request.body {
            for p in properties {
                checked.body += 1;
                if !have.body.contains(&p.name) {
                    missing.push(format!("{}: body property `{}`", endpoint.name, p.name));
                }
            }
        }
    }
    (checked, missing)
}

fn check(spec: &Path) {
    let model = generator::parse::parse_spec(spec)
        .unwrap_or_else(|e| panic!("{} failed to parse:\n{e}", spec.display()));
    let files = emit(&model, &EmitOptions::default())
        .unwrap_or_else(|e| panic!("{} failed to emit: {e}", spec.display()));
    let (checked, missing) = missing(&model, &files);
    println!(
        "{}: {} endpoints ({} excluded by the spec), {} path parts, query parameters and body properties \
         ({} the requests' own path parts and query parameters, {} query parameters of attached behaviors, \
         {} body properties), {} not settable",
        spec.display(),
        model.endpoints.len(),
        model.endpoints.iter().filter(|e| e.codegen_exclude).count(),
        checked.total(),
        checked.own,
        checked.behaviors,
        checked.body,
        missing.len()
    );
    assert!(
        checked.total() > 0,
        "nothing was checked in {}",
        spec.display()
    );
    assert!(
        missing.is_empty(),
        "not settable from Rust in {}:\n{}",
        spec.display(),
        missing.join("\n")
    );
}

fn beside(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(folder)
        .join("specification");
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!(
        "NOTICE: {} missing: its surface was NOT checked",
        dir.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message} (required under CI=true)");
    }
    println!("{message}");
    None
}

#[test]
fn every_parameter_and_body_property_of_our_spec_is_settable() {
    check(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"));
}

#[test]
fn every_parameter_and_body_property_of_the_upstream_spec_is_settable() {
    if let Some(dir) = beside("es-specification") {
        check(&dir);
    }
}

#[test]
fn every_parameter_and_body_property_of_branch_8_19_is_settable() {
    if let Some(dir) = beside("es-specification-8.19") {
        check(&dir);
    }
}

#[test]
fn every_parameter_and_body_property_of_branch_7_17_is_settable() {
    if let Some(dir) = beside("es-specification-7.17") {
        check(&dir);
    }
}
