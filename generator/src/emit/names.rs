//! Rust names for everything the model names: one pass that turns namespaces into module
//! paths, spec type names into type identifiers, and property or member names into field and
//! variant identifiers, resolving keywords, leading digits and collisions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::model::{Model, TypeDefinition, TypeName};

/// Rust keywords that can't be used as plain identifiers (strict and reserved, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that can't even be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Maps every character that can't be in an ASCII Rust identifier, deterministically: a
/// letter or digit outside ASCII becomes `_u<hex>_` (`ü` -> `_u00fc_`, so that `ü` and `ä`
/// stay apart), anything else `_`.
fn ascii_word_chars(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("_u{:04x}_", c as u32));
        } else {
            out.push('_');
        }
    }
    out
}

/// Makes `name` a valid Rust identifier: raw for keywords, `_` appended where raw is not
/// allowed, a prefix for leading digits, other characters mapped as [`ascii_word_chars`].
pub fn ident(name: &str) -> Ident {
    let mut cleaned = ascii_word_chars(name);
    if cleaned.is_empty() || cleaned.bytes().all(|b| b == b'_') {
        cleaned = "value".to_string();
    }
    if cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        cleaned.insert(0, '_');
        if name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) || is_type_like(name) {
            cleaned.replace_range(0..1, "V");
        }
    }
    if NOT_RAW.contains(&cleaned.as_str()) {
        cleaned.push('_');
    }
    if KEYWORDS.contains(&cleaned.as_str()) {
        Ident::new_raw(&cleaned, Span::call_site())
    } else {
        Ident::new(&cleaned, Span::call_site())
    }
}

fn is_type_like(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
}

/// `snake_case` for a field or module: ASCII only, a leading digit prefixed with `_`,
/// `self`, `super` and `crate` suffixed with `_` (other keywords become raw in [`ident`]).
pub fn snake(name: &str) -> String {
    let mut s = ascii_word_chars(name).to_snake_case();
    if s.is_empty() {
        s = "value".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `UpperCamelCase` for a type or variant: ASCII only, a leading digit gets a `V` prefix,
/// `Self` becomes `SelfValue`.
pub fn camel(name: &str) -> String {
    let mut s = ascii_word_chars(name).to_upper_camel_case();
    if s.is_empty() {
        s = "Empty".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if s == "Self" {
        s.push_str("Value");
    }
    s
}

/// A generic type parameter: the spec's name when it is already an `UpperCamelCase` ASCII
/// identifier (`TDocument`), its [`camel`] form otherwise (`self` -> `SelfValue`).
pub fn type_param(name: &str) -> Ident {
    let plain = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self";
    let name = if plain { name.to_string() } else { camel(name) };
    Ident::new(&name, Span::call_site())
}

/// The scope of a module's type names: the crate root's `Client` and `Error` are taken.
fn module_scope() -> Scope {
    Scope::with_reserved(&["Client", "Error"])
}

/// Hands out unique names within one scope (a struct's fields, an enum's variants, a module's
/// types): the first claimant keeps the name, later ones get a numbered suffix.
#[derive(Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        (2..)
            .map(|n| format!("{wanted}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

/// Method names Rust's conventions give another meaning (clippy's `wrong_self_convention`):
/// a setter with such a name would read as a conversion or a predicate.
const CONVENTION_PREFIXES: &[&str] = &["as_", "from_", "into_", "is_", "to_"];

/// Methods of operator traits with a setter's shape (`fn add(self, x) -> Self`), which clippy
/// expects to be the trait's (`should_implement_trait`).
const OPERATOR_METHODS: &[&str] = &[
    "add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor",
];

/// Methods of traits every generated type implements or converts with (`Clone`, `PartialEq`,
/// `Debug`, `Hash`, serde's, `Into`): an inherent method of that name would shadow them.
const TRAIT_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "cmp",
    "partial_cmp",
    "serialize",
    "deserialize",
    "into",
    "try_into",
    "borrow",
    "type_id",
];

/// The builder setter for the field `field` (its plain name, without `r#`): the field's own
/// name (`.timeout(...)`, as `ClientBuilder`), or `with_<field>` when that name is one of the
/// type's `reserved` methods (`new`, `to_http`, ...), reads as another kind of method
/// ([`CONVENTION_PREFIXES`], a `_mut` suffix), is an operator method ([`OPERATOR_METHODS`]) or
/// would shadow a trait method ([`TRAIT_METHODS`]).
pub fn setter_name(field: &str, reserved: &[&str]) -> Ident {
    let clashes = reserved.contains(&field)
        || TRAIT_METHODS.contains(&field)
        || OPERATOR_METHODS.contains(&field)
        || CONVENTION_PREFIXES.iter().any(|p| field.starts_with(p))
        || field.ends_with("_mut");
    if clashes {
        ident(&format!("with_{field}"))
    } else {
        ident(field)
    }
}

/// Unique field names for a list of wire names, in order. `_source` and `source` both want
/// `source`: the one whose wire name has no leading underscore keeps it.
pub fn field_names<'a>(wire: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vec<String> {
    let items: Vec<(&str, Option<&str>)> = wire.into_iter().collect();
    let wanted: Vec<String> = items
        .iter()
        .map(|(name, codegen)| snake(codegen.unwrap_or(name)))
        .collect();
    let mut scope = Scope::default();
    let mut out = vec![String::new(); items.len()];
    // Plain names first, so `source` beats `_source` whatever their order.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].0.starts_with('_') && items[i].1.is_none());
    for i in order {
        let mut name = wanted[i].clone();
        if scope.is_taken(&name) && items[i].0.starts_with('_') {
            name = format!("{name}_field");
        }
        out[i] = scope.claim(name);
    }
    out
}

/// The module path of a namespace: `_global.search._types` -> `global::search::types`.
/// Each segment is also a file name and a cargo feature name: ASCII, never starting with a
/// digit, never `self`/`super`/`crate` (other keywords are written raw: `pub mod r#type;`).
pub fn module_path(namespace: &str) -> Vec<String> {
    namespace
        .split('.')
        .map(|segment| snake(segment.trim_start_matches('_')))
        .collect()
}

/// The function of an endpoint on the client or its namespace handle: the endpoint's last
/// segment (`security.create_api_key` -> `create_api_key`).
pub fn function_name(endpoint: &str) -> Ident {
    let api = endpoint.rsplit('.').next().unwrap_or(endpoint);
    ident(&snake(api))
}

/// The handle of a namespace's APIs, `client.security()`: the struct `crate::security::Security`
/// and the client's accessor method that returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle {
    /// The namespace, as the spec spells it (the first one, where two map to one module).
    pub namespace: String,
    /// The module the handle lives in (the namespace's top module).
    pub module: String,
    /// The handle struct.
    pub type_name: String,
    /// The method on `Client`, unique among the client's methods.
    pub accessor: String,
}

/// Where a named type lives in the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustPath {
    pub module: Vec<String>,
    pub name: String,
}

/// Assigns a Rust path to every type of the model before any code is produced, so that
/// references can be written in any order (typify's "ids before conversion").
pub struct NameTable {
    paths: HashMap<TypeName, RustPath>,
    /// The struct of each request whose body is a set of properties (`<Request>Body`).
    bodies: HashMap<TypeName, RustPath>,
    module_scopes: BTreeMap<Vec<String>, Scope>,
    /// The handle of each namespace that has generated endpoints, by its module.
    handles: HashMap<String, Handle>,
    /// The variant enum of each container that has properties beside its variant key.
    container_variants: HashMap<TypeName, RustPath>,
}

/// Whether a container interface, or one it inherits from, has a `@container_property`.
fn has_container_property(
    interface: &crate::model::Interface,
    index: &HashMap<&TypeName, &TypeDefinition>,
) -> bool {
    let mut current = Some(interface);
    // Inheritance cycles are rejected by the parser; the bound keeps this total anyway.
    for _ in 0..64 {
        let Some(i) = current else { break };
        if i.properties.iter().any(|p| p.container_property) {
            return true;
        }
        current = match i.inherits.as_ref().and_then(|p| index.get(&p.type_name)) {
            Some(TypeDefinition::Interface(parent)) => Some(parent),
            _ => None,
        };
    }
    false
}

impl NameTable {
    pub fn new(model: &Model) -> Self {
        let mut table = NameTable {
            paths: HashMap::new(),
            bodies: HashMap::new(),
            module_scopes: BTreeMap::new(),
            handles: HashMap::new(),
            container_variants: HashMap::new(),
        };
        // Sorted, so the same model always gives the same names.
        let mut names: Vec<(&TypeName, &TypeDefinition)> =
            model.types.iter().map(|t| (t.name(), t)).collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (name, def) in &names {
            let module = module_path(&name.namespace);
            let wanted = match def {
                TypeDefinition::Request(_) | TypeDefinition::Response(_) => {
                    let api = name.namespace.rsplit('.').next().unwrap_or(&name.namespace);
                    format!("{}{}", camel(api), name.name)
                }
                _ => camel(&name.name),
            };
            let rust = table.claim(&module, wanted);
            table
                .paths
                .insert((*name).clone(), RustPath { module, name: rust });
        }
        // Then the body structs, named after their request, so that a body has its name
        // before anything refers to it (a property whose type is a request: older branches).
        for (name, def) in &names {
            if let TypeDefinition::Request(request) = def
                && matches!(request.body, crate::model::Body::Properties { .. })
                && let Some(body) = table.claim_beside(name, "Body")
            {
                table.bodies.insert((*name).clone(), body);
            }
        }
        // Then the variant enums of containers with properties beside the variant key
        // (`FooVariant` inside the struct `Foo`).
        let index: HashMap<&TypeName, &TypeDefinition> = names.iter().copied().collect();
        for (name, def) in &names {
            if let TypeDefinition::Interface(interface) = def
                && matches!(
                    interface.variants,
                    Some(crate::model::Variants::Container { .. })
                )
                && has_container_property(interface, &index)
                && let Some(variant) = table.claim_beside(name, "Variant")
            {
                table.container_variants.insert((*name).clone(), variant);
            }
        }
        // The namespace handles, in the order of the endpoints that are generated (those
        // with request and response types, not `codegen_exclude`).
        let mut endpoints: Vec<&str> = model
            .endpoints
            .iter()
            .filter(|e| !e.codegen_exclude && e.types().is_some())
            .map(|e| e.name.as_str())
            .collect();
        endpoints.sort_unstable();
        let mut accessors = Scope::with_reserved(&["new", "builder", "execute"]);
        for endpoint in endpoints {
            if let Some((namespace, _)) = endpoint.split_once('.') {
                let module = snake(namespace);
                if let std::collections::hash_map::Entry::Vacant(entry) =
                    table.handles.entry(module.clone())
                {
                    entry.insert(Handle {
                        namespace: namespace.to_string(),
                        type_name: camel(namespace),
                        accessor: accessors.claim(module.clone()),
                        module,
                    });
                }
            }
        }
        table
    }

    /// The handle of a namespace's APIs; `None` for a namespace without generated endpoints.
    pub fn handle(&self, namespace: &str) -> Option<&Handle> {
        self.handles.get(&snake(namespace))
    }

    /// The path of the body struct of a request whose body is a set of properties.
    pub fn body(&self, request: &TypeName) -> Option<&RustPath> {
        self.bodies.get(request)
    }

    /// The path of the variant enum of a container with properties beside its variant key;
    /// `None` for a container whose only properties are its variants (the enum is the type).
    pub fn container_variant(&self, container: &TypeName) -> Option<&RustPath> {
        self.container_variants.get(container)
    }

    /// Claims a name for a type made for the named type `of`, in its module: its Rust name
    /// and `suffix` (`<Request>Body`, `<Container>Variant`).
    fn claim_beside(&mut self, of: &TypeName, suffix: &str) -> Option<RustPath> {
        let path = self.paths.get(of)?;
        let module = path.module.clone();
        let wanted = format!("{}{suffix}", path.name);
        let name = self.claim(&module, wanted);
        Some(RustPath { module, name })
    }

    fn claim(&mut self, module: &[String], wanted: String) -> String {
        self.module_scopes
            .entry(module.to_vec())
            .or_insert_with(module_scope)
            .claim(wanted)
    }

    /// The type names taken in `module` before its emission starts, from which it claims
    /// the names of the types it synthesizes.
    pub fn scope(&self, module: &[String]) -> Scope {
        self.module_scopes
            .get(module)
            .cloned()
            .unwrap_or_else(module_scope)
    }

    pub fn get(&self, name: &TypeName) -> Option<&RustPath> {
        self.paths.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_digits_and_symbols_become_valid_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("2d").to_string(), "_2d");
        assert_eq!(ident("routing.index").to_string(), "routing_index");
        assert_eq!(camel("2d"), "V2d");
        assert_eq!(camel("application/json"), "ApplicationJson");
        assert_eq!(camel("z-score"), "ZScore");
    }

    #[test]
    fn non_identifier_characters_and_path_keywords_are_mapped() {
        assert_eq!(ident("ünï").to_string(), "_u00fc_n_u00ef_");
        assert_eq!(snake("ünï"), "u00fc_n_u00ef");
        assert_eq!(camel("ü"), "U00fc");
        assert_ne!(camel("ü"), camel("ä"));
        assert_eq!(camel("$dollar"), "Dollar");
        assert_eq!(camel("x²"), "XU00b2");
        assert_eq!(snake("$"), "value");
        assert_eq!(camel("Self"), "SelfValue");
        assert_eq!(camel("self"), "SelfValue");
        for keyword in ["self", "super", "crate"] {
            assert_eq!(snake(keyword), format!("{keyword}_"));
            assert_eq!(ident(keyword).to_string(), format!("{keyword}_"));
        }
        assert_eq!(type_param("TDocument").to_string(), "TDocument");
        assert_eq!(type_param("self").to_string(), "SelfValue");
        assert_eq!(type_param("Self").to_string(), "SelfValue");
        assert_eq!(type_param("t$").to_string(), "T");
        assert_eq!(module_path("2d.ü.self"), ["_2d", "u00fc", "self_"]);
        // Every mapped name is a valid identifier (these would panic otherwise).
        for name in ["ü", "$", "x²", "a\u{202e}b", "", "2", "__", "r#x", "é-é"] {
            let _ = Ident::new(&snake(name), Span::call_site());
            let _ = Ident::new(&camel(name), Span::call_site());
            let _ = ident(name);
            let _ = type_param(name);
        }
    }

    #[test]
    fn setters_are_named_like_their_field_unless_that_name_means_something_else() {
        let reserved = ["new", "to_http"];
        assert_eq!(setter_name("timeout", &reserved).to_string(), "timeout");
        assert_eq!(setter_name("type", &reserved).to_string(), "r#type");
        assert_eq!(setter_name("new", &reserved).to_string(), "with_new");
        assert_eq!(
            setter_name("to_http", &reserved).to_string(),
            "with_to_http"
        );
        assert_eq!(
            setter_name("is_write_index", &reserved).to_string(),
            "with_is_write_index"
        );
        assert_eq!(setter_name("to", &reserved).to_string(), "to");
        assert_eq!(setter_name("add", &reserved).to_string(), "with_add");
        assert_eq!(setter_name("hash", &reserved).to_string(), "with_hash");
        assert_eq!(setter_name("with_x", &reserved).to_string(), "with_x");
    }

    #[test]
    fn underscore_names_yield_to_plain_ones() {
        let names = field_names([("_source", None), ("source", None), ("type", None)]);
        assert_eq!(names, ["source_field", "source", "type"]);
        let names = field_names([("a", None), ("A", None)]);
        assert_eq!(names, ["a", "a2"]);
        let names = field_names([("_slice", Some("route_slice"))]);
        assert_eq!(names, ["route_slice"]);
    }

    #[test]
    fn namespaces_become_module_paths() {
        assert_eq!(
            module_path("_global.search._types"),
            ["global", "search", "types"]
        );
        assert_eq!(
            module_path("security.create_api_key"),
            ["security", "create_api_key"]
        );
    }

    #[test]
    fn a_container_with_properties_beside_its_variants_gets_its_variant_enum_named_up_front() {
        let prop = |name: &str, container: bool| {
            serde_json::json!({"name": name, "required": false, "containerProperty": container,
                "type": {"kind": "instance_of", "type": {"namespace": "_builtins", "name": "string"}}})
        };
        let interface = |name: &str, props: serde_json::Value, extra: serde_json::Value| {
            let mut value = serde_json::json!({"kind": "interface",
                "name": {"namespace": "things", "name": name},
                "properties": props, "specLocation": "x.ts#L1-L2"});
            value
                .as_object_mut()
                .expect("an object")
                .extend(extra.as_object().expect("an object").clone());
            value
        };
        let container = serde_json::json!({"variants": {"kind": "container"}});
        let model: Model = serde_json::from_value(serde_json::json!({
            "endpoints": [],
            "types": [
                // A type already called like the variant enum would be.
                interface("OuterVariant", serde_json::json!([]), serde_json::json!({})),
                interface("Base", serde_json::json!([prop("meta", true)]), serde_json::json!({})),
                // Its container property is inherited.
                interface("Outer", serde_json::json!([prop("a", false), prop("b", false)]),
                    serde_json::json!({"variants": {"kind": "container"},
                        "inherits": {"type": {"namespace": "things", "name": "Base"}}})),
                // Only variants: the container is the enum itself.
                interface("Plain", serde_json::json!([prop("a", false)]), container),
            ]
        }))
        .expect("a valid model");
        let table = NameTable::new(&model);
        let outer = TypeName::new("things", "Outer");
        let variant = table
            .container_variant(&outer)
            .expect("Outer has a variant enum");
        assert_eq!(variant.module, ["things"]);
        assert_ne!(variant.name, "OuterVariant", "the name of an existing type");
        assert!(variant.name.starts_with("OuterVariant"), "{}", variant.name);
        assert_eq!(
            table.container_variant(&TypeName::new("things", "Plain")),
            None
        );
        assert_eq!(
            table.container_variant(&TypeName::new("things", "Base")),
            None
        );
    }
}
