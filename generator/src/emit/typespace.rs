//! The type space: every model type with its Rust path, which references must be boxed to
//! break cycles, and the mapping from a model type expression to a Rust type.
//!
//! An inline union that is neither `T | null` nor `T | T[]` becomes an enum of its own, named
//! after where it stands (`Ctx::hint`: the owner and the property) and claimed in the module
//! when the mapping first meets it; the same union at the same place gets the same enum.
//! That name is the one Rust name not decided before printing: the places are only known by
//! walking every type as [`super::types`] prints it, so the order of the claims is the
//! emission's (a module's types in name order, then its endpoints' plans, then the
//! synthesized enums, breadth first). A hint that is already taken gets a number
//! (`KeyedPercentiles2`, beside the alias `KeyedPercentiles`); two different unions wanting
//! one hint would be numbered in that order.

use std::collections::{BTreeSet, HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::EmitError;
use super::formats::FormatPolicy;
use super::names::{NameTable, RustPath, Scope, ident};
use crate::model::{
    Behavior, Interface, Model, Property, TypeDefinition, TypeName, ValueOf, Variants,
};

/// Numbers are aliases of `number` recognised by name (`_types/Numeric.ts`).
fn primitive(name: &TypeName) -> Option<TokenStream> {
    let ty = match (name.namespace.as_str(), name.name.as_str()) {
        ("_builtins", "string") => quote!(::std::string::String),
        ("_builtins", "boolean") => quote!(bool),
        ("_builtins", "number") => quote!(f64),
        ("_builtins", "null") | ("_builtins", "void") => quote!(()),
        ("_builtins", "binary") => quote!(::std::vec::Vec<u8>),
        ("_types", "integer") => quote!(i32),
        ("_types", "long") => quote!(i64),
        ("_types", "short") => quote!(i16),
        ("_types", "byte") => quote!(i8),
        ("_types", "uint") => quote!(u32),
        ("_types", "ulong") => quote!(u64),
        ("_types", "float") => quote!(f32),
        ("_types", "double") => quote!(f64),
        ("_spec_utils", "Void") => quote!(()),
        _ => return None,
    };
    Some(ty)
}

/// Whether the model type is mapped straight to a Rust primitive (and so not emitted).
pub fn is_primitive(name: &TypeName) -> bool {
    primitive(name).is_some()
}

/// Where a type expression stands, for boxing and for naming inline unions.
#[derive(Clone)]
pub struct Ctx<'a> {
    /// The named type whose definition is being emitted.
    pub owner: &'a TypeName,
    /// Generic parameters in scope.
    pub generics: &'a [TypeName],
    /// A name for a type synthesized from an inline union here (owner + property).
    pub hint: String,
    /// The module the synthesized type goes to.
    pub module: &'a [String],
}

/// A type emitted from an inline union, waiting to be written to its module.
pub struct Synthesized {
    pub name: String,
    pub generics: Vec<TypeName>,
    pub items: Vec<ValueOf>,
    pub owner: TypeName,
}

/// The named types whose items use a synthesized union: every owner that asked for its name,
/// and for a union synthesized while another was emitted, that one's users too (a split
/// client puts the union in a crate all of them can see).
#[derive(Default)]
pub struct SynthesizedUsers {
    direct: HashMap<String, BTreeSet<TypeName>>,
    parent: HashMap<String, String>,
}

impl SynthesizedUsers {
    /// The users of the union `name`.
    pub fn of(&self, name: &str) -> BTreeSet<TypeName> {
        let mut out = BTreeSet::new();
        let mut at = Some(name);
        let mut seen = HashSet::new();
        while let Some(current) = at.filter(|n| seen.insert(*n)) {
            out.extend(self.direct.get(current).into_iter().flatten().cloned());
            at = self.parent.get(current).map(String::as_str);
        }
        out
    }
}

/// What the emission of every module reads: each model type with its Rust path, which
/// references are boxed, the dictionary keys, the format policy. Built once; the modules are
/// emitted from it in parallel, each by its own [`TypeSpace`].
pub struct TypeIndex<'m> {
    index: HashMap<&'m TypeName, &'m TypeDefinition>,
    pub names: NameTable,
    /// Strongly connected component of each named type over "contains directly" edges.
    component: HashMap<TypeName, usize>,
    /// The named types used as a dictionary's key, which must be `Eq` and `Hash`.
    pub dictionary_keys: HashSet<TypeName>,
    /// Which query parameters choose the response's media type (policy, not spec).
    pub formats: FormatPolicy,
    /// The generated crate's name as a path root (`elasticsearch_typed`), for doc examples.
    pub crate_name: String,
    /// Whether builder methods are emitted ([`super::EmittedParts::builders`]).
    pub builders: bool,
}

/// The emission of one module: the shared [`TypeIndex`] (its methods and fields are reached
/// through `Deref`), and what the module hands out on the way. Every name claimed while a
/// module is emitted (an enum synthesized from an inline union) is a name in that module, so
/// modules don't depend on each other's emission.
pub struct TypeSpace<'s, 'm> {
    shared: &'s TypeIndex<'m>,
    /// The module being emitted.
    module: Vec<String>,
    /// The type names taken in that module.
    scope: Scope,
    /// Inline unions turned into named enums, in the order they were met, not yet emitted.
    synthesized: Vec<Synthesized>,
    synthesized_by_shape: HashMap<String, String>,
    /// Who uses each synthesized union.
    pub synthesized_users: SynthesizedUsers,
    /// The synthesized union being emitted, whose users the unions it synthesizes share.
    pub emitting_synthesized: Option<String>,
    /// The Rust type of each request's body, as emitted (`crate::...`), by request name.
    pub request_bodies: Vec<(TypeName, TokenStream)>,
}

impl<'m> std::ops::Deref for TypeSpace<'_, 'm> {
    type Target = TypeIndex<'m>;

    fn deref(&self) -> &TypeIndex<'m> {
        self.shared
    }
}

/// Every named type that is the key of a `Dictionary` somewhere in the model.
fn dictionary_keys(model: &Model) -> HashSet<TypeName> {
    let mut keys = HashSet::new();
    for t in &model.types {
        t.visit_values(&mut |v| {
            if let ValueOf::DictionaryOf { key, .. } = v
                && let ValueOf::InstanceOf(i) = key.as_ref()
            {
                keys.insert(i.type_name.clone());
            }
        });
    }
    keys
}

impl<'m> TypeIndex<'m> {
    pub fn new(model: &'m Model) -> Result<Self, EmitError> {
        let index: HashMap<&TypeName, &TypeDefinition> =
            model.types.iter().map(|t| (t.name(), t)).collect();
        let mut space = TypeIndex {
            index,
            names: NameTable::new(model),
            component: HashMap::new(),
            dictionary_keys: dictionary_keys(model),
            formats: FormatPolicy::checked_in()?,
            crate_name: "elasticsearch_typed".to_string(),
            builders: true,
        };
        space.check_format_policy()?;
        space.component = space.components();
        Ok(space)
    }

    /// Every `param` row of the format policy whose owner is in the model names one of its
    /// query parameters (a behavior's: one of its properties). Owners absent from the model
    /// are fine: a spec may hold only some namespaces.
    fn check_format_policy(&self) -> Result<(), EmitError> {
        for (owner, param) in &self.formats.params {
            let known = match self.get(owner) {
                None => continue,
                Some(TypeDefinition::Request(r)) => r.query.iter().any(|q| &q.name == param),
                Some(TypeDefinition::Interface(i)) => i.properties.iter().any(|p| &p.name == param),
                Some(_) => false,
            };
            if !known {
                return Err(EmitError::Invalid(format!(
                    "generator/policy/response_formats.tsv: {}::{} has no query parameter `{param}`",
                    owner.namespace, owner.name
                )));
            }
        }
        Ok(())
    }

    /// The behavior interface a request attaches by name (they live in `_spec_utils`).
    pub fn behavior(&self, name: &str) -> Option<&'m Interface> {
        match self.get(&TypeName::new("_spec_utils", name)) {
            Some(TypeDefinition::Interface(i)) => Some(i),
            _ => None,
        }
    }

    pub fn get(&self, name: &TypeName) -> Option<&'m TypeDefinition> {
        self.index.get(name).copied()
    }

    /// The members of an internally tagged union with every member that is an alias of a
    /// union (no generics, itself untagged) replaced by that union's members, recursively:
    /// `Property = CoreProperty | ...` with `CoreProperty = TextProperty | ...` lists
    /// `TextProperty`, each of which carries the tag. An alias met twice is kept as it is.
    pub fn flatten_tagged_members(&self, items: &[ValueOf]) -> Vec<ValueOf> {
        fn walk(
            space: &TypeIndex<'_>,
            items: &[ValueOf],
            seen: &mut Vec<TypeName>,
            out: &mut Vec<ValueOf>,
        ) {
            for item in items {
                if let ValueOf::InstanceOf(i) = item
                    && i.generics.is_empty()
                    && !seen.contains(&i.type_name)
                    && let Some(TypeDefinition::TypeAlias(a)) = space.get(&i.type_name)
                    && a.generics.is_empty()
                    && a.variants.is_none()
                    && let ValueOf::UnionOf { items: inner } = &a.type_
                {
                    seen.push(i.type_name.clone());
                    walk(space, inner, seen, out);
                    seen.pop();
                } else if !out.contains(item) {
                    out.push(item.clone());
                }
            }
        }
        let mut out = Vec::with_capacity(items.len());
        walk(self, items, &mut Vec::new(), &mut out);
        out
    }

    pub fn path(&self, name: &TypeName) -> Result<&RustPath, EmitError> {
        self.names
            .get(name)
            .ok_or_else(|| EmitError::UnknownType(name.clone()))
    }

    /// `crate::a::b::Name` for a named type.
    pub fn path_tokens(&self, name: &TypeName) -> Result<TokenStream, EmitError> {
        let path = self.path(name)?;
        let module = path.module.iter().map(|m| ident(m));
        let name = format_ident!("{}", path.name);
        Ok(quote!(crate #(:: #module)* :: #name))
    }

    /// Follows aliases to what a name finally stands for (stops at unions and generics).
    pub fn resolve_alias<'v>(&'v self, value: &'v ValueOf) -> &'v ValueOf {
        let mut current = value;
        for _ in 0..32 {
            let ValueOf::InstanceOf(instance) = current else {
                return current;
            };
            match self.get(&instance.type_name) {
                Some(TypeDefinition::TypeAlias(alias))
                    if alias.generics.is_empty()
                        && alias.variants.is_none()
                        && !matches!(alias.type_, ValueOf::UnionOf { .. }) =>
                {
                    current = &alias.type_;
                }
                _ => return current,
            }
        }
        current
    }

    /// Whether a value is a string once aliases are followed (for secret detection).
    pub fn is_string(&self, value: &ValueOf) -> bool {
        match self.resolve_alias(value) {
            ValueOf::InstanceOf(i) => i.type_name.is_builtin("string"),
            ValueOf::UnionOf { items } => {
                items.iter().any(|item| self.is_string(item)) && items.iter().all(|item| {
                    self.is_string(item)
                        || matches!(item, ValueOf::InstanceOf(i) if i.type_name.is_builtin("null"))
                })
            }
            _ => false,
        }
    }

    /// Whether `value` is a union of one type and `null`: that type.
    pub fn nullable_inner<'v>(&self, value: &'v ValueOf) -> Option<&'v ValueOf> {
        let ValueOf::UnionOf { items } = value else {
            return None;
        };
        let is_null =
            |v: &ValueOf| matches!(v, ValueOf::InstanceOf(i) if i.type_name.is_builtin("null"));
        if items.len() == 2 && items.iter().filter(|v| is_null(v)).count() == 1 {
            items.iter().find(|v| !is_null(v))
        } else {
            None
        }
    }

    /// Whether a named type is an externally tagged (typed_keys) union.
    pub fn is_externally_tagged(&self, name: &TypeName) -> bool {
        matches!(self.get(name), Some(TypeDefinition::TypeAlias(a))
            if matches!(a.variants, Some(Variants::ExternalTag { .. })))
    }

    /// `Dictionary<K, Aggregate>` (or of arrays of such) holds typed_keys entries.
    fn is_typed_keys_value(&self, value: &ValueOf) -> bool {
        match value {
            ValueOf::InstanceOf(i) => self.is_externally_tagged(&i.type_name),
            ValueOf::ArrayOf { value } => self.is_typed_keys_value(value),
            _ => false,
        }
    }

    /// A reference from `owner` to `target` closes a cycle without a heap indirection.
    pub fn needs_box(&self, owner: &TypeName, target: &TypeName) -> bool {
        match (self.component.get(owner), self.component.get(target)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// Tarjan's strongly connected components over direct containment (not through `Vec`,
    /// maps or typed-keys maps, which already allocate).
    fn components(&self) -> HashMap<TypeName, usize> {
        let mut names: Vec<&TypeName> = self.index.keys().copied().collect();
        names.sort();
        let position: HashMap<&TypeName, usize> =
            names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let edges: Vec<Vec<usize>> = names
            .iter()
            .map(|name| {
                let mut out = HashSet::new();
                if let Some(def) = self.get(name) {
                    for v in self.direct_values(def) {
                        collect_direct(v, &mut |target| {
                            if let Some(&i) = position.get(target) {
                                out.insert(i);
                            }
                        });
                    }
                }
                let mut out: Vec<usize> = out.into_iter().collect();
                out.sort_unstable();
                out
            })
            .collect();
        let sccs = tarjan(&edges);
        let mut component = HashMap::new();
        for (id, scc) in sccs.iter().enumerate() {
            let self_loop = scc.len() == 1 && edges[scc[0]].contains(&scc[0]);
            if scc.len() > 1 || self_loop {
                for &i in scc {
                    component.insert(names[i].clone(), id);
                }
            }
        }
        component
    }

    /// The type expressions a definition contains by value.
    fn direct_values(&self, def: &'m TypeDefinition) -> Vec<&'m ValueOf> {
        match def {
            TypeDefinition::Interface(i) => {
                let mut values: Vec<&ValueOf> = i.properties.iter().map(|p| &p.type_).collect();
                if let Some(base) = &i.inherits
                    && let Some(parent) = self.get(&base.type_name)
                {
                    values.extend(self.direct_values(parent));
                }
                values
            }
            TypeDefinition::TypeAlias(a) => vec![&a.type_],
            _ => Vec::new(),
        }
    }

    /// All properties of an interface, inherited ones first, generics substituted. (The
    /// model already lists the properties an `OverloadOf<T>` class takes from `T`.)
    pub fn all_properties(&self, interface: &Interface) -> Vec<Property> {
        self.with_inherited(interface.inherits.as_ref(), &interface.properties)
    }

    /// `own` after the properties of `base` and its bases, generics substituted: the
    /// properties of a class that extends `base` (an interface, or a response of an older
    /// branch).
    pub fn with_inherited(
        &self,
        base: Option<&crate::model::Inherits>,
        own: &[Property],
    ) -> Vec<Property> {
        let mut props = Vec::new();
        if let Some(base) = base
            && let Some(TypeDefinition::Interface(parent)) = self.get(&base.type_name)
        {
            let map: HashMap<&TypeName, &ValueOf> =
                parent.generics.iter().zip(base.generics.iter()).collect();
            props.extend(self.all_properties(parent).into_iter().map(|mut p| {
                p.type_ = substitute(&p.type_, &map);
                p
            }));
        }
        // An own property replaces an inherited one of the same name, in place. Positions by
        // name, so that a class of many properties is not a quadratic scan.
        let mut position: HashMap<String, usize> = props
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        for own in own {
            match position.get(&own.name) {
                Some(&i) => props[i] = own.clone(),
                None => {
                    position.insert(own.name.clone(), props.len());
                    props.push(own.clone());
                }
            }
        }
        props
    }

    /// The `AdditionalProperties`/`AdditionalProperty` behavior of an interface or its bases,
    /// with the bases' generic parameters substituted.
    pub fn additional_properties(&self, interface: &Interface) -> Option<Behavior> {
        if let Some(own) = interface.behaviors.iter().find(|b| {
            matches!(
                b.type_name.name.as_str(),
                "AdditionalProperties" | "AdditionalProperty"
            )
        }) {
            return Some(own.clone());
        }
        let base = interface.inherits.as_ref()?;
        let TypeDefinition::Interface(parent) = self.get(&base.type_name)? else {
            return None;
        };
        let mut behavior = self.additional_properties(parent)?;
        let map: HashMap<&TypeName, &ValueOf> =
            parent.generics.iter().zip(base.generics.iter()).collect();
        behavior.generics = behavior
            .generics
            .iter()
            .map(|g| substitute(g, &map))
            .collect();
        Some(behavior)
    }
}

impl<'s, 'm> TypeSpace<'s, 'm> {
    /// The emission of the module at `module`.
    pub fn new(shared: &'s TypeIndex<'m>, module: &[String]) -> Self {
        TypeSpace {
            shared,
            module: module.to_vec(),
            scope: shared.names.scope(module),
            synthesized: Vec::new(),
            synthesized_by_shape: HashMap::new(),
            synthesized_users: SynthesizedUsers::default(),
            emitting_synthesized: None,
            request_bodies: Vec::new(),
        }
    }

    /// The unions synthesized since the last call, to be emitted.
    pub fn take_synthesized(&mut self) -> Vec<Synthesized> {
        std::mem::take(&mut self.synthesized)
    }

    /// Reserves a fresh type name in `module`, which must be the module being emitted.
    pub fn claim(&mut self, module: &[String], wanted: String) -> Result<String, EmitError> {
        if module != self.module.as_slice() {
            return Err(EmitError::Invalid(format!(
                "the type `{wanted}` of module `{}` was named while `{}` was emitted",
                module.join("::"),
                self.module.join("::")
            )));
        }
        Ok(self.scope.claim(wanted))
    }

    /// The Rust type for a model type expression.
    pub fn rust_type(&mut self, value: &ValueOf, ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
        self.rust_type_at(value, ctx, true)
    }

    fn rust_type_at(
        &mut self,
        value: &ValueOf,
        ctx: &Ctx<'_>,
        direct: bool,
    ) -> Result<TokenStream, EmitError> {
        Ok(match value {
            ValueOf::InstanceOf(instance) => {
                let name = &instance.type_name;
                if ctx.generics.contains(name) {
                    let param = super::names::type_param(&name.name);
                    return Ok(quote!(#param));
                }
                if let Some(ty) = primitive(name) {
                    return Ok(ty);
                }
                let Some(def) = self.get(name) else {
                    return Err(EmitError::UnknownType(name.clone()));
                };
                if let TypeDefinition::Request(request) = def {
                    return self.request_as_value(request, instance, ctx);
                }
                let path = self.path_tokens(name)?;
                let generics = instance
                    .generics
                    .iter()
                    .map(|g| self.rust_type_at(g, ctx, false))
                    .collect::<Result<Vec<_>, _>>()?;
                let ty = if generics.is_empty() {
                    path
                } else {
                    quote!(#path<#(#generics),*>)
                };
                if direct && self.needs_box(ctx.owner, name) {
                    quote!(::std::boxed::Box<#ty>)
                } else {
                    ty
                }
            }
            ValueOf::ArrayOf { value } => {
                let inner = self.rust_type_at(value, ctx, false)?;
                quote!(::std::vec::Vec<#inner>)
            }
            ValueOf::DictionaryOf {
                key,
                value,
                single_key,
            } => {
                let k = self.rust_type_at(key, ctx, false)?;
                let v = self.rust_type_at(value, ctx, direct && *single_key)?;
                if *single_key {
                    quote!(crate::runtime::SingleKey<#k, #v>)
                } else if self.is_typed_keys_value(value) {
                    quote!(crate::runtime::TypedKeys<#v>)
                } else {
                    quote!(::indexmap::IndexMap<#k, #v>)
                }
            }
            ValueOf::UserDefinedValue => quote!(::serde_json::Value),
            ValueOf::LiteralValue { value } => match value {
                crate::model::Literal::Bool(_) => quote!(bool),
                // An integer literal (`version: 1`) is written back as an integer.
                crate::model::Literal::Number(n) if n.is_i64() => quote!(i64),
                crate::model::Literal::Number(_) => quote!(f64),
                crate::model::Literal::String(_) => quote!(::std::string::String),
            },
            ValueOf::UnionOf { items } => {
                if let Some(inner) = self.nullable_inner(value) {
                    let inner = self.rust_type_at(inner, ctx, direct)?;
                    return Ok(quote!(crate::runtime::Nullable<#inner>));
                }
                if let Some(one) = one_or_many(items) {
                    let inner = self.rust_type_at(one, ctx, false)?;
                    return Ok(quote!(crate::runtime::OneOrMany<#inner>));
                }
                let name = self.synthesize(items, ctx)?;
                let module = ctx.module.iter().map(|m| ident(m));
                let name = format_ident!("{}", name);
                let used: Vec<&TypeName> = ctx
                    .generics
                    .iter()
                    .filter(|g| items.iter().any(|item| mentions(item, g)))
                    .collect();
                if used.is_empty() {
                    quote!(crate #(:: #module)* :: #name)
                } else {
                    let params = used.iter().map(|g| super::names::type_param(&g.name));
                    quote!(crate #(:: #module)* :: #name<#(#params),*>)
                }
            }
        })
    }

    /// The name of the enum synthesized from the inline union `items` at `ctx` (the same
    /// union at the same place gets the same enum).
    fn synthesize(&mut self, items: &[ValueOf], ctx: &Ctx<'_>) -> Result<String, EmitError> {
        let shape = serde_json::to_string(items).unwrap_or_default();
        let key = format!("{}|{shape}", ctx.hint);
        if ctx.module == self.module.as_slice()
            && let Some(existing) = self.synthesized_by_shape.get(&key)
        {
            let existing = existing.clone();
            self.note_user(&existing, ctx.owner);
            return Ok(existing);
        }
        let name = self.claim(ctx.module, ctx.hint.clone())?;
        self.synthesized_by_shape.insert(key, name.clone());
        self.note_user(&name, ctx.owner);
        let generics = ctx
            .generics
            .iter()
            .filter(|g| items.iter().any(|item| mentions(item, g)))
            .cloned()
            .collect();
        self.synthesized.push(Synthesized {
            name: name.clone(),
            generics,
            items: items.to_vec(),
            owner: ctx.owner.clone(),
        });
        Ok(name)
    }

    fn note_user(&mut self, name: &str, owner: &TypeName) {
        let users = &mut self.synthesized_users;
        users
            .direct
            .entry(name.to_string())
            .or_default()
            .insert(owner.clone());
        if let Some(parent) = &self.emitting_synthesized
            && parent != name
        {
            users
                .parent
                .entry(name.to_string())
                .or_insert_with(|| parent.clone());
        }
    }

    /// A request used as the type of a value (a property of an older branch: `template?:
    /// SearchTemplateRequest`): inside a JSON document a request can only be its body, so it
    /// stands for its body's type.
    fn request_as_value(
        &mut self,
        request: &'m crate::model::Request,
        instance: &crate::model::InstanceOf,
        ctx: &Ctx<'_>,
    ) -> Result<TokenStream, EmitError> {
        match &request.body {
            crate::model::Body::Properties { .. } => {
                let path =
                    self.names.body(&request.name).cloned().ok_or_else(|| {
                        EmitError::Invalid(format!("{}: no body name", request.name))
                    })?;
                let module = path.module.iter().map(|m| ident(m));
                let body = format_ident!("{}", path.name);
                let generics = instance
                    .generics
                    .iter()
                    .map(|g| self.rust_type_at(g, ctx, false))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if generics.is_empty() {
                    quote!(crate #(:: #module)* :: #body)
                } else {
                    quote!(crate #(:: #module)* :: #body<#(#generics),*>)
                })
            }
            crate::model::Body::Value { value, .. } => {
                let map: HashMap<&TypeName, &ValueOf> = request
                    .generics
                    .iter()
                    .zip(instance.generics.iter())
                    .collect();
                self.rust_type(&substitute(value, &map), ctx)
            }
            crate::model::Body::NoBody => Err(EmitError::Invalid(format!(
                "{} is used as the type of a value, but the request has no body",
                request.name
            ))),
        }
    }
}

/// `T | T[]`: the `T`.
pub fn one_or_many(items: &[ValueOf]) -> Option<&ValueOf> {
    match items {
        [one, ValueOf::ArrayOf { value }] | [ValueOf::ArrayOf { value }, one]
            if **value == *one =>
        {
            Some(one)
        }
        _ => None,
    }
}

/// Whether a type expression mentions the generic parameter `g`.
pub fn mentions(value: &ValueOf, g: &TypeName) -> bool {
    match value {
        ValueOf::InstanceOf(i) => i.type_name == *g || i.generics.iter().any(|v| mentions(v, g)),
        ValueOf::ArrayOf { value } => mentions(value, g),
        ValueOf::DictionaryOf { key, value, .. } => mentions(key, g) || mentions(value, g),
        ValueOf::UnionOf { items } => items.iter().any(|v| mentions(v, g)),
        ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => false,
    }
}

/// Replaces generic parameters by their arguments.
pub fn substitute(value: &ValueOf, map: &HashMap<&TypeName, &ValueOf>) -> ValueOf {
    match value {
        ValueOf::InstanceOf(i) => {
            if let Some(replacement) = map.get(&i.type_name) {
                return (*replacement).clone();
            }
            let mut i = i.clone();
            i.generics = i.generics.iter().map(|g| substitute(g, map)).collect();
            ValueOf::InstanceOf(i)
        }
        ValueOf::ArrayOf { value } => ValueOf::ArrayOf {
            value: Box::new(substitute(value, map)),
        },
        ValueOf::DictionaryOf {
            key,
            value,
            single_key,
        } => ValueOf::DictionaryOf {
            key: Box::new(substitute(key, map)),
            value: Box::new(substitute(value, map)),
            single_key: *single_key,
        },
        ValueOf::UnionOf { items } => ValueOf::UnionOf {
            items: items.iter().map(|v| substitute(v, map)).collect(),
        },
        other => other.clone(),
    }
}

/// Calls `f` for each named type a value contains directly (not behind `Vec` or a map;
/// a single-key dictionary holds its value inline).
fn collect_direct<'v>(value: &'v ValueOf, f: &mut impl FnMut(&'v TypeName)) {
    match value {
        ValueOf::InstanceOf(i) => {
            f(&i.type_name);
        }
        ValueOf::UnionOf { items } => items.iter().for_each(|v| collect_direct(v, f)),
        ValueOf::DictionaryOf {
            value, single_key, ..
        } if *single_key => collect_direct(value, f),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative, so deep type graphs can't overflow the stack.
fn tarjan(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut sccs = Vec::new();
    let mut next = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *i < edges[v].len() {
                let w = edges[v][*i];
                *i += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    sccs.push(scc);
                }
            }
        }
    }
    sccs
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn tarjan_finds_cycles() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let mut sccs: Vec<Vec<usize>> = tarjan(&edges)
            .into_iter()
            .map(|mut s| {
                s.sort();
                s
            })
            .collect();
        sccs.sort();
        assert_eq!(sccs, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }
}
