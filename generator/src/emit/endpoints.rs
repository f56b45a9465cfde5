//! Items for one endpoint, printed from its [`OperationPlan`]: the request type (path
//! parts, query parameters, body), its translation into an HTTP request, the response type,
//! and the async function on the client. Everything here was decided by the plan.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::EmitError;
use super::docs::{DocInfo, deprecated_attr, doc_attrs, property_attrs};
use super::names::ident;
use super::operation::{
    BodyStruct, CallPlan, Decode, DefaultPlan, FieldKind, FieldPlan, Init, OperationPlan,
    RequestPlan, ResponsePlan, ResponseShape, SegmentPlan, UrlPlan,
};
use super::types::{StructSpec, default_impl_of, generic_params, param_bound};
use super::typespace::TypeSpace;
use crate::model::Endpoint;

/// An endpoint's items, apart by what they belong to.
pub struct EndpointItems {
    /// The request's (its body struct, the request struct and its impls).
    pub request: TokenStream,
    /// The response's.
    pub response: TokenStream,
    /// The call on the client or on its namespace handle.
    pub function: TokenStream,
}

impl TypeSpace<'_, '_> {
    /// The items of one endpoint.
    pub fn endpoint_items(&mut self, plan: &OperationPlan<'_>) -> Result<EndpointItems, EmitError> {
        if let Some(body) = &plan.request.body {
            self.request_bodies
                .push((plan.request.name.clone(), body.path.clone()));
        }
        Ok(EndpointItems {
            request: self.request_items(plan.endpoint, &plan.request),
            response: self.response_items(&plan.response),
            function: self.function_items(plan),
        })
    }

    /// The request's items: its body struct, the request struct, `new`, `Default`, the
    /// setters and `to_http`.
    fn request_items(&self, endpoint: &Endpoint, request: &RequestPlan) -> TokenStream {
        let name = format_ident!("{}", request.path.name);
        let params = generic_params(&request.generics);
        let mut out = TokenStream::new();
        let body_struct = request.body.as_ref().and_then(|b| b.shape.as_ref());
        if let Some(body) = body_struct {
            out.extend(self.body_items(request, body, &params));
        }
        let field_tokens = request.fields.iter().map(|f| {
            let doc = field_doc(f);
            let field = &f.rust_name;
            let ty = &f.ty;
            quote!(#doc pub #field: #ty,)
        });
        let docs = endpoint_docs(endpoint);
        let deprecated = deprecated_attr(endpoint.deprecation.as_ref());
        let derive_default = if request.default == DefaultPlan::Derive {
            quote!(Default,)
        } else {
            TokenStream::new()
        };
        out.extend(quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, #derive_default)]
            #[non_exhaustive]
            pub struct #name #params {
                #(#field_tokens)*
            }
        });
        let args = request.arguments().map(|f| {
            let field = &f.rust_name;
            let ty = &f.ty;
            quote!(#field: #ty)
        });
        let inits = request.fields.iter().map(|f| {
            let field = &f.rust_name;
            match f.init {
                Init::Argument => quote!(#field),
                Init::On => quote!(#field: ::std::option::Option::Some(true)),
                Init::Unset => quote!(#field: ::std::default::Default::default()),
            }
        });
        // Worded without the type's name, which would need "a" or "an" before it.
        let new_doc = if request.typed_keys_on() {
            " Builds one with its required parts and `typed_keys` on; the other optional ones \
             are left unset."
        } else {
            " Builds one with its required parts; the optional ones are left unset."
        };
        out.extend(quote! {
            impl #params #name #params {
                #[doc = #new_doc]
                pub fn new(#(#args),*) -> Self {
                    #name { #(#inits),* }
                }
            }
        });
        match request.default {
            DefaultPlan::Fields => out.extend(default_impl_of(
                &name,
                &params,
                request.fields.iter().map(|f| &f.rust_name),
            )),
            // What `new` makes, typed_keys on included (no bounds: every field is optional).
            DefaultPlan::New => out.extend(quote! {
                impl #params ::std::default::Default for #name #params {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }),
            DefaultPlan::Derive | DefaultPlan::None => {}
        }
        if self.builders {
            out.extend(request_setters(request, &name, &params));
        }
        out.extend(to_http(endpoint, request, &name, &params));
        out
    }

    /// The struct of a properties body, and its `extra_field`.
    fn body_items(
        &self,
        request: &RequestPlan,
        body: &BodyStruct,
        params: &TokenStream,
    ) -> TokenStream {
        let body_ident = &body.name;
        let extra = &body.extra;
        let text = format!(
            " The JSON body of a [`{}`]. Fields this client doesn't know are kept in \
             `{extra}`, read and sent.",
            request.path.name
        );
        let name = body_ident.to_string();
        let spec = StructSpec {
            name: &name,
            generics: &request.generics,
            docs: quote!(#[doc = #text]),
            tag: None,
            shortcut: None,
        };
        let mut out = self.struct_items(&spec, &body.fields, &body.properties);
        out.extend(quote! {
            impl #params #body_ident #params {
                /// Adds a field this client doesn't know (one newer than the
                /// specification, say); it must not repeat a typed field.
                pub fn extra_field(mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                    self.#extra.insert(name.into(), value);
                    self
                }
            }
        });
        out
    }

    fn response_items(&self, response: &ResponsePlan) -> TokenStream {
        let name = format_ident!("{}", response.path.name);
        let params = generic_params(&response.generics);
        let text = " The response body.".to_string();
        match &response.shape {
            ResponseShape::Struct { properties, fields } => {
                let spec = StructSpec {
                    name: &response.path.name,
                    generics: &response.generics,
                    docs: quote!(#[doc = #text]),
                    tag: None,
                    shortcut: None,
                };
                self.struct_items(&spec, fields, properties)
            }
            ResponseShape::Value(ty) => quote!(#[doc = #text] pub type #name #params = #ty;),
            ResponseShape::Exists => quote! {
                /// Whether it exists: `true` when Elasticsearch answers 200, `false` on 404.
                pub type #name = bool;
            },
            ResponseShape::Empty => {
                quote!(#[doc = " This endpoint answers with no body."] pub type #name = ();)
            }
        }
    }

    fn function_items(&self, plan: &OperationPlan<'_>) -> TokenStream {
        let call = &plan.call;
        let endpoint = plan.endpoint;
        let function = &call.function;
        let docs = endpoint_docs(endpoint);
        let deprecated = deprecated_attr(endpoint.deprecation.as_ref());
        let request_path = &call.request_type;
        let response_path = &call.response_type;
        let request_params = generic_params(&plan.request.generics);
        let response_params = generic_params(&plan.response.generics);
        let bound = param_bound();
        let generics = &call.generics;
        let (fn_generics, where_clause) = if generics.is_empty() {
            (TokenStream::new(), TokenStream::new())
        } else {
            (
                quote!(<#(#generics),*>),
                quote!(where #(#generics: #bound),*),
            )
        };
        let decode = match plan.response.decode {
            Decode::Exists => quote!(Ok(response.status() != 404)),
            Decode::Empty => quote!({
                let _ = response;
                Ok(())
            }),
            Decode::Bytes => quote!(Ok(response.bytes().to_vec())),
            Decode::Text => quote!(response.text()),
            Decode::Json => quote!(response.json()),
        };
        let example = self.call_example(&plan.request, call);
        let name = &endpoint.name;
        let (impl_head, lifetime, transport) = match &call.handle {
            Some(handle) => {
                let ns_ident = format_ident!("{}", handle.type_name);
                let module = ident(&handle.module);
                (
                    quote!(impl<'a> crate::#module::#ns_ident<'a>),
                    quote!('a),
                    quote!(self.client.transport()),
                )
            }
            None => (
                quote!(impl crate::Client),
                quote!('_),
                quote!(self.transport()),
            ),
        };
        quote! {
            #impl_head {
                #docs
                #example
                #deprecated
                pub fn #function #fn_generics(&self, request: #request_path #request_params) -> crate::runtime::Call<#lifetime, #response_path #response_params> #where_clause {
                    crate::runtime::Call::new(#transport, #name, request.to_http(), |response: crate::runtime::HttpResponse| #decode)
                }
            }
        }
    }

    /// A doc example calling the endpoint, compiled as a doctest: the request built with
    /// `new` (its required arguments come from hidden lines), sent, and awaited. Type
    /// parameters are `serde_json::Value`.
    fn call_example(&self, request: &RequestPlan, call: &CallPlan) -> TokenStream {
        let krate = &self.crate_name;
        let module = request.path.module.join("::");
        let request_name = &request.path.name;
        let function = call.function.to_string();
        let accessor = match &call.handle {
            Some(handle) => format!(".{}()", ident(&handle.accessor)),
            None => String::new(),
        };
        let turbofish = if call.generics.is_empty() {
            String::new()
        } else {
            format!(
                "::<{}>",
                vec!["serde_json::Value"; call.generics.len()].join(", ")
            )
        };
        let new_args: Vec<String> = request
            .arguments()
            .map(|f| f.rust_name.to_string())
            .collect();
        let mut lines = vec![
            String::new(),
            "# Example".to_string(),
            String::new(),
            "```no_run".to_string(),
            format!(
                "# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{"
            ),
            format!("use {krate}::{module}::{request_name};"),
            String::new(),
        ];
        for arg in &new_args {
            lines.push(format!("# let {arg} = todo!();"));
        }
        lines.push(format!(
            "let response = client{accessor}.{function}{turbofish}({request_name}::new({}))",
            new_args.join(", ")
        ));
        lines.push("    .await?;".to_string());
        lines.push("# let _ = response;".to_string());
        lines.push("# Ok(()) }".to_string());
        lines.push("```".to_string());
        let attrs = lines.iter().map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #text])
        });
        quote!(#(#attrs)*)
    }
}

/// The doc comment of a request field: what kind of field it is, then the spec's words.
fn field_doc(field: &FieldPlan) -> TokenStream {
    let prop = &field.prop;
    let mut description = String::new();
    match field.kind {
        FieldKind::Body => description.push_str(prop.description.as_deref().unwrap_or_default()),
        kind => {
            let what = if kind == FieldKind::Path {
                "Path part"
            } else {
                "Query parameter"
            };
            description.push_str(&format!("{what} `{}`.", prop.name));
            if let Some(d) = &prop.description {
                description.push(' ');
                description.push_str(d);
            }
            if field.typed_keys {
                description.push_str(TYPED_KEYS_DOC);
            }
        }
    }
    property_attrs(prop, Some(&description))
}

/// `to_http`: takes the first url whose path parts are all set, encodes them, stringifies
/// the query parameters and serializes the body.
fn to_http(
    endpoint: &Endpoint,
    request: &RequestPlan,
    name: &proc_macro2::Ident,
    params: &TokenStream,
) -> TokenStream {
    let url_body = |url: &UrlPlan| {
        let pushes = url.segments.iter().map(|seg| match seg {
            SegmentPlan::Literal(text) => quote!(path.literal(#text);),
            SegmentPlan::Part {
                wire,
                local: Some(local),
                ..
            } => quote!(path.param(#wire, #local)?;),
            SegmentPlan::Part {
                wire,
                field,
                local: None,
            } => quote!(path.param(#wire, &self.#field)?;),
        });
        let method = &url.method;
        quote! {
            #(#pushes)*
            crate::runtime::Method::#method
        }
    };
    let branches = request.conditional_urls.iter().map(|url| {
        let (locals, fields): (Vec<_>, Vec<_>) = url.optional_parts().unzip();
        let body = url_body(url);
        quote! {
            if let (#(Some(#locals),)*) = (#(&self.#fields,)*) { #body }
        }
    });
    let fallback = match &request.unconditional_url {
        Some(url) => {
            let body = url_body(url);
            quote!({ #body })
        }
        None => {
            let reason = format!("set the path parts of one of the urls of {}", endpoint.name);
            quote!({
                return Err(crate::runtime::Error::InvalidParameter { name: "path", reason: #reason.to_string() });
            })
        }
    };
    let chain = quote!(#(#branches else)* #fallback);

    let query: Vec<TokenStream> = request
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Query)
        .map(|f| {
            let wire = &f.prop.name;
            let field = &f.rust_name;
            quote!(crate::runtime::query_pairs(#wire, &self.#field, &mut query)?;)
        })
        .collect();
    let body = match (&request.body, request.body_field()) {
        (Some(plan), Some(field)) => {
            let body_field = &field.rust_name;
            let encode = if plan.ndjson {
                quote!(crate::runtime::RequestBody::ndjson)
            } else {
                quote!(crate::runtime::RequestBody::json)
            };
            if field.required {
                quote!(Some(#encode(&self.#body_field)?))
            } else {
                quote!(match &self.#body_field { Some(body) => Some(#encode(body)?), None => None })
            }
        }
        _ => quote!(None),
    };
    let accept = &request.accept;
    // A parameter that chooses the response's format chooses the Accept header with it.
    let accept = match &request.format {
        None => quote!(#accept),
        Some(format) => {
            let wire = &format.wire;
            let field = &format.field;
            let arms = format.values.iter().map(
                |(value, media_type)| quote!(::std::option::Option::Some(#value) => #media_type,),
            );
            let value = if format.required {
                quote!(crate::runtime::stringify(#wire, &self.#field)?)
            } else {
                quote!(match &self.#field {
                    ::std::option::Option::Some(format) => crate::runtime::stringify(#wire, format)?,
                    ::std::option::Option::None => ::std::option::Option::None,
                })
            };
            quote!(match #value.as_deref() {
                ::std::option::Option::None => #accept,
                #(#arms)*
                ::std::option::Option::Some(_) => "",
            })
        }
    };
    let accept_statuses = if request.accepts_404 {
        quote!(&[404])
    } else {
        quote!(&[])
    };
    let bounds = if request.generics.is_empty() {
        TokenStream::new()
    } else {
        let ps = request
            .generics
            .iter()
            .map(|g| super::names::type_param(&g.name));
        let bound = param_bound();
        quote!(where #(#ps: #bound),*)
    };
    let query_decl = if query.is_empty() {
        quote!(let query = ::std::vec::Vec::new();)
    } else {
        quote!(let mut query = ::std::vec::Vec::new();)
    };
    quote! {
        impl #params #name #params #bounds {
            /// The HTTP request this stands for: the url whose path parts are set, the
            /// query string and the encoded body.
            pub fn to_http(&self) -> ::std::result::Result<crate::runtime::HttpRequest, crate::runtime::Error> {
                let mut path = crate::runtime::PathBuilder::new();
                let method = #chain;
                #query_decl
                #(#query)*
                Ok(crate::runtime::HttpRequest {
                    method,
                    path: path.finish(),
                    query,
                    body: #body,
                    accept: #accept,
                    accept_statuses: #accept_statuses,
                })
            }
        }
    }
}

/// Setters on a request, as the plan names them: one per optional path part, query
/// parameter and value body; for a properties body, `body`, one per body field, and
/// `extra_field`.
fn request_setters(
    request: &RequestPlan,
    name: &proc_macro2::Ident,
    params: &TokenStream,
) -> TokenStream {
    let plain = |id: &proc_macro2::Ident| id.to_string().trim_start_matches("r#").to_string();
    let body_struct = request.body.as_ref().and_then(|b| b.shape.as_ref());
    let mut methods = Vec::new();
    for f in &request.fields {
        let Some(setter) = &f.setter else {
            continue;
        };
        let field = &f.rust_name;
        if f.kind == FieldKind::Body && body_struct.is_some() {
            let body_ty = &f.ty;
            methods.push(quote! {
                /// Sets the whole request body.
                #[must_use]
                pub fn #setter(mut self, body: #body_ty) -> Self {
                    self.#field = body;
                    self
                }
            });
            continue;
        }
        let inner = &f.inner;
        let doc = format!(" Sets `{}` (to `Some`).", plain(field));
        methods.push(quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                self.#field = ::std::option::Option::Some(value.into());
                self
            }
        });
    }
    if let (Some(body), Some(body_field)) = (body_struct, request.body_field()) {
        let body_ident = &body_field.rust_name;
        let extra = &body.extra;
        let fields = body.fields.iter().filter(|f| &f.ident != extra);
        for (f, setter) in fields.zip(&body.setters) {
            let field = &f.ident;
            let inner = &f.inner;
            let doc = format!(" Sets the body's `{}`.", plain(field));
            let value = if f.required {
                quote!(value.into())
            } else {
                quote!(::std::option::Option::Some(value.into()))
            };
            methods.push(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                    self.#body_ident.#field = #value;
                    self
                }
            });
        }
        methods.push(quote! {
            /// Adds a body field this client doesn't know (one newer than the specification,
            /// say); it must not repeat a typed field.
            #[must_use]
            pub fn extra_field(mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                self.#body_ident.#extra.insert(name.into(), value);
                self
            }
        });
    }
    if methods.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #params #name #params {
            #(#methods)*
        }
    }
}

const TYPED_KEYS_DOC: &str = "\n\nOn (`Some(true)`) in a request made with `new`, so that \
aggregations and suggesters decode into their typed variants. Turned off, the server sends \
names without their type, and decoding such a response into the typed one fails with an \
error saying so (read it with `.raw()` instead).";

fn endpoint_docs(endpoint: &Endpoint) -> TokenStream {
    let mut description = endpoint.description.clone();
    let urls: Vec<String> = endpoint
        .urls
        .iter()
        .map(|u| format!("- `{} {}`", u.methods.join("|"), u.path))
        .collect();
    description.push_str("\n\nUrls:\n\n");
    description.push_str(&urls.join("\n"));
    if let Some(privileges) = &endpoint.privileges {
        if !privileges.cluster.is_empty() {
            description.push_str(&format!(
                "\n\nCluster privileges: `{}`.",
                privileges.cluster.join("`, `")
            ));
        }
        if !privileges.index.is_empty() {
            description.push_str(&format!(
                "\n\nIndex privileges: `{}`.",
                privileges.index.join("`, `")
            ));
        }
    }
    doc_attrs(&DocInfo {
        description: Some(&description),
        doc_url: endpoint.doc_url.as_deref(),
        ext_doc_url: endpoint.ext_doc_url.as_deref(),
        availability: Some(&endpoint.availability),
        ..DocInfo::default()
    })
}
