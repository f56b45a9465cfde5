//! `implements OverloadOf<Parent>`: a class that re-declares only the properties of
//! `Parent` that change. The model holds the whole list: the class's own properties
//! first (each taking the parent's documentation and tags where it has none), then
//! the parent's properties it does not re-declare.

use std::collections::HashMap;

use crate::model::{Property, TypeDefinition, TypeName, ValueOf};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Todo,
    Busy,
    Done,
}

/// Expands every `OverloadOf` class in place.
pub fn expand_overloads(types: &mut [TypeDefinition]) {
    let index: HashMap<TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name().clone(), i))
        .collect();
    let mut state = vec![State::Todo; types.len()];
    for i in 0..types.len() {
        expand(i, types, &index, &mut state);
    }
}

fn overload_target(t: &TypeDefinition) -> Option<&TypeName> {
    let TypeDefinition::Interface(i) = t else {
        return None;
    };
    i.behaviors
        .iter()
        .find(|b| b.type_name.name == "OverloadOf" && b.type_name.namespace == "_spec_utils")
        .and_then(|b| match b.generics.first() {
            Some(ValueOf::InstanceOf(parent)) => Some(&parent.type_name),
            _ => None,
        })
}

fn expand(
    i: usize,
    types: &mut [TypeDefinition],
    index: &HashMap<TypeName, usize>,
    state: &mut [State],
) {
    if state[i] != State::Todo {
        return;
    }
    state[i] = State::Busy;
    let parent = overload_target(&types[i]).and_then(|p| index.get(p).copied());
    if let Some(p) = parent {
        expand(p, types, index, state);
        let parent_props = match &types[p] {
            TypeDefinition::Interface(pi) => pi.properties.clone(),
            _ => Vec::new(),
        };
        if let TypeDefinition::Interface(own) = &mut types[i] {
            let merged = merge(std::mem::take(&mut own.properties), &parent_props);
            own.properties = merged;
        }
    }
    state[i] = State::Done;
}

fn merge(own: Vec<Property>, parent: &[Property]) -> Vec<Property> {
    let mut out: Vec<Property> = own
        .into_iter()
        .map(|p| match parent.iter().find(|q| q.name == p.name) {
            Some(q) => inherit_docs(p, q),
            None => p,
        })
        .collect();
    for q in parent {
        if !out.iter().any(|p| p.name == q.name) {
            out.push(q.clone());
        }
    }
    out
}

/// The re-declared property keeps its name, type and requiredness, and takes every
/// documentation field and tag it does not set from the parent's property.
fn inherit_docs(mut p: Property, q: &Property) -> Property {
    if p.aliases.is_empty() {
        p.aliases = q.aliases.clone();
    }
    p.availability = p.availability.or_else(|| q.availability.clone());
    p.codegen_name = p.codegen_name.or_else(|| q.codegen_name.clone());
    p.container_property = p.container_property || q.container_property;
    p.deprecation = p.deprecation.or_else(|| q.deprecation.clone());
    p.description = p.description.or_else(|| q.description.clone());
    p.doc_id = p.doc_id.or_else(|| q.doc_id.clone());
    p.doc_url = p.doc_url.or_else(|| q.doc_url.clone());
    p.es_quirk = p.es_quirk.or_else(|| q.es_quirk.clone());
    p.ext_doc_id = p.ext_doc_id.or_else(|| q.ext_doc_id.clone());
    p.ext_doc_url = p.ext_doc_url.or_else(|| q.ext_doc_url.clone());
    p.server_default = p.server_default.or_else(|| q.server_default.clone());
    p
}
