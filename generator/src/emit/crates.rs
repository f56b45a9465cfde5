//! Which crate each item goes to: the whole client as one crate, or, for a large
//! specification, several crates that cargo compiles side by side and caches apart (a crate
//! of the whole upstream specification needs some 3 GB of rustc memory; `cargo xtask cost`
//! measures the split).
//!
//! The split is decided on the model, before anything is emitted:
//! * the top-level modules are spread over the **parts**, which depend on the base only; a
//!   part holds every type that its modules' endpoints (or its modules' types that no
//!   endpoint reaches) reach and no other part's do, wherever the type's module is;
//! * the **base** crate holds the types that several parts reach;
//! * the modules are spread so that the base and the heaviest part, which cargo compiles one
//!   after the other, weigh least together (modules that reach the same types go together;
//!   a greedy placement, then single moves while one shortens that path);
//! * the **facade**, the package of the client's own name, holds the crate root (`Client`),
//!   the namespace handles and the endpoint calls, and depends on all of them.
//!
//! A request refers to its response (its endpoint impl names it), so the two go together
//! wherever a third type needs one of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Endpoint, TypeDefinition, TypeName};

use super::names::module_path;

/// A set of type indices.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Self {
        Bits(vec![0; len.div_ceil(64)])
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    fn union(&mut self, other: &Bits) {
        for (word, more) in self.0.iter_mut().zip(&other.0) {
            *word |= more;
        }
    }
}

/// What each part reaches, given each module's part.
fn parts_reach(reaches: &[Bits], assignment: &[usize], parts: usize, len: usize) -> Vec<Bits> {
    let mut out = vec![Bits::new(len); parts];
    for (reach, &part) in reaches.iter().zip(assignment) {
        out[part].union(reach);
    }
    out
}

/// Which parts reach a type.
enum Reached {
    None,
    One(usize),
    Several,
}

/// Which parts of `reached` (what each part reaches) reach the type `i`.
fn reached_by(reached: &[Bits], i: usize) -> Reached {
    let mut by = (0..reached.len()).filter(|&p| reached[p].get(i));
    match (by.next(), by.next()) {
        (None, _) => Reached::None,
        (Some(part), None) => Reached::One(part),
        (Some(_), Some(_)) => Reached::Several,
    }
}

/// The weight of the base (what several parts reach) plus that of the heaviest part.
fn critical_path(reaches: &[Bits], weights: &[usize], assignment: &[usize], parts: usize) -> usize {
    let reached = parts_reach(reaches, assignment, parts, weights.len());
    let (mut base, mut loads) = (0, vec![0; parts]);
    for (i, weight) in weights.iter().enumerate() {
        match reached_by(&reached, i) {
            Reached::None => {}
            Reached::One(part) => loads[part] += weight,
            Reached::Several => base += weight,
        }
    }
    base + loads.into_iter().max().unwrap_or(0)
}

/// Each module's part: the modules, heaviest reach first, each onto the part where it makes
/// the critical path least; then single modules moved while a move shortens it.
fn assign_modules(reaches: &[Bits], weights: &[usize], parts: usize) -> Vec<usize> {
    let reach_weight = |bits: &Bits| -> usize {
        weights
            .iter()
            .enumerate()
            .filter(|(i, _)| bits.get(*i))
            .map(|(_, w)| w)
            .sum()
    };
    let mut order: Vec<(usize, usize)> = reaches
        .iter()
        .enumerate()
        .map(|(m, bits)| (m, reach_weight(bits)))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Modules not placed yet stay out of the reckoning (an empty reach).
    let empty = Bits::new(weights.len());
    let mut placed: Vec<Bits> = vec![empty; reaches.len()];
    let mut assignment = vec![0; reaches.len()];
    for (module, _) in order {
        placed[module] = reaches[module].clone();
        let best = (0..parts)
            .min_by_key(|&part| {
                assignment[module] = part;
                (critical_path(&placed, weights, &assignment, parts), part)
            })
            .unwrap_or(0);
        assignment[module] = best;
    }
    let mut cost = critical_path(reaches, weights, &assignment, parts);
    for _ in 0..reaches.len() * parts {
        let mut best: Option<(usize, usize, usize)> = None;
        for module in 0..reaches.len() {
            let was = assignment[module];
            for part in (0..parts).filter(|&p| p != was) {
                assignment[module] = part;
                let moved = critical_path(reaches, weights, &assignment, parts);
                if moved < best.map_or(cost, |b| b.0) {
                    best = Some((moved, module, part));
                }
            }
            assignment[module] = was;
        }
        match best {
            Some((moved, module, part)) => {
                assignment[module] = part;
                cost = moved;
            }
            None => break,
        }
    }
    assignment
}

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
    /// The types that several parts reach.
    Base,
    /// Some top-level modules, with the types that only their endpoints reach (wherever the
    /// types' modules are); depends on the base.
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
    /// A part's top-level modules, sorted (their endpoints and the types only they reach are
    /// here, their shared types in the base, their calls in the facade).
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
        // The roots of each top-level module: its endpoints' requests and responses, and its
        // types that no endpoint reaches.
        let from_endpoints = closure(
            endpoints
                .iter()
                .filter_map(|e| e.types())
                .flat_map(|(request, response)| [request, response])
                .collect(),
        );
        let mut module_roots: BTreeMap<String, Vec<&TypeName>> = BTreeMap::new();
        for def in types {
            if let Some(module) = top(def.name()) {
                let roots = module_roots.entry(module).or_default();
                if !from_endpoints.contains(def.name()) {
                    roots.push(def.name());
                }
            }
        }
        for endpoint in endpoints {
            if let Some((request, response)) = endpoint.types()
                && let Some(module) = top(request)
            {
                module_roots
                    .entry(module)
                    .or_default()
                    .extend([request, response]);
            }
        }
        // Which types each module reaches, as bits over `types`.
        let index: HashMap<&TypeName, usize> = types
            .iter()
            .enumerate()
            .map(|(i, def)| (def.name(), i))
            .collect();
        let weights: Vec<usize> = types.iter().map(|def| weight(def)).collect();
        let names: Vec<&String> = module_roots.keys().collect();
        let reaches: Vec<Bits> = module_roots
            .values()
            .map(|roots| {
                let mut bits = Bits::new(types.len());
                for name in closure(roots.clone()) {
                    if let Some(&i) = index.get(name) {
                        bits.set(i);
                    }
                }
                bits
            })
            .collect();
        // The parts: the modules spread so that the base plus the heaviest part, what cargo
        // compiles one after the other, weighs least.
        let assignment = assign_modules(&reaches, &weights, parts);
        let parts_reach = parts_reach(&reaches, &assignment, parts, types.len());
        let mut part_modules: Vec<Vec<String>> = vec![Vec::new(); parts];
        for (module, &part) in names.iter().zip(&assignment) {
            part_modules[part].push((*module).clone());
        }
        // A type one part alone reaches is that part's, wherever its module is; one that
        // several reach is the base's (and so is all it reaches, which they reach too).
        let mut of_type = HashMap::new();
        for (i, def) in types.iter().enumerate() {
            let crate_index = match reached_by(&parts_reach, i) {
                Reached::One(part) if top(def.name()).is_some() => 1 + part,
                _ => 0,
            };
            of_type.insert(def.name().clone(), crate_index);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(len: usize, set: &[usize]) -> Bits {
        let mut out = Bits::new(len);
        set.iter().for_each(|&i| out.set(i));
        out
    }

    #[test]
    fn modules_that_reach_the_same_heavy_types_share_a_part() {
        // Types 0 and 1 are heavy; modules 0 and 1 both reach them, module 2 reaches type 4.
        let weights = [10, 10, 1, 1, 5];
        let reaches = [bits(5, &[0, 1, 2]), bits(5, &[0, 1, 3]), bits(5, &[4])];
        let assignment = assign_modules(&reaches, &weights, 2);
        assert_eq!(assignment[0], assignment[1]);
        assert_ne!(assignment[2], assignment[0]);
        // Nothing in the base; the heavier part weighs 22.
        assert_eq!(critical_path(&reaches, &weights, &assignment, 2), 22);
        // Apart, modules 0 and 1 would put types 0 and 1 in the base: 20 + 6.
        assert_eq!(critical_path(&reaches, &weights, &[0, 1, 1], 2), 26);
    }
}
