//! Requests (`export interface Request`), responses (`export class Response`) and the
//! endpoints they describe: urls, path parts, query parameters, bodies, media types,
//! exceptions, and the request's endpoint-level tags.

use std::collections::HashSet;

use super::files::SourceFile;
use super::lower::{Errors, Lowerer, What, tag_error};
use super::resolve::{DeclId, Target};
use super::syntax::{DeclKind, LiteralSyntax, Member, TypeExpr};
use super::tag_values::comma_separated;
use super::tags::Docs;
use crate::model::{
    Body, Endpoint, Privileges, Property, Request, Response, ResponseException, TypeDocs, TypeName,
    UrlTemplate, ValueOf,
};

const REQUEST_TAGS: &[&str] = &[
    "availability",
    "behavior",
    "cluster_privileges",
    "codegen_exclude",
    "deprecated",
    "doc_id",
    "doc_tag",
    "ext_doc_id",
    "index_privileges",
    "rest_spec_name",
    // The older dialect's endpoint availability, one tag per field (7.x branches).
    "since",
    "stability",
    "visibility",
];

const REQUEST_MEMBERS: &[&str] = &[
    "urls",
    "path_parts",
    "query_parameters",
    "body",
    "request_media_type",
    "response_media_type",
];

impl Lowerer<'_> {
    /// A request and the endpoint it declares.
    pub fn request(&self, id: DeclId, errs: &mut Errors) -> Option<(Request, Endpoint)> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        let DeclKind::Interface { extends, members } = &decl.kind else {
            errs.push(file.error(
                decl.name_span,
                "a `Request` must be declared as an interface",
            ));
            return None;
        };
        let docs = Docs::parse(file, &decl.docs);
        self.single_block(file, &docs, errs);
        self.check_tags(file, &docs, REQUEST_TAGS, What("a request", None), errs);
        let n_errors = errs.len();

        let Some(name_tag) = docs.get("rest_spec_name") else {
            errs.push(file.error(
                decl.name_span,
                "a `Request` needs `@rest_spec_name <api name>` in its JSDoc",
            ));
            return None;
        };
        let api = name_tag.value.trim().to_string();
        let expected = file
            .namespace
            .strip_prefix("_global.")
            .unwrap_or(&file.namespace);
        if api != expected {
            errs.push(tag_error(
                file,
                name_tag,
                format!("`@rest_spec_name {api}` does not match the folder: expected `{expected}`"),
            ));
        }

        let mut seen = HashSet::new();
        let mut urls = Vec::new();
        let mut path = Vec::new();
        let mut query = Vec::new();
        let mut body_member: Option<&Member> = None;
        let mut request_media_type = Vec::new();
        let mut response_media_type = Vec::new();
        for m in members {
            if !REQUEST_MEMBERS.contains(&m.name.as_str()) {
                errs.push(file.error(
                    m.name_span,
                    format!(
                        "unknown request member `{}` (expected one of {})",
                        m.name,
                        REQUEST_MEMBERS.join(", ")
                    ),
                ));
                continue;
            }
            if !seen.insert(m.name.as_str()) {
                errs.push(file.error(
                    m.name_span,
                    format!("duplicate request member `{}`", m.name),
                ));
                continue;
            }
            match m.name.as_str() {
                "urls" => urls = self.urls(file, m, errs),
                "path_parts" => path = self.object_members(id, m, errs),
                "query_parameters" => query = self.object_members(id, m, errs),
                "body" => body_member = Some(m),
                "request_media_type" => request_media_type = self.media_types(id, &m.ty, errs),
                _ => response_media_type = self.media_types(id, &m.ty, errs),
            }
        }
        // The REST API spec file of the api, where the spec has one: the request's own
        // members and tags win over it.
        let json = self.json_spec.get(&api);
        if !seen.contains("urls") {
            match json {
                Some(j) => urls = j.urls.clone(),
                None => errs.push(file.error(
                    decl.name_span,
                    "a `Request` needs `urls: [{ path: '...', methods: [...] }]` \
                     (or a `_json_spec/<api>.json` file)",
                )),
            }
        }
        if let Some(j) = json {
            if !seen.contains("request_media_type") {
                request_media_type = j.content_type.clone();
            }
            if !seen.contains("response_media_type") {
                response_media_type = j.accept.clone();
            }
        }

        // Path parts must be url template parameters.
        let params: HashSet<&str> = urls
            .iter()
            .flat_map(|u: &UrlTemplate| template_params(&u.path))
            .collect();
        if let Some(m) = members.iter().find(|m| m.name == "path_parts")
            && let TypeExpr::Object(parts, _) = &m.ty
        {
            for part in parts {
                if !params.contains(part.name.as_str()) {
                    errs.push(file.error(
                        part.name_span,
                        format!(
                            "path part `{}` is not a parameter of any url of this endpoint",
                            part.name
                        ),
                    ));
                }
            }
        }

        let inherits = match extends.as_slice() {
            [] => None,
            [h] => self.inherits(id, h, errs),
            [_, second, ..] => {
                errs.push(file.error(second.span, "a request may extend only one type"));
                None
            }
        };

        let mut body = Body::NoBody;
        let mut body_required = false;
        if let Some(m) = body_member {
            let methods_allow_body = urls
                .iter()
                .flat_map(|u| u.methods.iter())
                .any(|m| matches!(m.as_str(), "POST" | "PUT" | "DELETE"));
            if !methods_allow_body {
                errs.push(file.error(
                    m.name_span,
                    "a body needs a url with method POST, PUT or DELETE",
                ));
            }
            body_required = !m.optional;
            let bdocs = Docs::parse(file, &m.docs);
            self.check_tags(
                file,
                &bdocs,
                &["codegen_name"],
                What("a request body", None),
                errs,
            );
            match &m.ty {
                TypeExpr::Object(..) => {
                    let props = self.object_members(id, m, errs);
                    body = Body::Properties { properties: props };
                }
                other => {
                    if let Some(value) = self.value_of(id, other, errs) {
                        if is_void(&value) {
                            errs.push(file.error(
                                other.span(),
                                "a request body cannot be `Void`: remove the `body` member",
                            ));
                        }
                        match bdocs.get("codegen_name") {
                            Some(t) => {
                                let name = self.non_empty(file, t, errs);
                                if let Some(n) = &name
                                    && path.iter().chain(&query).any(|p: &Property| {
                                        p.codegen_name.as_ref().unwrap_or(&p.name) == n
                                    })
                                {
                                    errs.push(tag_error(file, t, format!(
                                        "body `@codegen_name {n}` clashes with a path part or query parameter"
                                    )));
                                }
                                body = Body::Value {
                                    codegen_name: name,
                                    value,
                                };
                            }
                            None => errs.push(file.error(
                                m.name_span,
                                "a value body needs `/** @codegen_name <name> */`",
                            )),
                        }
                    }
                }
            }
        }
        if matches!(body, Body::NoBody)
            && let Some(parent) = &inherits
        {
            let marker = (parent.type_name.namespace == "_types"
                && parent.type_name.name == "RequestBase")
                || (parent.type_name.namespace == "cat._types"
                    && parent.type_name.name == "CatRequestBase");
            if !marker {
                body = Body::Properties {
                    properties: Vec::new(),
                };
            }
        }

        let description = docs.description();
        let deprecation = self.deprecation(file, &docs, errs);
        // Path parts and query parameters the `.ts` request does not describe take the REST
        // API spec file's descriptions; so does the request itself.
        if let Some(j) = json {
            for (props, described) in [
                (&mut path, &j.part_descriptions),
                (&mut query, &j.param_descriptions),
            ] {
                for p in props.iter_mut().filter(|p| p.description.is_none()) {
                    p.description = described.get(&p.name).cloned();
                }
            }
        }
        let request = Request {
            attached_behaviors: if self.has_heritage(id) {
                self.attached_behaviors(id)
            } else {
                Vec::new()
            },
            body,
            docs: TypeDocs {
                deprecation: deprecation.clone(),
                description: description
                    .clone()
                    .or_else(|| json.map(|j| j.description.clone())),
                ..TypeDocs::default()
            },
            examples: None,
            generics: self.generics(id),
            inherits,
            name: TypeName::new(file.namespace.clone(), "Request"),
            path,
            query,
            spec_location: self.spec_location(id),
        };

        let response = TypeName::new(file.namespace.clone(), "Response");
        if self.prog.find(&file.namespace, "Response").is_none() {
            errs.push(file.error(
                decl.name_span,
                format!(
                    "no `Response` declared in `{}` for this request",
                    file.dir()
                ),
            ));
        }

        let mut endpoint = Endpoint {
            availability: self
                .availabilities(file, &docs, json, errs)
                .unwrap_or_default(),
            codegen_exclude: docs.has("codegen_exclude"),
            deprecation,
            description: description
                .or_else(|| json.map(|j| j.description.clone()))
                .unwrap_or_default(),
            doc_id: None,
            doc_tag: docs.get("doc_tag").map(|t| t.value.trim().to_string()),
            doc_url: None,
            doc_url_serverless: None,
            ext_doc_description: None,
            ext_doc_id: None,
            ext_doc_url: None,
            ext_previous_version_doc_url: None,
            name: api,
            privileges: None,
            request: Some(TypeName::new(file.namespace.clone(), "Request")),
            request_body_required: json.map_or(body_required, |j| j.body_required),
            request_media_type,
            response: Some(response),
            response_media_type,
            urls,
            rest_spec: json.map(|j| j.docs()),
        };
        if let Some(t) = docs.get("doc_id")
            && let Some(id) = self.non_empty(file, t, errs)
        {
            match self.doc_ids.get(&id) {
                Some(e) => {
                    endpoint.doc_url = Some(e.url.clone());
                    endpoint.doc_url_serverless = e.serverless_url.clone();
                    endpoint.ext_previous_version_doc_url = e.previous_version_url.clone();
                }
                None => {
                    self.doc_url(file, t, &id, errs);
                }
            }
            endpoint.doc_id = Some(id);
        }
        if endpoint.doc_url.is_none() {
            endpoint.doc_url = json.and_then(|j| j.doc_url.clone());
        }
        if let Some(t) = docs.get("ext_doc_id")
            && let Some(id) = self.non_empty(file, t, errs)
        {
            match self.doc_ids.get(&id) {
                Some(e) => {
                    endpoint.ext_doc_url = Some(e.url.clone());
                    endpoint.ext_doc_description = e.description.clone();
                }
                None => {
                    self.doc_url(file, t, &id, errs);
                }
            }
            endpoint.ext_doc_id = Some(id);
        }
        let cluster = docs
            .get("cluster_privileges")
            .map(|t| comma_separated(&t.value));
        let index = docs
            .get("index_privileges")
            .map(|t| comma_separated(&t.value));
        if cluster.is_some() || index.is_some() {
            endpoint.privileges = Some(Privileges {
                cluster: cluster.unwrap_or_default(),
                index: index.unwrap_or_default(),
            });
        }
        (errs.len() == n_errors).then_some((request, endpoint))
    }

    /// The members of an inline object type, as properties.
    fn object_members(&self, id: DeclId, m: &Member, errs: &mut Errors) -> Vec<Property> {
        let file = self.prog.file(id);
        let TypeExpr::Object(members, span) = &m.ty else {
            errs.push(file.error(
                m.ty.span(),
                format!("`{}` must be an object type `{{ ... }}`", m.name),
            ));
            return Vec::new();
        };
        if members.is_empty() {
            errs.push(file.error(
                *span,
                format!("empty `{}`: remove the member instead", m.name),
            ));
        }
        self.check_unique_members(file, members, errs);
        let bdocs = Docs::parse(file, &m.docs);
        if m.name != "body" {
            // `@doc_url` on `path_parts` / `query_parameters` (older branches): checked, but
            // the model has no place for it.
            self.check_tags(
                file,
                &bdocs,
                &["doc_url"],
                What("member", Some(&m.name)),
                errs,
            );
            if let Some(t) = bdocs.get("doc_url") {
                let _ = self.url(file, t, errs);
            }
        }
        members
            .iter()
            .filter_map(|p| self.property(id, p, errs))
            .collect()
    }

    /// `urls: [{ path: '/x/{y}', methods: ['GET', 'POST'] }]`.
    fn urls(&self, file: &SourceFile, m: &Member, errs: &mut Errors) -> Vec<UrlTemplate> {
        let TypeExpr::Tuple(items, span) = &m.ty else {
            errs.push(file.error(
                m.ty.span(),
                "`urls` must be a tuple `[{ path: '...', methods: [...] }]`",
            ));
            return Vec::new();
        };
        if items.is_empty() {
            errs.push(file.error(*span, "`urls` needs at least one url"));
        }
        let mut out = Vec::new();
        for item in items {
            let TypeExpr::Object(fields, span) = item else {
                errs.push(file.error(
                    item.span(),
                    "a url must be `{ path: '...', methods: [...] }`",
                ));
                continue;
            };
            let mut path = None;
            let mut methods = None;
            let mut deprecation = None;
            for f in fields {
                match f.name.as_str() {
                    "path" => {
                        let docs = Docs::parse(file, &f.docs);
                        self.check_tags(
                            file,
                            &docs,
                            &["deprecated"],
                            What("a url path", None),
                            errs,
                        );
                        deprecation = self.deprecation(file, &docs, errs);
                        match &f.ty {
                            TypeExpr::Literal(LiteralSyntax::String(p), span) => {
                                if !p.starts_with('/') {
                                    errs.push(file.error(*span, "a url path must start with `/`"));
                                }
                                if p.len() > 1 && p.ends_with('/') {
                                    errs.push(
                                        file.error(*span, "a url path must not end with `/`"),
                                    );
                                }
                                path = Some(p.clone());
                            }
                            other => errs
                                .push(file.error(other.span(), "`path` must be a string literal")),
                        }
                    }
                    "methods" => match &f.ty {
                        TypeExpr::Tuple(ms, _) => {
                            let mut list = Vec::new();
                            for mm in ms {
                                match mm {
                                    TypeExpr::Literal(LiteralSyntax::String(s), span) => {
                                        if !matches!(
                                            s.as_str(),
                                            "GET" | "POST" | "PUT" | "DELETE" | "HEAD" | "PATCH"
                                        ) {
                                            errs.push(file.error(
                                                *span,
                                                format!("unknown HTTP method `{s}`"),
                                            ));
                                        }
                                        list.push(s.clone());
                                    }
                                    other => errs.push(file.error(
                                        other.span(),
                                        "a method must be a string literal like 'GET'",
                                    )),
                                }
                            }
                            methods = Some(list);
                        }
                        other => errs.push(file.error(
                            other.span(),
                            "`methods` must be a tuple like ['GET', 'POST']",
                        )),
                    },
                    _ => errs.push(file.error(
                        f.name_span,
                        format!(
                            "unknown url member `{}` (expected `path` and `methods`)",
                            f.name
                        ),
                    )),
                }
            }
            match (path, methods) {
                (Some(path), Some(methods)) => out.push(UrlTemplate {
                    deprecation,
                    methods,
                    path,
                }),
                _ => errs.push(file.error(*span, "a url needs both `path` and `methods`")),
            }
        }
        out
    }

    /// `MediaType.Json` or `MediaType.Ndjson | MediaType.Json`: the enum members' wire values.
    fn media_types(&self, id: DeclId, t: &TypeExpr, errs: &mut Errors) -> Vec<String> {
        let file = self.prog.file(id);
        let items: Vec<&TypeExpr> = match t {
            TypeExpr::Union(items, _) => items.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for item in items {
            let TypeExpr::Ref {
                qualifier: Some(q),
                name,
                args,
                span,
                ..
            } = item
            else {
                errs.push(file.error(
                    item.span(),
                    "a media type must be an enum member such as `MediaType.Json`",
                ));
                continue;
            };
            if !args.is_empty() {
                errs.push(file.error(*span, "a media type takes no type arguments"));
            }
            match self.prog.resolve(id, q) {
                Some(Target::Decl(e)) => match &self.prog.decl(e).kind {
                    DeclKind::Enum { members } => match members.iter().find(|m| &m.name == name) {
                        Some(m) => out.push(m.value.clone().unwrap_or_else(|| m.name.clone())),
                        None => errs
                            .push(file.error(*span, format!("enum `{q}` has no member `{name}`"))),
                    },
                    _ => errs.push(file.error(*span, format!("`{q}` is not an enum"))),
                },
                _ => errs.push(file.error(*span, format!("unknown type `{q}`"))),
            }
        }
        out
    }

    pub fn response(&self, id: DeclId, errs: &mut Errors) -> Option<Response> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        let DeclKind::Class {
            extends,
            implements,
            members,
            index_signature,
        } = &decl.kind
        else {
            errs.push(file.error(decl.name_span, "a `Response` must be declared as a class"));
            return None;
        };
        let n_errors = errs.len();
        if !implements.is_empty() || index_signature.is_some() {
            errs.push(file.error(
                decl.name_span,
                "a `Response` cannot implement anything or have an index signature",
            ));
        }
        // Older branches: `export class Response extends SomeResponseBase { ... }`.
        let inherits = extends.as_ref().and_then(|h| self.inherits(id, h, errs));
        // A response's own documentation is not part of the model.
        let docs = Docs::parse(file, &decl.docs);
        self.check_tags(
            file,
            &docs,
            &["doc_id", "doc_url", "ext_doc_id", "variants"],
            What("a response", None),
            errs,
        );
        if let Some(t) = docs.get("doc_url") {
            let _ = self.url(file, t, errs);
        }
        // `@variants container` on a response is checked, but the official model keeps the
        // body's properties and nothing of the tag.
        let _ = self.variants(id, &docs, false, errs);
        let mut out = Response {
            body: Body::NoBody,
            docs: TypeDocs::default(),
            examples: None,
            exceptions: Vec::new(),
            generics: self.generics(id),
            inherits,
            name: TypeName::new(file.namespace.clone(), "Response"),
            spec_location: self.spec_location(id),
        };
        let mut seen = HashSet::new();
        for m in members {
            if !seen.insert(m.name.as_str()) {
                errs.push(file.error(
                    m.name_span,
                    format!("duplicate response member `{}`", m.name),
                ));
                continue;
            }
            match m.name.as_str() {
                "body" => out.body = self.response_body(id, m, errs),
                "exceptions" => out.exceptions = self.exceptions(id, m, errs),
                _ => errs.push(file.error(
                    m.name_span,
                    format!(
                        "unknown response member `{}` (expected `body` or `exceptions`)",
                        m.name
                    ),
                )),
            }
        }
        // A response that extends a class and declares no body has the body of properties
        // it inherits, none of its own (as for requests).
        if out.inherits.is_some() && !seen.contains("body") {
            out.body = Body::Properties {
                properties: Vec::new(),
            };
        }
        (errs.len() == n_errors).then_some(out)
    }

    fn response_body(&self, id: DeclId, m: &Member, errs: &mut Errors) -> Body {
        let file = self.prog.file(id);
        let docs = Docs::parse(file, &m.docs);
        self.check_tags(
            file,
            &docs,
            &["codegen_name"],
            What("a response body", None),
            errs,
        );
        match &m.ty {
            TypeExpr::Object(members, _) => {
                self.check_unique_members(file, members, errs);
                Body::Properties {
                    properties: members
                        .iter()
                        .filter_map(|p| self.property(id, p, errs))
                        .collect(),
                }
            }
            // The official compiler reads a keyword body (`body: string`) as an object
            // with no properties.
            TypeExpr::Keyword(..) => Body::Properties {
                properties: Vec::new(),
            },
            other => match self.value_of(id, other, errs) {
                None => Body::NoBody,
                Some(v) if is_void(&v) => Body::NoBody,
                Some(value) => {
                    // Optional on responses: the official compiler asks for it on requests only.
                    let codegen_name = docs
                        .get("codegen_name")
                        .and_then(|t| self.non_empty(file, t, errs));
                    Body::Value {
                        codegen_name,
                        value,
                    }
                }
            },
        }
    }

    /// `exceptions: [{ statusCodes: [404]; body: X }]`.
    fn exceptions(&self, id: DeclId, m: &Member, errs: &mut Errors) -> Vec<ResponseException> {
        let file = self.prog.file(id);
        let TypeExpr::Tuple(items, _) = &m.ty else {
            errs.push(file.error(
                m.ty.span(),
                "`exceptions` must be a tuple `[{ statusCodes: [...]; body: ... }]`",
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let TypeExpr::Object(fields, span) = item else {
                errs.push(file.error(
                    item.span(),
                    "an exception must be `{ statusCodes: [...]; body: ... }`",
                ));
                continue;
            };
            let mut ex = ResponseException {
                body: Body::NoBody,
                description: None,
                status_codes: Vec::new(),
            };
            for f in fields {
                let docs = Docs::parse(file, &f.docs);
                if let Some(first) = docs.blocks.first() {
                    let d = first
                        .description
                        .clone()
                        .unwrap_or_default()
                        .replace('\r', "");
                    if !d.is_empty() {
                        ex.description = Some(d);
                    }
                }
                match f.name.as_str() {
                    "statusCodes" => match &f.ty {
                        TypeExpr::Tuple(codes, _) => {
                            for c in codes {
                                match c {
                                    TypeExpr::Literal(LiteralSyntax::Number(n), span) => {
                                        if n.fract() == 0.0 && (100.0..600.0).contains(n) {
                                            ex.status_codes.push(*n as u16);
                                        } else {
                                            errs.push(file.error(
                                                *span,
                                                format!("`{n}` is not an HTTP status code"),
                                            ));
                                        }
                                    }
                                    other => errs.push(file.error(
                                        other.span(),
                                        "a status code must be a number literal",
                                    )),
                                }
                            }
                        }
                        other => errs.push(
                            file.error(other.span(), "`statusCodes` must be a tuple like [404]"),
                        ),
                    },
                    "body" => ex.body = self.response_body(id, f, errs),
                    _ => errs.push(file.error(
                        f.name_span,
                        format!(
                            "unknown exception member `{}` (expected `statusCodes` and `body`)",
                            f.name
                        ),
                    )),
                }
            }
            if ex.status_codes.is_empty() {
                errs.push(file.error(*span, "an exception needs `statusCodes`"));
            }
            out.push(ex);
        }
        out
    }
}

fn is_void(v: &ValueOf) -> bool {
    matches!(v, ValueOf::InstanceOf(i) if i.type_name.name == "Void" || i.type_name.is_builtin("void"))
}

/// `{name}` parameters of a url template.
fn template_params(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(p, _)| p))
}
