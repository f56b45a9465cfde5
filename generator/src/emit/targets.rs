//! Which Rust types an endpoint's examples decode into: its request body and its response,
//! named exactly as [`emit`](super::emit) names them. Used to check the spec's examples
//! against the generated crate.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;

use std::collections::HashMap;

use super::typespace::TypeIndex;
use super::{EmitError, EmitOptions};
use crate::model::{Body, Endpoint, Model, TypeDefinition, TypeName};

/// The Rust types one endpoint's examples decode into.
///
/// Types are Rust type expressions naming the generated crate by its library name
/// (`elasticsearch_typed::security::create_api_key::CreateApiKeyRequestBody`); generic
/// parameters (`TDocument`, ...) are replaced by `::serde_json::Value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleTarget {
    /// The endpoint, `security.create_api_key`.
    pub endpoint: String,
    /// The request body's type; `None` when the request has no body.
    pub request_body_type: Option<String>,
    /// The response body's type; `None` when the response has no body.
    pub response_type: Option<String>,
    /// The body of an error answer (`_types.ErrorResponseBase`), when the model has it.
    pub error_type: Option<String>,
}

/// The example targets of every generated endpoint (those without `codegen_exclude`),
/// sorted by endpoint name.
pub fn example_targets(
    model: &Model,
    options: &EmitOptions,
) -> Result<Vec<ExampleTarget>, EmitError> {
    // A value body's type may name an enum synthesized from an inline union, which is named
    // while its module is emitted (after the module's types): read them from a real emission.
    let model = super::lowering::prepare(model);
    let emission = super::Emission::new(&model)?;
    let built = emission.run(&Default::default(), |_, _, _| Ok(()))?;
    targets_of(
        &emission.index,
        &built.request_bodies,
        &emission.endpoints,
        options,
    )
}

/// The targets, read from a finished emission.
pub(super) fn targets_of(
    space: &TypeIndex<'_>,
    request_bodies: &HashMap<TypeName, String>,
    endpoints: &[&Endpoint],
    options: &EmitOptions,
) -> Result<Vec<ExampleTarget>, EmitError> {
    let crate_name = options.package_name.replace('-', "_");

    let error_name = TypeName::new("_types", "ErrorResponseBase");
    let error_type = match space.get(&error_name) {
        Some(_) => Some(space.path_tokens(&error_name)?),
        None => None,
    };
    let error_type = error_type.map(|t| type_text(t, &[], &crate_name));
    let mut targets = Vec::new();
    for endpoint in endpoints {
        let Some((request_name, response_name)) = endpoint.types() else {
            continue;
        };
        let (Some(TypeDefinition::Request(request)), Some(TypeDefinition::Response(response))) =
            (space.get(request_name), space.get(response_name))
        else {
            return Err(EmitError::UnknownType(request_name.clone()));
        };
        let request_body_type = match request_bodies.get(&request.name) {
            Some(text) => {
                let tokens: TokenStream = text.parse().map_err(|_| {
                    EmitError::Invalid(format!("{}: the body type does not parse", request.name))
                })?;
                Some(type_text(tokens, &request.generics, &crate_name))
            }
            None => None,
        };
        let response_type = match response.body {
            Body::NoBody => None,
            _ => {
                let path = space.path_tokens(&response.name)?;
                let params = response
                    .generics
                    .iter()
                    .map(|g| super::names::type_param(&g.name));
                let ty = if response.generics.is_empty() {
                    path
                } else {
                    quote!(#path<#(#params),*>)
                };
                Some(type_text(ty, &response.generics, &crate_name))
            }
        };
        targets.push(ExampleTarget {
            endpoint: endpoint.name.clone(),
            request_body_type,
            response_type,
            error_type: error_type.clone(),
        });
    }
    Ok(targets)
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A type as text: `crate` becomes the crate's name, generic parameters `::serde_json::Value`.
fn type_text(tokens: TokenStream, generics: &[TypeName], crate_name: &str) -> String {
    let generics: Vec<String> = generics
        .iter()
        .map(|g| super::names::type_param(&g.name).to_string())
        .collect();
    let generics: Vec<&str> = generics.iter().map(String::as_str).collect();
    let text = substitute(tokens, &generics, crate_name).to_string();
    text.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" <", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

fn substitute(tokens: TokenStream, generics: &[&str], crate_name: &str) -> TokenStream {
    let mut out = TokenStream::new();
    let mut after_path_sep = false;
    for tree in tokens {
        let is_colon = matches!(&tree, TokenTree::Punct(p) if p.as_char() == ':');
        match tree {
            TokenTree::Ident(id) if !after_path_sep && id == "crate" => {
                out.extend([TokenTree::Ident(ident(crate_name))]);
            }
            TokenTree::Ident(id) if !after_path_sep && generics.iter().any(|g| id == g) => {
                out.extend(quote!(::serde_json::Value));
            }
            TokenTree::Group(group) => {
                let inner = substitute(group.stream(), generics, crate_name);
                let mut new = proc_macro2::Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                out.extend([TokenTree::Group(new)]);
            }
            other => out.extend([other]),
        }
        after_path_sep = is_colon;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_name_the_crate_and_replace_generics() {
        let generics = [TypeName::new("_global.get", "TDocument")];
        let tokens = quote!(crate::global::get::GetResponse<TDocument>);
        assert_eq!(
            type_text(tokens, &generics, "elasticsearch_typed"),
            "elasticsearch_typed::global::get::GetResponse<::serde_json::Value>"
        );
        let tokens = quote!(::std::vec::Vec<crate::types::TDocument2>);
        assert_eq!(
            type_text(tokens, &generics, "x"),
            "::std::vec::Vec<x::types::TDocument2>"
        );
    }
}
