//! Name resolution: which declaration a type name in a file refers to, through the
//! file's own declarations, its imports (resolved with `tsconfig.json` path aliases or
//! relative paths) and the enclosing declaration's generic parameters.

use std::collections::HashMap;

use super::files::{PathAliases, SourceFile, Span};
use super::syntax::{Decl, FileSyntax};
use crate::diagnostics::Diagnostic;
use crate::model::TypeName;

/// A declaration: file index and index in that file's declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclId {
    pub file: u32,
    pub decl: u32,
}

/// What a name refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Decl(DeclId),
    /// A generic parameter of the enclosing declaration; the namespace is `<ns>.<Owner>`.
    TypeParam(TypeName),
    /// A TypeScript global: `Array`, `ArrayBuffer`.
    Global,
}

/// The parsed specification and its symbol tables.
pub struct Program {
    pub files: Vec<SourceFile>,
    pub syntax: Vec<FileSyntax>,
    /// Per file: declared name -> index in `syntax[file].decls`.
    locals: Vec<HashMap<String, u32>>,
    /// Per file: imported local name -> declaration (missing when the import failed).
    imports: Vec<HashMap<String, DeclId>>,
    /// namespace -> name -> declaration.
    by_name: HashMap<String, HashMap<String, DeclId>>,
}

/// Names TypeScript itself provides.
const GLOBALS: &[&str] = &["Array", "ArrayBuffer"];

impl Program {
    /// Builds the symbol tables; reports duplicate names and broken imports.
    pub fn new(
        files: Vec<SourceFile>,
        syntax: Vec<FileSyntax>,
        aliases: &PathAliases,
    ) -> (Program, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let by_path: HashMap<&str, u32> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.rel.strip_suffix(".ts").unwrap_or(&f.rel), i as u32))
            .collect();

        // Declarations, and duplicates within a namespace.
        let mut locals = Vec::with_capacity(files.len());
        let mut by_namespace: HashMap<&str, HashMap<&str, (u32, Span)>> = HashMap::new();
        for (fi, (file, syn)) in files.iter().zip(&syntax).enumerate() {
            let mut names = HashMap::with_capacity(syn.decls.len());
            for (di, d) in syn.decls.iter().enumerate() {
                let ns = by_namespace.entry(file.namespace.as_str()).or_default();
                if let Some(&(other_file, other_span)) = ns.get(d.name.as_str()) {
                    let other = &files[other_file as usize];
                    let line = other.line_of(other_span.lo);
                    errors.push(file.error(
                        d.name_span,
                        format!(
                            "duplicate type name `{}` in namespace `{}` (first declared at {}:{line})",
                            d.name, file.namespace, other.rel
                        ),
                    ));
                    continue;
                }
                ns.insert(d.name.as_str(), (fi as u32, d.name_span));
                names.insert(d.name.clone(), di as u32);
            }
            locals.push(names);
        }

        // Imports.
        let mut imports = Vec::with_capacity(files.len());
        for (fi, (file, syn)) in files.iter().zip(&syntax).enumerate() {
            let mut map = HashMap::with_capacity(syn.imports.len());
            for imp in &syn.imports {
                let Some(path) = aliases.resolve(file.dir(), &imp.module) else {
                    errors.push(file.error(
                        imp.module_span,
                        format!(
                            "cannot resolve module `{}`: not a relative path nor a tsconfig.json path alias",
                            imp.module
                        ),
                    ));
                    continue;
                };
                let target = by_path
                    .get(path.as_str())
                    .or_else(|| by_path.get(format!("{path}/index").as_str()));
                let Some(&target) = target else {
                    errors.push(file.error(
                        imp.module_span,
                        format!("module `{}` not found (no file `{path}.ts`)", imp.module),
                    ));
                    continue;
                };
                let Some(&decl) = locals[target as usize].get(&imp.imported) else {
                    errors.push(file.error(
                        imp.span,
                        format!(
                            "`{}` is not declared in `{}`",
                            imp.imported, files[target as usize].rel
                        ),
                    ));
                    continue;
                };
                if locals[fi].contains_key(&imp.local) {
                    errors.push(file.error(
                        imp.span,
                        format!(
                            "import `{}` clashes with a declaration of this file",
                            imp.local
                        ),
                    ));
                    continue;
                }
                map.insert(imp.local.clone(), DeclId { file: target, decl });
            }
            imports.push(map);
        }

        let mut by_name: HashMap<String, HashMap<String, DeclId>> = HashMap::new();
        for (fi, names) in locals.iter().enumerate() {
            let ns = by_name.entry(files[fi].namespace.clone()).or_default();
            for (name, &decl) in names {
                ns.insert(
                    name.clone(),
                    DeclId {
                        file: fi as u32,
                        decl,
                    },
                );
            }
        }
        (
            Program {
                files,
                syntax,
                locals,
                imports,
                by_name,
            },
            errors,
        )
    }

    pub fn file(&self, id: DeclId) -> &SourceFile {
        &self.files[id.file as usize]
    }

    pub fn decl(&self, id: DeclId) -> &Decl {
        &self.syntax[id.file as usize].decls[id.decl as usize]
    }

    pub fn type_name(&self, id: DeclId) -> TypeName {
        TypeName::new(self.file(id).namespace.clone(), self.decl(id).name.clone())
    }

    /// The declaration `name` in `namespace`.
    pub fn find(&self, namespace: &str, name: &str) -> Option<DeclId> {
        self.by_name.get(namespace)?.get(name).copied()
    }

    /// Every declaration, file by file.
    pub fn decl_ids(&self) -> impl Iterator<Item = DeclId> + '_ {
        self.syntax.iter().enumerate().flat_map(|(f, s)| {
            (0..s.decls.len()).map(move |d| DeclId {
                file: f as u32,
                decl: d as u32,
            })
        })
    }

    /// Resolves `name` used in declaration `owner` (for its generic parameters).
    pub fn resolve(&self, owner: DeclId, name: &str) -> Option<Target> {
        let decl = self.decl(owner);
        if decl.type_params.iter().any(|(p, _)| p == name) {
            let file = self.file(owner);
            return Some(Target::TypeParam(TypeName::new(
                format!("{}.{}", file.namespace, decl.name),
                name,
            )));
        }
        self.resolve_in_file(owner.file, name)
    }

    /// Resolves a name at the top level of a file.
    pub fn resolve_in_file(&self, file: u32, name: &str) -> Option<Target> {
        if let Some(&decl) = self.locals[file as usize].get(name) {
            return Some(Target::Decl(DeclId { file, decl }));
        }
        if let Some(&id) = self.imports[file as usize].get(name) {
            return Some(Target::Decl(id));
        }
        GLOBALS.contains(&name).then_some(Target::Global)
    }
}
