//! Model -> model rewrites that give a construct of the dialect its Rust shape before emission
//! starts. The model stays the official compiler's (conformance compares it as parsed); what
//! is rewritten here is only what the emitter would otherwise have to special-case while
//! printing:
//!
//! - A response that extends the dialect's `DictionaryResponseBase<K, V>` (older branches,
//!   before such bodies were written `body: Dictionary<K, V>`) has a dictionary body. The base
//!   class is empty; the dialect gives it its meaning, as it gives `AdditionalProperties` its.
//! - A generic parameter that no field of its type mentions (directly or through the bases and
//!   types it is passed to) is dropped from the type and from every use of it: Rust rejects an
//!   unused type parameter, and a parameter that nothing reads means nothing to a user.
//!
//! When neither applies (the model of main) the model is borrowed as it is.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{Body, Inherits, Model, Property, TypeDefinition, TypeName, ValueOf};

/// The dialect's base class of responses whose body is a dictionary of its two generic
/// arguments.
const DICTIONARY_RESPONSE_BASE: (&str, &str) = ("_types", "DictionaryResponseBase");

/// The model emission works on: `model` with the rewrites of this module applied.
pub fn prepare(model: &Model) -> Cow<'_, Model> {
    let dictionary_responses = model.types.iter().any(|t| dictionary_body(t).is_some());
    let live = live_generics(model);
    let unused = live.values().any(|l| l.contains(&false));
    if !dictionary_responses && !unused {
        return Cow::Borrowed(model);
    }
    let mut model = model.clone();
    for def in &mut model.types {
        if let Some(body) = dictionary_body(def)
            && let TypeDefinition::Response(response) = def
        {
            response.body = body;
            response.inherits = None;
        }
    }
    if unused {
        for def in &mut model.types {
            prune_definition(def, &live);
        }
    }
    Cow::Owned(model)
}

/// The dictionary body of a response that extends `DictionaryResponseBase<K, V>` and adds no
/// properties of its own.
fn dictionary_body(def: &TypeDefinition) -> Option<Body> {
    let TypeDefinition::Response(response) = def else {
        return None;
    };
    let base = response.inherits.as_ref()?;
    let (namespace, name) = DICTIONARY_RESPONSE_BASE;
    if base.type_name.namespace != namespace || base.type_name.name != name {
        return None;
    }
    let [key, value] = base.generics.as_slice() else {
        return None;
    };
    match &response.body {
        Body::Properties { properties } if properties.is_empty() => Some(Body::Value {
            codegen_name: None,
            value: ValueOf::DictionaryOf {
                key: Box::new(key.clone()),
                single_key: false,
                value: Box::new(value.clone()),
            },
        }),
        _ => None,
    }
}

/// For every generic type, whether each of its parameters is used: mentioned by a property,
/// a body, an alias, a behavior, or passed to a type (or base) that uses it in that position.
/// The least fixpoint: parameters that only pass each other around are unused.
fn live_generics(model: &Model) -> HashMap<TypeName, Vec<bool>> {
    let generic: Vec<(&TypeDefinition, &[TypeName])> = model
        .types
        .iter()
        .filter_map(|t| {
            let generics = generics_of(t);
            (!generics.is_empty()).then_some((t, generics))
        })
        .collect();
    let mut live: HashMap<TypeName, Vec<bool>> = generic
        .iter()
        .map(|(t, g)| (t.name().clone(), vec![false; g.len()]))
        .collect();
    loop {
        let mut changed = false;
        for (def, generics) in &generic {
            let mut used = vec![false; generics.len()];
            for value in values_of(def) {
                mark(value, generics, &live, &mut used);
            }
            if let Some(base) = inherits_of(def) {
                mark_arguments(&base.type_name, &base.generics, generics, &live, &mut used);
            }
            let entry = live
                .get_mut(def.name())
                .expect("every generic type has an entry");
            for (now, was) in used.iter().zip(entry.iter_mut()) {
                if *now && !*was {
                    *was = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return live;
        }
    }
}

/// Marks in `used` the parameters (`generics`) that `value` mentions in a live position.
fn mark(
    value: &ValueOf,
    generics: &[TypeName],
    live: &HashMap<TypeName, Vec<bool>>,
    used: &mut [bool],
) {
    match value {
        ValueOf::InstanceOf(i) => {
            if let Some(position) = generics.iter().position(|g| *g == i.type_name) {
                used[position] = true;
            }
            mark_arguments(&i.type_name, &i.generics, generics, live, used);
        }
        ValueOf::ArrayOf { value } => mark(value, generics, live, used),
        ValueOf::DictionaryOf { key, value, .. } => {
            mark(key, generics, live, used);
            mark(value, generics, live, used);
        }
        ValueOf::UnionOf { items } => items.iter().for_each(|v| mark(v, generics, live, used)),
        ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => {}
    }
}

/// The arguments passed to `target`: only those in positions `target` uses count (all of
/// them when `target` is not a generic type of the model, e.g. a builtin).
fn mark_arguments(
    target: &TypeName,
    arguments: &[ValueOf],
    generics: &[TypeName],
    live: &HashMap<TypeName, Vec<bool>>,
    used: &mut [bool],
) {
    let positions = live.get(target);
    for (position, argument) in arguments.iter().enumerate() {
        if positions.is_none_or(|p| p.get(position).copied().unwrap_or(true)) {
            mark(argument, generics, live, used);
        }
    }
}

fn generics_of(def: &TypeDefinition) -> &[TypeName] {
    match def {
        TypeDefinition::Interface(t) => &t.generics,
        TypeDefinition::Request(t) => &t.generics,
        TypeDefinition::Response(t) => &t.generics,
        TypeDefinition::TypeAlias(t) => &t.generics,
        TypeDefinition::Enum(_) => &[],
    }
}

fn inherits_of(def: &TypeDefinition) -> Option<&Inherits> {
    match def {
        TypeDefinition::Interface(t) => t.inherits.as_ref(),
        TypeDefinition::Request(t) => t.inherits.as_ref(),
        TypeDefinition::Response(t) => t.inherits.as_ref(),
        TypeDefinition::TypeAlias(_) | TypeDefinition::Enum(_) => None,
    }
}

fn body_values(body: &Body) -> Vec<&ValueOf> {
    match body {
        Body::Properties { properties } => properties.iter().map(|p| &p.type_).collect(),
        Body::Value { value, .. } => vec![value],
        Body::NoBody => Vec::new(),
    }
}

fn property_values(properties: &[Property]) -> impl Iterator<Item = &ValueOf> {
    properties.iter().map(|p| &p.type_)
}

/// Every type expression of a definition but its base's arguments.
fn values_of(def: &TypeDefinition) -> Vec<&ValueOf> {
    match def {
        TypeDefinition::Interface(t) => property_values(&t.properties)
            .chain(t.behaviors.iter().flat_map(|b| &b.generics))
            .collect(),
        TypeDefinition::Request(t) => property_values(&t.path)
            .chain(property_values(&t.query))
            .chain(body_values(&t.body))
            .collect(),
        TypeDefinition::Response(t) => body_values(&t.body)
            .into_iter()
            .chain(t.exceptions.iter().flat_map(|e| body_values(&e.body)))
            .collect(),
        TypeDefinition::TypeAlias(t) => vec![&t.type_],
        TypeDefinition::Enum(_) => Vec::new(),
    }
}

/// Drops the unused parameters of `def` and the arguments of every use of an unused one.
fn prune_definition(def: &mut TypeDefinition, live: &HashMap<TypeName, Vec<bool>>) {
    let keep = |generics: &mut Vec<TypeName>, name: &TypeName| {
        if let Some(flags) = live.get(name) {
            let mut flags = flags.iter();
            generics.retain(|_| *flags.next().unwrap_or(&true));
        }
    };
    match def {
        TypeDefinition::Interface(t) => {
            keep(&mut t.generics, &t.name);
            t.properties
                .iter_mut()
                .for_each(|p| prune(&mut p.type_, live));
            for behavior in &mut t.behaviors {
                behavior.generics.iter_mut().for_each(|v| prune(v, live));
            }
            prune_inherits(t.inherits.as_mut(), live);
        }
        TypeDefinition::Request(t) => {
            keep(&mut t.generics, &t.name);
            for p in t.path.iter_mut().chain(t.query.iter_mut()) {
                prune(&mut p.type_, live);
            }
            prune_body(&mut t.body, live);
            prune_inherits(t.inherits.as_mut(), live);
        }
        TypeDefinition::Response(t) => {
            keep(&mut t.generics, &t.name);
            prune_body(&mut t.body, live);
            for exception in &mut t.exceptions {
                prune_body(&mut exception.body, live);
            }
            prune_inherits(t.inherits.as_mut(), live);
        }
        TypeDefinition::TypeAlias(t) => {
            keep(&mut t.generics, &t.name);
            prune(&mut t.type_, live);
        }
        TypeDefinition::Enum(_) => {}
    }
}

fn prune_body(body: &mut Body, live: &HashMap<TypeName, Vec<bool>>) {
    match body {
        Body::Properties { properties } => {
            properties
                .iter_mut()
                .for_each(|p| prune(&mut p.type_, live));
        }
        Body::Value { value, .. } => prune(value, live),
        Body::NoBody => {}
    }
}

fn prune_inherits(base: Option<&mut Inherits>, live: &HashMap<TypeName, Vec<bool>>) {
    if let Some(base) = base {
        prune_arguments(&base.type_name, &mut base.generics, live);
    }
}

fn prune_arguments(
    target: &TypeName,
    arguments: &mut Vec<ValueOf>,
    live: &HashMap<TypeName, Vec<bool>>,
) {
    if let Some(flags) = live.get(target) {
        let mut flags = flags.iter();
        arguments.retain(|_| *flags.next().unwrap_or(&true));
    }
    arguments.iter_mut().for_each(|v| prune(v, live));
}

fn prune(value: &mut ValueOf, live: &HashMap<TypeName, Vec<bool>>) {
    match value {
        ValueOf::InstanceOf(i) => prune_arguments(&i.type_name, &mut i.generics, live),
        ValueOf::ArrayOf { value } => prune(value, live),
        ValueOf::DictionaryOf { key, value, .. } => {
            prune(key, live);
            prune(value, live);
        }
        ValueOf::UnionOf { items } => items.iter_mut().for_each(|v| prune(v, live)),
        ValueOf::UserDefinedValue | ValueOf::LiteralValue { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: serde_json::Value) -> Model {
        serde_json::from_value(json).expect("a model")
    }

    fn instance(
        namespace: &str,
        name: &str,
        generics: Vec<serde_json::Value>,
    ) -> serde_json::Value {
        serde_json::json!({"kind": "instance_of", "type": {"namespace": namespace, "name": name}, "generics": generics})
    }

    fn interface(
        name: &str,
        generics: &[&str],
        properties: Vec<serde_json::Value>,
    ) -> serde_json::Value {
        let generics: Vec<_> = generics
            .iter()
            .map(|g| serde_json::json!({"namespace": "t", "name": g}))
            .collect();
        serde_json::json!({
            "kind": "interface", "name": {"namespace": "t", "name": name},
            "generics": generics, "properties": properties, "specLocation": "t.ts#L1-L1"
        })
    }

    fn property(name: &str, type_: serde_json::Value) -> serde_json::Value {
        serde_json::json!({"name": name, "required": true, "type": type_})
    }

    fn names(generics: &[TypeName]) -> Vec<&str> {
        generics.iter().map(|g| g.name.as_str()).collect()
    }

    #[test]
    fn a_model_without_either_construct_is_borrowed() {
        let model = parse(serde_json::json!({"endpoints": [], "types": [
            interface("Used", &["T"], vec![property("t", instance("t", "T", vec![]))]),
        ]}));
        assert!(matches!(prepare(&model), Cow::Borrowed(_)));
    }

    #[test]
    fn unused_parameters_are_dropped_from_types_and_their_uses() {
        // `Phantom<T>` uses nothing; `Holder<A, B>` uses `A` and passes `B` only to `Phantom`;
        // `Ring<X>` and `Back<Y>` only pass their parameter to each other.
        let model = parse(serde_json::json!({"endpoints": [], "types": [
            interface("Phantom", &["T"], vec![]),
            interface("Holder", &["A", "B"], vec![
                property("a", instance("t", "A", vec![])),
                property("p", instance("t", "Phantom", vec![instance("t", "B", vec![])])),
            ]),
            interface("Ring", &["X"], vec![property("b", instance("t", "Back", vec![instance("t", "X", vec![])]))]),
            interface("Back", &["Y"], vec![property("r", instance("t", "Ring", vec![instance("t", "Y", vec![])]))]),
        ]}));
        let prepared = prepare(&model);
        let by_name = |name: &str| match prepared.types.iter().find(|t| t.name().name == name) {
            Some(TypeDefinition::Interface(i)) => i.clone(),
            _ => panic!("{name} is an interface"),
        };
        assert!(by_name("Phantom").generics.is_empty());
        assert_eq!(names(&by_name("Holder").generics), ["A"]);
        assert!(by_name("Ring").generics.is_empty());
        assert!(by_name("Back").generics.is_empty());
        let ValueOf::InstanceOf(p) = &by_name("Holder").properties[1].type_ else {
            panic!("an instance");
        };
        assert!(
            p.generics.is_empty(),
            "the argument of the dropped parameter goes too"
        );
        let ValueOf::InstanceOf(a) = &by_name("Holder").properties[0].type_ else {
            panic!("an instance");
        };
        assert_eq!(a.type_name.name, "A");
    }

    #[test]
    fn a_dictionary_base_response_gets_a_dictionary_body() {
        let model = parse(serde_json::json!({"endpoints": [], "types": [
            interface("DictionaryResponseBase", &["K", "V"], vec![]),
            {
                "kind": "response", "name": {"namespace": "x", "name": "Response"},
                "body": {"kind": "properties", "properties": []},
                "inherits": {"type": {"namespace": "_types", "name": "DictionaryResponseBase"},
                    "generics": [instance("_types", "IndexName", vec![]), instance("x", "Entry", vec![])]},
                "specLocation": "x.ts#L1-L1"
            }
        ]}));
        let prepared = prepare(&model);
        let Some(TypeDefinition::Response(response)) =
            prepared.types.iter().find(|t| t.name().name == "Response")
        else {
            panic!("the response is kept");
        };
        assert!(response.inherits.is_none());
        let Body::Value {
            value:
                ValueOf::DictionaryOf {
                    key,
                    value,
                    single_key,
                },
            ..
        } = &response.body
        else {
            panic!("a dictionary body, not {:?}", response.body);
        };
        assert!(!single_key);
        assert!(matches!(&**key, ValueOf::InstanceOf(i) if i.type_name.name == "IndexName"));
        assert!(matches!(&**value, ValueOf::InstanceOf(i) if i.type_name.name == "Entry"));
    }
}
