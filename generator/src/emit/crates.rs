//! Which crate each item goes to: the whole client as one crate, or, for a large
//! specification, several crates that cargo compiles side by side and caches apart (a crate
//! of the whole upstream specification needs some 3 GB of rustc memory; `cargo xtask cost`
//! measures the split).
//!
//! The split is decided on the model, before anything is emitted:
//! * the top-level modules are bin-packed by weight into the **parts**, which depend on the
//!   base only; a part holds every type that its modules' endpoints (or its modules' types
//!   that no endpoint reaches) reach and no other part's do, wherever the type's module is;
//! * the **base** crate holds the types that several parts reach;
//! * the **facade**, the package of the client's own name, holds the crate root (`Client`),
//!   the namespace handles and the endpoint calls, and depends on all of them.
//!
//! A request refers to its response (its endpoint impl names it), so the two go together
//! wherever a third type needs one of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Endpoint, TypeDefinition, TypeName};

use super::names::module_path;

/// `roots` and every type they refer to, directly or not.
fn closure<'a>(
    refs: &HashMap<&'a TypeName, BTreeSet<&'a TypeName>>,
    roots: Vec<&'a TypeName>,
) -> BTreeSet<&'a TypeName> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        if seen.insert(name) {
            stack.extend(refs.get(name).into_iter().flatten());
        }
    }
    seen
}

/// Whose item a chunk of emitted code is, which decides its crate.
pub enum Owner {
    /// A named type of the model: its definition and impls.
    Type(TypeName),
    /// An enum synthesized from an inline union, used by these types.
    UsedBy(BTreeSet<TypeName>),
    /// What refers to the client: namespace handles and endpoint calls.
    Client,
}

/// What a crate of the split is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole client, one crate.
    Whole,
    /// The types that other modules share.
    Base,
    /// Whole modules used by no other, depending on the base.
    Part,
    /// The client and the endpoint calls, depending on every other crate, under the client's
    /// own package name; it re-exports every module at its path.
    Facade,
}

/// One crate of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSpec {
    pub package: String,
    pub role: Role,
    /// Indices into [`CratePlan::crates`].
    pub deps: Vec<usize>,
    /// The top-level modules whose types are all here (a part's), sorted.
    pub modules: Vec<String>,
}

/// The crates of the client and which one each owner goes to. The base comes first, the
/// parts after it, the facade last, so a lower index is never a dependent of a higher one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CratePlan {
    pub crates: Vec<CrateSpec>,
    of_type: HashMap<TypeName, usize>,
}

impl CratePlan {
    /// The whole client as the one crate `package`.
    pub fn single(package: &str) -> Self {
        CratePlan {
            crates: vec![CrateSpec {
                package: package.to_string(),
                role: Role::Whole,
                deps: Vec::new(),
                modules: Vec::new(),
            }],
            of_type: HashMap::new(),
        }
    }

    /// The client split into a base, `parts` parts and a facade named `package`, from the
    /// emitted types and endpoints; `weight` estimates what a type costs to compile.
    pub fn split(
        package: &str,
        types: &[&TypeDefinition],
        endpoints: &[&Endpoint],
        parts: usize,
        weight: impl Fn(&TypeDefinition) -> usize,
    ) -> Self {
        let parts = parts.max(1);
        let top = |name: &TypeName| module_path(&name.namespace).into_iter().next();
        let mut refs: HashMap<&TypeName, BTreeSet<&TypeName>> = HashMap::new();
        for def in types {
            let entry = refs.entry(def.name()).or_default();
            def.visit_names(&mut |name| {
                entry.insert(name);
            });
        }
        for endpoint in endpoints {
            if let Some((request, response)) = endpoint.types() {
                refs.entry(request).or_default().insert(response);
            }
        }
        let closure = |roots| closure(&refs, roots);
        // What a type of another top-level module names, with its closure: shared for sure,
        // so it doesn't count towards its module's weight when the modules are packed.
        let mut crossing: Vec<&TypeName> = Vec::new();
        for (from, to) in &refs {
            let own = top(from);
            crossing.extend(to.iter().filter(|name| own.is_none() || top(name) != own));
        }
        let crossing = closure(crossing);
        // The parts: the top-level modules, the heaviest first onto the lightest part.
        let mut modules: BTreeMap<String, usize> = BTreeMap::new();
        for def in types {
            if let Some(module) = top(def.name()) {
                let load = if crossing.contains(def.name()) {
                    0
                } else {
                    weight(def)
                };
                *modules.entry(module).or_default() += load;
            }
        }
        let mut order: Vec<(&String, &usize)> = modules.iter().collect();
        order.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut loads = vec![0usize; parts];
        let mut part_of: HashMap<&str, usize> = HashMap::new();
        let mut part_modules: Vec<Vec<String>> = vec![Vec::new(); parts];
        for (module, load) in order {
            let lightest = (0..parts).min_by_key(|&i| (loads[i], i)).unwrap_or(0);
            loads[lightest] += load;
            part_of.insert(module, lightest);
            part_modules[lightest].push(module.clone());
        }
        // What each part reaches: from its modules' endpoints, and from the types of its
        // modules that no endpoint reaches. A type one part alone reaches is that part's,
        // wherever its module is; one that several reach is the base's (and so is all it
        // reaches, which they reach too).
        let from_endpoints = closure(
            endpoints
                .iter()
                .filter_map(|e| e.types())
                .flat_map(|(request, response)| [request, response])
                .collect(),
        );
        let mut roots: Vec<Vec<&TypeName>> = vec![Vec::new(); parts];
        for endpoint in endpoints {
            if let Some((request, response)) = endpoint.types()
                && let Some(module) = top(request)
            {
                roots[part_of[module.as_str()]].extend([request, response]);
            }
        }
        for def in types {
            if !from_endpoints.contains(def.name())
                && let Some(module) = top(def.name())
            {
                roots[part_of[module.as_str()]].push(def.name());
            }
        }
        let mut reached_by: HashMap<&TypeName, BTreeSet<usize>> = HashMap::new();
        for (part, roots) in roots.into_iter().enumerate() {
            for name in closure(roots) {
                reached_by.entry(name).or_default().insert(part);
            }
        }
        let mut of_type = HashMap::new();
        for def in types {
            let index = match reached_by.get(def.name()) {
                Some(by) if by.len() == 1 && top(def.name()).is_some() => {
                    1 + by.iter().next().copied().unwrap_or(0)
                }
                _ => 0,
            };
            of_type.insert(def.name().clone(), index);
        }
        let mut crates = vec![CrateSpec {
            package: format!("{package}-base"),
            role: Role::Base,
            deps: Vec::new(),
            modules: Vec::new(),
        }];
        for (i, mut modules) in part_modules.into_iter().enumerate() {
            modules.sort();
            crates.push(CrateSpec {
                package: format!("{package}-part{}", i + 1),
                role: Role::Part,
                deps: vec![0],
                modules,
            });
        }
        crates.push(CrateSpec {
            package: package.to_string(),
            role: Role::Facade,
            deps: (0..=parts).collect(),
            modules: Vec::new(),
        });
        CratePlan { crates, of_type }
    }

    /// The crate that holds the client (the one users depend on).
    pub fn facade(&self) -> usize {
        self.crates.len() - 1
    }

    /// The crate of a type; the base for one the plan doesn't know.
    pub fn crate_of_type(&self, name: &TypeName) -> usize {
        self.of_type.get(name).copied().unwrap_or(0)
    }

    /// The crate an owner's items go to: a synthesized union goes to the lowest crate of its
    /// users (the base when one of them is there), which all of them depend on or are.
    pub fn crate_of(&self, owner: &Owner) -> usize {
        match owner {
            Owner::Type(name) => self.crate_of_type(name),
            Owner::UsedBy(users) => users
                .iter()
                .map(|u| self.crate_of_type(u))
                .min()
                .unwrap_or(0),
            Owner::Client => self.facade(),
        }
    }
}
