//! One file's syntax: swc parses the TypeScript, and this module keeps only what the
//! specification dialect may contain, as plain owned data (so files can be parsed on
//! any thread and resolved together later). Anything outside the dialect is a located
//! error here, never silently dropped.

use swc_common::BytePos;
use swc_common::comments::{Comments, SingleThreadedComments};
use swc_ecma_ast as ast;
use swc_ecma_parser::{Parser, StringInput, Syntax, TsSyntax};

use super::files::{SourceFile, Span};
use crate::diagnostics::Diagnostic;

/// Where swc starts counting: position 0 is its "no position" marker.
const BASE: u32 = 1;

#[derive(Debug, Default)]
pub struct FileSyntax {
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
}

/// `import { imported as local } from 'module'`.
#[derive(Debug)]
pub struct Import {
    pub local: String,
    pub imported: String,
    pub module: String,
    pub span: Span,
    pub module_span: Span,
}

/// A top-level declaration.
#[derive(Debug)]
pub struct Decl {
    pub name: String,
    pub name_span: Span,
    /// From the first JSDoc block (if any) to the end of the declaration.
    pub full_span: Span,
    pub docs: Vec<Span>,
    pub type_params: Vec<(String, Span)>,
    pub kind: DeclKind,
}

#[derive(Debug)]
pub enum DeclKind {
    Class {
        extends: Option<Heritage>,
        implements: Vec<Heritage>,
        members: Vec<Member>,
        /// `[key: string]: unknown`
        index_signature: Option<Span>,
    },
    Interface {
        extends: Vec<Heritage>,
        members: Vec<Member>,
    },
    Enum {
        members: Vec<EnumMemberSyntax>,
    },
    Alias {
        ty: TypeExpr,
    },
}

impl DeclKind {
    pub fn is_class_like(&self) -> bool {
        matches!(self, DeclKind::Class { .. } | DeclKind::Interface { .. })
    }
}

/// `extends Base<A>` / `implements Behavior<A, B>`.
#[derive(Debug)]
pub struct Heritage {
    pub name: String,
    pub args: Vec<TypeExpr>,
    pub span: Span,
}

/// A property of a class, an interface or an object type literal.
#[derive(Debug)]
pub struct Member {
    /// The key, without quotes.
    pub name: String,
    pub name_span: Span,
    pub optional: bool,
    pub ty: TypeExpr,
    pub docs: Vec<Span>,
    pub span: Span,
}

#[derive(Debug)]
pub struct EnumMemberSyntax {
    /// The identifier, or the string of a quoted member name.
    pub name: String,
    /// A string initializer: `ident = 'wire'` or a backtick string.
    pub value: Option<String>,
    pub docs: Vec<Span>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    String,
    Number,
    Boolean,
    Null,
    Void,
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LiteralSyntax {
    String(String),
    Number(f64),
    Bool(bool),
}

#[derive(Debug)]
pub enum TypeExpr {
    Keyword(Keyword, Span),
    /// `Name<Args>` or `Qualifier.Name` (only enum members are qualified).
    Ref {
        qualifier: Option<String>,
        name: String,
        args: Vec<TypeExpr>,
        span: Span,
        name_span: Span,
    },
    Array(Box<TypeExpr>, Span),
    Union(Vec<TypeExpr>, Span),
    Literal(LiteralSyntax, Span),
    Object(Vec<Member>, Span),
    Tuple(Vec<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Keyword(_, s)
            | TypeExpr::Array(_, s)
            | TypeExpr::Union(_, s)
            | TypeExpr::Literal(_, s)
            | TypeExpr::Object(_, s)
            | TypeExpr::Tuple(_, s) => *s,
            TypeExpr::Ref { span, .. } => *span,
        }
    }
}

/// Parses one file into its dialect syntax, or the located errors that stop it.
/// How deeply brackets (`(`, `[`, `{`, `<`) and array suffixes (`[]`) may nest. The
/// upstream specification nests 5 deep; the limit keeps every recursive pass (swc, lowering,
/// the type space, syn and prettyplease) far from the end of its stack.
pub const MAX_NESTING: usize = 64;

/// A located error where nesting passes [`MAX_NESTING`], found by a flat scan before any
/// recursive pass runs. Comments and string literals are skipped.
pub fn check_nesting(file: &SourceFile) -> Result<(), Diagnostic> {
    let bytes = file.text.as_bytes();
    let (mut depth, mut suffixes, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' if bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b']') => {
                suffixes += 1;
                while bytes[i] != b']' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' | b'<' => {
                depth += 1;
                suffixes = 0;
            }
            b')' | b']' | b'}' | b'>' => {
                depth = depth.saturating_sub(1);
                suffixes = 0;
            }
            b if b.is_ascii_whitespace() => {}
            _ => suffixes = 0,
        }
        if depth + suffixes > MAX_NESTING {
            let at = i.min(bytes.len().saturating_sub(1));
            return Err(Diagnostic::at(
                file.rel.clone(),
                &file.text,
                at,
                at + 1,
                format!("nested more than {MAX_NESTING} deep (brackets and `[]` suffixes)"),
            ));
        }
        i += 1;
    }
    Ok(())
}

pub fn parse_file(file: &SourceFile) -> Result<FileSyntax, Vec<Diagnostic>> {
    check_nesting(file).map_err(|d| vec![d])?;
    let comments = SingleThreadedComments::default();
    let len = u32::try_from(file.text.len()).map_err(|_| {
        vec![Diagnostic::file_only(
            file.rel.clone(),
            "file too large (over 4 GiB)",
        )]
    })?;
    let input = StringInput::new(&file.text, BytePos(BASE), BytePos(BASE + len));
    let mut parser = Parser::new(
        Syntax::Typescript(TsSyntax::default()),
        input,
        Some(&comments),
    );
    let module = parser.parse_module();
    let mut errors: Vec<Diagnostic> = parser
        .take_errors()
        .into_iter()
        .map(|e| syntax_error(file, &e))
        .collect();
    let module = match module {
        Ok(m) => m,
        Err(e) => {
            errors.push(syntax_error(file, &e));
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut cx = Lowering {
        file,
        comments: &comments,
        errors: Vec::new(),
    };
    let out = cx.module(&module);
    if cx.errors.is_empty() {
        Ok(out)
    } else {
        Err(cx.errors)
    }
}

fn syntax_error(file: &SourceFile, e: &swc_ecma_parser::error::Error) -> Diagnostic {
    let span = swc_common::Spanned::span(e);
    let lo = span.lo.0.saturating_sub(BASE);
    let hi = span.hi.0.saturating_sub(BASE).max(lo);
    file.error(
        Span::new(lo, hi),
        format!("TypeScript syntax error: {}", e.kind().msg()),
    )
}

struct Lowering<'a> {
    file: &'a SourceFile,
    comments: &'a SingleThreadedComments,
    errors: Vec<Diagnostic>,
}

fn span_of(s: swc_common::Span) -> Span {
    Span::new(s.lo.0.saturating_sub(BASE), s.hi.0.saturating_sub(BASE))
}

impl Lowering<'_> {
    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(self.file.error(span, message));
    }

    fn unsupported(&mut self, span: swc_common::Span, what: &str) {
        self.error(
            span_of(span),
            format!("unsupported construct in the specification dialect: {what}"),
        );
    }

    /// The JSDoc blocks (`/** ... */`) just before position `pos`.
    fn docs_at(&self, pos: BytePos) -> Vec<Span> {
        let Some(comments) = self.comments.get_leading(pos) else {
            return Vec::new();
        };
        comments
            .iter()
            .filter(|c| {
                c.kind == swc_common::comments::CommentKind::Block
                    && c.text.starts_with('*')
                    && c.text.as_str() != "*"
            })
            .map(|c| span_of(c.span))
            .collect()
    }

    fn module(&mut self, module: &ast::Module) -> FileSyntax {
        let mut out = FileSyntax::default();
        for item in &module.body {
            match item {
                ast::ModuleItem::ModuleDecl(ast::ModuleDecl::Import(import)) => {
                    self.import(import, &mut out.imports);
                }
                ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportDecl(export)) => {
                    if let Some(d) = self.decl(&export.decl, export.span.lo) {
                        out.decls.push(d);
                    }
                }
                ast::ModuleItem::Stmt(ast::Stmt::Decl(decl)) => {
                    let lo = match decl {
                        ast::Decl::Class(c) => c.class.span.lo,
                        ast::Decl::TsInterface(i) => i.span.lo,
                        ast::Decl::TsTypeAlias(a) => a.span.lo,
                        ast::Decl::TsEnum(e) => e.span.lo,
                        _ => BytePos(0),
                    };
                    if let Some(d) = self.decl(decl, lo) {
                        out.decls.push(d);
                    }
                }
                ast::ModuleItem::Stmt(ast::Stmt::Empty(_)) => {}
                ast::ModuleItem::ModuleDecl(d) => {
                    let what = match d {
                        ast::ModuleDecl::ExportDefaultDecl(_)
                        | ast::ModuleDecl::ExportDefaultExpr(_) => "default export",
                        ast::ModuleDecl::ExportNamed(_) | ast::ModuleDecl::ExportAll(_) => {
                            "re-export"
                        }
                        _ => "module declaration",
                    };
                    self.unsupported(swc_common::Spanned::span(d), what);
                }
                ast::ModuleItem::Stmt(s) => {
                    self.unsupported(swc_common::Spanned::span(s), "statement");
                }
            }
        }
        out
    }

    fn import(&mut self, import: &ast::ImportDecl, out: &mut Vec<Import>) {
        let module = import.src.value.to_atom_lossy().to_string();
        let module_span = span_of(import.src.span);
        for spec in &import.specifiers {
            match spec {
                ast::ImportSpecifier::Named(named) => {
                    let local = named.local.sym.to_string();
                    let imported = match &named.imported {
                        Some(ast::ModuleExportName::Ident(i)) => i.sym.to_string(),
                        Some(ast::ModuleExportName::Str(s)) => s.value.to_atom_lossy().to_string(),
                        None => local.clone(),
                    };
                    out.push(Import {
                        local,
                        imported,
                        module: module.clone(),
                        span: span_of(named.span),
                        module_span,
                    });
                }
                ast::ImportSpecifier::Default(d) => self.unsupported(d.span, "default import"),
                ast::ImportSpecifier::Namespace(n) => self.unsupported(n.span, "namespace import"),
            }
        }
    }

    /// `lo` is where the declaration starts (its `export` keyword if any): its JSDoc is
    /// attached there.
    fn decl(&mut self, decl: &ast::Decl, lo: BytePos) -> Option<Decl> {
        let docs = self.docs_at(lo);
        let start = docs.first().map_or(lo.0.saturating_sub(BASE), |d| d.lo);
        match decl {
            ast::Decl::Class(c) => {
                let class = &c.class;
                if c.declare {
                    self.unsupported(class.span, "`declare` class");
                }
                if !class.decorators.is_empty() {
                    self.unsupported(class.decorators[0].span, "decorator");
                }
                if class.is_abstract {
                    self.unsupported(class.span, "abstract class");
                }
                let extends = match &class.super_class {
                    None => None,
                    Some(expr) => match &**expr {
                        ast::Expr::Ident(id) => Some(Heritage {
                            name: id.sym.to_string(),
                            args: self.type_args(class.super_type_params.as_deref()),
                            span: span_of(id.span),
                        }),
                        other => {
                            self.unsupported(
                                swc_common::Spanned::span(other),
                                "base class that is not a plain name",
                            );
                            None
                        }
                    },
                };
                let implements = class
                    .implements
                    .iter()
                    .filter_map(|h| self.heritage(h))
                    .collect();
                let mut members = Vec::new();
                let mut index_signature = None;
                for m in &class.body {
                    match m {
                        ast::ClassMember::ClassProp(p) => {
                            if let Some(m) = self.class_prop(p) {
                                members.push(m);
                            }
                        }
                        ast::ClassMember::TsIndexSignature(sig) => {
                            if self.index_signature(sig) {
                                index_signature = Some(span_of(sig.span));
                            }
                        }
                        ast::ClassMember::Empty(_) => {}
                        other => {
                            let what = match other {
                                ast::ClassMember::Method(_)
                                | ast::ClassMember::PrivateMethod(_) => "method",
                                ast::ClassMember::Constructor(_) => "constructor",
                                _ => "class member other than a property",
                            };
                            self.unsupported(swc_common::Spanned::span(other), what);
                        }
                    }
                }
                Some(Decl {
                    name: c.ident.sym.to_string(),
                    name_span: span_of(c.ident.span),
                    full_span: Span::new(start, span_of(class.span).hi),
                    docs,
                    type_params: self.type_params(class.type_params.as_deref()),
                    kind: DeclKind::Class {
                        extends,
                        implements,
                        members,
                        index_signature,
                    },
                })
            }
            ast::Decl::TsInterface(i) => {
                let extends = i.extends.iter().filter_map(|h| self.heritage(h)).collect();
                let members = self.type_elements(&i.body.body);
                Some(Decl {
                    name: i.id.sym.to_string(),
                    name_span: span_of(i.id.span),
                    full_span: Span::new(start, span_of(i.span).hi),
                    docs,
                    type_params: self.type_params(i.type_params.as_deref()),
                    kind: DeclKind::Interface { extends, members },
                })
            }
            ast::Decl::TsTypeAlias(a) => {
                let ty = self.ty(&a.type_ann)?;
                Some(Decl {
                    name: a.id.sym.to_string(),
                    name_span: span_of(a.id.span),
                    full_span: Span::new(start, span_of(a.span).hi),
                    docs,
                    type_params: self.type_params(a.type_params.as_deref()),
                    kind: DeclKind::Alias { ty },
                })
            }
            ast::Decl::TsEnum(e) => {
                if e.is_const {
                    self.unsupported(e.span, "const enum");
                }
                let members = e.members.iter().map(|m| self.enum_member(m)).collect();
                Some(Decl {
                    name: e.id.sym.to_string(),
                    name_span: span_of(e.id.span),
                    full_span: Span::new(start, span_of(e.span).hi),
                    docs,
                    type_params: Vec::new(),
                    kind: DeclKind::Enum { members },
                })
            }
            ast::Decl::TsModule(m) => {
                self.unsupported(m.span, "namespace or module declaration");
                None
            }
            other => {
                self.unsupported(
                    swc_common::Spanned::span(other),
                    "declaration other than class, interface, enum or type alias",
                );
                None
            }
        }
    }

    fn index_signature(&mut self, sig: &ast::TsIndexSignature) -> bool {
        let key_is_string = matches!(
            sig.params.as_slice(),
            [ast::TsFnParam::Ident(p)] if p.type_ann.as_ref().is_some_and(|t| matches!(
                &*t.type_ann,
                ast::TsType::TsKeywordType(k) if k.kind == ast::TsKeywordTypeKind::TsStringKeyword
            ))
        );
        let value_is_unknown = sig.type_ann.as_ref().is_some_and(|t| {
            matches!(
                &*t.type_ann,
                ast::TsType::TsKeywordType(k) if k.kind == ast::TsKeywordTypeKind::TsUnknownKeyword
            )
        });
        if key_is_string && value_is_unknown && !sig.is_static && !sig.readonly {
            true
        } else {
            self.unsupported(
                sig.span,
                "index signature other than `[key: string]: unknown`",
            );
            false
        }
    }

    fn type_params(&mut self, params: Option<&ast::TsTypeParamDecl>) -> Vec<(String, Span)> {
        let Some(params) = params else {
            return Vec::new();
        };
        params
            .params
            .iter()
            .map(|p| {
                if p.constraint.is_some() {
                    self.unsupported(p.span, "generic parameter constraint");
                }
                if p.default.is_some() {
                    self.unsupported(p.span, "generic parameter default");
                }
                (p.name.sym.to_string(), span_of(p.name.span))
            })
            .collect()
    }

    fn type_args(&mut self, args: Option<&ast::TsTypeParamInstantiation>) -> Vec<TypeExpr> {
        args.map(|a| a.params.iter().filter_map(|t| self.ty(t)).collect())
            .unwrap_or_default()
    }

    fn heritage(&mut self, h: &ast::TsExprWithTypeArgs) -> Option<Heritage> {
        match &*h.expr {
            ast::Expr::Ident(id) => Some(Heritage {
                name: id.sym.to_string(),
                args: self.type_args(h.type_args.as_deref()),
                span: span_of(h.span),
            }),
            other => {
                self.unsupported(
                    swc_common::Spanned::span(other),
                    "heritage clause that is not a plain name",
                );
                None
            }
        }
    }

    fn class_prop(&mut self, p: &ast::ClassProp) -> Option<Member> {
        if !p.decorators.is_empty() {
            self.unsupported(p.decorators[0].span, "decorator");
        }
        if p.value.is_some() {
            self.unsupported(p.span, "property initializer");
        }
        if p.is_static || p.is_abstract || p.readonly || p.declare || p.accessibility.is_some() {
            self.unsupported(p.span, "property modifier");
        }
        if p.definite {
            self.unsupported(p.span, "definite assignment assertion `!`");
        }
        let (name, name_span) = match &p.key {
            ast::PropName::Ident(i) => (i.sym.to_string(), span_of(i.span)),
            ast::PropName::Str(s) => (s.value.to_atom_lossy().to_string(), span_of(s.span)),
            other => {
                self.unsupported(
                    swc_common::Spanned::span(other),
                    "property name that is not an identifier or a string",
                );
                return None;
            }
        };
        let Some(ann) = &p.type_ann else {
            self.error(span_of(p.span), format!("property `{name}` has no type"));
            return None;
        };
        let ty = self.ty(&ann.type_ann)?;
        Some(Member {
            docs: self.docs_at(p.span.lo),
            name,
            name_span,
            optional: p.is_optional,
            ty,
            span: span_of(p.span),
        })
    }

    fn type_elements(&mut self, elements: &[ast::TsTypeElement]) -> Vec<Member> {
        let mut out = Vec::new();
        for el in elements {
            match el {
                ast::TsTypeElement::TsPropertySignature(p) => {
                    if p.readonly {
                        self.unsupported(p.span, "readonly property");
                    }
                    if p.computed {
                        self.unsupported(p.span, "computed property name");
                        continue;
                    }
                    let (name, name_span) = match &*p.key {
                        ast::Expr::Ident(i) => (i.sym.to_string(), span_of(i.span)),
                        ast::Expr::Lit(ast::Lit::Str(s)) => {
                            (s.value.to_atom_lossy().to_string(), span_of(s.span))
                        }
                        other => {
                            self.unsupported(
                                swc_common::Spanned::span(other),
                                "property name that is not an identifier or a string",
                            );
                            continue;
                        }
                    };
                    let Some(ann) = &p.type_ann else {
                        self.error(span_of(p.span), format!("property `{name}` has no type"));
                        continue;
                    };
                    let Some(ty) = self.ty(&ann.type_ann) else {
                        continue;
                    };
                    out.push(Member {
                        docs: self.docs_at(p.span.lo),
                        name,
                        name_span,
                        optional: p.optional,
                        ty,
                        span: span_of(p.span),
                    });
                }
                ast::TsTypeElement::TsIndexSignature(s) => {
                    self.unsupported(s.span, "index signature in an interface or object type")
                }
                other => {
                    self.unsupported(
                        swc_common::Spanned::span(other),
                        "interface member other than a property",
                    );
                }
            }
        }
        out
    }

    fn enum_member(&mut self, m: &ast::TsEnumMember) -> EnumMemberSyntax {
        let name = match &m.id {
            ast::TsEnumMemberId::Ident(i) => i.sym.to_string(),
            ast::TsEnumMemberId::Str(s) => s.value.to_atom_lossy().to_string(),
        };
        let value = match m.init.as_deref() {
            None => None,
            Some(ast::Expr::Lit(ast::Lit::Str(s))) => Some(s.value.to_atom_lossy().to_string()),
            Some(ast::Expr::Tpl(t)) if t.exprs.is_empty() && t.quasis.len() == 1 => Some(
                t.quasis[0]
                    .cooked
                    .as_ref()
                    .map(|c| c.to_atom_lossy().to_string())
                    .unwrap_or_else(|| t.quasis[0].raw.to_string()),
            ),
            // Numeric initializers carry no wire value: the member's name is used.
            Some(ast::Expr::Lit(ast::Lit::Num(_))) => None,
            Some(ast::Expr::Unary(u))
                if u.op == ast::UnaryOp::Minus
                    && matches!(&*u.arg, ast::Expr::Lit(ast::Lit::Num(_))) =>
            {
                None
            }
            Some(other) => {
                self.unsupported(
                    swc_common::Spanned::span(other),
                    "enum initializer other than a string or a number",
                );
                None
            }
        };
        EnumMemberSyntax {
            docs: self.docs_at(m.span.lo),
            name,
            value,
            span: span_of(m.span),
        }
    }

    fn ty(&mut self, t: &ast::TsType) -> Option<TypeExpr> {
        use ast::TsType as T;
        match t {
            T::TsKeywordType(k) => {
                use ast::TsKeywordTypeKind as K;
                let kw = match k.kind {
                    K::TsStringKeyword => Keyword::String,
                    K::TsNumberKeyword => Keyword::Number,
                    K::TsBooleanKeyword => Keyword::Boolean,
                    K::TsNullKeyword => Keyword::Null,
                    K::TsVoidKeyword => Keyword::Void,
                    K::TsUnknownKeyword => Keyword::Unknown,
                    _ => {
                        let text = self.file.slice(span_of(k.span)).to_string();
                        self.unsupported(k.span, &format!("type keyword `{text}`"));
                        return None;
                    }
                };
                Some(TypeExpr::Keyword(kw, span_of(k.span)))
            }
            T::TsTypeRef(r) => {
                let (qualifier, name, name_span) = match &r.type_name {
                    ast::TsEntityName::Ident(i) => (None, i.sym.to_string(), span_of(i.span)),
                    ast::TsEntityName::TsQualifiedName(q) => match &q.left {
                        ast::TsEntityName::Ident(left) => (
                            Some(left.sym.to_string()),
                            q.right.sym.to_string(),
                            span_of(q.span),
                        ),
                        ast::TsEntityName::TsQualifiedName(deep) => {
                            self.unsupported(deep.span, "deeply qualified type name");
                            return None;
                        }
                    },
                };
                Some(TypeExpr::Ref {
                    qualifier,
                    name,
                    args: self.type_args(r.type_params.as_deref()),
                    span: span_of(r.span),
                    name_span,
                })
            }
            T::TsArrayType(a) => {
                let elem = self.ty(&a.elem_type)?;
                Some(TypeExpr::Array(Box::new(elem), span_of(a.span)))
            }
            T::TsUnionOrIntersectionType(ast::TsUnionOrIntersectionType::TsUnionType(u)) => {
                let items: Vec<_> = u.types.iter().filter_map(|t| self.ty(t)).collect();
                (items.len() == u.types.len()).then(|| TypeExpr::Union(items, span_of(u.span)))
            }
            T::TsUnionOrIntersectionType(ast::TsUnionOrIntersectionType::TsIntersectionType(i)) => {
                self.unsupported(i.span, "intersection type");
                None
            }
            T::TsLitType(l) => {
                let lit = match &l.lit {
                    ast::TsLit::Str(s) => {
                        LiteralSyntax::String(s.value.to_atom_lossy().to_string())
                    }
                    ast::TsLit::Number(n) => LiteralSyntax::Number(n.value),
                    ast::TsLit::Bool(b) => LiteralSyntax::Bool(b.value),
                    ast::TsLit::Tpl(t) if t.types.is_empty() && t.quasis.len() == 1 => {
                        LiteralSyntax::String(
                            t.quasis[0]
                                .cooked
                                .as_ref()
                                .map(|c| c.to_atom_lossy().to_string())
                                .unwrap_or_else(|| t.quasis[0].raw.to_string()),
                        )
                    }
                    _ => {
                        self.unsupported(
                            l.span,
                            "literal type other than string, number or boolean",
                        );
                        return None;
                    }
                };
                Some(TypeExpr::Literal(lit, span_of(l.span)))
            }
            T::TsTypeLit(l) => Some(TypeExpr::Object(
                self.type_elements(&l.members),
                span_of(l.span),
            )),
            T::TsTupleType(t) => {
                let items: Vec<_> = t.elem_types.iter().filter_map(|e| self.ty(&e.ty)).collect();
                (items.len() == t.elem_types.len()).then(|| TypeExpr::Tuple(items, span_of(t.span)))
            }
            T::TsParenthesizedType(p) => self.ty(&p.type_ann),
            other => {
                let what = match other {
                    T::TsMappedType(_) => "mapped type",
                    T::TsConditionalType(_) => "conditional type",
                    T::TsFnOrConstructorType(_) => "function type",
                    T::TsTypeQuery(_) => "`typeof` type",
                    T::TsTypeOperator(_) => "type operator (`keyof`, `readonly`, ...)",
                    T::TsIndexedAccessType(_) => "indexed access type",
                    T::TsOptionalType(_) | T::TsRestType(_) => "optional or rest tuple element",
                    T::TsInferType(_) => "`infer` type",
                    T::TsThisType(_) => "`this` type",
                    T::TsTypePredicate(_) => "type predicate",
                    T::TsImportType(_) => "import type",
                    _ => "type",
                };
                self.unsupported(swc_common::Spanned::span(other), what);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<FileSyntax, Vec<Diagnostic>> {
        parse_file(&SourceFile::new("ns/file.ts".into(), src.into()))
    }

    #[test]
    fn reads_declarations_and_docs() {
        let src = "import { A as B } from '@_types/common'\n\n/** Doc */\n// lint\nexport class Foo<T> extends Bar<T> {\n  /** p */\n  'a.b'?: B[]\n}\n";
        let f = parse(src).unwrap_or_default();
        assert_eq!(f.imports.len(), 1);
        assert_eq!(f.imports[0].local, "B");
        assert_eq!(f.imports[0].imported, "A");
        let d = &f.decls[0];
        assert_eq!(d.name, "Foo");
        assert_eq!(d.docs.len(), 1);
        let DeclKind::Class {
            members, extends, ..
        } = &d.kind
        else {
            panic!("not a class")
        };
        assert_eq!(members[0].name, "a.b");
        assert!(members[0].optional);
        assert_eq!(members[0].docs.len(), 1);
        assert!(extends.is_some());
    }

    #[test]
    fn negative_number_literal() {
        let f = parse("export type D = string | -1 | 0\n").unwrap_or_default();
        let DeclKind::Alias {
            ty: TypeExpr::Union(items, _),
        } = &f.decls[0].kind
        else {
            panic!("not a union alias")
        };
        assert!(matches!(items[1], TypeExpr::Literal(LiteralSyntax::Number(n), _) if n == -1.0));
    }

    #[test]
    fn syntax_error_is_located() {
        let errors = parse("export class Foo {\n  a: string =\n}\n")
            .err()
            .unwrap_or_default();
        assert!(!errors.is_empty());
        assert_eq!(errors[0].file, std::path::PathBuf::from("ns/file.ts"));
        assert!(errors[0].message.contains("syntax error"));
    }

    #[test]
    fn rejects_intersections_and_decorators() {
        let errors = parse("export type X = A & B\n").err().unwrap_or_default();
        assert!(errors[0].message.contains("intersection type"));
        assert_eq!((errors[0].line, errors[0].column), (1, 17));
    }
}
