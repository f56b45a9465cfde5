//! From resolved syntax to the model: type expressions, properties, classes and
//! interfaces, enums and type aliases, and which tags each may carry. The values of
//! the tags are read in `tag_values`; requests, responses and endpoints are in
//! `endpoints`.

use super::doc_ids::DocIds;
use super::files::{SourceFile, Span};
use super::resolve::{DeclId, Program, Target};
use super::syntax::{DeclKind, Heritage, Keyword, LiteralSyntax, Member, TypeExpr};
use super::tag_values::{comma_separated, js_number};
use super::tags::{Docs, Tag};
use crate::diagnostics::Diagnostic;
use crate::model::{
    Behavior, Enum, EnumMember, Inherits, Interface, Literal, Property, TypeAlias, TypeDocs,
    TypeName, ValueOf,
};

pub type Errors = Vec<Diagnostic>;

/// Behaviors the compiler understands; any other `implements` is plain documentation.
pub const KNOWN_BEHAVIORS: &[&str] = &[
    "AdditionalProperties",
    "AdditionalProperty",
    "CommonQueryParameters",
    "CommonCatQueryParameters",
    "OverloadOf",
];

/// Helper classes that only shape the specification and are not model types.
pub const CUSTOM_TYPES: &[&str] = &["SingleKeyDictionary", "Dictionary", "UserDefinedValue"];

/// Tags that are accepted anywhere and mean nothing to the model.
const IGNORED_TAGS: &[&str] = &["prop_serializer", "class_serializer", "UpdateForV10"];

const PROPERTY_TAGS: &[&str] = &[
    "aliases",
    "availability",
    "codegen_name",
    "deprecated",
    "doc_id",
    "doc_url",
    "es_quirk",
    "ext_doc_id",
    "server_default",
    "variant",
    // The older dialect's availability, one tag per field.
    "since",
    "stability",
    "visibility",
];

const INTERFACE_TAGS: &[&str] = &[
    "behavior",
    "behavior_meta",
    "deprecated",
    "doc_id",
    "doc_url",
    "es_quirk",
    "ext_doc_id",
    "non_exhaustive",
    "shortcut_property",
    "variant",
    "variants",
];

const ALIAS_TAGS: &[&str] = &[
    "codegen_names",
    "deprecated",
    "doc_id",
    "doc_url",
    "es_quirk",
    "ext_doc_id",
    "non_exhaustive",
    "variants",
];

const ENUM_TAGS: &[&str] = &[
    "availability",
    "deprecated",
    "doc_id",
    "doc_url",
    "es_quirk",
    "ext_doc_id",
    "non_exhaustive",
];

const ENUM_MEMBER_TAGS: &[&str] = &[
    "aliases",
    "availability",
    "codegen_name",
    "deprecated",
    // The older dialect's availability, one tag per field.
    "since",
    "stability",
    "visibility",
];

/// What a tag is on, for messages: `What("property", Some("name"))` -> property `name`.
#[derive(Clone, Copy)]
pub struct What<'a>(pub &'static str, pub Option<&'a str>);

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(name) => write!(f, "{} `{name}`", self.0),
            None => f.write_str(self.0),
        }
    }
}

pub struct Lowerer<'a> {
    pub prog: &'a Program,
    pub doc_ids: &'a DocIds,
    pub json_spec: &'a super::json_spec::JsonSpec,
}

/// A tag-level error: points at the tag.
pub fn tag_error(file: &SourceFile, tag: &Tag, message: impl Into<String>) -> Diagnostic {
    file.error(tag.span, message)
}

impl<'a> Lowerer<'a> {
    pub fn spec_location(&self, id: DeclId) -> String {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        format!(
            "{}#L{}-L{}",
            file.rel,
            file.line_of(decl.full_span.lo),
            file.line_of(decl.full_span.hi)
        )
    }

    pub fn generics(&self, id: DeclId) -> Vec<TypeName> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        decl.type_params
            .iter()
            .map(|(p, _)| TypeName::new(format!("{}.{}", file.namespace, decl.name), p.clone()))
            .collect()
    }

    /// Rejects tags not in `allowed` (nor ignored), naming the node kind.
    pub fn check_tags(
        &self,
        file: &SourceFile,
        docs: &Docs,
        allowed: &[&str],
        what: What<'_>,
        errs: &mut Errors,
    ) {
        for tag in docs.tags() {
            if tag.name.is_empty() {
                errs.push(tag_error(
                    file,
                    tag,
                    "malformed tag: `@` must be followed by a tag name",
                ));
            } else if !allowed.contains(&tag.name.as_str())
                && !IGNORED_TAGS.contains(&tag.name.as_str())
            {
                errs.push(tag_error(
                    file,
                    tag,
                    format!("unknown tag `@{}` on {what}", tag.name),
                ));
            }
        }
    }

    /// Rejects a second JSDoc block where only one is allowed.
    pub fn single_block(&self, file: &SourceFile, docs: &Docs, errs: &mut Errors) {
        if let Some(second) = docs.blocks.get(1) {
            errs.push(file.error(
                Span::new(second.span.lo, second.span.lo + 3),
                "use a single JSDoc block instead of several",
            ));
        }
    }

    // ----- type expressions

    pub fn value_of(&self, owner: DeclId, t: &TypeExpr, errs: &mut Errors) -> Option<ValueOf> {
        let file = self.prog.file(owner);
        match t {
            TypeExpr::Keyword(k, span) => {
                let name = match k {
                    Keyword::String => "string",
                    Keyword::Number => "number",
                    Keyword::Boolean => "boolean",
                    Keyword::Null => "null",
                    Keyword::Void => "void",
                    Keyword::Unknown => {
                        errs.push(file.error(
                            *span,
                            "`unknown` is only allowed in a class's `[key: string]: unknown`; use `UserDefinedValue`",
                        ));
                        return None;
                    }
                };
                Some(ValueOf::instance(TypeName::builtin(name)))
            }
            TypeExpr::Ref {
                qualifier: Some(q),
                name,
                span,
                ..
            } => {
                errs.push(file.error(
                    *span,
                    format!(
                        "qualified type name `{q}.{name}` is only allowed in `request_media_type` and `response_media_type`"
                    ),
                ));
                None
            }
            TypeExpr::Ref {
                qualifier: None,
                name,
                args,
                span,
                name_span,
            } => self.reference(owner, name, args, *span, *name_span, errs),
            TypeExpr::Array(elem, _) => Some(ValueOf::ArrayOf {
                value: Box::new(self.value_of(owner, elem, errs)?),
            }),
            TypeExpr::Union(items, _) => {
                let n = errs.len();
                let items: Vec<ValueOf> = items
                    .iter()
                    .filter_map(|i| self.value_of(owner, i, errs))
                    .collect();
                (errs.len() == n).then_some(ValueOf::UnionOf { items })
            }
            TypeExpr::Literal(lit, span) => {
                let value = match lit {
                    LiteralSyntax::String(s) => Literal::String(s.clone()),
                    LiteralSyntax::Bool(b) => Literal::Bool(*b),
                    LiteralSyntax::Number(n) => match js_number(*n) {
                        Some(n) => Literal::Number(n),
                        None => {
                            errs.push(file.error(*span, "number literal out of range"));
                            return None;
                        }
                    },
                };
                Some(ValueOf::LiteralValue { value })
            }
            TypeExpr::Object(_, span) => {
                errs.push(file.error(
                    *span,
                    "inline object types are only allowed as a request's `path_parts`, `query_parameters` or `body`, a response's `body`, and in `urls`/`exceptions`; declare a class",
                ));
                None
            }
            TypeExpr::Tuple(_, span) => {
                errs.push(file.error(
                    *span,
                    "tuple types are only allowed in `urls`, `methods`, `exceptions` and `statusCodes`",
                ));
                None
            }
        }
    }

    fn reference(
        &self,
        owner: DeclId,
        name: &str,
        args: &[TypeExpr],
        span: Span,
        name_span: Span,
        errs: &mut Errors,
    ) -> Option<ValueOf> {
        let file = self.prog.file(owner);
        let arity = |n: usize, errs: &mut Errors| {
            if args.len() == n {
                true
            } else {
                errs.push(file.error(
                    span,
                    format!(
                        "`{name}` takes {n} type argument{}, found {}",
                        if n == 1 { "" } else { "s" },
                        args.len()
                    ),
                ));
                false
            }
        };
        let resolved = self.prog.resolve(owner, name);
        let special = matches!(
            name,
            "Array"
                | "ArrayBuffer"
                | "Dictionary"
                | "AdditionalProperties"
                | "SingleKeyDictionary"
                | "AdditionalProperty"
                | "UserDefinedValue"
        );
        if special && !matches!(resolved, Some(Target::Decl(_) | Target::Global)) {
            errs.push(file.error(
                name_span,
                format!("unknown type `{name}` (missing import?)"),
            ));
            return None;
        }
        match name {
            "Array" => {
                if !arity(1, errs) {
                    return None;
                }
                Some(ValueOf::ArrayOf {
                    value: Box::new(self.value_of(owner, &args[0], errs)?),
                })
            }
            "ArrayBuffer" => arity(0, errs).then(|| ValueOf::instance(TypeName::builtin("binary"))),
            "Dictionary"
            | "AdditionalProperties"
            | "SingleKeyDictionary"
            | "AdditionalProperty" => {
                if !arity(2, errs) {
                    return None;
                }
                let key = self.value_of(owner, &args[0], errs);
                let value = self.value_of(owner, &args[1], errs);
                Some(ValueOf::DictionaryOf {
                    key: Box::new(key?),
                    single_key: matches!(name, "SingleKeyDictionary" | "AdditionalProperty"),
                    value: Box::new(value?),
                })
            }
            "UserDefinedValue" => arity(0, errs).then_some(ValueOf::UserDefinedValue),
            _ => match resolved {
                None | Some(Target::Global) => {
                    errs.push(file.error(name_span, format!("unknown type `{name}`")));
                    None
                }
                Some(Target::TypeParam(tn)) => arity(0, errs).then(|| ValueOf::instance(tn)),
                Some(Target::Decl(id)) => {
                    let decl = self.prog.decl(id);
                    if !arity(decl.type_params.len(), errs) {
                        return None;
                    }
                    let n = errs.len();
                    let generics: Vec<ValueOf> = args
                        .iter()
                        .filter_map(|a| self.value_of(owner, a, errs))
                        .collect();
                    (errs.len() == n).then(|| {
                        ValueOf::InstanceOf(crate::model::InstanceOf {
                            generics,
                            type_name: self.prog.type_name(id),
                        })
                    })
                }
            },
        }
    }

    // ----- properties

    pub fn property(&self, owner: DeclId, m: &Member, errs: &mut Errors) -> Option<Property> {
        let file = self.prog.file(owner);
        let ty = self.value_of(owner, &m.ty, errs)?;
        let mut p = Property::new(m.name.clone(), ty, !m.optional);
        let docs = Docs::parse(file, &m.docs);
        self.single_block(file, &docs, errs);
        p.description = docs.description();
        self.check_tags(
            file,
            &docs,
            PROPERTY_TAGS,
            What("property", Some(&m.name)),
            errs,
        );
        p.deprecation = self.deprecation(file, &docs, errs);
        p.availability = self.availabilities(file, &docs, None, errs);
        if let Some(t) = docs.get("aliases") {
            p.aliases = comma_separated(&t.value);
        }
        if let Some(t) = docs.get("codegen_name") {
            p.codegen_name = Some(self.non_empty(file, t, errs)?);
        }
        if let Some(t) = docs.get("doc_url") {
            if docs.has("doc_id") {
                errs.push(tag_error(
                    file,
                    t,
                    "`@doc_id` and `@doc_url` cannot be used together",
                ));
            }
            p.doc_url = Some(self.url(file, t, errs)?);
        }
        // On properties an id missing from the table keeps its id but gets no url
        // (as the official compiler does).
        if let Some(t) = docs.get("doc_id") {
            let id = self.non_empty(file, t, errs)?;
            if let Some(e) = self.doc_ids.get(&id) {
                p.doc_url = Some(e.url.clone());
            }
            p.doc_id = Some(id);
        }
        if let Some(t) = docs.get("ext_doc_id") {
            let id = self.non_empty(file, t, errs)?;
            p.ext_doc_url = self.doc_ids.get(&id).map(|e| e.url.clone());
            p.ext_doc_id = Some(id);
        }
        if let Some(t) = docs.get("es_quirk") {
            p.es_quirk = Some(t.value.replace('\r', ""));
        }
        if let Some(t) = docs.get("variant") {
            if t.value != "container_property" {
                errs.push(tag_error(
                    file,
                    t,
                    format!(
                        "malformed `@variant` on a property: expected `@variant container_property`, found `{}`",
                        t.value
                    ),
                ));
            }
            p.container_property = true;
        }
        if let Some(t) = docs.get("server_default") {
            p.server_default = Some(self.server_default(file, t, &p, errs)?);
        }
        Some(p)
    }

    /// Rejects two members with the same name in one class or object type.
    pub fn check_unique_members(&self, file: &SourceFile, members: &[Member], errs: &mut Errors) {
        // A set, not a scan of the earlier members: linear in the number of properties.
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        for m in members {
            if !seen.insert(m.name.as_str()) {
                errs.push(file.error(m.name_span, format!("duplicate property `{}`", m.name)));
            }
        }
    }

    // ----- declarations

    pub fn inherits(&self, owner: DeclId, h: &Heritage, errs: &mut Errors) -> Option<Inherits> {
        let file = self.prog.file(owner);
        match self.prog.resolve(owner, &h.name) {
            Some(Target::Decl(id)) if self.prog.decl(id).kind.is_class_like() => {
                let decl = self.prog.decl(id);
                if h.args.len() != decl.type_params.len() {
                    errs.push(file.error(
                        h.span,
                        format!(
                            "`{}` takes {} type arguments, found {}",
                            h.name,
                            decl.type_params.len(),
                            h.args.len()
                        ),
                    ));
                    return None;
                }
                let n = errs.len();
                let generics: Vec<ValueOf> = h
                    .args
                    .iter()
                    .filter_map(|a| self.value_of(owner, a, errs))
                    .collect();
                (errs.len() == n).then(|| Inherits {
                    generics,
                    type_name: self.prog.type_name(id),
                })
            }
            Some(_) => {
                errs.push(file.error(
                    h.span,
                    format!("`{}` is not a class or an interface", h.name),
                ));
                None
            }
            None => {
                errs.push(file.error(h.span, format!("unknown type `{}`", h.name)));
                None
            }
        }
    }

    /// Behaviors attached to a class or interface or any of its ancestors, own first.
    pub fn attached_behaviors(&self, id: DeclId) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_behaviors(id, &mut out, 0);
        let mut seen = std::collections::HashSet::new();
        out.retain(|b| seen.insert(b.clone()));
        out
    }

    fn collect_behaviors(&self, id: DeclId, out: &mut Vec<String>, depth: usize) {
        if depth > 64 {
            return;
        }
        let (extends, implements): (Vec<&Heritage>, Vec<&Heritage>) = match &self.prog.decl(id).kind
        {
            DeclKind::Class {
                extends,
                implements,
                ..
            } => (extends.iter().collect(), implements.iter().collect()),
            DeclKind::Interface { extends, .. } => (extends.iter().collect(), Vec::new()),
            _ => return,
        };
        // A clause counts only when it names exactly one known behavior.
        for clause in [&extends, &implements] {
            if let [single] = clause.as_slice()
                && KNOWN_BEHAVIORS.contains(&single.name.as_str())
            {
                out.push(single.name.clone());
            }
        }
        for h in extends {
            if let Some(Target::Decl(parent)) = self.prog.resolve_in_file(id.file, &h.name)
                && self.prog.decl(parent).kind.is_class_like()
            {
                self.collect_behaviors(parent, out, depth + 1);
            }
        }
    }

    pub fn has_heritage(&self, id: DeclId) -> bool {
        match &self.prog.decl(id).kind {
            DeclKind::Class {
                extends,
                implements,
                ..
            } => extends.is_some() || !implements.is_empty(),
            DeclKind::Interface { extends, .. } => !extends.is_empty(),
            _ => false,
        }
    }

    /// A class or interface that is neither a request nor a response.
    pub fn interface(&self, id: DeclId, errs: &mut Errors) -> Option<Interface> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        let (extends, implements, members, index_signature): (
            Option<&Heritage>,
            &[Heritage],
            &[Member],
            Option<Span>,
        ) = match &decl.kind {
            DeclKind::Class {
                extends,
                implements,
                members,
                index_signature,
            } => (
                extends.as_ref(),
                implements.as_slice(),
                members.as_slice(),
                *index_signature,
            ),
            DeclKind::Interface { extends, members } => {
                if extends.len() > 1 {
                    errs.push(file.error(extends[1].span, "an interface may extend only one type"));
                }
                (extends.first(), &[], members.as_slice(), None)
            }
            _ => return None,
        };
        let docs = Docs::parse(file, &decl.docs);
        self.single_block(file, &docs, errs);
        self.check_tags(
            file,
            &docs,
            INTERFACE_TAGS,
            What("class", Some(&decl.name)),
            errs,
        );
        let mut t = Interface {
            attached_behaviors: Vec::new(),
            behaviors: Vec::new(),
            docs: self.type_docs(file, &docs, errs),
            generics: self.generics(id),
            inherits: None,
            name: self.prog.type_name(id),
            properties: Vec::new(),
            shortcut_property: None,
            spec_location: self.spec_location(id),
            variant_name: None,
            variants: self.variants(id, &docs, false, errs),
        };
        if let Some(tag) = docs.get("non_exhaustive")
            && t.variants.is_none()
        {
            errs.push(tag_error(
                file,
                tag,
                "`@non_exhaustive` only applies to enums and `@variants`",
            ));
        }
        if let Some(tag) = docs.get("variant") {
            match tag.value.split_once('=') {
                Some(("name", v)) if !v.trim().is_empty() => {
                    t.variant_name = Some(v.trim().replace(['\'', '"'], ""));
                }
                _ => errs.push(tag_error(file, tag, format!(
                    "malformed `@variant`: expected `@variant name=<name>`, found `@variant {}`",
                    tag.value
                ))),
            }
        }
        if let Some(tag) = docs.get("shortcut_property") {
            t.shortcut_property = self.non_empty(file, tag, errs);
        }
        self.check_unique_members(file, members, errs);
        for m in members {
            if let Some(p) = self.property(id, m, errs) {
                t.properties.push(p);
            }
        }
        if self.has_heritage(id) || index_signature.is_some() {
            t.attached_behaviors = self.attached_behaviors(id);
        }
        if let Some(h) = extends {
            t.inherits = self.inherits(id, h, errs);
        }
        // Known behaviors from `implements`; other interfaces are only checked to exist.
        let metas = self.behavior_metas(id, &docs, implements, errs);
        for h in implements {
            match self.prog.resolve(id, &h.name) {
                Some(Target::Decl(b)) if self.prog.decl(b).kind.is_class_like() => {
                    if KNOWN_BEHAVIORS.contains(&h.name.as_str()) {
                        let n = errs.len();
                        let generics: Vec<ValueOf> = h
                            .args
                            .iter()
                            .filter_map(|a| self.value_of(id, a, errs))
                            .collect();
                        if errs.len() == n {
                            t.behaviors.push(Behavior {
                                generics,
                                meta: metas.get(&h.name).cloned(),
                                type_name: self.prog.type_name(b),
                            });
                        }
                    }
                }
                Some(_) => {
                    errs.push(file.error(h.span, format!("`{}` is not an interface", h.name)))
                }
                None => errs.push(file.error(h.span, format!("unknown type `{}`", h.name))),
            }
        }
        if let Some(span) = index_signature {
            // `[key: string]: unknown` is any extra key with any value.
            match self.prog.find("_spec_utils", "AdditionalProperties") {
                Some(b) => {
                    t.behaviors.push(Behavior {
                        generics: vec![ValueOf::instance(TypeName::builtin("string")), ValueOf::UserDefinedValue],
                        meta: None,
                        type_name: self.prog.type_name(b),
                    });
                    if !t.attached_behaviors.iter().any(|a| a == "AdditionalProperties") {
                        t.attached_behaviors.insert(0, "AdditionalProperties".into());
                    }
                }
                None => errs.push(file.error(span, "`[key: string]: unknown` needs the `AdditionalProperties` behavior in `_spec_utils/behaviors.ts`")),
            }
        }
        Some(t)
    }

    pub fn enumeration(&self, id: DeclId, errs: &mut Errors) -> Option<Enum> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        let DeclKind::Enum { members } = &decl.kind else {
            return None;
        };
        let docs = Docs::parse(file, &decl.docs);
        self.single_block(file, &docs, errs);
        self.check_tags(file, &docs, ENUM_TAGS, What("enum", Some(&decl.name)), errs);
        // `@availability` on an enum is checked, but the official model has no place for it.
        let _ = self.availability(file, &docs, errs);
        // The official model keeps no documentation on enums, only the quirk.
        let full = self.type_docs(file, &docs, errs);
        let mut out = Enum {
            docs: TypeDocs {
                es_quirk: full.es_quirk,
                ..TypeDocs::default()
            },
            is_open: docs.has("non_exhaustive"),
            members: Vec::with_capacity(members.len()),
            name: self.prog.type_name(id),
            spec_location: self.spec_location(id),
        };
        for m in members {
            let mdocs = Docs::parse(file, &m.docs);
            self.single_block(file, &mdocs, errs);
            self.check_tags(
                file,
                &mdocs,
                ENUM_MEMBER_TAGS,
                What("enum member", Some(&m.name)),
                errs,
            );
            let mut member = EnumMember {
                aliases: Vec::new(),
                availability: self.availabilities(file, &mdocs, None, errs),
                codegen_name: None,
                deprecation: self.deprecation(file, &mdocs, errs),
                description: mdocs.description(),
                name: m.name.clone(),
            };
            if let Some(v) = &m.value {
                member.name = v.clone();
                member.codegen_name = Some(m.name.clone());
            }
            if let Some(t) = mdocs.get("codegen_name") {
                member.codegen_name = self.non_empty(file, t, errs);
            }
            if let Some(t) = mdocs.get("aliases") {
                member.aliases = comma_separated(&t.value);
            }
            if out
                .members
                .iter()
                .any(|o: &EnumMember| o.name == member.name)
            {
                errs.push(file.error(
                    m.span,
                    format!("duplicate enum value `{}` in `{}`", member.name, decl.name),
                ));
            }
            out.members.push(member);
        }
        Some(out)
    }

    pub fn alias(&self, id: DeclId, errs: &mut Errors) -> Option<TypeAlias> {
        let file = self.prog.file(id);
        let decl = self.prog.decl(id);
        let DeclKind::Alias { ty } = &decl.kind else {
            return None;
        };
        let docs = Docs::parse(file, &decl.docs);
        self.single_block(file, &docs, errs);
        self.check_tags(
            file,
            &docs,
            ALIAS_TAGS,
            What("type alias", Some(&decl.name)),
            errs,
        );
        let type_ = self.value_of(id, ty, errs)?;
        let mut out = TypeAlias {
            codegen_names: Vec::new(),
            docs: self.type_docs(file, &docs, errs),
            generics: self.generics(id),
            name: self.prog.type_name(id),
            spec_location: self.spec_location(id),
            type_,
            variants: None,
        };
        let union_len = match &out.type_ {
            ValueOf::UnionOf { items } => Some(items.len()),
            _ => None,
        };
        if docs.has("variants") {
            // Checked always; kept only on unions (the official compiler drops it on
            // an alias of a single type, such as a union-to-be of one member).
            let variants = self.variants(id, &docs, true, errs);
            if union_len.is_some() {
                out.variants = variants;
            }
        } else if let Some(tag) = docs.get("non_exhaustive") {
            errs.push(tag_error(
                file,
                tag,
                "`@non_exhaustive` only applies to enums and `@variants`",
            ));
        }
        if let Some(tag) = docs.get("codegen_names") {
            let names = comma_separated(&tag.value);
            if union_len != Some(names.len()) {
                errs.push(tag_error(
                    file,
                    tag,
                    format!(
                        "`@codegen_names` lists {} names but the union has {} members",
                        names.len(),
                        union_len.unwrap_or(0)
                    ),
                ));
            }
            out.codegen_names = names;
        }
        Some(out)
    }
}
