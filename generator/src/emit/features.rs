//! One cargo feature per API namespace (`security`, `indices`, `global`, ...): a module is
//! compiled when an enabled feature's endpoints reach it, directly or through other types.
//!
//! Features don't depend on each other (the namespace graph has cycles, which cargo's
//! feature graph can't express); instead each module carries `#![cfg(any(feature = ...))]`
//! listing every feature that needs it. Modules every feature needs carry no gate.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::names::module_path;
use crate::model::{Endpoint, Model};

pub struct Features {
    /// Every feature, sorted.
    pub all: BTreeSet<String>,
    /// Per module: the features whose endpoints reach the module's own items.
    own: HashMap<Vec<String>, BTreeSet<String>>,
}

impl Features {
    pub fn new(model: &Model, endpoints: &[&Endpoint]) -> Self {
        let namespaces: HashSet<&str> = model
            .types
            .iter()
            .map(|t| t.name().namespace.as_str())
            .collect();
        let mut graph: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for def in &model.types {
            let from = def.name().namespace.as_str();
            let edges = graph.entry(from).or_default();
            def.visit_names(&mut |name| {
                if name.namespace != from && namespaces.contains(name.namespace.as_str()) {
                    edges.insert(name.namespace.as_str());
                }
            });
        }
        let mut roots: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for endpoint in endpoints {
            let feature = feature_of(endpoint);
            let entry = roots.entry(feature).or_default();
            if let Some((request, response)) = endpoint.types() {
                entry.push(request.namespace.as_str());
                entry.push(response.namespace.as_str());
            }
        }
        let mut own: HashMap<Vec<String>, BTreeSet<String>> = HashMap::new();
        for (feature, starts) in &roots {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut stack = starts.clone();
            while let Some(ns) = stack.pop() {
                if !seen.insert(ns) {
                    continue;
                }
                if let Some(next) = graph.get(ns) {
                    stack.extend(next.iter().copied());
                }
            }
            for ns in seen {
                own.entry(module_path(ns))
                    .or_default()
                    .insert(feature.clone());
            }
        }
        // The namespace handle (`client.security()`) lives in the top module and goes
        // wherever one of its endpoints goes.
        for endpoint in endpoints {
            if endpoint.name.contains('.')
                && let Some((request, _)) = endpoint.types()
            {
                let module = module_path(&request.namespace);
                let features = own.get(&module).cloned().unwrap_or_default();
                own.entry(module[..1].to_vec())
                    .or_default()
                    .extend(features);
            }
        }
        Features {
            all: roots.into_keys().collect(),
            own,
        }
    }

    /// The features needing the module's own items.
    pub fn own(&self, module: &[String]) -> BTreeSet<String> {
        self.own.get(module).cloned().unwrap_or_default()
    }

    /// The features needing the module at all: its items or a descendant's.
    pub fn needed(&self, module: &[String]) -> BTreeSet<String> {
        self.own
            .iter()
            .filter(|(path, _)| path.starts_with(module))
            .flat_map(|(_, features)| features.iter().cloned())
            .collect()
    }

    /// `#[cfg(any(feature = ...))]` for a set of features, or nothing when every feature is in it.
    pub fn cfg(&self, features: &BTreeSet<String>) -> Option<TokenStream> {
        if features.is_superset(&self.all) {
            return None;
        }
        if let [only] = features.iter().collect::<Vec<_>>().as_slice() {
            return Some(quote!(feature = #only));
        }
        let names = features.iter();
        Some(quote!(any(#(feature = #names),*)))
    }

    /// The `[features]` table of the manifest.
    /// The `[features]` table; each feature also turns on itself in the crates `forward_to`
    /// (the crates a split client's facade and parts depend on).
    pub fn manifest_table(&self, forward_to: &[&str]) -> String {
        let mut out = String::from("[features]\ndefault = [\"full\"]\n");
        let all: Vec<String> = self.all.iter().map(|f| format!("\"{f}\"")).collect();
        out.push_str(&format!("full = [{}]\n", all.join(", ")));
        for feature in &self.all {
            let forwarded: Vec<String> = forward_to
                .iter()
                .map(|package| format!("\"{package}/{feature}\""))
                .collect();
            out.push_str(&format!("{feature} = [{}]\n", forwarded.join(", ")));
        }
        // Opt-in: serde_json's `preserve_order` (maps keep the order they were read in) would
        // otherwise be forced on every crate that depends on this one.
        out.push_str(&format!(
            "{PRESERVE_ORDER} = [\"serde_json/preserve_order\", \"elasticsearch-typed-runtime/preserve_order\"]\n"
        ));
        out
    }
}

/// The opt-in feature that turns on serde_json's `preserve_order` (for this crate and its
/// runtime): off by default, because cargo would force it on every crate of a build.
pub const PRESERVE_ORDER: &str = "preserve_order";

/// The feature an endpoint belongs to: its top namespace (`security`), `global` for the
/// namespace-less ones.
pub fn feature_of(endpoint: &Endpoint) -> String {
    endpoint
        .types()
        .and_then(|(request, _)| module_path(&request.namespace).into_iter().next())
        .unwrap_or_default()
}

/// Puts `#[cfg(...)]` on every item.
pub fn gate_items(items: &mut [syn::Item], cfg: &TokenStream) {
    let attr: syn::Attribute = syn::parse_quote!(#[cfg(#cfg)]);
    for item in items {
        let attrs = match item {
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Fn(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Macro(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            syn::Item::Static(i) => &mut i.attrs,
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Trait(i) => &mut i.attrs,
            syn::Item::Type(i) => &mut i.attrs,
            syn::Item::Union(i) => &mut i.attrs,
            syn::Item::Use(i) => &mut i.attrs,
            _ => continue,
        };
        attrs.insert(0, attr.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{ToTokens, quote};

    #[test]
    fn every_item_kind_the_emitter_writes_is_gated() {
        let mut file: syn::File = syn::parse_quote! {
            pub struct A;
            crate::runtime::wire_struct!(A {});
            impl A {}
            pub enum B {}
            pub type C = A;
            const D: u8 = 0;
            fn e() {}
            pub mod f {}
            pub use A as G;
        };
        gate_items(&mut file.items, &quote!(feature = "x"));
        for item in &file.items {
            let text = item.to_token_stream().to_string();
            assert!(
                text.starts_with("# [cfg (feature = \"x\")]"),
                "not gated: {text}"
            );
        }
    }
}
