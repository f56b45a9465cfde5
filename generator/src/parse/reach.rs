//! Which types the model keeps, and in which order: the official compiler keeps the
//! types reachable from the endpoints (and `_types.ErrorResponseBase`), sorted by
//! namespace then name, with the behaviors (types used in `behaviors`) moved last in
//! the order they are first used.

use std::collections::{HashMap, HashSet};

use crate::model::{Body, Property, TypeDefinition, TypeName, ValueOf};

/// Types that are reachable even though no endpoint names them.
const EXTRA_ROOTS: &[(&str, &str)] = &[("_types", "ErrorResponseBase")];

/// Keeps the reachable types and orders them as the official `schema.json` does.
pub fn reachable_sorted(mut types: Vec<TypeDefinition>, roots: &[TypeName]) -> Vec<TypeDefinition> {
    types.sort_by(|a, b| {
        let (a, b) = (a.name(), b.name());
        (a.namespace.as_str(), a.name.as_str()).cmp(&(b.namespace.as_str(), b.name.as_str()))
    });
    let index: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name(), i))
        .collect();

    // Behaviors, in order of first use.
    let mut behaviors: Vec<TypeName> = Vec::new();
    for t in &types {
        if let TypeDefinition::Interface(i) = t {
            for b in &i.behaviors {
                if !behaviors.contains(&b.type_name) {
                    behaviors.push(b.type_name.clone());
                }
            }
        }
    }

    let mut seen = vec![false; types.len()];
    let mut queue: Vec<usize> = Vec::new();
    let visit = |name: &TypeName, seen: &mut Vec<bool>, queue: &mut Vec<usize>| {
        if let Some(&i) = index.get(name)
            && !seen[i]
        {
            seen[i] = true;
            queue.push(i);
        }
    };
    for r in roots {
        visit(r, &mut seen, &mut queue);
    }
    for (ns, n) in EXTRA_ROOTS {
        visit(&TypeName::new(*ns, *n), &mut seen, &mut queue);
    }
    let mut refs: Vec<&TypeName> = Vec::new();
    while let Some(i) = queue.pop() {
        references(&types[i], &mut refs);
        for r in refs.drain(..) {
            visit(r, &mut seen, &mut queue);
        }
    }

    let behavior_set: HashSet<&TypeName> = behaviors.iter().collect();
    let mut kept: Vec<Option<TypeDefinition>> = types.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(kept.len());
    let mut behavior_defs: HashMap<TypeName, TypeDefinition> = HashMap::new();
    for (i, slot) in kept.iter_mut().enumerate() {
        if !seen[i] {
            continue;
        }
        let Some(t) = slot.take() else { continue };
        if behavior_set.contains(t.name()) {
            behavior_defs.insert(t.name().clone(), t);
        } else {
            out.push(t);
        }
    }
    for b in &behaviors {
        if let Some(t) = behavior_defs.remove(b) {
            out.push(t);
        }
    }
    out
}

/// Every type name a definition refers to.
fn references<'a>(t: &'a TypeDefinition, out: &mut Vec<&'a TypeName>) {
    match t {
        TypeDefinition::Interface(i) => {
            if let Some(inh) = &i.inherits {
                out.push(&inh.type_name);
                inh.generics.iter().for_each(|g| value_refs(g, out));
            }
            for b in &i.behaviors {
                out.push(&b.type_name);
                b.generics.iter().for_each(|g| value_refs(g, out));
            }
            props(&i.properties, out);
        }
        TypeDefinition::Request(r) => {
            if let Some(inh) = &r.inherits {
                out.push(&inh.type_name);
                inh.generics.iter().for_each(|g| value_refs(g, out));
            }
            props(&r.path, out);
            props(&r.query, out);
            body_refs(&r.body, out);
        }
        TypeDefinition::Response(r) => {
            if let Some(inh) = &r.inherits {
                out.push(&inh.type_name);
                inh.generics.iter().for_each(|g| value_refs(g, out));
            }
            body_refs(&r.body, out);
            for e in &r.exceptions {
                body_refs(&e.body, out);
            }
        }
        TypeDefinition::Enum(_) => {}
        TypeDefinition::TypeAlias(a) => value_refs(&a.type_, out),
    }
}

fn props<'a>(props: &'a [Property], out: &mut Vec<&'a TypeName>) {
    for p in props {
        value_refs(&p.type_, out);
    }
}

fn body_refs<'a>(b: &'a Body, out: &mut Vec<&'a TypeName>) {
    match b {
        Body::Properties { properties } => props(properties, out),
        Body::Value { value, .. } => value_refs(value, out),
        Body::NoBody => {}
    }
}

fn value_refs<'a>(v: &'a ValueOf, out: &mut Vec<&'a TypeName>) {
    match v {
        ValueOf::InstanceOf(i) => {
            out.push(&i.type_name);
            i.generics.iter().for_each(|g| value_refs(g, out));
        }
        ValueOf::ArrayOf { value } => value_refs(value, out),
        ValueOf::UnionOf { items } => items.iter().for_each(|i| value_refs(i, out)),
        ValueOf::DictionaryOf { key, value, .. } => {
            value_refs(key, out);
            value_refs(value, out);
        }
        ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => {}
    }
}
