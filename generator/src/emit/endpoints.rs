//! Items for one endpoint: the request type (path parts, query parameters, body), its
//! translation into an HTTP request, the response type, and the async function on the client.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::EmitError;
use super::docs::{DocInfo, deprecated_attr, doc_attrs, property_attrs};
use super::names::{field_names, ident, snake};
use super::types::{Field, StructSpec, default_impl, generic_params, param_bound};
use super::typespace::{Ctx, TypeSpace};
use crate::model::{
    Body, Endpoint, Property, Request, Response, TypeDefinition, TypeName, UrlTemplate, ValueOf,
};

/// The Rust pieces of one endpoint that its namespace needs to know about.
pub struct EndpointOut {
    pub items: TokenStream,
}

/// One segment of a url template.
enum Segment<'a> {
    Literal(&'a str),
    Param(&'a str),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            out.push(Segment::Literal(&rest[..start]));
        }
        let Some(end) = rest[start..].find('}') else {
            out.push(Segment::Literal(&rest[start..]));
            return out;
        };
        out.push(Segment::Param(&rest[start + 1..start + end]));
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Literal(rest));
    }
    out
}

/// The method to send on a url: with a body, the first of PUT/POST the url lists; without,
/// GET, then HEAD, then DELETE, then whatever comes first.
fn choose_method(url: &UrlTemplate, has_body: bool) -> &str {
    let find = |wanted: &[&str]| {
        url.methods
            .iter()
            .find(|m| wanted.contains(&m.as_str()))
            .map(String::as_str)
    };
    let preferred = if has_body {
        find(&["PUT", "POST"])
    } else {
        find(&["GET"])
            .or_else(|| find(&["HEAD"]))
            .or_else(|| find(&["DELETE"]))
    };
    preferred
        .or_else(|| url.methods.first().map(String::as_str))
        .unwrap_or("GET")
}

/// A HEAD-only endpoint without a response body asks whether something exists: it answers
/// 200 or 404, and the client returns `true` or `false`.
fn is_existence_check(endpoint: &Endpoint, response: &Response) -> bool {
    matches!(response.body, Body::NoBody)
        && !endpoint.urls.is_empty()
        && endpoint.urls.iter().all(|u| u.methods == ["HEAD"])
}

impl TypeSpace<'_, '_> {
    pub fn endpoint_items(&mut self, endpoint: &Endpoint) -> Result<EndpointOut, EmitError> {
        let Some((request_name, response_name)) = endpoint.types() else {
            return Err(EmitError::Invalid(format!(
                "endpoint `{}` has no request and response types",
                endpoint.name
            )));
        };
        let request = match self.get(request_name) {
            Some(TypeDefinition::Request(r)) => r,
            _ => return Err(EmitError::UnknownType(request_name.clone())),
        };
        let response = match self.get(response_name) {
            Some(TypeDefinition::Response(r)) => r,
            _ => return Err(EmitError::UnknownType(response_name.clone())),
        };
        let (mut items, new_args) = self.request_items(endpoint, request)?;
        items.extend(self.response_items(response, is_existence_check(endpoint, response))?);
        items.extend(self.function_items(endpoint, request, response, &new_args)?);
        Ok(EndpointOut { items })
    }

    /// Every field of a request, decided once: its wire name, kind and Rust name. Path parts
    /// first, then the request's own query parameters, then those of the behaviors it
    /// attaches (`CommonQueryParameters`, `CommonCatQueryParameters`, ...) that it doesn't
    /// declare itself, then the body.
    fn request_plan(&self, request: &Request) -> Vec<PlannedField> {
        let mut planned: Vec<PlannedField> = request
            .path
            .iter()
            .map(|p| PlannedField::new(p.clone(), FieldKind::Path, &request.name))
            .collect();
        planned.extend(
            request
                .query
                .iter()
                .map(|p| PlannedField::new(p.clone(), FieldKind::Query, &request.name)),
        );
        for behavior in &request.attached_behaviors {
            let Some(interface) = self.behavior(behavior) else {
                continue;
            };
            for prop in &interface.properties {
                if planned.iter().all(|f| f.prop.name != prop.name) {
                    planned.push(PlannedField::new(
                        prop.clone(),
                        FieldKind::Query,
                        &interface.name,
                    ));
                }
            }
        }
        planned
    }

    /// The request's items, and the names of the arguments its `new` takes.
    fn request_items(
        &mut self,
        endpoint: &Endpoint,
        request: &Request,
    ) -> Result<(TokenStream, Vec<String>), EmitError> {
        let path = self.path(&request.name)?.clone();
        let name = format_ident!("{}", path.name);
        let params = generic_params(&request.generics);
        let ctx = Ctx {
            owner: &request.name,
            generics: &request.generics,
            hint: path.name.clone(),
            module: &path.module,
        };
        let mut out = TokenStream::new();

        // The body first: it may be a struct of its own.
        let mut body_struct: Option<(Vec<Field>, Ident)> = None;
        let body_field: Option<(Property, TokenStream)> = match &request.body {
            Body::NoBody => None,
            Body::Properties { properties } => {
                let body_name = self
                    .names
                    .body(&request.name)
                    .map(|p| p.name.clone())
                    .ok_or_else(|| EmitError::Invalid(format!("{}: no body name", request.name)))?;
                let body_ident = format_ident!("{}", body_name);
                let body_ctx = Ctx {
                    hint: body_name.clone(),
                    ..ctx.clone()
                };
                let mut fields = self.fields(properties, &body_ctx)?;
                let extra = extra_fields_field(&fields);
                let extra_ident = extra.ident.clone();
                fields.push(extra);
                let text = format!(
                    " The JSON body of a [`{}`]. Fields this client doesn't know are kept in \
                     `{extra_ident}`, read and sent.",
                    path.name
                );
                let spec = StructSpec {
                    name: &body_name,
                    generics: &request.generics,
                    docs: quote!(#[doc = #text]),
                    tag: None,
                    shortcut: None,
                };
                out.extend(self.struct_items(&spec, &fields, properties));
                out.extend(quote! {
                    impl #params #body_ident #params {
                        /// Adds a field this client doesn't know (one newer than the
                        /// specification, say); it must not repeat a typed field.
                        pub fn extra_field(mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                            self.#extra_ident.insert(name.into(), value);
                            self
                        }
                    }
                });
                let module = path.module.iter().map(|m| ident(m));
                self.request_bodies.push((
                    request.name.clone(),
                    quote!(crate #(:: #module)* :: #body_ident #params),
                ));
                let mut prop = Property::new("body", ValueOf::UserDefinedValue, true);
                prop.description = Some("The request body.".to_string());
                body_struct = Some((fields, extra_ident));
                Some((prop, quote!(#body_ident #params)))
            }
            Body::Value {
                codegen_name,
                value,
            } => {
                let field = codegen_name.clone().unwrap_or_else(|| "body".to_string());
                let mut prop = Property::new(field, value.clone(), endpoint.request_body_required);
                prop.description = Some("The request body.".to_string());
                let body_ctx = Ctx {
                    hint: format!("{}Body", path.name),
                    ..ctx.clone()
                };
                let ty = self.rust_type(value, &body_ctx)?;
                self.request_bodies.push((request.name.clone(), ty.clone()));
                Some((prop, ty))
            }
        };

        // Path parts, query parameters and the body share one namespace of field names.
        let mut planned = self.request_plan(request);
        if let Some((prop, _)) = &body_field {
            planned.push(PlannedField::new(
                prop.clone(),
                FieldKind::Body,
                &request.name,
            ));
        }
        let names = field_names(
            planned
                .iter()
                .map(|f| (f.prop.name.as_str(), f.prop.codegen_name.as_deref())),
        );
        let mut fields: Vec<Field> = Vec::new();
        for (planned, rust_name) in planned.iter_mut().zip(&names) {
            let prop = &planned.prop;
            let field_ident = ident(rust_name);
            let inner = if planned.kind == FieldKind::Body {
                body_field
                    .as_ref()
                    .map(|(_, ty)| ty.clone())
                    .unwrap_or_default()
            } else {
                let prop_ctx = Ctx {
                    hint: format!("{}{}", path.name, super::names::camel(&prop.name)),
                    ..ctx.clone()
                };
                self.rust_type(&prop.type_, &prop_ctx)?
            };
            let ty = if prop.required {
                inner.clone()
            } else {
                quote!(::std::option::Option<#inner>)
            };
            let mut description = String::new();
            match planned.kind {
                FieldKind::Body => {
                    description.push_str(prop.description.as_deref().unwrap_or_default())
                }
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
                    if prop.name == TYPED_KEYS && !prop.required {
                        description.push_str(TYPED_KEYS_DOC);
                    }
                }
            }
            let doc = property_attrs(prop, Some(&description));
            planned.rust_name = field_ident.to_string();
            fields.push(Field {
                tokens: quote!(#doc pub #field_ident: #ty,),
                ident: field_ident,
                ty,
                inner,
                required: prop.required,
                secret: false,
                wire: None,
            });
        }
        let docs = endpoint_docs(endpoint);
        let deprecated = deprecated_attr(endpoint.deprecation.as_ref());
        let field_tokens = fields.iter().map(|f| &f.tokens);
        // `new` takes what's required; a properties body whose fields are all optional
        // starts from its default.
        let body_defaults = matches!(&request.body, Body::Properties { properties } if properties.iter().all(|p| !p.required));
        let last = fields.len().saturating_sub(1);
        let is_arg = |i: usize, f: &Field| {
            f.required && !(body_defaults && body_field.is_some() && i == last)
        };
        // typed_keys starts on (see TYPED_KEYS_DOC), in plain sight.
        let typed_keys_on = |p: &PlannedField| {
            p.prop.name == TYPED_KEYS && !p.prop.required && p.kind == FieldKind::Query
        };
        let all_defaults = fields.iter().enumerate().all(|(i, f)| !is_arg(i, f));
        let defaultable = all_defaults && !planned.iter().any(typed_keys_on);
        let default = if defaultable && request.generics.is_empty() {
            quote!(Default,)
        } else {
            TokenStream::new()
        };
        out.extend(quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, #default)]
            #[non_exhaustive]
            pub struct #name #params {
                #(#field_tokens)*
            }
        });
        let arg_names: Vec<String> = fields
            .iter()
            .enumerate()
            .filter(|(i, f)| is_arg(*i, f))
            .map(|(_, f)| f.ident.to_string())
            .collect();
        let args = fields
            .iter()
            .enumerate()
            .filter(|(i, f)| is_arg(*i, f))
            .map(|(_, f)| {
                let ident = &f.ident;
                let ty = &f.ty;
                quote!(#ident: #ty)
            });
        let inits = fields.iter().zip(&planned).enumerate().map(|(i, (f, p))| {
            let ident = &f.ident;
            if is_arg(i, f) {
                quote!(#ident)
            } else if typed_keys_on(p) {
                quote!(#ident: ::std::option::Option::Some(true))
            } else {
                quote!(#ident: ::std::default::Default::default())
            }
        });
        let new_doc = if planned.iter().any(typed_keys_on) {
            format!(
                " A `{}` with its required parts and `typed_keys` on; the other optional \
                 ones are left unset.",
                path.name
            )
        } else {
            format!(
                " A `{}` with its required parts; the optional ones are left unset.",
                path.name
            )
        };
        out.extend(quote! {
            impl #params #name #params {
                #[doc = #new_doc]
                pub fn new(#(#args),*) -> Self {
                    #name { #(#inits),* }
                }
            }
        });
        if defaultable && !request.generics.is_empty() {
            out.extend(default_impl(&name, &params, &fields));
        }
        if all_defaults && !defaultable {
            // What `new` makes, typed_keys on included (no bounds: every field is optional).
            out.extend(quote! {
                impl #params ::std::default::Default for #name #params {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            });
        }
        out.extend(request_setters(
            &name,
            &params,
            &fields,
            body_struct.as_ref().map(|(f, extra)| (f.as_slice(), extra)),
            self.builders,
        ));
        out.extend(self.to_http(endpoint, request, &name, &params, &fields, &planned)?);
        Ok((out, arg_names))
    }

    /// `to_http`: picks the url whose path parts are all set, encodes them, stringifies the
    /// query parameters and serializes the body.
    fn to_http(
        &self,
        endpoint: &Endpoint,
        request: &Request,
        name: &Ident,
        params: &TokenStream,
        fields: &[Field],
        planned: &[PlannedField],
    ) -> Result<TokenStream, EmitError> {
        let has_body = planned.last().is_some_and(|p| p.kind == FieldKind::Body);
        let exists = matches!(endpoint.types().and_then(|(_, r)| self.get(r)),
            Some(TypeDefinition::Response(r)) if is_existence_check(endpoint, r));
        let accept_statuses = if exists { quote!(&[404]) } else { quote!(&[]) };
        let path_fields: Vec<(&Property, &Field)> = planned
            .iter()
            .zip(fields)
            .filter(|(p, _)| p.kind == FieldKind::Path)
            .map(|(p, f)| (&p.prop, f))
            .collect();
        let field_of = |param: &str| path_fields.iter().find(|(p, _)| p.name == param).copied();
        // Urls with more parts first; a url whose parts are all required ends the chain.
        let mut urls: Vec<&UrlTemplate> = endpoint.urls.iter().collect();
        urls.sort_by_key(|u| {
            std::cmp::Reverse(
                segments(&u.path)
                    .iter()
                    .filter(|s| matches!(s, Segment::Param(_)))
                    .count(),
            )
        });
        let mut branches = Vec::new();
        let mut seen: Vec<Vec<&str>> = Vec::new();
        let mut unconditional = None;
        for url in urls {
            let segs = segments(&url.path);
            let mut param_names: Vec<&str> = segs
                .iter()
                .filter_map(|s| match s {
                    Segment::Param(p) => Some(*p),
                    Segment::Literal(_) => None,
                })
                .collect();
            param_names.sort_unstable();
            if seen.contains(&param_names) {
                continue;
            }
            seen.push(param_names.clone());
            let mut optional = Vec::new();
            let mut pushes = Vec::new();
            for seg in &segs {
                match seg {
                    Segment::Literal(text) => pushes.push(quote!(path.literal(#text);)),
                    Segment::Param(param) => {
                        let Some((prop, field)) = field_of(param) else {
                            return Err(EmitError::Invalid(format!(
                                "endpoint {}: url {} names `{param}`, which is not a path part",
                                endpoint.name, url.path
                            )));
                        };
                        let local = format_ident!("part_{}", snake(param));
                        let field_ident = &field.ident;
                        if prop.required {
                            pushes.push(quote!(path.param(#param, &self.#field_ident)?;));
                        } else {
                            optional.push((local.clone(), field_ident.clone()));
                            pushes.push(quote!(path.param(#param, #local)?;));
                        }
                    }
                }
            }
            let method = format_ident!("{}", choose_method(url, has_body));
            let body = quote! {
                #(#pushes)*
                crate::runtime::Method::#method
            };
            if optional.is_empty() {
                unconditional = Some(body);
                break;
            }
            let locals = optional.iter().map(|(l, _)| quote!(Some(#l)));
            let values = optional.iter().map(|(_, f)| quote!(&self.#f));
            branches.push(quote! {
                if let (#(#locals,)*) = (#(#values,)*) { #body }
            });
        }
        let fallback = match unconditional {
            Some(body) => quote!({ #body }),
            None => {
                let reason = format!("set the path parts of one of the urls of {}", endpoint.name);
                quote!({
                    return Err(crate::runtime::Error::InvalidParameter { name: "path", reason: #reason.to_string() });
                })
            }
        };
        let chain = if branches.is_empty() {
            fallback
        } else {
            quote!(#(#branches else)* #fallback)
        };

        let mut query = Vec::new();
        let mut format_field = None;
        for (planned, field) in planned.iter().zip(fields) {
            if planned.kind != FieldKind::Query {
                continue;
            }
            let wire = &planned.prop.name;
            let field_ident = &field.ident;
            query
                .push(quote!(crate::runtime::query_pairs(#wire, &self.#field_ident, &mut query)?;));
            if self.formats.selects_format(&planned.owner, wire) {
                format_field = Some((wire, field_ident, planned.prop.required));
            }
        }
        let body = if has_body {
            let body_field = &fields[fields.len() - 1].ident;
            let ndjson = endpoint
                .request_media_type
                .iter()
                .any(|m| m == "application/x-ndjson");
            let required = fields[fields.len() - 1].required;
            let encode = if ndjson {
                quote!(crate::runtime::RequestBody::ndjson)
            } else {
                quote!(crate::runtime::RequestBody::json)
            };
            if required {
                quote!(Some(#encode(&self.#body_field)?))
            } else {
                quote!(match &self.#body_field { Some(body) => Some(#encode(body)?), None => None })
            }
        } else {
            quote!(None)
        };
        let accept = endpoint
            .response_media_type
            .iter()
            .find(|m| m.as_str() == "application/json")
            .or_else(|| endpoint.response_media_type.first())
            .cloned()
            .unwrap_or_else(|| "application/json".to_string());
        // A parameter that chooses the response's format chooses the Accept header with it.
        let accept = match format_field {
            None => quote!(#accept),
            Some((wire, field_ident, required)) => {
                let arms = self.formats.values.iter().map(|(value, media_type)| {
                    quote!(::std::option::Option::Some(#value) => #media_type,)
                });
                let value = if required {
                    quote!(crate::runtime::stringify(#wire, &self.#field_ident)?)
                } else {
                    quote!(match &self.#field_ident {
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
        Ok(quote! {
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
        })
    }

    fn response_items(
        &mut self,
        response: &Response,
        exists: bool,
    ) -> Result<TokenStream, EmitError> {
        let path = self.path(&response.name)?.clone();
        let name = format_ident!("{}", path.name);
        let params = generic_params(&response.generics);
        let ctx = Ctx {
            owner: &response.name,
            generics: &response.generics,
            hint: path.name.clone(),
            module: &path.module,
        };
        let text = " The response body.".to_string();
        Ok(match &response.body {
            Body::Properties { properties } => {
                // A response that extends a class (older branches) has its properties too.
                let properties = self.with_inherited(response.inherits.as_ref(), properties);
                let fields = self.fields(&properties, &ctx)?;
                let spec = StructSpec {
                    name: &path.name,
                    generics: &response.generics,
                    docs: quote!(#[doc = #text]),
                    tag: None,
                    shortcut: None,
                };
                self.struct_items(&spec, &fields, &properties)
            }
            Body::Value { value, .. } => {
                let ty = self.rust_type(value, &ctx)?;
                quote!(#[doc = #text] pub type #name #params = #ty;)
            }
            Body::NoBody if exists => quote! {
                /// Whether it exists: `true` when Elasticsearch answers 200, `false` on 404.
                pub type #name = bool;
            },
            Body::NoBody => {
                quote!(#[doc = " This endpoint answers with no body."] pub type #name = ();)
            }
        })
    }

    fn function_items(
        &self,
        endpoint: &Endpoint,
        request: &Request,
        response: &Response,
        new_args: &[String],
    ) -> Result<TokenStream, EmitError> {
        let request_path = self.path_tokens(&request.name)?;
        let response_path = self.path_tokens(&response.name)?;
        let api = endpoint.name.rsplit('.').next().unwrap_or(&endpoint.name);
        let function = ident(&snake(api));
        let docs = endpoint_docs(endpoint);
        let deprecated = deprecated_attr(endpoint.deprecation.as_ref());
        let mut generics: Vec<Ident> = request
            .generics
            .iter()
            .map(|g| super::names::type_param(&g.name))
            .collect();
        let request_params = generic_params(&request.generics);
        for g in &response.generics {
            let id = super::names::type_param(&g.name);
            if !generics.contains(&id) {
                generics.push(id);
            }
        }
        let response_params = generic_params(&response.generics);
        let bound = param_bound();
        let bounds: Vec<TokenStream> = generics.iter().map(|id| quote!(#id: #bound)).collect();
        let fn_generics = if generics.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#(#generics),*>)
        };
        let where_clause = if bounds.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#bounds),*)
        };
        let decode = match &response.body {
            Body::NoBody if is_existence_check(endpoint, response) => {
                quote!(Ok(response.status() != 404))
            }
            Body::NoBody => quote!({
                let _ = response;
                Ok(())
            }),
            Body::Value {
                value: ValueOf::InstanceOf(i),
                ..
            } if i.type_name.is_builtin("binary") || i.type_name.name == "MapboxVectorTiles" => {
                quote!(Ok(response.bytes().to_vec()))
            }
            Body::Value { value, .. }
                if endpoint
                    .response_media_type
                    .iter()
                    .all(|m| m == "text/plain")
                    && self.is_string(value) =>
            {
                quote!(response.text())
            }
            _ => quote!(response.json()),
        };
        let example = self.call_example(endpoint, request, &function, generics.len(), new_args)?;
        let name = &endpoint.name;
        let (impl_head, lifetime, transport) = if endpoint.name.contains('.') {
            let namespace = endpoint.name.split('.').next().unwrap_or_default();
            let ns_ident = format_ident!("{}", super::names::camel(namespace));
            let module = ident(&snake(namespace));
            (
                quote!(impl<'a> crate::#module::#ns_ident<'a>),
                quote!('a),
                quote!(self.client.transport()),
            )
        } else {
            (
                quote!(impl crate::Client),
                quote!('_),
                quote!(self.transport()),
            )
        };
        Ok(quote! {
            #impl_head {
                #docs
                #example
                #deprecated
                pub fn #function #fn_generics(&self, request: #request_path #request_params) -> crate::runtime::Call<#lifetime, #response_path #response_params> #where_clause {
                    crate::runtime::Call::new(#transport, #name, request.to_http(), |response: crate::runtime::HttpResponse| #decode)
                }
            }
        })
    }
}

impl TypeSpace<'_, '_> {
    /// A doc example calling the endpoint, compiled as a doctest: the request built with
    /// `new` (its required arguments come from hidden lines), sent, and awaited. Type
    /// parameters are `serde_json::Value`.
    fn call_example(
        &self,
        endpoint: &Endpoint,
        request: &Request,
        function: &Ident,
        generic_count: usize,
        new_args: &[String],
    ) -> Result<TokenStream, EmitError> {
        let krate = &self.crate_name;
        let request_path = self.path(&request.name)?;
        let module = request_path.module.join("::");
        let request_name = &request_path.name;
        let function = function.to_string();
        let accessor = match endpoint.name.split_once('.') {
            Some((namespace, _)) => format!(".{}()", ident(&snake(namespace))),
            None => String::new(),
        };
        let turbofish = if generic_count == 0 {
            String::new()
        } else {
            format!(
                "::<{}>",
                vec!["serde_json::Value"; generic_count].join(", ")
            )
        };
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
        for arg in new_args {
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
        Ok(quote!(#(#attrs)*))
    }
}

/// Where a request field goes on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FieldKind {
    Path,
    Query,
    /// The whole body (a struct of its own, or a value).
    Body,
}

/// One field of a request as decided before anything is printed: the property, where it
/// goes, the type that declares it (the request, or a behavior the request attaches), and its
/// Rust name once names are handed out.
#[derive(Clone, Debug)]
struct PlannedField {
    prop: Property,
    kind: FieldKind,
    owner: TypeName,
    rust_name: String,
}

impl PlannedField {
    fn new(prop: Property, kind: FieldKind, owner: &TypeName) -> Self {
        PlannedField {
            prop,
            kind,
            owner: owner.clone(),
            rust_name: String::new(),
        }
    }
}

const TYPED_KEYS: &str = "typed_keys";

const TYPED_KEYS_DOC: &str = "\n\nOn (`Some(true)`) in a request made with `new`, so that \
aggregations and suggesters decode into their typed variants. Turned off, the server sends \
names without their type, and decoding such a response into the typed one fails with an \
error saying so (read it with `.raw()` instead).";

/// The field of a properties body that keeps the members this client doesn't know.
fn extra_fields_field(fields: &[Field]) -> Field {
    let taken: Vec<String> = fields
        .iter()
        .map(|f| f.ident.to_string().trim_start_matches("r#").to_string())
        .collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    let name = super::names::Scope::with_reserved(&taken).claim("extra_fields".to_string());
    let field_ident = ident(&name);
    let ty = quote!(::indexmap::IndexMap<::std::string::String, ::serde_json::Value>);
    Field {
        tokens: quote! {
            /// Members this client doesn't know: read from JSON and sent as they are.
            #[serde(flatten, default, skip_serializing_if = "::indexmap::IndexMap::is_empty")]
            pub #field_ident: #ty,
        },
        ident: field_ident,
        ty: ty.clone(),
        inner: ty,
        required: false,
        secret: false,
        wire: None,
    }
}

/// Setters on a request: one per optional path part and query parameter, named like the
/// field (by `names::setter_name`); for a properties body, `body` and one per body field
/// (named the same way, or `body_<name>` where a path part or query parameter has the name),
/// and `extra_field`.
fn request_setters(
    name: &Ident,
    params: &TokenStream,
    fields: &[Field],
    body: Option<(&[Field], &Ident)>,
    setters: bool,
) -> TokenStream {
    if !setters {
        return TokenStream::new();
    }
    let plain = |id: &Ident| id.to_string().trim_start_matches("r#").to_string();
    // One rule for setter names across the crate (`names::setter_name`); a name claimed twice
    // (a body field named like a query parameter) takes the `body_` prefix.
    const METHODS: &[&str] = &["new", "to_http", "extra_field"];
    let mut scope = super::names::Scope::with_reserved(METHODS);
    let claim = |wanted: &str, scope: &mut super::names::Scope| -> Option<Ident> {
        let name = super::names::setter_name(wanted, METHODS).to_string();
        let name = name.trim_start_matches("r#").to_string();
        if scope.is_taken(&name) {
            return None;
        }
        Some(ident(&scope.claim(name)))
    };
    let mut methods = Vec::new();
    let body_len = usize::from(body.is_some());
    for f in &fields[..fields.len() - body_len] {
        if f.required {
            continue;
        }
        let field_ident = &f.ident;
        let inner = &f.inner;
        let wanted = plain(field_ident);
        let setter = claim(&wanted, &mut scope)
            .unwrap_or_else(|| ident(&scope.claim(format!("with_{wanted}"))));
        let doc = format!(" Sets `{wanted}` (to `Some`).");
        methods.push(quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                self.#field_ident = ::std::option::Option::Some(value.into());
                self
            }
        });
    }
    if let Some((body_fields, extra)) = body {
        let body_field = &fields[fields.len() - 1];
        let body_ident = &body_field.ident;
        let body_ty = &body_field.ty;
        let body_setter = claim(&plain(body_ident), &mut scope)
            .unwrap_or_else(|| ident(&scope.claim("with_body".to_string())));
        methods.push(quote! {
            /// Sets the whole request body.
            #[must_use]
            pub fn #body_setter(mut self, body: #body_ty) -> Self {
                self.#body_ident = body;
                self
            }
        });
        for f in body_fields.iter().filter(|f| &f.ident != extra) {
            let wanted = plain(&f.ident);
            let setter = claim(&wanted, &mut scope)
                .unwrap_or_else(|| ident(&scope.claim(format!("body_{wanted}"))));
            let field_ident = &f.ident;
            let inner = &f.inner;
            let doc = format!(" Sets the body's `{wanted}`.");
            let value = if f.required {
                quote!(value.into())
            } else {
                quote!(::std::option::Option::Some(value.into()))
            };
            methods.push(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                    self.#body_ident.#field_ident = #value;
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
