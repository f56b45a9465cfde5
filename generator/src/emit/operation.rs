//! The operation plan: the Rust shape of one endpoint, decided before any of its tokens are
//! printed (as progenitor's `OperationMethod`). [`TypeSpace::operation_plan`] reads the model
//! and the [`TypeIndex`](super::typespace::TypeIndex) once and decides every name (types,
//! fields, setters, locals, the function and its handle), every field's kind and Rust type,
//! what `new` takes and how `Default` is had, the body's type and encoding, the urls and their
//! methods, the `Accept` header and how the response is decoded. [`super::endpoints`] prints
//! from the plan and decides nothing.
//!
//! Rust types are decided here, by [`TypeSpace::rust_type`] (boxing included), and kept as
//! tokens. Types that the mapping synthesizes on the way (an enum for an inline union) are
//! named by the type space when it meets them: the plan of a module's endpoints is built after
//! its types are emitted and before its synthesized enums are, in the order of the endpoints,
//! the order the names have always been claimed in.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::EmitError;
use super::names::{
    Handle, RustPath, Scope, field_names, function_name, ident, setter_name, snake,
};
use super::types::{Field, WireForm};
use super::typespace::{Ctx, TypeSpace};
use crate::model::{
    Body, Endpoint, Property, Request, Response, TypeDefinition, TypeName, UrlTemplate, ValueOf,
};

/// One endpoint, planned.
pub struct OperationPlan<'m> {
    /// The endpoint: its name is the call's, and its docs (description, urls, privileges,
    /// availability, deprecation) are printed as they are.
    pub endpoint: &'m Endpoint,
    pub request: RequestPlan,
    pub response: ResponsePlan,
    pub call: CallPlan,
}

/// Where a request field goes on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldKind {
    Path,
    Query,
    /// The whole body (a struct of its own, or a value).
    Body,
}

/// What `new` puts in a field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Init {
    /// The field is an argument of `new`.
    Argument,
    /// `Some(true)`: `typed_keys`, which starts on (see [`TYPED_KEYS`]).
    On,
    /// `Default::default()`.
    Unset,
}

/// How a request has `Default`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DefaultPlan {
    /// `#[derive(Default)]`: every field starts unset, and there are no type parameters.
    Derive,
    /// An impl without bounds on the type parameters: every field starts unset.
    Fields,
    /// An impl that calls `new()`, which takes nothing but sets a field (`typed_keys`).
    New,
    /// None: `new` takes arguments.
    None,
}

/// One field of a request.
#[derive(Clone, Debug)]
pub struct FieldPlan {
    /// The property (wire name, description, docs); for the body, one standing for it.
    pub prop: Property,
    pub kind: FieldKind,
    /// The field's Rust name, unique among the request's fields.
    pub rust_name: Ident,
    /// The field's type without the `Option` of an optional field.
    pub inner: TokenStream,
    /// The field's type.
    pub ty: TokenStream,
    pub required: bool,
    pub init: Init,
    /// The optional `typed_keys` parameter: documented as starting on.
    pub typed_keys: bool,
    /// The setter (an optional field's, or the whole properties body's); none for a required
    /// path part, query parameter or value body, which `new` takes.
    pub setter: Option<Ident>,
}

/// A request's body.
pub struct BodyPlan {
    /// Its Rust type as a path from the crate root (`crate::a::b::XRequestBody<T>`).
    pub path: TokenStream,
    /// Encoded as newline-delimited JSON (`application/x-ndjson`) rather than JSON.
    pub ndjson: bool,
    /// A struct of its own, or `None` for a value body.
    pub shape: Option<BodyStruct>,
}

/// The struct of a body that is a set of properties.
pub struct BodyStruct {
    pub name: Ident,
    /// Its properties, as the model has them.
    pub properties: Vec<Property>,
    /// Its fields, decided by the type space like those of any struct, with the field that
    /// keeps unknown members last.
    pub fields: Vec<Field>,
    /// The last field: the members this client doesn't know.
    pub extra: Ident,
    /// The request's setter for each body field but `extra`, in the same order.
    pub setters: Vec<Ident>,
}

/// One segment of a url.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentPlan {
    Literal(String),
    /// A path part: its wire name, its field, and for an optional part the local that holds
    /// its value once it is known to be set.
    Part {
        wire: String,
        field: Ident,
        local: Option<Ident>,
    },
}

/// One url of an endpoint, with the method sent on it.
#[derive(Clone, Debug)]
pub struct UrlPlan {
    pub segments: Vec<SegmentPlan>,
    pub method: Ident,
}

impl UrlPlan {
    /// The locals and fields of the optional path parts: the url is taken when they are set.
    pub fn optional_parts(&self) -> impl Iterator<Item = (&Ident, &Ident)> {
        self.segments.iter().filter_map(|s| match s {
            SegmentPlan::Part {
                field,
                local: Some(local),
                ..
            } => Some((local, field)),
            _ => None,
        })
    }
}

/// A query parameter that chooses the response's media type, and so the `Accept` header.
#[derive(Clone, Debug)]
pub struct FormatPlan {
    pub wire: String,
    pub field: Ident,
    pub required: bool,
    /// `(parameter value, media type)`.
    pub values: Vec<(String, String)>,
}

/// The request type and its translation into an HTTP request.
pub struct RequestPlan {
    pub name: TypeName,
    pub path: RustPath,
    pub generics: Vec<TypeName>,
    /// Path parts, then query parameters (the request's own, then those of the behaviors it
    /// attaches), then the body.
    pub fields: Vec<FieldPlan>,
    pub body: Option<BodyPlan>,
    pub default: DefaultPlan,
    /// The urls with optional parts, tried in order (more parts first).
    pub conditional_urls: Vec<UrlPlan>,
    /// The url whose parts are all required, taken when no other is; without one, a request
    /// that sets none of the others is an error.
    pub unconditional_url: Option<UrlPlan>,
    /// The `Accept` header when no format parameter says otherwise.
    pub accept: String,
    pub format: Option<FormatPlan>,
    /// A 404 is an answer (an existence check), not an error.
    pub accepts_404: bool,
}

impl RequestPlan {
    /// The fields `new` takes, in order.
    pub fn arguments(&self) -> impl Iterator<Item = &FieldPlan> {
        self.fields.iter().filter(|f| f.init == Init::Argument)
    }

    /// Whether `new` turns `typed_keys` on.
    pub fn typed_keys_on(&self) -> bool {
        self.fields.iter().any(|f| f.init == Init::On)
    }

    /// The body field, last of the fields.
    pub fn body_field(&self) -> Option<&FieldPlan> {
        self.fields.last().filter(|f| f.kind == FieldKind::Body)
    }
}

/// What the response type is.
pub enum ResponseShape {
    /// A struct of the body's properties (inherited ones included).
    Struct {
        properties: Vec<Property>,
        fields: Vec<Field>,
    },
    /// An alias of the body's type.
    Value(TokenStream),
    /// `bool`: whether it exists.
    Exists,
    /// `()`: no body.
    Empty,
}

/// How the call turns the HTTP response into the response type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Decode {
    /// `status != 404`.
    Exists,
    /// Nothing to decode.
    Empty,
    /// The raw bytes.
    Bytes,
    /// The text.
    Text,
    /// JSON.
    Json,
}

/// The response type.
pub struct ResponsePlan {
    pub path: RustPath,
    pub generics: Vec<TypeName>,
    pub shape: ResponseShape,
    pub decode: Decode,
}

/// The async function that sends the request.
pub struct CallPlan {
    pub function: Ident,
    /// The namespace handle it is a method of; `None`: a method of `Client`.
    pub handle: Option<Handle>,
    /// The type parameters of the request, then those of the response it doesn't have.
    pub generics: Vec<Ident>,
    pub request_type: TokenStream,
    pub response_type: TokenStream,
}

/// The name of the query parameter that starts on in `new` (when optional).
pub const TYPED_KEYS: &str = "typed_keys";

/// Methods of every request besides its setters.
const REQUEST_METHODS: &[&str] = &["new", "to_http", "extra_field"];

impl<'m> TypeSpace<'_, 'm> {
    /// The plan of one endpoint. The types of the request are mapped first (its body, then its
    /// other fields), then those of the response.
    pub fn operation_plan(
        &mut self,
        endpoint: &'m Endpoint,
    ) -> Result<OperationPlan<'m>, EmitError> {
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
        let exists = is_existence_check(endpoint, response);
        let request_plan = self.request_plan(endpoint, request, exists)?;
        let response_plan = self.response_plan(endpoint, response, exists)?;
        let call = self.call_plan(endpoint, request, response)?;
        Ok(OperationPlan {
            endpoint,
            request: request_plan,
            response: response_plan,
            call,
        })
    }

    fn request_plan(
        &mut self,
        endpoint: &Endpoint,
        request: &Request,
        exists: bool,
    ) -> Result<RequestPlan, EmitError> {
        let path = self.path(&request.name)?.clone();
        let ctx = Ctx {
            owner: &request.name,
            generics: &request.generics,
            hint: path.name.clone(),
            module: &path.module,
        };
        let params = super::types::generic_params(&request.generics);

        // The body first: its types are mapped before the other fields'.
        let mut body_struct_defaults = false;
        let body: Option<(BodyPlan, Property, TokenStream)> = match &request.body {
            Body::NoBody => None,
            Body::Properties { properties } => {
                let body_path =
                    self.names.body(&request.name).cloned().ok_or_else(|| {
                        EmitError::Invalid(format!("{}: no body name", request.name))
                    })?;
                let body_ctx = Ctx {
                    hint: body_path.name.clone(),
                    ..ctx.clone()
                };
                let mut fields = self.fields(properties, &body_ctx)?;
                let extra = extra_fields_name(&fields);
                fields.push(extra_fields_field(&extra));
                body_struct_defaults = properties.iter().all(|p| !p.required);
                let name = format_ident!("{}", body_path.name);
                let module = body_path.module.iter().map(|m| ident(m));
                let mut prop = Property::new("body", ValueOf::UserDefinedValue, true);
                prop.description = Some("The request body.".to_string());
                let plan = BodyPlan {
                    path: quote!(crate #(:: #module)* :: #name #params),
                    ndjson: false,
                    shape: Some(BodyStruct {
                        name: name.clone(),
                        properties: properties.clone(),
                        fields,
                        extra,
                        setters: Vec::new(),
                    }),
                };
                Some((plan, prop, quote!(#name #params)))
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
                let plan = BodyPlan {
                    path: ty.clone(),
                    ndjson: false,
                    shape: None,
                };
                Some((plan, prop, ty))
            }
        };

        // Path parts, query parameters and the body share one namespace of field names.
        let mut declared: Vec<(Property, FieldKind)> = request
            .path
            .iter()
            .map(|p| (p.clone(), FieldKind::Path))
            .chain(request.query.iter().map(|p| (p.clone(), FieldKind::Query)))
            .collect();
        let mut owners: Vec<&TypeName> = vec![&request.name; declared.len()];
        for behavior in &request.attached_behaviors {
            let Some(interface) = self.behavior(behavior) else {
                continue;
            };
            for prop in &interface.properties {
                if declared.iter().all(|(p, _)| p.name != prop.name) {
                    declared.push((prop.clone(), FieldKind::Query));
                    owners.push(&interface.name);
                }
            }
        }
        let body_ty = body.as_ref().map(|(_, prop, ty)| {
            declared.push((prop.clone(), FieldKind::Body));
            owners.push(&request.name);
            ty.clone()
        });
        let names = field_names(
            declared
                .iter()
                .map(|(p, _)| (p.name.as_str(), p.codegen_name.as_deref())),
        );
        let last = declared.len().saturating_sub(1);
        let mut fields = Vec::with_capacity(declared.len());
        let mut format = None;
        for (i, ((prop, kind), rust_name)) in declared.into_iter().zip(&names).enumerate() {
            let inner = match (&body_ty, kind) {
                (Some(ty), FieldKind::Body) => ty.clone(),
                _ => {
                    let prop_ctx = Ctx {
                        hint: format!("{}{}", path.name, super::names::camel(&prop.name)),
                        ..ctx.clone()
                    };
                    self.rust_type(&prop.type_, &prop_ctx)?
                }
            };
            let ty = if prop.required {
                inner.clone()
            } else {
                quote!(::std::option::Option<#inner>)
            };
            let typed_keys = kind != FieldKind::Body && prop.name == TYPED_KEYS && !prop.required;
            // `new` takes what's required; a properties body whose fields are all optional
            // starts from its default.
            let defaulted_body = body_struct_defaults && kind == FieldKind::Body && i == last;
            let init = if prop.required && !defaulted_body {
                Init::Argument
            } else if typed_keys && kind == FieldKind::Query {
                Init::On
            } else {
                Init::Unset
            };
            let rust_name = ident(rust_name);
            if kind == FieldKind::Query && self.formats.selects_format(owners[i], &prop.name) {
                format = Some(FormatPlan {
                    wire: prop.name.clone(),
                    field: rust_name.clone(),
                    required: prop.required,
                    values: self.formats.values.clone(),
                });
            }
            fields.push(FieldPlan {
                required: prop.required,
                prop,
                kind,
                rust_name,
                inner,
                ty,
                init,
                typed_keys,
                setter: None,
            });
        }

        let all_defaults = fields.iter().all(|f| f.init != Init::Argument);
        let defaultable = all_defaults && fields.iter().all(|f| f.init != Init::On);
        let default = match (defaultable, request.generics.is_empty(), all_defaults) {
            (true, true, _) => DefaultPlan::Derive,
            (true, false, _) => DefaultPlan::Fields,
            (false, _, true) => DefaultPlan::New,
            (false, _, false) => DefaultPlan::None,
        };

        let mut body = body.map(|(plan, _, _)| plan);
        if let Some(body) = &mut body {
            body.ndjson = endpoint
                .request_media_type
                .iter()
                .any(|m| m == "application/x-ndjson");
        }
        name_setters(&mut fields, body.as_mut().and_then(|b| b.shape.as_mut()));
        let (conditional_urls, unconditional_url) = url_plans(endpoint, &fields, body.is_some())?;
        Ok(RequestPlan {
            name: request.name.clone(),
            path,
            generics: request.generics.clone(),
            fields,
            body,
            default,
            conditional_urls,
            unconditional_url,
            accept: accept(endpoint),
            format,
            accepts_404: exists,
        })
    }

    fn response_plan(
        &mut self,
        endpoint: &Endpoint,
        response: &Response,
        exists: bool,
    ) -> Result<ResponsePlan, EmitError> {
        let path = self.path(&response.name)?.clone();
        let ctx = Ctx {
            owner: &response.name,
            generics: &response.generics,
            hint: path.name.clone(),
            module: &path.module,
        };
        let shape = match &response.body {
            Body::Properties { properties } => {
                // A response that extends a class (older branches) has its properties too.
                let properties = self.with_inherited(response.inherits.as_ref(), properties);
                let fields = self.fields(&properties, &ctx)?;
                ResponseShape::Struct { properties, fields }
            }
            Body::Value { value, .. } => ResponseShape::Value(self.rust_type(value, &ctx)?),
            Body::NoBody if exists => ResponseShape::Exists,
            Body::NoBody => ResponseShape::Empty,
        };
        let decode = match &response.body {
            Body::NoBody if exists => Decode::Exists,
            Body::NoBody => Decode::Empty,
            Body::Value {
                value: ValueOf::InstanceOf(i),
                ..
            } if i.type_name.is_builtin("binary") || i.type_name.name == "MapboxVectorTiles" => {
                Decode::Bytes
            }
            Body::Value { value, .. }
                if endpoint
                    .response_media_type
                    .iter()
                    .all(|m| m == "text/plain")
                    && self.is_string(value) =>
            {
                Decode::Text
            }
            _ => Decode::Json,
        };
        Ok(ResponsePlan {
            path,
            generics: response.generics.clone(),
            shape,
            decode,
        })
    }

    fn call_plan(
        &self,
        endpoint: &Endpoint,
        request: &Request,
        response: &Response,
    ) -> Result<CallPlan, EmitError> {
        let mut generics: Vec<Ident> = request
            .generics
            .iter()
            .map(|g| super::names::type_param(&g.name))
            .collect();
        for g in &response.generics {
            let id = super::names::type_param(&g.name);
            if !generics.contains(&id) {
                generics.push(id);
            }
        }
        let handle = match endpoint.name.split_once('.') {
            Some((namespace, _)) => {
                Some(self.names.handle(namespace).cloned().ok_or_else(|| {
                    EmitError::Invalid(format!(
                        "endpoint `{}`: the namespace `{namespace}` has no handle",
                        endpoint.name
                    ))
                })?)
            }
            None => None,
        };
        Ok(CallPlan {
            function: function_name(&endpoint.name),
            handle,
            generics,
            request_type: self.path_tokens(&request.name)?,
            response_type: self.path_tokens(&response.name)?,
        })
    }
}

/// A HEAD-only endpoint without a response body asks whether something exists: it answers
/// 200 or 404, and the client returns `true` or `false`.
fn is_existence_check(endpoint: &Endpoint, response: &Response) -> bool {
    matches!(response.body, Body::NoBody)
        && !endpoint.urls.is_empty()
        && endpoint.urls.iter().all(|u| u.methods == ["HEAD"])
}

/// The name of the field of a properties body that keeps the members this client doesn't
/// know: `extra_fields`, unless a body field has it.
fn extra_fields_name(fields: &[Field]) -> Ident {
    let taken: Vec<String> = fields
        .iter()
        .map(|f| f.ident.to_string().trim_start_matches("r#").to_string())
        .collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    ident(&Scope::with_reserved(&taken).claim("extra_fields".to_string()))
}

/// The field of a properties body that keeps the members this client doesn't know.
fn extra_fields_field(name: &Ident) -> Field {
    let ty = quote!(::indexmap::IndexMap<::std::string::String, ::serde_json::Value>);
    Field {
        doc: quote! {
            /// Members this client doesn't know: read from JSON and sent as they are.
        },
        wire: WireForm::Flatten { skip_empty: true },
        ident: name.clone(),
        ty: ty.clone(),
        inner: ty,
        required: false,
        secret: false,
    }
}

/// Names the setters of a request: one per optional path part, query parameter and value
/// body, named like the field (by `names::setter_name`); for a properties body, one for the
/// whole body and one per body field (named the same way, or `body_<name>` where a path part
/// or query parameter has the name).
fn name_setters(fields: &mut [FieldPlan], body: Option<&mut BodyStruct>) {
    let plain = |id: &Ident| id.to_string().trim_start_matches("r#").to_string();
    let mut scope = Scope::with_reserved(REQUEST_METHODS);
    // A name claimed twice (a body field named like a query parameter) takes the fallback.
    let mut claim = |wanted: &str, fallback: String| -> Ident {
        let name = setter_name(wanted, REQUEST_METHODS).to_string();
        let name = name.trim_start_matches("r#").to_string();
        if scope.is_taken(&name) {
            return ident(&scope.claim(fallback));
        }
        ident(&scope.claim(name))
    };
    let has_struct = body.is_some();
    for field in fields.iter_mut() {
        let wanted = plain(&field.rust_name);
        if has_struct && field.kind == FieldKind::Body {
            field.setter = Some(claim(&wanted, "with_body".to_string()));
        } else if !field.required {
            field.setter = Some(claim(&wanted, format!("with_{wanted}")));
        }
    }
    if let Some(body) = body {
        let extra = body.extra.clone();
        body.setters = body
            .fields
            .iter()
            .filter(|f| f.ident != extra)
            .map(|f| {
                let wanted = plain(&f.ident);
                claim(&wanted, format!("body_{wanted}"))
            })
            .collect();
    }
}

/// The urls of an endpoint as `to_http` tries them: more path parts first, one per set of
/// parts; the first whose parts are all required ends the list.
fn url_plans(
    endpoint: &Endpoint,
    fields: &[FieldPlan],
    has_body: bool,
) -> Result<(Vec<UrlPlan>, Option<UrlPlan>), EmitError> {
    let part = |param: &str| {
        fields
            .iter()
            .find(|f| f.kind == FieldKind::Path && f.prop.name == param)
    };
    let mut urls: Vec<&UrlTemplate> = endpoint.urls.iter().collect();
    urls.sort_by_key(|u| {
        std::cmp::Reverse(
            segments(&u.path)
                .iter()
                .filter(|s| matches!(s, Segment::Param(_)))
                .count(),
        )
    });
    let mut conditional = Vec::new();
    let mut seen: Vec<Vec<&str>> = Vec::new();
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
        seen.push(param_names);
        let mut segments = Vec::with_capacity(segs.len());
        for seg in &segs {
            segments.push(match seg {
                Segment::Literal(text) => SegmentPlan::Literal(text.to_string()),
                Segment::Param(param) => {
                    let Some(field) = part(param) else {
                        return Err(EmitError::Invalid(format!(
                            "endpoint {}: url {} names `{param}`, which is not a path part",
                            endpoint.name, url.path
                        )));
                    };
                    SegmentPlan::Part {
                        wire: param.to_string(),
                        field: field.rust_name.clone(),
                        local: (!field.required).then(|| format_ident!("part_{}", snake(param))),
                    }
                }
            });
        }
        let plan = UrlPlan {
            segments,
            method: format_ident!("{}", choose_method(url, has_body)),
        };
        if plan.optional_parts().next().is_none() {
            return Ok((conditional, Some(plan)));
        }
        conditional.push(plan);
    }
    Ok((conditional, None))
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

/// The `Accept` header: JSON when the endpoint answers with it, else its first media type.
fn accept(endpoint: &Endpoint) -> String {
    endpoint
        .response_media_type
        .iter()
        .find(|m| m.as_str() == "application/json")
        .or_else(|| endpoint.response_media_type.first())
        .cloned()
        .unwrap_or_else(|| "application/json".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::typespace::TypeIndex;
    use crate::model::Model;

    fn prop(name: &str, required: bool, ty: (&str, &str)) -> serde_json::Value {
        serde_json::json!({"name": name, "required": required,
            "type": {"kind": "instance_of", "type": {"namespace": ty.0, "name": ty.1}}})
    }

    const STRING: (&str, &str) = ("_builtins", "string");
    const BOOLEAN: (&str, &str) = ("_builtins", "boolean");

    /// `things.put`: path parts (one optional), query parameters (`typed_keys`, a keyword, one
    /// named like a body field), a behavior, a properties body; `things.search`: a value body
    /// sent as ndjson, a binary response; `exists`: a HEAD-only check on the client itself.
    fn model() -> Model {
        let endpoint = |name: &str, ns: &str, urls: serde_json::Value, media: &[&str]| {
            serde_json::json!({"name": name, "description": "D.", "docUrl": null,
                "availability": {}, "requestBodyRequired": false, "requestMediaType": media,
                "request": {"namespace": ns, "name": "Request"},
                "response": {"namespace": ns, "name": "Response"}, "urls": urls})
        };
        let value = serde_json::json!({
            "endpoints": [
                endpoint("things.put", "things.put", serde_json::json!([
                    {"path": "/_things/{id}", "methods": ["PUT", "POST"]},
                    {"path": "/{index}/_things/{id}", "methods": ["POST", "PUT"]},
                    {"path": "/{index}/_things/{id}/_again", "methods": ["PUT"]}
                ]), &[]),
                endpoint("things.search", "things.search",
                    serde_json::json!([{"path": "/_search", "methods": ["GET", "POST"]}]),
                    &["application/x-ndjson"]),
                endpoint("exists", "_global.exists",
                    serde_json::json!([{"path": "/{index}", "methods": ["HEAD"]}]), &[]),
            ],
            "types": [
                {"kind": "request", "name": {"namespace": "things.put", "name": "Request"},
                 "attachedBehaviors": ["CommonQueryParameters"],
                 "path": [prop("index", false, STRING), prop("id", true, STRING)],
                 "query": [prop("refresh", false, BOOLEAN), prop("typed_keys", false, BOOLEAN),
                           prop("type", false, STRING), prop("name", false, STRING)],
                 "body": {"kind": "properties",
                          "properties": [prop("name", true, STRING), prop("count", false, ("_types", "integer"))]},
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "response", "name": {"namespace": "things.put", "name": "Response"},
                 "body": {"kind": "properties", "properties": [prop("ok", true, BOOLEAN)]},
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "interface", "name": {"namespace": "_spec_utils", "name": "CommonQueryParameters"},
                 "properties": [prop("pretty", false, BOOLEAN), prop("refresh", false, STRING)],
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "request", "name": {"namespace": "things.search", "name": "Request"},
                 "path": [], "query": [prop("typed_keys", false, BOOLEAN)],
                 "body": {"kind": "value", "codegenName": "query",
                          "value": {"kind": "instance_of", "type": {"namespace": "_builtins", "name": "string"}}},
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "response", "name": {"namespace": "things.search", "name": "Response"},
                 "body": {"kind": "value",
                          "value": {"kind": "instance_of", "type": {"namespace": "_builtins", "name": "binary"}}},
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "request", "name": {"namespace": "_global.exists", "name": "Request"},
                 "path": [prop("index", false, STRING)], "query": [], "body": {"kind": "no_body"},
                 "specLocation": "x.ts#L1-L2"},
                {"kind": "response", "name": {"namespace": "_global.exists", "name": "Response"},
                 "body": {"kind": "no_body"}, "specLocation": "x.ts#L1-L2"}
            ]
        });
        serde_json::from_value(value).expect("a valid model")
    }

    fn plan_of<'m>(model: &'m Model, endpoint: &str) -> Result<OperationPlan<'m>, EmitError> {
        let index = TypeIndex::new(model)?;
        let endpoint = model
            .endpoints
            .iter()
            .find(|e| e.name == endpoint)
            .expect("the endpoint is in the model");
        let (request, _) = endpoint.types().expect("it has types");
        let module = index.path(request)?.module.clone();
        let mut space = TypeSpace::new(&index, &module);
        space.operation_plan(endpoint)
    }

    fn text(tokens: &TokenStream) -> String {
        tokens.to_string()
    }

    fn names(idents: impl IntoIterator<Item = Ident>) -> Vec<String> {
        idents.into_iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn a_request_with_parts_parameters_a_behavior_and_a_properties_body() {
        let model = model();
        let plan = plan_of(&model, "things.put").unwrap();
        let request = &plan.request;
        assert_eq!(request.path.name, "PutRequest");
        assert_eq!(request.path.module, ["things", "put"]);
        let fields: Vec<(String, FieldKind, Init)> = request
            .fields
            .iter()
            .map(|f| (f.rust_name.to_string(), f.kind, f.init))
            .collect();
        use FieldKind::{Body, Path, Query};
        use Init::{Argument, On, Unset};
        assert_eq!(
            fields,
            [
                ("index".to_string(), Path, Unset),
                ("id".to_string(), Path, Argument),
                ("refresh".to_string(), Query, Unset),
                ("typed_keys".to_string(), Query, On),
                ("r#type".to_string(), Query, Unset),
                ("name".to_string(), Query, Unset),
                // The behavior's `pretty`; its `refresh` is the request's own.
                ("pretty".to_string(), Query, Unset),
                ("body".to_string(), Body, Argument),
            ]
        );
        assert_eq!(
            names(request.arguments().map(|f| f.rust_name.clone())),
            ["id", "body"]
        );
        assert!(request.typed_keys_on());
        assert_eq!(request.default, DefaultPlan::None);
        assert_eq!(
            text(&request.fields[2].ty),
            quote!(::std::option::Option<bool>).to_string()
        );
        assert_eq!(text(&request.fields[2].inner), quote!(bool).to_string());
        assert!(request.fields[3].typed_keys);
        assert_eq!(
            text(&request.fields[7].ty),
            quote!(PutRequestBody).to_string()
        );
        let setters: Vec<Option<String>> = request
            .fields
            .iter()
            .map(|f| f.setter.as_ref().map(Ident::to_string))
            .collect();
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            setters,
            [
                some("index"),
                None,
                some("refresh"),
                some("typed_keys"),
                some("r#type"),
                some("name"),
                some("pretty"),
                some("body"),
            ]
        );

        let body = request.body.as_ref().expect("a body");
        assert!(!body.ndjson);
        assert_eq!(
            text(&body.path),
            quote!(crate::things::put::PutRequestBody).to_string()
        );
        let body = body.shape.as_ref().expect("a struct");
        assert_eq!(body.name, "PutRequestBody");
        assert_eq!(
            names(body.fields.iter().map(|f| f.ident.clone())),
            ["name", "count", "extra_fields"]
        );
        assert_eq!(body.extra, "extra_fields");
        // The query parameter `name` has the setter `name`: the body's field takes `body_name`.
        assert_eq!(names(body.setters.clone()), ["body_name", "count"]);

        // More parts first; of two urls with the same parts the first listed is taken, and
        // the url of required parts only ends the chain.
        let [url] = request.conditional_urls.as_slice() else {
            panic!("one conditional url: {:?}", request.conditional_urls);
        };
        // With a body, the first of PUT and POST the url lists.
        assert_eq!(url.method, "POST");
        assert_eq!(
            url.segments,
            [
                SegmentPlan::Literal("/".to_string()),
                SegmentPlan::Part {
                    wire: "index".to_string(),
                    field: format_ident!("index"),
                    local: Some(format_ident!("part_index")),
                },
                SegmentPlan::Literal("/_things/".to_string()),
                SegmentPlan::Part {
                    wire: "id".to_string(),
                    field: format_ident!("id"),
                    local: None,
                },
            ]
        );
        let url = request.unconditional_url.as_ref().expect("a fallback url");
        assert_eq!(url.method, "PUT");
        assert_eq!(url.segments.len(), 2);
        assert_eq!(request.accept, "application/json");
        assert!(request.format.is_none());
        assert!(!request.accepts_404);

        assert_eq!(plan.response.path.name, "PutResponse");
        assert!(
            matches!(&plan.response.shape, ResponseShape::Struct { fields, .. } if fields.len() == 1)
        );
        assert_eq!(plan.response.decode, Decode::Json);
        assert_eq!(plan.call.function, "put");
        let handle = plan.call.handle.as_ref().expect("a namespace handle");
        assert_eq!(
            (
                handle.module.as_str(),
                handle.type_name.as_str(),
                handle.accessor.as_str()
            ),
            ("things", "Things", "things")
        );
        assert!(plan.call.generics.is_empty());
    }

    #[test]
    fn a_value_body_and_a_binary_response() {
        let model = model();
        let plan = plan_of(&model, "things.search").unwrap();
        let request = &plan.request;
        let fields: Vec<(String, FieldKind, Init, bool)> = request
            .fields
            .iter()
            .map(|f| (f.rust_name.to_string(), f.kind, f.init, f.required))
            .collect();
        assert_eq!(
            fields,
            [
                ("typed_keys".to_string(), FieldKind::Query, Init::On, false),
                // The body's `codegenName`; not required, so not an argument.
                ("query".to_string(), FieldKind::Body, Init::Unset, false),
            ]
        );
        // `new` takes nothing but turns typed_keys on: `Default` is `new()`.
        assert_eq!(request.default, DefaultPlan::New);
        let body = request.body.as_ref().expect("a body");
        assert!(body.shape.is_none());
        assert!(body.ndjson);
        assert_eq!(text(&body.path), quote!(::std::string::String).to_string());
        assert_eq!(
            text(&request.fields[1].ty),
            quote!(::std::option::Option<::std::string::String>).to_string()
        );
        assert_eq!(request.fields[1].setter.as_ref().unwrap(), "query");
        assert!(request.conditional_urls.is_empty());
        let url = request.unconditional_url.as_ref().expect("a url");
        assert_eq!(url.method, "POST");
        assert_eq!(url.segments, [SegmentPlan::Literal("/_search".to_string())]);
        assert_eq!(plan.response.decode, Decode::Bytes);
        assert!(matches!(plan.response.shape, ResponseShape::Value(_)));
        assert_eq!(plan.call.function, "search");
    }

    #[test]
    fn a_head_only_check_on_the_client() {
        let model = model();
        let plan = plan_of(&model, "exists").unwrap();
        let request = &plan.request;
        assert_eq!(request.path.name, "ExistsRequest");
        assert_eq!(request.default, DefaultPlan::Derive);
        assert!(request.body.is_none());
        assert!(request.accepts_404);
        // The only url has an optional part: a request without it is an error.
        assert_eq!(request.conditional_urls.len(), 1);
        assert_eq!(request.conditional_urls[0].method, "HEAD");
        assert!(request.unconditional_url.is_none());
        assert!(matches!(plan.response.shape, ResponseShape::Exists));
        assert_eq!(plan.response.decode, Decode::Exists);
        assert!(plan.call.handle.is_none());
        assert_eq!(plan.call.function, "exists");
    }

    #[test]
    fn a_namespace_named_like_a_client_method_gets_another_accessor() {
        let mut model = model();
        model.endpoints[0].name = "new.put".to_string();
        let plan = plan_of(&model, "new.put").unwrap();
        let handle = plan.call.handle.as_ref().expect("a namespace handle");
        assert_eq!(
            (
                handle.module.as_str(),
                handle.type_name.as_str(),
                handle.accessor.as_str()
            ),
            ("new", "New", "new2")
        );
    }

    #[test]
    fn a_url_naming_no_path_part_is_an_error() {
        let mut model = model();
        model.endpoints[0].urls[0].path = "/_things/{nope}".to_string();
        let Err(EmitError::Invalid(message)) = plan_of(&model, "things.put") else {
            panic!("the url names no path part");
        };
        assert!(
            message.contains("`nope`, which is not a path part"),
            "{message}"
        );
    }
}
