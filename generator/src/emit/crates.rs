//! Which crate each item goes to: the whole client as one crate, or, for a large
//! specification, several crates that cargo compiles side by side and caches apart (a crate
//! of the whole upstream specification needs some 3 GB of rustc memory; `cargo xtask cost`
//! measures the split).
//!
//! The split is decided on the model, before anything is emitted:
//! * the **base** crate holds every type that a type of another top-level module refers to,
//!   and all that those refer to;
//! * the **parts** hold the other types, whole top-level modules bin-packed by weight, and
//!   depend on the base only;
//! * the **facade**, the package of the client's own name, holds the crate root (`Client`),
//!   the namespace handles and the endpoint calls, and depends on all of them.
//!
//! A request refers to its response (its endpoint impl names it), so the two go together
//! wherever a third type needs one of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Endpoint, TypeDefinition, TypeName};

use super::names::module_path;

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
        // The base: what a type of another top-level module names, and its closure.
        let mut stack: Vec<&TypeName> = Vec::new();
        for (from, to) in &refs {
            let own = top(from);
            stack.extend(to.iter().filter(|name| own.is_none() || top(name) != own));
        }
        stack.extend(
            types
                .iter()
                .map(|def| def.name())
                .filter(|n| top(n).is_none()),
        );
        let mut base: BTreeSet<&TypeName> = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if base.insert(name) {
                stack.extend(refs.get(name).into_iter().flatten());
            }
        }
        // The parts: the remaining modules, the heaviest first onto the lightest part.
        let mut modules: BTreeMap<String, usize> = BTreeMap::new();
        for def in types {
            if !base.contains(def.name())
                && let Some(module) = top(def.name())
            {
                *modules.entry(module).or_default() += weight(def);
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
        let mut of_type = HashMap::new();
        for def in types {
            let index = match top(def.name()) {
                Some(module) if !base.contains(def.name()) => 1 + part_of[module.as_str()],
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
