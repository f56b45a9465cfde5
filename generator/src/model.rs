//! The intermediate model: plain data, in the same JSON shape as the official
//! specification compiler's `schema.json`, so the two can be compared key by key.
//!
//! `parse` builds it from the `.ts` files; `emit` reads it and nothing else.
//! Field order follows `schema.json` (`kind` first, the rest alphabetical), and every
//! optional field is skipped when absent, so serializing a model gives the same keys
//! the official compiler writes.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The whole API: every endpoint and every type they reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    #[serde(rename = "_info", default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Info>,
    pub endpoints: Vec<Endpoint>,
    pub types: Vec<TypeDefinition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Info {
    pub license: License,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct License {
    pub name: String,
    pub url: String,
}

/// A fully qualified type name: `{ "namespace": "_types", "name": "Id" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TypeName {
    pub name: String,
    pub namespace: String,
}

impl TypeName {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        TypeName {
            namespace: namespace.into(),
            name: name.into(),
        }
    }

    /// A built-in: `string`, `boolean`, `number`, `null`, `void`, `binary`.
    pub fn builtin(name: &str) -> Self {
        TypeName::new(BUILTINS_NAMESPACE, name)
    }

    pub fn is_builtin(&self, name: &str) -> bool {
        self.namespace == BUILTINS_NAMESPACE && self.name == name
    }
}

impl std::fmt::Display for TypeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}::{}", self.namespace, self.name)
    }
}

/// Namespace of the built-in types.
pub const BUILTINS_NAMESPACE: &str = "_builtins";

/// A type expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueOf {
    InstanceOf(InstanceOf),
    ArrayOf {
        value: Box<ValueOf>,
    },
    UnionOf {
        items: Vec<ValueOf>,
    },
    DictionaryOf {
        key: Box<ValueOf>,
        #[serde(rename = "singleKey")]
        single_key: bool,
        value: Box<ValueOf>,
    },
    UserDefinedValue,
    LiteralValue {
        value: Literal,
    },
}

impl ValueOf {
    pub fn instance(type_name: TypeName) -> Self {
        ValueOf::InstanceOf(InstanceOf {
            generics: Vec::new(),
            type_name,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceOf {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<ValueOf>,
    #[serde(rename = "type")]
    pub type_name: TypeName,
}

/// A literal type: `'term'`, `-1`, `true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Number(serde_json::Number),
    String(String),
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::String(s) => write!(f, "{s}"),
        }
    }
}

/// `@availability stack since=8.0.0 stability=beta` and its serverless twin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Availabilities {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<Availability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<Availability>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_flag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stability: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// `@deprecated 7.0.0 some text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deprecation {
    pub description: String,
    pub version: String,
}

/// A `@server_default` value, typed as the spec writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ServerDefault {
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    List(Vec<serde_json::Value>),
}

/// A property of a class, a request's path or query, or an inline body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availabilities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codegen_name: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub container_property: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es_quirk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_url: Option<String>,
    pub name: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_default: Option<ServerDefault>,
    #[serde(rename = "type")]
    pub type_: ValueOf,
}

impl Property {
    pub fn new(name: impl Into<String>, type_: ValueOf, required: bool) -> Self {
        Property {
            aliases: Vec::new(),
            availability: None,
            codegen_name: None,
            container_property: false,
            deprecation: None,
            description: None,
            doc_id: None,
            doc_url: None,
            es_quirk: None,
            ext_doc_id: None,
            ext_doc_url: None,
            name: name.into(),
            required,
            server_default: None,
            type_,
        }
    }
}

/// `extends Base<A, B>` or `implements Behavior<A, B>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inherits {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<ValueOf>,
    #[serde(rename = "type")]
    pub type_name: TypeName,
}

/// A behavior attached with `implements`, with its `@behavior_meta`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Behavior {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<ValueOf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<IndexMap<String, String>>,
    #[serde(rename = "type")]
    pub type_name: TypeName,
}

/// How the members of a tagged union are told apart on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Variants {
    /// `{"term": {...}}`: exactly one variant key, maybe beside container properties.
    Container {
        #[serde(
            rename = "nonExhaustive",
            default,
            skip_serializing_if = "std::ops::Not::not"
        )]
        non_exhaustive: bool,
    },
    /// A flat object whose `tag` property names the variant.
    InternalTag {
        #[serde(
            rename = "defaultTag",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        default_tag: Option<String>,
        #[serde(
            rename = "nonExhaustive",
            default,
            skip_serializing_if = "std::ops::Not::not"
        )]
        non_exhaustive: bool,
        tag: String,
    },
    /// `typed_keys`: the variant travels in the key, `"avg#my_agg"`.
    ExternalTag {
        #[serde(
            rename = "nonExhaustive",
            default,
            skip_serializing_if = "std::ops::Not::not"
        )]
        non_exhaustive: bool,
    },
    /// No discriminator: the value decides, the untyped variant catches the rest.
    Untagged {
        #[serde(
            rename = "nonExhaustive",
            default,
            skip_serializing_if = "std::ops::Not::not"
        )]
        non_exhaustive: bool,
        #[serde(rename = "untypedVariant")]
        untyped_variant: TypeName,
    },
}

/// A request or response body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    Properties {
        properties: Vec<Property>,
    },
    Value {
        #[serde(
            rename = "codegenName",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        codegen_name: Option<String>,
        value: ValueOf,
    },
    NoBody,
}

/// A request or response example, from the `examples/` folder beside an endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availabilities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_request: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_code: Option<u16>,
    /// `summary: ~` in the YAML is kept as an explicit `null`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "explicit_null"
    )]
    pub summary: Option<Option<String>>,
    /// `request` or `response`, when the example file says so.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The example body as its file writes it (JSON text, or YAML turned into JSON text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// Keeps `"key": null` apart from an absent key: `None` is absent, `Some(None)` is null.
mod explicit_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, T: Serialize>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// A non-2xx answer that the API documents with its own body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseException {
    pub body: Body,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub status_codes: Vec<u16>,
}

/// Documentation fields shared by every type definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDocs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es_quirk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_url: Option<String>,
}

/// One named type of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDefinition {
    Interface(Interface),
    Request(Request),
    Response(Response),
    Enum(Enum),
    TypeAlias(TypeAlias),
}

impl TypeDefinition {
    pub fn name(&self) -> &TypeName {
        match self {
            TypeDefinition::Interface(t) => &t.name,
            TypeDefinition::Request(t) => &t.name,
            TypeDefinition::Response(t) => &t.name,
            TypeDefinition::Enum(t) => &t.name,
            TypeDefinition::TypeAlias(t) => &t.name,
        }
    }

    pub fn docs(&self) -> &TypeDocs {
        match self {
            TypeDefinition::Interface(t) => &t.docs,
            TypeDefinition::Request(t) => &t.docs,
            TypeDefinition::Response(t) => &t.docs,
            TypeDefinition::Enum(t) => &t.docs,
            TypeDefinition::TypeAlias(t) => &t.docs,
        }
    }

    pub fn spec_location(&self) -> &str {
        match self {
            TypeDefinition::Interface(t) => &t.spec_location,
            TypeDefinition::Request(t) => &t.spec_location,
            TypeDefinition::Response(t) => &t.spec_location,
            TypeDefinition::Enum(t) => &t.spec_location,
            TypeDefinition::TypeAlias(t) => &t.spec_location,
        }
    }
}

/// A class or interface: named properties, maybe generic, maybe inheriting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interface {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attached_behaviors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviors: Vec<Behavior>,
    #[serde(flatten)]
    pub docs: TypeDocs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<TypeName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherits: Option<Inherits>,
    pub name: TypeName,
    pub properties: Vec<Property>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut_property: Option<String>,
    pub spec_location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Variants>,
}

/// An endpoint's request: path parts, query parameters and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attached_behaviors: Vec<String>,
    pub body: Body,
    #[serde(flatten)]
    pub docs: TypeDocs,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<IndexMap<String, Example>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<TypeName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherits: Option<Inherits>,
    pub name: TypeName,
    pub path: Vec<Property>,
    pub query: Vec<Property>,
    pub spec_location: String,
}

/// An endpoint's response: its body and the documented exceptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    pub body: Body,
    #[serde(flatten)]
    pub docs: TypeDocs,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<IndexMap<String, Example>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<ResponseException>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<TypeName>,
    /// The class a response extends (`export class Response extends AcknowledgedResponseBase`,
    /// older branches); its properties are the body's too. Absent on the current branch,
    /// whose responses never extend anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherits: Option<Inherits>,
    pub name: TypeName,
    pub spec_location: String,
}

/// A string enum. `is_open` (`@non_exhaustive`) means the server may add members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enum {
    #[serde(flatten)]
    pub docs: TypeDocs,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_open: bool,
    pub members: Vec<EnumMember>,
    pub name: TypeName,
    pub spec_location: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumMember {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availabilities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codegen_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The wire value.
    pub name: String,
}

/// `type X<T> = ...`, maybe a tagged union (`variants`) with a code name per arm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeAlias {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codegen_names: Vec<String>,
    #[serde(flatten)]
    pub docs: TypeDocs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<TypeName>,
    pub name: TypeName,
    pub spec_location: String,
    #[serde(rename = "type")]
    pub type_: ValueOf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Variants>,
}

/// One REST endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub availability: Availabilities,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub codegen_exclude: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_tag: Option<String>,
    /// Always present in `schema.json`, `null` when the endpoint has no `@doc_id`.
    pub doc_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url_serverless: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_doc_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_previous_version_doc_url: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileges: Option<Privileges>,
    /// `null` for an endpoint that only a REST API spec file lists (no `.ts` request).
    pub request: Option<TypeName>,
    pub request_body_required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_media_type: Vec<String>,
    /// `null` when `request` is.
    pub response: Option<TypeName>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_media_type: Vec<String>,
    pub urls: Vec<UrlTemplate>,
    /// What the endpoint's REST API spec file (`_json_spec/*.json`) says of it, where the
    /// spec has one. Never serialized: the model keeps the official `schema.json` shape.
    /// Older official compilers took the endpoint's description and deprecation from that
    /// file rather than the request; conformance with their models maps ours with it (see
    /// [`crate::conformance::model_value`]).
    #[serde(skip)]
    pub rest_spec: Option<RestSpecDocs>,
}

/// The endpoint-level documentation of a REST API spec file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RestSpecDocs {
    /// `documentation.description` (empty when the file has none).
    pub description: String,
    /// The endpoint-level `deprecated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Privileges {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cluster: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub index: Vec<String>,
}

/// One url of an endpoint: `/_security/api_key/{ids}` with its methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrlTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation: Option<Deprecation>,
    pub methods: Vec<String>,
    pub path: String,
}

impl Endpoint {
    /// The request and response types; `None` for an endpoint that the spec only lists (a
    /// REST API spec file without a `.ts` request), which no client code is generated for.
    pub fn types(&self) -> Option<(&TypeName, &TypeName)> {
        Some((self.request.as_ref()?, self.response.as_ref()?))
    }
}

impl Model {
    /// Looks a type up by name (linear; callers that need many look-ups build an index).
    pub fn type_index(&self) -> std::collections::HashMap<&TypeName, &TypeDefinition> {
        self.types.iter().map(|t| (t.name(), t)).collect()
    }
}

impl TypeDefinition {
    /// Calls `f` with every type name this definition refers to.
    pub fn visit_names<'a>(&'a self, f: &mut impl FnMut(&'a TypeName)) {
        fn props<'a>(props: &'a [Property], f: &mut impl FnMut(&'a TypeName)) {
            for p in props {
                p.type_.visit_names(f);
            }
        }
        fn body<'a>(body: &'a Body, f: &mut impl FnMut(&'a TypeName)) {
            match body {
                Body::Properties { properties } => props(properties, f),
                Body::Value { value, .. } => value.visit_names(f),
                Body::NoBody => {}
            }
        }
        fn inherits<'a>(i: &'a Inherits, f: &mut impl FnMut(&'a TypeName)) {
            f(&i.type_name);
            i.generics.iter().for_each(|g| g.visit_names(f));
        }
        match self {
            TypeDefinition::Interface(i) => {
                props(&i.properties, f);
                if let Some(base) = &i.inherits {
                    inherits(base, f);
                }
                for b in &i.behaviors {
                    f(&b.type_name);
                    b.generics.iter().for_each(|g| g.visit_names(f));
                }
            }
            TypeDefinition::Request(r) => {
                props(&r.path, f);
                props(&r.query, f);
                body(&r.body, f);
                if let Some(base) = &r.inherits {
                    inherits(base, f);
                }
            }
            TypeDefinition::Response(r) => {
                body(&r.body, f);
                for e in &r.exceptions {
                    body(&e.body, f);
                }
                if let Some(base) = &r.inherits {
                    inherits(base, f);
                }
            }
            TypeDefinition::Enum(_) => {}
            TypeDefinition::TypeAlias(a) => {
                a.type_.visit_names(f);
                if let Some(Variants::Untagged {
                    untyped_variant, ..
                }) = &a.variants
                {
                    f(untyped_variant);
                }
            }
        }
    }
}

impl TypeDefinition {
    /// Calls `f` with every value expression in this definition, nested ones included.
    pub fn visit_values<'a>(&'a self, f: &mut impl FnMut(&'a ValueOf)) {
        fn props<'a>(props: &'a [Property], f: &mut impl FnMut(&'a ValueOf)) {
            props.iter().for_each(|p| p.type_.visit_values(f));
        }
        fn body<'a>(body: &'a Body, f: &mut impl FnMut(&'a ValueOf)) {
            match body {
                Body::Properties { properties } => props(properties, f),
                Body::Value { value, .. } => value.visit_values(f),
                Body::NoBody => {}
            }
        }
        let generics = |i: &'a Option<Inherits>, f: &mut dyn FnMut(&'a ValueOf)| {
            for g in i.iter().flat_map(|i| &i.generics) {
                g.visit_values(&mut |v| f(v));
            }
        };
        match self {
            TypeDefinition::Interface(i) => {
                props(&i.properties, f);
                generics(&i.inherits, f);
                for b in &i.behaviors {
                    b.generics.iter().for_each(|g| g.visit_values(f));
                }
            }
            TypeDefinition::Request(r) => {
                props(&r.path, f);
                props(&r.query, f);
                body(&r.body, f);
                generics(&r.inherits, f);
            }
            TypeDefinition::Response(r) => {
                body(&r.body, f);
                r.exceptions.iter().for_each(|e| body(&e.body, f));
                generics(&r.inherits, f);
            }
            TypeDefinition::Enum(_) => {}
            TypeDefinition::TypeAlias(a) => a.type_.visit_values(f),
        }
    }
}

impl ValueOf {
    /// Calls `f` with this expression and every expression nested in it.
    pub fn visit_values<'a>(&'a self, f: &mut impl FnMut(&'a ValueOf)) {
        f(self);
        match self {
            ValueOf::InstanceOf(i) => i.generics.iter().for_each(|g| g.visit_values(f)),
            ValueOf::ArrayOf { value } => value.visit_values(f),
            ValueOf::UnionOf { items } => items.iter().for_each(|v| v.visit_values(f)),
            ValueOf::DictionaryOf { key, value, .. } => {
                key.visit_values(f);
                value.visit_values(f);
            }
            ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => {}
        }
    }

    /// Calls `f` with every type name in this expression.
    pub fn visit_names<'a>(&'a self, f: &mut impl FnMut(&'a TypeName)) {
        match self {
            ValueOf::InstanceOf(i) => {
                f(&i.type_name);
                i.generics.iter().for_each(|g| g.visit_names(f));
            }
            ValueOf::ArrayOf { value } => value.visit_names(f),
            ValueOf::UnionOf { items } => items.iter().for_each(|v| v.visit_names(f)),
            ValueOf::DictionaryOf { key, value, .. } => {
                key.visit_names(f);
                value.visit_names(f);
            }
            ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => {}
        }
    }
}
