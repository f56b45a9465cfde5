//! The split experiment: the generated crate cut into several crates that cargo compiles in
//! parallel, to measure whether such a split pays before emit builds it from the model.
//!
//! The cut is made on the crate's syntax trees (which is why it lives here, in the benchmark,
//! and not in emit): every item is keyed by the type it defines or implements (`impl X`,
//! `impl Trait for X`, `wire_struct!(X ...)`), and its references are the `crate::` paths and
//! same-module names it holds. Then:
//! * the **base** crate holds every type that another top-level module refers to, and all
//!   that those reach;
//! * the **parts** hold the rest, whole top-level modules bin-packed by size: each part
//!   depends on the base only, so the parts compile side by side;
//! * the **facade** (the package of the original name) holds the crate root (`Client`) and
//!   whatever refers to it (the namespace handles and their endpoint methods), and depends on
//!   all of them.
//!
//! Paths stay as they were: a crate's module that another crate also has re-exports that
//! crate's module by a glob (`pub use ::base::types::*;`), and a part's root re-exports the
//! base's root, so `crate::types::Id` resolves in every crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;

/// A type by module path and name.
type Key = (Vec<String>, String);

/// One crate of the split.
pub struct SplitCrate {
    /// The package name.
    pub package: String,
    /// Indices into [`Split::crates`] of the crates it depends on.
    pub deps: Vec<usize>,
    /// Its source files, by path in the package (`src/...`).
    pub files: BTreeMap<PathBuf, syn::File>,
    /// Bytes of item tokens it holds (a size measure, not its printed length).
    pub size: usize,
    /// The top-level modules whose items it holds (a part's; the base and facade hold some
    /// of many).
    pub modules: Vec<String>,
}

/// The crates of a split: the base first, the facade last.
pub struct Split {
    pub crates: Vec<SplitCrate>,
}

/// Splits a crate given as its root (`lib.rs`) and module files (module path, syntax tree)
/// into a base, `parts` parts and a facade named `package`.
pub fn split(
    package: &str,
    lib: &syn::File,
    modules: Vec<(Vec<String>, syn::File)>,
    parts: usize,
) -> Result<Split, String> {
    let parts = parts.max(1);
    let mut inner: BTreeMap<Vec<String>, Vec<syn::Attribute>> = BTreeMap::new();
    // (module, key, item, size)
    let mut items: Vec<(Vec<String>, Key, syn::Item, usize)> = Vec::new();
    for (path, file) in modules {
        if path.is_empty() {
            return Err("a module file with an empty path (the crate root comes apart)".into());
        }
        inner.insert(path.clone(), file.attrs);
        for item in file.items {
            if matches!(item, syn::Item::Mod(_)) {
                continue; // module declarations are written anew
            }
            let key = item_key(&path, &item).ok_or_else(|| {
                format!(
                    "module {}: no type to file this item under: {}",
                    path.join("::"),
                    excerpt(&item)
                )
            })?;
            let size = item.to_token_stream().to_string().len();
            items.push((path.clone(), key, item, size));
        }
    }
    let defined: BTreeSet<Key> = items
        .iter()
        .filter(|(_, _, item, _)| !matches!(item, syn::Item::Impl(_) | syn::Item::Macro(_)))
        .map(|(_, key, _, _)| key.clone())
        .collect();
    let root_names: BTreeSet<String> = lib.items.iter().filter_map(root_name).collect();

    let mut refs: BTreeMap<Key, BTreeSet<Key>> = BTreeMap::new();
    let mut size: BTreeMap<Key, usize> = BTreeMap::new();
    let mut facade: BTreeSet<Key> = BTreeSet::new();
    for (module, key, item, bytes) in &items {
        let mut visitor = Refs {
            module,
            out: BTreeSet::new(),
        };
        visitor.visit_item(item);
        // An item that names the crate root's items (`crate::Client`) stays with them.
        if key.0.is_empty()
            || visitor
                .out
                .iter()
                .any(|(m, n)| m.is_empty() && root_names.contains(n))
        {
            facade.insert(key.clone());
        }
        let entry = refs.entry(key.clone()).or_default();
        entry.extend(
            visitor
                .out
                .into_iter()
                .filter(|r| r != key && defined.contains(r)),
        );
        *size.entry(key.clone()).or_default() += bytes;
    }
    // What refers to the facade belongs to it too (an endpoint method's handle, say).
    loop {
        let more: Vec<Key> = refs
            .iter()
            .filter(|(k, rs)| !facade.contains(*k) && rs.iter().any(|r| facade.contains(r)))
            .map(|(k, _)| k.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        facade.extend(more);
    }
    let top = |k: &Key| k.0[0].clone();
    let mut base: BTreeSet<Key> = BTreeSet::new();
    let mut stack: Vec<Key> = refs
        .iter()
        .filter(|(k, _)| !facade.contains(*k))
        .flat_map(|(k, rs)| rs.iter().filter(move |r| top(r) != top(k)).cloned())
        .collect();
    while let Some(key) = stack.pop() {
        if base.insert(key.clone()) {
            stack.extend(refs.get(&key).into_iter().flatten().cloned());
        }
    }
    // The rest, by top-level module, largest first into the smallest part.
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    for (key, bytes) in &size {
        if !base.contains(key) && !facade.contains(key) {
            *groups.entry(top(key)).or_default() += bytes;
        }
    }
    let mut order: Vec<(String, usize)> = groups.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut bins: Vec<(usize, Vec<String>)> = vec![(0, Vec::new()); parts];
    for (module, bytes) in order {
        let bin = bins
            .iter_mut()
            .min_by_key(|b| b.0)
            .expect("at least one part");
        bin.0 += bytes;
        bin.1.push(module);
    }
    let part_of: BTreeMap<String, usize> = bins
        .iter()
        .enumerate()
        .flat_map(|(i, (_, modules))| modules.iter().map(move |m| (m.clone(), i + 1)))
        .collect();
    let facade_index = parts + 1;
    let crate_of = |key: &Key| {
        if facade.contains(key) {
            facade_index
        } else if base.contains(key) {
            0
        } else {
            part_of[&top(key)]
        }
    };

    let mut per: Vec<BTreeMap<Vec<String>, Vec<syn::Item>>> = vec![BTreeMap::new(); parts + 2];
    let mut sizes = vec![0usize; parts + 2];
    for (module, key, item, bytes) in items {
        let c = crate_of(&key);
        sizes[c] += bytes;
        per[c].entry(module).or_default().push(item);
    }
    let mut declared: Vec<BTreeSet<Vec<String>>> = per
        .iter()
        .map(|modules| {
            modules
                .keys()
                .flat_map(|p| (1..=p.len()).map(move |d| p[..d].to_vec()))
                .collect()
        })
        .collect();
    // The facade declares every top-level module, so that its root needs no glob.
    let tops: BTreeSet<Vec<String>> = declared
        .iter()
        .flatten()
        .filter(|p| p.len() == 1)
        .cloned()
        .collect();
    declared[facade_index].extend(tops);

    let names: Vec<String> = (0..parts + 2)
        .map(|i| match i {
            0 => format!("{package}-base"),
            i if i == facade_index => package.to_string(),
            i => format!("{package}-part{i}"),
        })
        .collect();
    let idents: Vec<String> = names.iter().map(|n| n.replace('-', "_")).collect();
    let mut crates = Vec::new();
    for c in 0..parts + 2 {
        let deps: Vec<usize> = match c {
            0 => Vec::new(),
            c if c == facade_index => (0..facade_index).collect(),
            _ => vec![0],
        };
        // A module's glob comes from the one dependency that has it and re-exports the others
        // (a part re-exports the base's module of the same path).
        let glob_from = |m: &Vec<String>| {
            let having: Vec<usize> = deps
                .iter()
                .copied()
                .filter(|d| declared[*d].contains(m))
                .collect();
            having
                .iter()
                .copied()
                .find(|d| *d != 0)
                .or(having.first().copied())
        };
        let mut files = BTreeMap::new();
        for m in &declared[c] {
            let mut file = empty_file(inner.get(m).cloned().unwrap_or_default());
            for child in declared[c]
                .iter()
                .filter(|x| x.len() == m.len() + 1 && x.starts_with(m))
            {
                let id = syn::Ident::new(&child[m.len()], Span::call_site());
                file.items.push(syn::parse_quote!(pub mod #id;));
            }
            if let Some(d) = glob_from(m) {
                let path = path_tokens(&idents[d], m);
                file.items.push(syn::parse_quote! {
                    #[allow(unused_imports)]
                    pub use #path::*;
                });
            }
            file.items.extend(per[c].remove(m).unwrap_or_default());
            let has_children = declared[c]
                .iter()
                .any(|x| x.len() > m.len() && x.starts_with(m));
            files.insert(generator::emit::module_file(m, has_children), file);
        }
        let mut root = empty_file(lib.attrs.clone());
        if c == facade_index {
            root.items.extend(
                lib.items
                    .iter()
                    .filter(|i| !matches!(i, syn::Item::Mod(_)))
                    .cloned(),
            );
        } else {
            root.items.push(syn::parse_quote!(
                pub use elasticsearch_typed_runtime as runtime;
            ));
            if c != 0 {
                let base = syn::Ident::new(&idents[0], Span::call_site());
                root.items.push(syn::parse_quote! {
                    #[allow(unused_imports)]
                    pub use ::#base::*;
                });
            }
        }
        for m in declared[c].iter().filter(|m| m.len() == 1) {
            let id = syn::Ident::new(&m[0], Span::call_site());
            root.items.push(syn::parse_quote! {
                #[rustfmt::skip]
                pub mod #id;
            });
        }
        files.insert(PathBuf::from("src/lib.rs"), root);
        crates.push(SplitCrate {
            package: names[c].clone(),
            deps,
            files,
            size: sizes[c],
            modules: if c == 0 || c == facade_index {
                Vec::new()
            } else {
                bins[c - 1].1.clone()
            },
        });
    }
    Ok(Split { crates })
}

/// Reads the crate at `dir` (its `src/`), splits it, and writes the crates as folders of
/// `out` (each named like its package), with manifests made from the crate's own: its
/// dependencies (paths made absolute), and its features, each forwarded by the facade to
/// every other crate. Gives the package names, the facade's last.
pub fn write_split(dir: &Path, out: &Path, parts: usize) -> Result<(Vec<String>, String), String> {
    let src = dir.join("src");
    let mut lib = None;
    let mut modules = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(folder) = stack.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            // (Generated text, which parsed in emit: the file and syn's message suffice.)
            let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let module = module_path(&src, &path)?;
            if module.is_empty() {
                lib = Some(file);
            } else {
                modules.push((module, file));
            }
        }
    }
    modules.sort_by(|a, b| a.0.cmp(&b.0));
    let lib = lib.ok_or_else(|| format!("{}: no lib.rs", src.display()))?;
    let manifest_path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let package = manifest
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|l| l.strip_suffix('"'))
        .ok_or_else(|| format!("{}: no package name", manifest_path.display()))?
        .to_string();
    let split = split(&package, &lib, modules, parts)?;
    let deps = section(&manifest, "dependencies")
        .into_iter()
        .map(|line| absolute_path(dir, &line))
        .collect::<Result<Vec<_>, _>>()?;
    let features: Vec<(String, String)> = section(&manifest, "features")
        .into_iter()
        .filter_map(|l| {
            l.split_once(" = ")
                .map(|(n, v)| (n.to_string(), v.to_string()))
        })
        .collect();
    let facade = split.crates.len() - 1;
    let total: usize = split.crates.iter().map(|c| c.size).sum();
    let mut report = String::new();
    let mut packages = Vec::new();
    for (i, krate) in split.crates.iter().enumerate() {
        let folder = out.join(&krate.package);
        let mut toml = format!(
            "# Written by `cargo xtask cost` (the split experiment).\n[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n",
            krate.package
        );
        for line in &deps {
            toml.push_str(line);
            toml.push('\n');
        }
        for d in &krate.deps {
            let name = &split.crates[*d].package;
            toml.push_str(&format!("{name} = {{ path = \"../{name}\" }}\n"));
        }
        toml.push_str("\n[features]\n");
        for (name, value) in &features {
            if name == "default" || name == "full" {
                if i == facade {
                    toml.push_str(&format!("{name} = {value}\n"));
                }
                continue;
            }
            let mut list: Vec<String> = value
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if i == facade {
                list.extend(
                    krate
                        .deps
                        .iter()
                        .map(|d| format!("\"{}/{name}\"", split.crates[*d].package)),
                );
            }
            toml.push_str(&format!("{name} = [{}]\n", list.join(", ")));
        }
        let mut files: BTreeMap<PathBuf, String> = krate
            .files
            .iter()
            .map(|(path, file)| (path.clone(), prettyplease::unparse(file)))
            .collect();
        files.insert(PathBuf::from("Cargo.toml"), toml);
        crate::examples::sync_folder(&folder, &files)?;
        let what = match i {
            0 => "types other modules use, and what they reach".to_string(),
            i if i == facade => "crate root, namespace handles, endpoint methods".to_string(),
            _ => krate.modules.join(", "),
        };
        let _ = std::fmt::Write::write_fmt(
            &mut report,
            format_args!(
                "    {:<30} {:>5.1}% of the items: {what}\n",
                krate.package,
                100.0 * krate.size as f64 / total.max(1) as f64
            ),
        );
        packages.push(krate.package.clone());
    }
    Ok((packages, report))
}

/// The lines of a manifest's `[name]` section.
fn section(manifest: &str, name: &str) -> Vec<String> {
    let header = format!("[{name}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// A dependency line with its `path = "..."` made absolute (relative to `dir`).
fn absolute_path(dir: &Path, line: &str) -> Result<String, String> {
    let Some((before, rest)) = line.split_once("path = \"") else {
        return Ok(line.to_string());
    };
    let (path, after) = rest
        .split_once('"')
        .ok_or_else(|| format!("an unterminated path in `{line}`"))?;
    let absolute = dir
        .join(path)
        .canonicalize()
        .map_err(|e| format!("{path} (from {}): {e}", dir.display()))?;
    Ok(format!("{before}path = \"{}\"{after}", absolute.display()))
}

fn module_path(src: &Path, file: &Path) -> Result<Vec<String>, String> {
    let rel = file
        .strip_prefix(src)
        .map_err(|_| format!("{} is not under {}", file.display(), src.display()))?;
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    if last != "mod.rs" && last != "lib.rs" {
        parts.push(last.trim_end_matches(".rs").to_string());
    }
    Ok(parts)
}

fn empty_file(attrs: Vec<syn::Attribute>) -> syn::File {
    syn::File {
        shebang: None,
        frontmatter: None,
        attrs,
        items: Vec::new(),
    }
}

fn path_tokens(krate: &str, module: &[String]) -> syn::Path {
    let mut segments = vec![syn::Ident::new(krate, Span::call_site())];
    segments.extend(module.iter().map(|m| syn::Ident::new(m, Span::call_site())));
    syn::parse_quote!(::#(#segments)::*)
}

fn excerpt(item: &syn::Item) -> String {
    let text = item.to_token_stream().to_string();
    text.chars().take(80).collect()
}

/// The name a crate root item gives (`Client`, `SPEC_VERSION`, ...).
fn root_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(s) => Some(s.ident.to_string()),
        syn::Item::Type(s) => Some(s.ident.to_string()),
        syn::Item::Const(s) => Some(s.ident.to_string()),
        syn::Item::Fn(s) => Some(s.sig.ident.to_string()),
        _ => None,
    }
}

/// The type an item defines or implements, as a key.
fn item_key(module: &[String], item: &syn::Item) -> Option<Key> {
    let key = |name: String| Some((module.to_vec(), name));
    match item {
        syn::Item::Struct(s) => key(s.ident.to_string()),
        syn::Item::Enum(s) => key(s.ident.to_string()),
        syn::Item::Type(s) => key(s.ident.to_string()),
        syn::Item::Union(s) => key(s.ident.to_string()),
        syn::Item::Trait(s) => key(s.ident.to_string()),
        syn::Item::Const(s) => key(s.ident.to_string()),
        syn::Item::Static(s) => key(s.ident.to_string()),
        syn::Item::Fn(s) => key(s.sig.ident.to_string()),
        syn::Item::Impl(i) => {
            let syn::Type::Path(p) = &*i.self_ty else {
                return None;
            };
            let segments: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match segments.split_first() {
                Some((first, rest)) if first == "crate" => {
                    let (name, path) = rest.split_last()?;
                    Some((path.to_vec(), name.clone()))
                }
                _ if segments.len() == 1 => key(segments[0].clone()),
                _ => None,
            }
        }
        // `wire_struct!(Name ...)`: the type it implements for.
        syn::Item::Macro(m) => match m.mac.tokens.clone().into_iter().next()? {
            TokenTree::Ident(i) => key(i.to_string()),
            _ => None,
        },
        // `pub use crate::runtime::ErrorCause;`: the name it gives.
        syn::Item::Use(u) => {
            let last = u
                .tree
                .to_token_stream()
                .into_iter()
                .filter_map(|t| match t {
                    TokenTree::Ident(i) => Some(i.to_string()),
                    _ => None,
                })
                .last()?;
            key(last)
        }
        _ => None,
    }
}

/// The `crate::` paths (every prefix: the caller keeps those that name items) and the
/// single names (same-module items) an item holds.
struct Refs<'a> {
    module: &'a [String],
    out: BTreeSet<Key>,
}

impl<'ast> Visit<'ast> for Refs<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.first().is_some_and(|s| s == "crate") {
            for end in 2..=segments.len() {
                self.out
                    .insert((segments[1..end - 1].to_vec(), segments[end - 1].clone()));
            }
        } else if let Some(first) = segments.first() {
            self.out.insert((self.module.to_vec(), first.clone()));
        }
        syn::visit::visit_path(self, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> syn::File {
        syn::parse_file(text).expect("test source parses")
    }

    fn crate_holding<'a>(split: &'a Split, module: &str, name: &str) -> &'a str {
        let path = PathBuf::from(format!("src/{module}.rs"));
        let holds = |c: &SplitCrate| {
            c.files.iter().any(|(p, f)| {
                (p == &path || p == &PathBuf::from(format!("src/{module}/mod.rs")))
                    && f.items.iter().any(|i| {
                        item_key(&[module.to_string()], i).is_some_and(|k| k.1 == name)
                            && !matches!(i, syn::Item::Use(_) | syn::Item::Mod(_))
                    })
            })
        };
        split
            .crates
            .iter()
            .find(|c| holds(c))
            .map(|c| c.package.as_str())
            .unwrap_or("none")
    }

    #[test]
    fn shared_types_go_to_the_base_the_rest_by_module_and_handles_to_the_facade() {
        let lib = file("pub struct Client; pub mod types; pub mod a; pub mod b;");
        let modules = vec![
            (
                vec!["types".to_string()],
                file(
                    "pub struct Id(String); pub struct Lonely; impl Lonely { fn f() {} } \
                     pub struct Reached(crate::types::Id);",
                ),
            ),
            (
                vec!["a".to_string()],
                file(
                    "pub struct A { id: crate::types::Reached, own: Inner } pub struct Inner; \
                     crate::runtime::wire_struct!(A { req id \"id\"; });",
                ),
            ),
            (
                vec!["b".to_string()],
                file(
                    "pub struct B(crate::types::Id, crate::a::Inner); \
                     pub struct Handle<'a>(&'a crate::Client); \
                     impl<'a> crate::b::Handle<'a> { pub fn b(&self) -> crate::b::B { todo!() } }",
                ),
            ),
        ];
        let split = split("es", &lib, modules, 2).expect("splits");
        let names: Vec<&str> = split.crates.iter().map(|c| c.package.as_str()).collect();
        assert_eq!(names, ["es-base", "es-part1", "es-part2", "es"]);
        // `Reached` is used from `a`, `Id` from `b` (and `Reached`), `Inner` from `b`.
        assert_eq!(crate_holding(&split, "types", "Reached"), "es-base");
        assert_eq!(crate_holding(&split, "types", "Id"), "es-base");
        assert_eq!(crate_holding(&split, "a", "Inner"), "es-base");
        // Used from its own module only: a part, with its impl and its wire_struct!.
        let part = crate_holding(&split, "a", "A");
        assert!(part.starts_with("es-part"), "{part}");
        let a_file = &split
            .crates
            .iter()
            .find(|c| c.package == part)
            .expect("part")
            .files[&PathBuf::from("src/a.rs")];
        assert!(
            a_file
                .items
                .iter()
                .any(|i| matches!(i, syn::Item::Macro(_)))
        );
        assert!(crate_holding(&split, "types", "Lonely").starts_with("es-part"));
        // The handle names `crate::Client`: the facade, with its impl.
        assert_eq!(crate_holding(&split, "b", "Handle"), "es");
        // A part's module re-exports the base's module of the same path.
        let text = prettyplease::unparse(a_file);
        assert!(text.contains("pub use ::es_base::a::*;"), "{text}");
        // Parts depend on the base only; the facade on all.
        assert_eq!(split.crates[1].deps, [0]);
        assert_eq!(split.crates[3].deps, [0, 1, 2]);
    }

    #[test]
    fn an_item_without_a_type_is_an_error_that_shows_it() {
        let lib = file("pub mod a;");
        let modules = vec![(vec!["a".to_string()], file("extern crate core;"))];
        let error = split("es", &lib, modules, 2).err().expect("an error");
        assert!(
            error.contains("module a") && error.contains("extern crate core"),
            "{error}"
        );
    }
}
