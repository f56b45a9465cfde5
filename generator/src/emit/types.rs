//! Items for the model's named types: structs for interfaces, string enums that keep unknown
//! values, tagged unions with the JSON shape their `@variants` states, and type aliases.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::EmitError;
use super::docs::{DocInfo, deprecated_attr, doc_attrs, property_attrs};
use super::names::{Scope, camel, field_names, ident};
use super::typespace::{Ctx, TypeSpace, is_primitive, one_or_many};
use crate::model::{
    Enum, Interface, Literal, Property, TypeAlias, TypeDefinition, TypeName, ValueOf, Variants,
};

/// One struct field as decided: its Rust name and type, how it sits on the wire, whether it
/// is secret, and its doc attributes. [`field_tokens`] prints it.
pub struct Field {
    pub ident: proc_macro2::Ident,
    pub ty: TokenStream,
    /// The type without the `Option` of an optional field.
    pub inner: TokenStream,
    pub required: bool,
    pub secret: bool,
    pub wire: WireForm,
    /// The field's doc (and deprecation) attributes.
    pub doc: TokenStream,
}

/// How a struct field is read and written.
pub enum WireForm {
    /// A member of the JSON object under `name` (read also under `aliases`).
    Member {
        name: String,
        aliases: Vec<String>,
        presence: Presence,
    },
    /// A map of the object's other members (`#[serde(flatten)]`); `skip_empty` leaves an
    /// empty map out of the output and lets it be missing.
    Flatten { skip_empty: bool },
    /// Not on the wire (`#[serde(skip)]`).
    Skip,
}

/// Whether a member must be there, may be missing, or may also be an explicit `null`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    Nullable,
}

impl Presence {
    /// The member kind of the runtime's `wire_struct!` (`req`, `opt`, `nullable`).
    fn wire_kind(self) -> &'static str {
        match self {
            Presence::Required => "req",
            Presence::Optional => "opt",
            Presence::Nullable => "nullable",
        }
    }
}

/// A field as struct-body tokens, with its serde attributes (`serde`) or without them (the
/// structs whose traits `wire_struct!` implements).
pub fn field_tokens(field: &Field, serde: bool) -> TokenStream {
    let Field { ident, ty, doc, .. } = field;
    let mut attrs = Vec::new();
    match &field.wire {
        WireForm::Member {
            name,
            aliases,
            presence,
        } => {
            if ident.to_string().trim_start_matches("r#") != name {
                attrs.push(quote!(rename = #name));
            }
            for alias in aliases {
                attrs.push(quote!(alias = #alias));
            }
            if *presence != Presence::Required {
                attrs.push(quote!(default));
                attrs.push(quote!(
                    skip_serializing_if = "::std::option::Option::is_none"
                ));
            }
            if *presence == Presence::Nullable {
                attrs.push(quote!(
                    deserialize_with = "crate::runtime::serde_helpers::nullable_field::deserialize"
                ));
            }
        }
        WireForm::Flatten { skip_empty: false } => attrs.push(quote!(flatten)),
        WireForm::Flatten { skip_empty: true } => attrs.push(quote!(
            flatten,
            default,
            skip_serializing_if = "::indexmap::IndexMap::is_empty"
        )),
        WireForm::Skip => attrs.push(quote!(skip)),
    }
    let serde = if serde && !attrs.is_empty() {
        quote!(#[serde(#(#attrs),*)])
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        #serde
        pub #ident: #ty,
    }
}

/// What a struct needs besides its fields.
pub struct StructSpec<'a> {
    pub name: &'a str,
    pub generics: &'a [TypeName],
    pub docs: TokenStream,
    /// `(property name, literal)` of a string-literal discriminator, written by serde's tag.
    pub tag: Option<(String, String)>,
    pub shortcut: Option<String>,
}

pub fn generic_params(generics: &[TypeName]) -> TokenStream {
    if generics.is_empty() {
        return TokenStream::new();
    }
    let params = generics.iter().map(|g| super::names::type_param(&g.name));
    quote!(<#(#params),*>)
}

/// Every type parameter of the generated code is a document type that travels both ways.
pub const PARAM_BOUND: &str = "::serde::Serialize + ::serde::de::DeserializeOwned";

fn serde_bounds(generics: &[TypeName]) -> TokenStream {
    if generics.is_empty() {
        return TokenStream::new();
    }
    let bound = generics
        .iter()
        .map(|g| format!("{}: {PARAM_BOUND}", super::names::type_param(&g.name)))
        .collect::<Vec<_>>()
        .join(", ");
    quote!(#[serde(bound(serialize = #bound, deserialize = #bound))])
}

/// The bound of [`PARAM_BOUND`] as tokens.
pub fn param_bound() -> TokenStream {
    quote!(::serde::Serialize + ::serde::de::DeserializeOwned)
}

/// `Default` without bounds on the type parameters (every field is optional).
pub fn default_impl(
    name: &proc_macro2::Ident,
    params: &TokenStream,
    fields: &[Field],
) -> TokenStream {
    default_impl_of(name, params, fields.iter().map(|f| &f.ident))
}

/// `Default` without bounds on the type parameters, for a struct of the fields `fields`.
pub fn default_impl_of<'a>(
    name: &proc_macro2::Ident,
    params: &TokenStream,
    fields: impl Iterator<Item = &'a proc_macro2::Ident>,
) -> TokenStream {
    let inits = fields.map(|ident| quote!(#ident: ::std::default::Default::default()));
    quote! {
        impl #params ::std::default::Default for #name #params {
            fn default() -> Self {
                #name { #(#inits),* }
            }
        }
    }
}

impl TypeSpace<'_, '_> {
    /// The items for one named type (nothing for types mapped to primitives).
    pub fn type_items(&mut self, def: &TypeDefinition) -> Result<TokenStream, EmitError> {
        let name = def.name();
        if is_primitive(name) || is_behavior(name) {
            return Ok(TokenStream::new());
        }
        if let Some(runtime) = runtime_type(name) {
            // The runtime's type stands in for the spec's, under the spec's name.
            let rust = self.rust_name(name)?;
            let runtime_ident = format_ident!("{}", runtime);
            if rust == runtime {
                return Ok(quote!(pub use crate::runtime::#runtime_ident;));
            }
            let rust = format_ident!("{}", rust);
            return Ok(quote!(pub use crate::runtime::#runtime_ident as #rust;));
        }
        match def {
            TypeDefinition::Interface(i) => self.interface_items(i),
            TypeDefinition::Enum(e) => Ok(self.enum_items(e)?),
            TypeDefinition::TypeAlias(a) => self.alias_items(a),
            // Requests and responses are emitted with their endpoint.
            TypeDefinition::Request(_) | TypeDefinition::Response(_) => Ok(TokenStream::new()),
        }
    }

    fn rust_name(&self, name: &TypeName) -> Result<String, EmitError> {
        Ok(self.path(name)?.name.clone())
    }

    fn interface_items(&mut self, interface: &Interface) -> Result<TokenStream, EmitError> {
        let name = self.rust_name(&interface.name)?;
        let docs = type_docs(&interface.docs, &interface.name);
        if let Some(Variants::Container { non_exhaustive: _ }) = &interface.variants {
            return self.container_items(interface, &name, docs);
        }
        let props = self.all_properties(interface);
        let module = self.path(&interface.name)?.module.clone();
        let ctx = Ctx {
            owner: &interface.name,
            generics: &interface.generics,
            hint: name.clone(),
            module: &module,
        };
        let tag = props.iter().find_map(|p| match &p.type_ {
            ValueOf::LiteralValue {
                value: Literal::String(s),
            } if p.required => Some((p.name.clone(), s.clone())),
            _ => None,
        });
        let props: Vec<Property> = props
            .into_iter()
            .filter(|p| tag.as_ref().is_none_or(|(t, _)| *t != p.name))
            .collect();
        let mut fields = self.fields(&props, &ctx)?;
        if let Some(behavior) = self.additional_properties(interface) {
            let field_name = behavior
                .meta
                .as_ref()
                .and_then(|m| m.get("fieldname"))
                .cloned()
                .unwrap_or_else(|| "additional_properties".to_string());
            let taken: Vec<String> = fields.iter().map(|f| f.ident.to_string()).collect();
            let mut scope =
                Scope::with_reserved(&taken.iter().map(String::as_str).collect::<Vec<_>>());
            let field_ident = ident(&scope.claim(super::names::snake(&field_name)));
            let key = behavior
                .generics
                .first()
                .cloned()
                .unwrap_or(ValueOf::UserDefinedValue);
            let value = behavior
                .generics
                .get(1)
                .cloned()
                .unwrap_or(ValueOf::UserDefinedValue);
            let map = ValueOf::DictionaryOf {
                key: Box::new(key),
                value: Box::new(value),
                single_key: false,
            };
            let ty = self.rust_type(&map, &ctx)?;
            let description = behavior
                .meta
                .as_ref()
                .and_then(|m| m.get("description"))
                .cloned();
            let doc = doc_attrs(&DocInfo {
                description: Some(
                    description
                        .as_deref()
                        .unwrap_or("Any further properties, by name."),
                ),
                ..DocInfo::default()
            });
            fields.push(Field {
                doc,
                wire: WireForm::Flatten { skip_empty: false },
                ident: field_ident,
                inner: ty.clone(),
                ty,
                required: false,
                secret: false,
            });
        }
        if interface.shortcut_property.is_some() {
            fields.push(shortcut_form_field(&fields)?);
        }
        let spec = StructSpec {
            name: &name,
            generics: &interface.generics,
            docs,
            tag,
            shortcut: interface.shortcut_property.clone(),
        };
        Ok(self.struct_items(&spec, &fields, &props))
    }

    /// Whether `generator/policy/secrets.tsv` decides the property `name` of `owner` (or of a
    /// type it inherits it from) secret.
    pub fn is_secret(&self, owner: &TypeName, name: &str) -> Result<bool, EmitError> {
        let policy = crate::policy::secrets().map_err(EmitError::Invalid)?;
        let mut chain = vec![owner.clone()];
        while chain.len() < 32 {
            let parent = match self.get(&chain[chain.len() - 1]) {
                Some(TypeDefinition::Interface(i)) => i.inherits.as_ref(),
                Some(TypeDefinition::Request(r)) => r.inherits.as_ref(),
                _ => None,
            };
            match parent {
                Some(p) if !chain.contains(&p.type_name) => chain.push(p.type_name.clone()),
                _ => break,
            }
        }
        Ok(policy.decide_in(&chain, name) == Some(crate::policy::Decision::Secret))
    }

    /// Struct fields for properties, with serde attributes for wire names, optionality and
    /// explicit nulls.
    pub fn fields(&mut self, props: &[Property], ctx: &Ctx<'_>) -> Result<Vec<Field>, EmitError> {
        let names = field_names(
            props
                .iter()
                .map(|p| (p.name.as_str(), p.codegen_name.as_deref())),
        );
        let mut fields = Vec::with_capacity(props.len());
        for (prop, rust_name) in props.iter().zip(names) {
            let field_ident = ident(&rust_name);
            let ctx = Ctx {
                hint: format!("{}{}", ctx.hint, camel(&prop.name)),
                ..ctx.clone()
            };
            let inner = self.rust_type(&prop.type_, &ctx)?;
            let presence = match (prop.required, self.nullable_inner(&prop.type_).is_some()) {
                (true, _) => Presence::Required,
                (false, false) => Presence::Optional,
                (false, true) => Presence::Nullable,
            };
            let ty = if prop.required {
                inner.clone()
            } else {
                quote!(::std::option::Option<#inner>)
            };
            fields.push(Field {
                doc: property_attrs(prop, prop.description.as_deref()),
                secret: self.is_secret(ctx.owner, &prop.name)?,
                wire: WireForm::Member {
                    name: prop.name.clone(),
                    aliases: prop.aliases.clone(),
                    presence,
                },
                ident: field_ident,
                ty,
                inner,
                required: prop.required,
            });
        }
        Ok(fields)
    }

    /// A struct with derives, a `Debug` that hides secrets, and `new` for required fields.
    pub fn struct_items(
        &self,
        spec: &StructSpec<'_>,
        fields: &[Field],
        props: &[Property],
    ) -> TokenStream {
        let name = format_ident!("{}", spec.name);
        let params = generic_params(spec.generics);
        let bounds = serde_bounds(spec.generics);
        let docs = &spec.docs;
        let all_optional = fields.iter().all(|f| !f.required);
        let has_secret = fields.iter().any(|f| f.secret);
        let mut derives = vec![quote!(Clone), quote!(PartialEq)];
        if !has_secret {
            derives.insert(0, quote!(Debug));
        }
        if all_optional && spec.generics.is_empty() {
            derives.push(quote!(Default));
        }
        let tag = spec
            .tag
            .as_ref()
            .map(|(field, value)| quote!(#[serde(tag = #field, rename = #value)]));
        let shortcut = spec.shortcut.as_ref().and_then(|s| {
            let index = props.iter().position(|p| &p.name == s)?;
            Some((&fields[index], &props[index]))
        });
        let remote = shortcut.map(|_| quote!(#[serde(remote = "Self")]));
        // Plain fields only: the runtime's `wire_struct!` implements both traits, for about
        // half the compile cost of serde's derive. Anything else (flatten, the shortcut form's
        // skipped field and remote impls) keeps the derive.
        let plain = shortcut.is_none()
            && fields
                .iter()
                .all(|f| matches!(f.wire, WireForm::Member { .. }));
        let mut out = if plain {
            let bare = fields.iter().map(|f| field_tokens(f, false));
            let call = wire_struct_call(&name, spec, fields);
            quote! {
                #docs
                #[derive(#(#derives),*)]
                #[non_exhaustive]
                pub struct #name #params {
                    #(#bare)*
                }
                #call
            }
        } else {
            let members = fields.iter().map(|f| field_tokens(f, true));
            quote! {
                #docs
                #[derive(#(#derives,)* ::serde::Serialize, ::serde::Deserialize)]
                #bounds
                #tag
                #remote
                #[non_exhaustive]
                pub struct #name #params {
                    #(#members)*
                }
            }
        };
        if all_optional && !spec.generics.is_empty() {
            out.extend(default_impl(&name, &params, fields));
        }
        if has_secret {
            out.extend(debug_impl(&name, &params, spec.generics, fields));
        }
        if let Some((field, prop)) = shortcut {
            let form = ShortcutSpec {
                field,
                wire_names: props
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
                    .cloned()
                    .collect(),
                auto_short: !self.may_be_object(&prop.type_, 0),
            };
            out.extend(shortcut_impls(&name, &params, spec.generics, &form, fields));
        }
        if self.builders {
            out.extend(constructor(&name, &params, fields));
            out.extend(setters(&name, &params, fields, &["new"]));
        }
        out
    }

    fn container_items(
        &mut self,
        interface: &Interface,
        name: &str,
        docs: TokenStream,
    ) -> Result<TokenStream, EmitError> {
        let props = self.all_properties(interface);
        let module = self.path(&interface.name)?.module.clone();
        let ctx = Ctx {
            owner: &interface.name,
            generics: &interface.generics,
            hint: name.to_string(),
            module: &module,
        };
        let (outer, variants): (Vec<Property>, Vec<Property>) =
            props.into_iter().partition(|p| p.container_property);
        let params = generic_params(&interface.generics);
        let kind_name = match self.names.container_variant(&interface.name) {
            None if outer.is_empty() => name.to_string(),
            Some(path) if !outer.is_empty() => path.name.clone(),
            _ => {
                return Err(EmitError::Invalid(format!(
                    "{}: the naming pass and the container's properties disagree on its variant enum",
                    interface.name
                )));
            }
        };
        let kind_ident = format_ident!("{}", kind_name);
        let mut scope = Scope::default();
        let variant_idents: Vec<proc_macro2::Ident> = variants
            .iter()
            .map(|p| {
                format_ident!(
                    "{}",
                    scope.claim(camel(p.codegen_name.as_deref().unwrap_or(&p.name)))
                )
            })
            .collect();
        let unknown = format_ident!("{}", scope.claim("Unknown".to_string()));
        let mut variant_tokens = Vec::new();
        let mut ser_arms = Vec::new();
        let mut de_arms = Vec::new();
        for (prop, v) in variants.iter().zip(&variant_idents) {
            let ctx = Ctx {
                hint: format!("{name}{}", camel(&prop.name)),
                ..ctx.clone()
            };
            let ty = self.rust_type(&prop.type_, &ctx)?;
            let doc = doc_attrs(&DocInfo {
                description: prop.description.as_deref(),
                doc_url: prop.doc_url.as_deref(),
                ext_doc_url: prop.ext_doc_url.as_deref(),
                availability: prop.availability.as_ref(),
                wire_name: Some(&prop.name),
                ..DocInfo::default()
            });
            let deprecated = deprecated_attr(prop.deprecation.as_ref());
            variant_tokens.push(quote!(#doc #deprecated #v(#ty),));
            let wire = &prop.name;
            ser_arms.push(quote!(#kind_ident::#v(value) => map.serialize_entry(#wire, value)?,));
            let names = std::iter::once(wire).chain(prop.aliases.iter());
            de_arms.push(quote! {
                #(#names)|* => #kind_ident::#v(::serde_json::from_value(value).map_err(::serde::de::Error::custom)?),
            });
        }
        let de_params: Vec<proc_macro2::Ident> = interface
            .generics
            .iter()
            .map(|g| super::names::type_param(&g.name))
            .collect();
        let bounds_ser = trait_bounds(&interface.generics, param_bound());
        let bounds_de = trait_bounds(&interface.generics, param_bound());
        let kind_docs = if outer.is_empty() {
            docs.clone()
        } else {
            let text = format!(" The variant of a [`{name}`]: exactly one of these keys.");
            quote!(#[doc = #text])
        };
        // `AdditionalProperty<K, V>` on a container (`SortOptions`): any other key is a `K`
        // holding a `V`, e.g. a field name and its sort order.
        let (extra_variant, extra_ser, extra_de) = match self.additional_properties(interface) {
            Some(behavior) if behavior.generics.len() == 2 => {
                let key_ty = self.rust_type(&behavior.generics[0], &ctx)?;
                let value_ty = self.rust_type(&behavior.generics[1], &ctx)?;
                let wanted = behavior
                    .meta
                    .as_ref()
                    .and_then(|m| m.get("key"))
                    .map(|k| camel(k))
                    .unwrap_or_else(|| "Other".to_string());
                let v = format_ident!("{}", scope.claim(wanted));
                (
                    quote! {
                        /// Any other key: its name and value.
                        #v {
                            /// The key.
                            name: #key_ty,
                            /// Its value.
                            value: #value_ty,
                        },
                    },
                    quote!(#kind_ident::#v { name, value } => map.serialize_entry(name, value)?,),
                    // Any key is defined: a value that doesn't decode is an error, not `Unknown`.
                    quote! {
                        _ => match ::serde_json::from_value::<#key_ty>(::serde_json::Value::String(key.clone())) {
                            Ok(name) => #kind_ident::#v {
                                name,
                                value: ::serde_json::from_value::<#value_ty>(value).map_err(|e| {
                                    ::serde::de::Error::custom(::std::format_args!("in `{key}`: {e}"))
                                })?,
                            },
                            ::std::result::Result::Err(_) => #kind_ident::#unknown { name: key, value },
                        },
                    },
                )
            }
            _ => (
                TokenStream::new(),
                TokenStream::new(),
                quote!(_ => #kind_ident::#unknown { name: key, value },),
            ),
        };
        let mut out = quote! {
            #kind_docs
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #kind_ident #params {
                #(#variant_tokens)*
                #extra_variant
                /// A variant this client doesn't know, kept as raw JSON.
                #unknown {
                    /// The variant's key.
                    name: ::std::string::String,
                    /// The variant's value.
                    value: ::serde_json::Value,
                },
            }
            impl #params ::serde::Serialize for #kind_ident #params #bounds_ser {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap;
                    let mut map = serializer.serialize_map(Some(1))?;
                    match self {
                        #(#ser_arms)*
                        #extra_ser
                        #kind_ident::#unknown { name, value } => map.serialize_entry(
                            name,
                            &crate::runtime::fidelity::CatchAll::new::<Self>(crate::runtime::fidelity::CatchAllKind::UnknownTag, value),
                        )?,
                    }
                    map.end()
                }
            }
            impl<'de, #(#de_params),*> ::serde::Deserialize<'de> for #kind_ident #params #bounds_de {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let map = <::indexmap::IndexMap<::std::string::String, ::serde_json::Value> as ::serde::Deserialize>::deserialize(deserializer)?;
                    let (key, value) = crate::runtime::unions::single_entry(map).map_err(::serde::de::Error::custom)?;
                    Ok(match key.as_str() {
                        #(#de_arms)*
                        #extra_de
                    })
                }
            }
        };
        let arms: Vec<(proc_macro2::Ident, &ValueOf)> = variants
            .iter()
            .zip(&variant_idents)
            .map(|(p, v)| (v.clone(), &p.type_))
            .collect();
        out.extend(self.conversions(&kind_ident, &interface.name, &interface.generics, &arms));
        if outer.is_empty() {
            return Ok(out);
        }
        // Container properties beside the variant: a struct around the variant enum.
        let mut outer_fields = self.fields(&outer, &ctx)?;
        let variant_ty = quote!(#kind_ident #params);
        outer_fields.push(Field {
            doc: quote!(
                /// The one variant key of this container.
            ),
            wire: WireForm::Flatten { skip_empty: false },
            ident: ident("variant"),
            ty: variant_ty.clone(),
            inner: variant_ty,
            required: true,
            secret: false,
        });
        let name_ident = format_ident!("{}", name);
        let members = outer_fields.iter().map(|f| field_tokens(f, true));
        let bounds = serde_bounds(&interface.generics);
        out.extend(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #bounds
            #[non_exhaustive]
            pub struct #name_ident #params {
                #(#members)*
            }
        });
        if self.builders {
            out.extend(constructor(&name_ident, &params, &outer_fields));
            out.extend(setters(&name_ident, &params, &outer_fields, &["new"]));
        }
        Ok(out)
    }

    fn enum_items(&self, e: &Enum) -> Result<TokenStream, EmitError> {
        let name = format_ident!("{}", self.rust_name(&e.name)?);
        let docs = type_docs(&e.docs, &e.name);
        let mut scope = Scope::default();
        let variants: Vec<proc_macro2::Ident> = e
            .members
            .iter()
            .map(|m| {
                format_ident!(
                    "{}",
                    scope.claim(camel(m.codegen_name.as_deref().unwrap_or(&m.name)))
                )
            })
            .collect();
        let other = format_ident!("{}", scope.claim("Other".to_string()));
        let variant_tokens = e.members.iter().zip(&variants).map(|(m, v)| {
            let doc = doc_attrs(&DocInfo {
                description: m.description.as_deref(),
                availability: m.availability.as_ref(),
                wire_name: Some(&m.name),
                ..DocInfo::default()
            });
            let deprecated = deprecated_attr(m.deprecation.as_ref());
            quote!(#doc #deprecated #v,)
        });
        // A wire name claimed twice (an alias repeating another member's) goes to the first.
        let mut seen = std::collections::HashSet::new();
        let from_arms: Vec<TokenStream> = e
            .members
            .iter()
            .zip(&variants)
            .filter_map(|(m, v)| {
                let names: Vec<&String> = std::iter::once(&m.name)
                    .chain(m.aliases.iter())
                    .filter(|n| seen.insert(n.as_str()))
                    .collect();
                (!names.is_empty()).then(|| quote!(#(#names)|* => #name::#v,))
            })
            .collect();
        let as_arms = e.members.iter().zip(&variants).map(|(m, v)| {
            let wire = &m.name;
            quote!(#name::#v => #wire,)
        });
        let serialize = if e.docs.es_quirk.is_some() {
            quote!(crate::runtime::serde_helpers::serialize_quirk_enum(
                self, serializer
            ))
        } else {
            quote!(crate::runtime::serde_helpers::serialize_wire_enum(
                self, serializer
            ))
        };
        Ok(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #(#variant_tokens)*
                /// A value this client doesn't know (from a newer server), kept as sent.
                #other(::std::string::String),
            }
            impl crate::runtime::WireEnum for #name {
                fn from_wire(value: &str) -> Self {
                    match value {
                        #(#from_arms)*
                        other => #name::#other(other.to_string()),
                    }
                }
                fn as_wire(&self) -> &str {
                    match self {
                        #(#as_arms)*
                        #name::#other(value) => value,
                    }
                }
                fn is_other(&self) -> bool {
                    matches!(self, #name::#other(_))
                }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(crate::runtime::WireEnum::as_wire(self))
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::runtime::serde_helpers::deserialize_wire_enum(deserializer)
                }
            }
        })
    }

    fn alias_items(&mut self, alias: &TypeAlias) -> Result<TokenStream, EmitError> {
        let name = self.rust_name(&alias.name)?;
        let docs = type_docs(&alias.docs, &alias.name);
        let module = self.path(&alias.name)?.module.clone();
        let ctx = Ctx {
            owner: &alias.name,
            generics: &alias.generics,
            hint: name.clone(),
            module: &module,
        };
        if let ValueOf::UnionOf { items } = &alias.type_ {
            let flat;
            let items = if matches!(alias.variants, Some(Variants::InternalTag { .. }))
                && alias.codegen_names.is_empty()
            {
                flat = self.flatten_tagged_members(items);
                &flat
            } else {
                items
            };
            let is_plain = alias.variants.is_none()
                && (self.nullable_inner(&alias.type_).is_some() || one_or_many(items).is_some());
            if !is_plain {
                let union = UnionSpec {
                    name: &name,
                    owner: &alias.name,
                    generics: &alias.generics,
                    items,
                    codegen_names: &alias.codegen_names,
                    variants: alias.variants.as_ref(),
                    docs,
                    module: &module,
                };
                let mut items = self.union_items(&union)?;
                if self.dictionary_keys.contains(&alias.name) {
                    items.extend(dictionary_key_impls(&name, &alias.generics)?);
                }
                return Ok(items);
            }
        }
        let ident_name = format_ident!("{}", name);
        let params = generic_params(&alias.generics);
        let ty = self.rust_type(&alias.type_, &ctx)?;
        Ok(quote! {
            #docs
            pub type #ident_name #params = #ty;
        })
    }

    /// The enums synthesized from inline unions in `module`, each by its name.
    pub fn synthesized_items(
        &mut self,
        module: &[String],
    ) -> Result<Vec<(String, TokenStream)>, EmitError> {
        let mut out = Vec::new();
        // Emitting a union may synthesize more unions in the same module.
        loop {
            let pending = self.take_synthesized();
            if pending.is_empty() {
                self.emitting_synthesized = None;
                return Ok(out);
            }
            for synthesized in &pending {
                let docs = quote!(#[doc = " One of several shapes this value can take."]);
                let union = UnionSpec {
                    name: &synthesized.name,
                    owner: &synthesized.owner,
                    generics: &synthesized.generics,
                    items: &synthesized.items,
                    codegen_names: &[],
                    variants: None,
                    docs,
                    module,
                };
                self.emitting_synthesized = Some(synthesized.name.clone());
                out.push((synthesized.name.clone(), self.union_items(&union)?));
            }
        }
    }

    fn union_items(&mut self, union: &UnionSpec<'_>) -> Result<TokenStream, EmitError> {
        let name = format_ident!("{}", union.name);
        let params = generic_params(union.generics);
        let ctx = Ctx {
            owner: union.owner,
            generics: union.generics,
            hint: union.name.to_string(),
            module: union.module,
        };
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (i, item) in union.items.iter().enumerate() {
            let wanted = union
                .codegen_names
                .get(i)
                .map(|n| camel(n))
                .unwrap_or_else(|| self.variant_name(item));
            let v = format_ident!("{}", scope.claim(wanted));
            let ty = match item {
                ValueOf::LiteralValue { .. } => None,
                _ => Some(self.rust_type(item, &ctx)?),
            };
            variants.push((v, item, ty));
        }
        let de_params: Vec<proc_macro2::Ident> = union
            .generics
            .iter()
            .map(|g| super::names::type_param(&g.name))
            .collect();
        let bounds_ser = trait_bounds(union.generics, param_bound());
        let bounds_de = trait_bounds(union.generics, param_bound());
        let variant_tokens = variants.iter().map(|(v, item, ty)| match ty {
            Some(ty) => {
                let text = format!(" The `{v}` shape of this value.");
                quote!(#[doc = #text] #v(#ty),)
            }
            None => {
                let ValueOf::LiteralValue { value } = item else {
                    unreachable!("only literals have no type")
                };
                let text = format!(" The literal `{value}`.");
                quote!(#[doc = #text] #v,)
            }
        });
        let ser_arms = variants.iter().map(|(v, item, ty)| match ty {
            Some(_) => {
                quote!(#name::#v(value) => ::serde::Serialize::serialize(value, serializer),)
            }
            None => {
                let lit = literal_tokens(item);
                quote!(#name::#v => ::serde::Serialize::serialize(&#lit, serializer),)
            }
        });
        let external = matches!(union.variants, Some(Variants::ExternalTag { .. }));
        let internal = match union.variants {
            Some(Variants::InternalTag {
                tag, default_tag, ..
            }) => Some((tag.clone(), default_tag.clone())),
            _ => None,
        };
        // An open untagged union keeps a shape no variant accepts; a closed one rejects it.
        let open_untagged = matches!(
            union.variants,
            Some(Variants::Untagged {
                non_exhaustive: true,
                ..
            })
        );
        let unknown = format_ident!("{}", scope.claim("Unknown".to_string()));
        let fidelity = quote!(crate::runtime::fidelity);
        let unknown_variant = if external {
            quote! {
                /// A variant this client doesn't know, kept as raw JSON with its tag.
                #unknown {
                    /// The `typed_keys` tag, empty when the response had none.
                    tag: ::std::string::String,
                    /// The raw value.
                    value: ::serde_json::Value,
                },
            }
        } else if internal.is_some() {
            quote! {
                /// A variant this client doesn't know (its tag is not in the spec), kept as raw JSON.
                #unknown(::serde_json::Value),
            }
        } else if open_untagged {
            quote! {
                /// A shape no variant accepts (from a newer server), kept as raw JSON.
                #unknown(::serde_json::Value),
            }
        } else {
            TokenStream::new()
        };
        let unknown_ser = if external {
            quote! {
                #name::#unknown { tag, value } => {
                    let kind = if tag.is_empty() {
                        #fidelity::CatchAllKind::MissingTag
                    } else {
                        #fidelity::CatchAllKind::UnknownTag
                    };
                    ::serde::Serialize::serialize(&#fidelity::CatchAll::new::<Self>(kind, value), serializer)
                }
            }
        } else if internal.is_some() || open_untagged {
            let kind = if open_untagged {
                quote!(NoMatchingShape)
            } else {
                quote!(UnknownTag)
            };
            quote! {
                #name::#unknown(value) => ::serde::Serialize::serialize(
                    &#fidelity::CatchAll::new::<Self>(#fidelity::CatchAllKind::#kind, value),
                    serializer,
                ),
            }
        } else {
            TokenStream::new()
        };
        let docs = &union.docs;
        let mut out = quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #name #params {
                #(#variant_tokens)*
                #unknown_variant
            }
            impl #params ::serde::Serialize for #name #params #bounds_ser {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#ser_arms)*
                        #unknown_ser
                    }
                }
            }
        };
        let arms: Vec<(proc_macro2::Ident, &ValueOf)> = variants
            .iter()
            .map(|(v, item, _)| (v.clone(), *item))
            .collect();
        out.extend(self.conversions(&name, union.owner, union.generics, &arms));
        let decode_body = if external {
            let tags = self.variant_tags(&variants, |def| match def {
                TypeDefinition::Interface(i) => i.variant_name.clone(),
                _ => None,
            });
            let from_arms = variants.iter().zip(&tags).filter_map(|((v, _, _), tag)| {
                let tag = tag.as_ref()?;
                Some(quote!(#tag => #name::#v(::serde_json::from_value(value)?),))
            });
            let tag_arms = variants.iter().zip(&tags).map(|((v, _, _), tag)| {
                let tag = tag.clone().unwrap_or_default();
                quote!(#name::#v(..) => #tag,)
            });
            out.extend(quote! {
                impl #params crate::runtime::ExternallyTagged for #name #params #bounds_de {
                    fn from_tagged(tag: &str, value: ::serde_json::Value) -> ::std::result::Result<Self, ::serde_json::Error> {
                        Ok(match tag {
                            #(#from_arms)*
                            _ => #name::#unknown { tag: tag.to_string(), value },
                        })
                    }
                    fn tag(&self) -> &str {
                        match self {
                            #(#tag_arms)*
                            #name::#unknown { tag, .. } => tag,
                        }
                    }
                }
            });
            quote!(
                <Self as crate::runtime::ExternallyTagged>::from_tagged("", value)
                    .map_err(::serde::de::Error::custom)
            )
        } else if let Some((tag, default_tag)) = internal {
            self.internal_tag_decode(
                union,
                &name,
                &unknown,
                &variants,
                &tag,
                default_tag.as_deref(),
            )?
        } else {
            // The spec's untyped variant is the fallback: tried after every typed one.
            let untyped = match union.variants {
                Some(Variants::Untagged {
                    untyped_variant, ..
                }) => Some(untyped_variant),
                _ => None,
            };
            let is_untyped = |item: &ValueOf| matches!((item, untyped), (ValueOf::InstanceOf(i), Some(u)) if &i.type_name == u);
            let ordered = variants
                .iter()
                .filter(|(_, item, _)| !is_untyped(item))
                .chain(variants.iter().filter(|(_, item, _)| is_untyped(item)));
            let candidates = ordered.map(|(v, item, ty)| match ty {
                Some(ty) => quote! {
                    &|value: &::serde_json::Value| <#ty as ::serde::Deserialize>::deserialize(value).map(#name::#v)
                },
                None => {
                    let lit = literal_tokens(item);
                    quote! {
                        &|value: &::serde_json::Value| crate::runtime::unions::expect_literal(value, &::serde_json::json!(#lit)).map(|()| #name::#v)
                    }
                }
            });
            let type_name = union.name;
            let decoded = quote! {
                crate::runtime::unions::decode_untagged(&value, #type_name, &[#(#candidates),*])
            };
            if open_untagged {
                quote!(Ok(#decoded.unwrap_or(#name::#unknown(value))))
            } else {
                quote!(#decoded.map_err(::serde::de::Error::custom))
            }
        };
        out.extend(quote! {
            impl<'de, #(#de_params),*> ::serde::Deserialize<'de> for #name #params #bounds_de {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    #decode_body
                }
            }
        });
        Ok(out)
    }

    /// The body of `Deserialize` for a union whose `tag` property names the variant: the tag is
    /// compared with each variant's literal (of any JSON type); no tag means `default_tag`; a
    /// tag the spec doesn't list is kept in `unknown`.
    fn internal_tag_decode(
        &self,
        union: &UnionSpec<'_>,
        name: &proc_macro2::Ident,
        unknown: &proc_macro2::Ident,
        variants: &[(proc_macro2::Ident, &ValueOf, Option<TokenStream>)],
        tag: &str,
        default_tag: Option<&str>,
    ) -> Result<TokenStream, EmitError> {
        let mut literals = Vec::with_capacity(variants.len());
        for (v, item, _) in variants {
            let literal = match item {
                ValueOf::InstanceOf(i) => match self.get(&i.type_name) {
                    Some(TypeDefinition::Interface(iface)) => self
                        .all_properties(iface)
                        .into_iter()
                        .find_map(|p| match p.type_ {
                            ValueOf::LiteralValue { value } if p.name == tag => Some(value),
                            _ => None,
                        }),
                    _ => None,
                },
                _ => None,
            };
            let Some(literal) = literal else {
                return Err(EmitError::Invalid(format!(
                    "`{}::{}` is tagged by `{tag}`, but its variant `{v}` has no literal `{tag}` property",
                    union.owner.namespace, union.owner.name
                )));
            };
            literals.push((v, literal));
        }
        let decode = |v: &proc_macro2::Ident| quote!(::serde_json::from_value(value).map(#name::#v).map_err(::serde::de::Error::custom));
        if literals
            .iter()
            .all(|(_, l)| matches!(l, Literal::String(_)))
        {
            let arms = literals.iter().map(|(v, l)| {
                let Literal::String(text) = l else {
                    unreachable!("all literals are strings")
                };
                let decode = decode(v);
                quote!(::std::option::Option::Some(#text) => #decode,)
            });
            let found = match default_tag {
                Some(d) => {
                    quote!(value.get(#tag).map_or(::std::option::Option::Some(#d), ::serde_json::Value::as_str))
                }
                None => quote!(value.get(#tag).and_then(::serde_json::Value::as_str)),
            };
            return Ok(quote! {
                match #found {
                    #(#arms)*
                    _ => Ok(#name::#unknown(value)),
                }
            });
        }
        let checks = literals.iter().map(|(v, l)| {
            let lit = literal_tokens(&ValueOf::LiteralValue { value: l.clone() });
            let decode = decode(v);
            quote! {
                if found == ::serde_json::json!(#lit) {
                    return #decode;
                }
            }
        });
        let default = match default_tag {
            Some(d) => quote!(::serde_json::Value::String(#d.to_string())),
            None => quote!(::serde_json::Value::Null),
        };
        Ok(quote! {
            let found = value.get(#tag).cloned().unwrap_or(#default);
            #(#checks)*
            Ok(#name::#unknown(value))
        })
    }

    /// `From` conversions into a union or container: one per arm that holds a named struct,
    /// enum or union (distinct types, so the impls can't overlap), and `From<&str>` /
    /// `From<String>` when exactly one arm is a string.
    fn conversions(
        &self,
        name: &proc_macro2::Ident,
        owner: &TypeName,
        generics: &[TypeName],
        arms: &[(proc_macro2::Ident, &ValueOf)],
    ) -> TokenStream {
        if !generics.is_empty() {
            return TokenStream::new();
        }
        let mut out = TokenStream::new();
        let mut seen = std::collections::HashSet::new();
        let nominal: Vec<(&proc_macro2::Ident, &TypeName)> = arms
            .iter()
            .filter_map(|(v, item)| match item {
                ValueOf::InstanceOf(i)
                    if i.generics.is_empty()
                        && matches!(
                            self.get(&i.type_name),
                            Some(TypeDefinition::Interface(_) | TypeDefinition::Enum(_))
                        ) =>
                {
                    Some((v, &i.type_name))
                }
                _ => None,
            })
            .collect();
        let repeated: std::collections::HashSet<&TypeName> = nominal
            .iter()
            .filter(|(_, t)| !seen.insert(*t))
            .map(|(_, t)| *t)
            .collect();
        for (v, type_name) in nominal {
            // `From<T> for T` is core's (a container with a variant of its own type).
            if repeated.contains(type_name) || type_name == owner {
                continue;
            }
            let Ok(path) = self.path_tokens(type_name) else {
                continue;
            };
            let wrap = if self.needs_box(owner, type_name) {
                quote!(::std::boxed::Box::new(value))
            } else {
                quote!(value)
            };
            out.extend(quote! {
                impl ::std::convert::From<#path> for #name {
                    fn from(value: #path) -> Self {
                        #name::#v(#wrap)
                    }
                }
            });
        }
        let strings: Vec<&proc_macro2::Ident> = arms
            .iter()
            .filter(|(_, item)| {
                !matches!(item, ValueOf::LiteralValue { .. }) && self.is_string(item)
            })
            .map(|(v, _)| v)
            .collect();
        if let [v] = strings.as_slice() {
            out.extend(quote! {
                impl ::std::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        #name::#v(value.to_string())
                    }
                }
                impl ::std::convert::From<::std::string::String> for #name {
                    fn from(value: ::std::string::String) -> Self {
                        #name::#v(value)
                    }
                }
            });
        }
        out
    }

    /// For each union arm that names an interface, what `tag_of` says about it.
    fn variant_tags(
        &self,
        variants: &[(proc_macro2::Ident, &ValueOf, Option<TokenStream>)],
        tag_of: impl Fn(&TypeDefinition) -> Option<String>,
    ) -> Vec<Option<String>> {
        variants
            .iter()
            .map(|(_, item, _)| match item {
                ValueOf::InstanceOf(i) => self.get(&i.type_name).and_then(&tag_of),
                _ => None,
            })
            .collect()
    }

    /// A variant name for a union arm without a `@codegen_names` entry.
    fn variant_name(&self, item: &ValueOf) -> String {
        match item {
            ValueOf::InstanceOf(i) => {
                match (i.type_name.namespace.as_str(), i.type_name.name.as_str()) {
                    ("_builtins", "string") => "String".to_string(),
                    ("_builtins", "boolean") => "Bool".to_string(),
                    ("_builtins", "number") => "Number".to_string(),
                    ("_builtins", "null") => "Null".to_string(),
                    _ => self
                        .names
                        .get(&i.type_name)
                        .map(|p| p.name.clone())
                        .unwrap_or_else(|| camel(&i.type_name.name)),
                }
            }
            ValueOf::ArrayOf { value } => format!("{}List", self.variant_name(value)),
            ValueOf::DictionaryOf { .. } => "Map".to_string(),
            ValueOf::UserDefinedValue => "Value".to_string(),
            ValueOf::LiteralValue { value } => match value {
                Literal::String(s) => camel(s),
                Literal::Bool(b) => camel(&b.to_string()),
                Literal::Number(n) => {
                    let text = n.to_string();
                    match text.strip_prefix('-') {
                        Some(rest) => format!("Minus{}", rest.replace('.', "_")),
                        None => format!("N{}", text.replace('.', "_")),
                    }
                }
            },
            ValueOf::UnionOf { .. } => "Union".to_string(),
        }
    }
}

/// Spec types the runtime defines, because the runtime's own API needs them: the error cause
/// of `Error::Api` (`runtime::ErrorCause`, lenient, shared by every spec version) is the one
/// `ErrorCause` of the crate, re-exported where the spec puts its own (`types::ErrorCause`).
/// `crate::runtime::wire_struct!(Name<T> tag "t" = "v" { kind field "wire" | "alias"; ... });`
fn wire_struct_call(
    name: &proc_macro2::Ident,
    spec: &StructSpec<'_>,
    fields: &[Field],
) -> TokenStream {
    let params = generic_params(spec.generics);
    let tag = spec
        .tag
        .as_ref()
        .map(|(field, value)| quote!(tag #field = #value));
    let members = fields.iter().filter_map(|f| {
        let WireForm::Member {
            name: wire_name,
            aliases,
            presence,
        } = &f.wire
        else {
            return None;
        };
        let kind = format_ident!("{}", presence.wire_kind());
        let ident = &f.ident;
        Some(quote!(#kind #ident #wire_name #(| #aliases)*;))
    });
    quote! {
        crate::runtime::wire_struct!(#name #params #tag {
            #(#members)*
        });
    }
}

fn runtime_type(name: &TypeName) -> Option<&'static str> {
    match (name.namespace.as_str(), name.name.as_str()) {
        ("_types", "ErrorCause") => Some("ErrorCause"),
        _ => None,
    }
}

/// Behaviors shape the types that implement them; they are no types of their own.
fn is_behavior(name: &TypeName) -> bool {
    name.namespace == "_spec_utils"
        && matches!(
            name.name.as_str(),
            "AdditionalProperties"
                | "AdditionalProperty"
                | "OverloadOf"
                | "CommonQueryParameters"
                | "CommonCatQueryParameters"
        )
}

/// `Eq` and `Hash` for a union used as a dictionary key (`Dictionary<TaskId, ...>` with
/// `TaskId = string | integer`). Consistent with the derived `PartialEq`: equal values have the
/// same variant and write the same JSON, which is what is hashed.
fn dictionary_key_impls(name: &str, generics: &[TypeName]) -> Result<TokenStream, EmitError> {
    if !generics.is_empty() {
        return Err(EmitError::Invalid(format!(
            "the generic union `{name}` is used as a dictionary key"
        )));
    }
    let name = format_ident!("{}", name);
    Ok(quote! {
        impl ::std::cmp::Eq for #name {}
        impl ::std::hash::Hash for #name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::mem::discriminant(self).hash(state);
                ::serde_json::to_string(self).unwrap_or_default().hash(state);
            }
        }
    })
}

struct UnionSpec<'a> {
    name: &'a str,
    owner: &'a TypeName,
    generics: &'a [TypeName],
    items: &'a [ValueOf],
    codegen_names: &'a [String],
    variants: Option<&'a Variants>,
    docs: TokenStream,
    module: &'a [String],
}

/// A literal as a Rust expression that serializes to it.
fn literal_tokens(item: &ValueOf) -> TokenStream {
    match item {
        ValueOf::LiteralValue { value } => match value {
            Literal::Bool(b) => quote!(#b),
            Literal::String(s) => quote!(#s),
            Literal::Number(n) => {
                if let Some(i) = n.as_i64() {
                    quote!(#i)
                } else {
                    let f = n.as_f64().unwrap_or_default();
                    quote!(#f)
                }
            }
        },
        _ => quote!(()),
    }
}

/// `where T: Bound, U: Bound` for generic impls.
fn trait_bounds(generics: &[TypeName], bound: TokenStream) -> TokenStream {
    if generics.is_empty() {
        return TokenStream::new();
    }
    let params = generics.iter().map(|g| super::names::type_param(&g.name));
    quote!(where #(#params: #bound),*)
}

fn type_docs(docs: &crate::model::TypeDocs, name: &TypeName) -> TokenStream {
    let fallback = format!(
        "The specification's `{}` type (`{}`).",
        name.name, name.namespace
    );
    let mut out = doc_attrs(&DocInfo {
        fallback: Some(&fallback),
        description: docs.description.as_deref(),
        doc_url: docs.doc_url.as_deref(),
        ext_doc_url: docs.ext_doc_url.as_deref(),
        ..DocInfo::default()
    });
    out.extend(deprecated_attr(docs.deprecation.as_ref()));
    out
}

/// `Debug` that prints `<redacted>` for secret fields.
fn debug_impl(
    name: &proc_macro2::Ident,
    params: &TokenStream,
    generics: &[TypeName],
    fields: &[Field],
) -> TokenStream {
    let bounds = trait_bounds(generics, quote!(::std::fmt::Debug));
    let label = name.to_string();
    let entries = fields.iter().map(|f| {
        let ident = &f.ident;
        let label = ident.to_string().trim_start_matches("r#").to_string();
        if f.secret {
            quote!(.field(#label, &crate::runtime::Redacted))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    quote! {
        impl #params ::std::fmt::Debug for #name #params #bounds {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

/// Builder-style setters, one per field, for the struct `name`: named like the field (see
/// [`setter_name`](super::names::setter_name), which avoids the type's `reserved` methods),
/// consuming `self` and taking `impl Into<T>` as `ClientBuilder`'s do. An optional field's
/// setter takes the value inside the `Option` (a nullable one's `Nullable<T>`, so an explicit
/// `null` can still be sent).
pub fn setters(
    name: &proc_macro2::Ident,
    params: &TokenStream,
    fields: &[Field],
    reserved: &[&str],
) -> TokenStream {
    // Two fields may want one name (`new` -> `with_new` beside a field `with_new`).
    let mut scope = Scope::with_reserved(reserved);
    let methods: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let ident = &f.ident;
            let plain = ident.to_string().trim_start_matches("r#").to_string();
            let wanted = super::names::setter_name(&plain, reserved).to_string();
            let setter =
                super::names::ident(&scope.claim(wanted.trim_start_matches("r#").to_string()));
            let inner = &f.inner;
            // Required fields, and optional ones without an `Option` (a flattened map).
            let plain_value = f.required || f.ty.to_string() == f.inner.to_string();
            let (doc, assign) = if plain_value {
                (format!(" Sets `{plain}`."), quote!(value.into()))
            } else {
                (
                    format!(" Sets `{plain}` (to `Some`)."),
                    quote!(::std::option::Option::Some(value.into())),
                )
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                    self.#ident = #assign;
                    self
                }
            }
        })
        .collect();
    if methods.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #params #name #params {
            #(#methods)*
        }
    }
}

/// `new` taking the required fields, the others left out.
fn constructor(name: &proc_macro2::Ident, params: &TokenStream, fields: &[Field]) -> TokenStream {
    let args = fields.iter().filter(|f| f.required).map(|f| {
        let ident = &f.ident;
        let ty = &f.ty;
        quote!(#ident: #ty)
    });
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.required {
            quote!(#ident)
        } else {
            quote!(#ident: ::std::default::Default::default())
        }
    });
    // Worded without the type's name, which would need "a" or "an" before it.
    let doc = " Builds one with its required fields; the optional ones are left unset.";
    quote! {
        impl #params #name #params {
            #[doc = #doc]
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }
        }
    }
}

/// The field of a class with `@shortcut_property` that keeps its `runtime::ShortcutForm`.
const SHORTCUT_FORM: &str = "shortcut_form";

/// The `shortcut_form` field of a class with `@shortcut_property`.
fn shortcut_form_field(fields: &[Field]) -> Result<Field, EmitError> {
    if fields.iter().any(|f| f.ident == SHORTCUT_FORM) {
        return Err(EmitError::Invalid(format!(
            "a class with a shortcut property has a property named `{SHORTCUT_FORM}`"
        )));
    }
    let field_ident = ident(SHORTCUT_FORM);
    let ty = quote!(crate::runtime::ShortcutForm);
    Ok(Field {
        doc: quote! {
            /// How this value was written (just the shortcut property's value, or the full
            /// object), so that it is written back the same way. Not data: ignored by `==`.
        },
        wire: WireForm::Skip,
        ident: field_ident,
        inner: ty.clone(),
        ty,
        required: false,
        secret: false,
    })
}

/// What the `Serialize`/`Deserialize` of a class with `@shortcut_property` need.
struct ShortcutSpec<'a> {
    /// The shortcut property's field.
    field: &'a Field,
    /// Wire names (and aliases) of all properties: an object with one of them is the full form.
    wire_names: Vec<String>,
    /// Whether a value built in code is written in the short form: not when the shortcut
    /// property's value may itself be an object, which would read back as the full form.
    auto_short: bool,
}

impl TypeSpace<'_, '_> {
    /// Whether values of this type may be JSON objects.
    fn may_be_object(&self, value: &ValueOf, depth: usize) -> bool {
        if depth > 16 {
            return true;
        }
        match value {
            ValueOf::InstanceOf(i) => {
                if is_primitive(&i.type_name) || i.type_name.namespace == "_builtins" {
                    return false;
                }
                match self.get(&i.type_name) {
                    Some(TypeDefinition::Enum(_)) => false,
                    Some(TypeDefinition::TypeAlias(a)) => self.may_be_object(&a.type_, depth + 1),
                    _ => true,
                }
            }
            ValueOf::ArrayOf { .. } | ValueOf::LiteralValue { .. } => false,
            ValueOf::UnionOf { items } => items.iter().any(|v| self.may_be_object(v, depth + 1)),
            ValueOf::DictionaryOf { .. } | ValueOf::UserDefinedValue => true,
        }
    }
}

/// `Serialize`/`Deserialize` for a class with `@shortcut_property`: the whole object may be
/// just that property's value (`{"term": {"user": "kimchy"}}`). A decoded value remembers its
/// form in `shortcut_form` and is written back in it; one built in code is written in the
/// short form when no other property is set (and the short form can't be mistaken for the
/// full one).
fn shortcut_impls(
    name: &proc_macro2::Ident,
    params: &TokenStream,
    generics: &[TypeName],
    form: &ShortcutSpec<'_>,
    fields: &[Field],
) -> TokenStream {
    let shortcut = form.field;
    let bounds_ser = trait_bounds(generics, param_bound());
    let bounds_de = trait_bounds(generics, param_bound());
    let de_params = generics.iter().map(|g| super::names::type_param(&g.name));
    let short = &shortcut.ident;
    let marker = ident(SHORTCUT_FORM);
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.ident == shortcut.ident {
            quote!(#ident: short)
        } else if f.ident == SHORTCUT_FORM {
            quote!(#ident: crate::runtime::ShortcutForm::Short)
        } else {
            quote!(#ident: ::std::default::Default::default())
        }
    });
    let others: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.ident != shortcut.ident && f.ident != SHORTCUT_FORM)
        .map(|f| {
            let ident = &f.ident;
            if f.required {
                quote!(false)
            } else {
                quote!(self.#ident.is_none())
            }
        })
        .collect();
    // `short` and every other property unset.
    let write_if = quote!(short #(&& #others)*);
    let short_decl = if form.auto_short {
        quote!(let short = !self.#marker.is_full();)
    } else {
        quote!(let short = matches!(self.#marker, crate::runtime::ShortcutForm::Short);)
    };
    let write_short = if shortcut.required {
        quote! {
            if #write_if {
                return ::serde::Serialize::serialize(&self.#short, serializer);
            }
        }
    } else {
        quote! {
            if #write_if && let Some(value) = &self.#short {
                return ::serde::Serialize::serialize(value, serializer);
            }
        }
    };
    // Another required property: the short form, which has none of them, is never written.
    let never_short = fields
        .iter()
        .any(|f| f.ident != shortcut.ident && f.ident != SHORTCUT_FORM && f.required);
    let (short_decl, write_short) = if never_short {
        (TokenStream::new(), TokenStream::new())
    } else {
        (short_decl, write_short)
    };
    let wrap = if shortcut.required {
        TokenStream::new()
    } else {
        quote!(.map(Some))
    };
    let wire_names = &form.wire_names;
    quote! {
        impl #params ::serde::Serialize for #name #params #bounds_ser {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #short_decl
                #write_short
                #name::serialize(self, serializer)
            }
        }
        impl<'de, #(#de_params),*> ::serde::Deserialize<'de> for #name #params #bounds_de {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let full = |value: &::serde_json::Value| {
                    #name::deserialize(value).map(|mut full| {
                        full.#marker = crate::runtime::ShortcutForm::Full;
                        full
                    })
                };
                // An object naming one of the properties is the full form.
                if let ::serde_json::Value::Object(map) = &value
                    && map.keys().any(|key| matches!(key.as_str(), #(#wire_names)|*))
                {
                    return full(&value).map_err(::serde::de::Error::custom);
                }
                match ::serde_json::from_value(value.clone())#wrap {
                    Ok(short) => Ok(#name { #(#inits),* }),
                    Err(_) if value.is_object() => full(&value).map_err(::serde::de::Error::custom),
                    Err(e) => Err(::serde::de::Error::custom(e)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, wire: WireForm, required: bool) -> Field {
        let inner = quote!(::std::string::String);
        Field {
            ident: ident(name),
            ty: if required {
                inner.clone()
            } else {
                quote!(::std::option::Option<#inner>)
            },
            inner,
            required,
            secret: false,
            wire,
            doc: quote!(#[doc = " D."]),
        }
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().split_whitespace().collect()
    }

    #[test]
    fn a_field_prints_the_serde_attributes_its_wire_form_needs() {
        let member = |name: &str, aliases: &[&str], presence| WireForm::Member {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            presence,
        };
        // Named like its wire name and required: no attributes at all.
        let plain = field("name", member("name", &[], Presence::Required), true);
        assert_eq!(
            text(field_tokens(&plain, true)),
            text(quote!(#[doc = " D."] pub name: ::std::string::String,))
        );
        // A keyword, an alias, and a nullable optional member.
        let nullable = field("type", member("type", &["kind"], Presence::Nullable), false);
        assert_eq!(
            text(field_tokens(&nullable, true)),
            text(quote!(
                #[doc = " D."]
                #[serde(alias = "kind", default, skip_serializing_if = "::std::option::Option::is_none",
                    deserialize_with = "crate::runtime::serde_helpers::nullable_field::deserialize")]
                pub r#type: ::std::option::Option<::std::string::String>,
            ))
        );
        // Renamed, optional; without serde attributes for `wire_struct!`.
        let renamed = field(
            "source_field",
            member("_source", &[], Presence::Optional),
            false,
        );
        assert!(
            text(field_tokens(&renamed, true)).contains(&text(quote!(rename = "_source", default)))
        );
        assert!(!text(field_tokens(&renamed, false)).contains("serde"));
        assert_eq!(
            text(field_tokens(&field("form", WireForm::Skip, false), true)),
            text(
                quote!(#[doc = " D."] #[serde(skip)] pub form: ::std::option::Option<::std::string::String>,)
            )
        );
        let extra = field("extra", WireForm::Flatten { skip_empty: true }, false);
        assert!(text(field_tokens(&extra, true)).contains(&text(quote!(
            #[serde(flatten, default, skip_serializing_if = "::indexmap::IndexMap::is_empty")]
        ))));
    }

    #[test]
    fn wire_struct_lists_the_members_with_their_kind_and_aliases() {
        let fields = [
            field(
                "a",
                WireForm::Member {
                    name: "a".into(),
                    aliases: vec!["b".into()],
                    presence: Presence::Required,
                },
                true,
            ),
            field(
                "c",
                WireForm::Member {
                    name: "c.d".into(),
                    aliases: vec![],
                    presence: Presence::Nullable,
                },
                false,
            ),
        ];
        let spec = StructSpec {
            name: "S",
            generics: &[],
            docs: TokenStream::new(),
            tag: None,
            shortcut: None,
        };
        let call = wire_struct_call(&format_ident!("S"), &spec, &fields);
        assert_eq!(
            text(call),
            text(quote!(crate::runtime::wire_struct!(S { req a "a" | "b"; nullable c "c.d"; });))
        );
    }
}
