//! Leaving parts of a formatted module out ([`EmittedParts`]), on its syntax tree, to measure
//! what they cost to compile. Only `cargo xtask cost` turns a part off.

use super::EmittedParts;

/// Traits whose derives and impls [`EmittedParts::std_traits`] covers: all but what the
/// code itself needs. `Default` stays (constructors and `#[serde(default)]` call it), and so do
/// the `PartialEq`, `Eq` and `Hash` of a type that has `Hash` (it is a map key somewhere).
const STD_TRAITS: &[&str] = &[
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
];

/// What a type with `Hash` keeps of [`STD_TRAITS`].
const KEY_TRAITS: &[&str] = &["PartialEq", "Eq"];

/// Removes from `file` what `parts` turns off (docs, std trait impls); builders are left out
/// where they are made.
pub fn leave_out(file: &mut syn::File, parts: EmittedParts) {
    if parts.docs && parts.std_traits {
        return;
    }
    if !parts.docs {
        file.attrs.retain(|a| !a.path().is_ident("doc"));
    }
    items(&mut file.items, parts);
}

fn items(items: &mut Vec<syn::Item>, parts: EmittedParts) {
    if !parts.std_traits {
        items.retain(|item| !is_std_trait_impl(item));
    }
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                attrs(&mut s.attrs, parts);
                fields(&mut s.fields, parts);
            }
            syn::Item::Enum(e) => {
                attrs(&mut e.attrs, parts);
                for variant in &mut e.variants {
                    attrs(&mut variant.attrs, parts);
                    fields(&mut variant.fields, parts);
                }
            }
            syn::Item::Impl(i) => {
                attrs(&mut i.attrs, parts);
                for member in &mut i.items {
                    match member {
                        syn::ImplItem::Fn(f) => attrs(&mut f.attrs, parts),
                        syn::ImplItem::Const(c) => attrs(&mut c.attrs, parts),
                        syn::ImplItem::Type(t) => attrs(&mut t.attrs, parts),
                        _ => {}
                    }
                }
            }
            syn::Item::Mod(m) => {
                attrs(&mut m.attrs, parts);
                if let Some((_, inner)) = &mut m.content {
                    self::items(inner, parts);
                }
            }
            syn::Item::Type(t) => attrs(&mut t.attrs, parts),
            syn::Item::Const(c) => attrs(&mut c.attrs, parts),
            syn::Item::Static(s) => attrs(&mut s.attrs, parts),
            syn::Item::Fn(f) => attrs(&mut f.attrs, parts),
            syn::Item::Trait(t) => attrs(&mut t.attrs, parts),
            syn::Item::Use(u) => attrs(&mut u.attrs, parts),
            _ => {}
        }
    }
}

fn fields(fields: &mut syn::Fields, parts: EmittedParts) {
    for field in fields.iter_mut() {
        attrs(&mut field.attrs, parts);
    }
}

fn attrs(attrs: &mut Vec<syn::Attribute>, parts: EmittedParts) {
    if !parts.docs {
        attrs.retain(|a| !a.path().is_ident("doc"));
    }
    if parts.std_traits {
        return;
    }
    for attr in attrs.iter_mut() {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Ok(list) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        let key = list.iter().any(|p| is_trait(p, &["Hash"]));
        let kept: Vec<&syn::Path> = list
            .iter()
            .filter(|p| !is_std_trait(p) || (key && is_trait(p, KEY_TRAITS)))
            .collect();
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
    attrs.retain(|a| {
        !a.path().is_ident("derive")
            || a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|list| !list.is_empty())
    });
}

fn is_trait(path: &syn::Path, traits: &[&str]) -> bool {
    path.segments
        .last()
        .is_some_and(|s| traits.iter().any(|t| s.ident == t))
}

fn is_std_trait(path: &syn::Path) -> bool {
    is_trait(path, STD_TRAITS)
}

/// A hand-written impl of one of [`STD_TRAITS`] other than a key's: a written `PartialEq`
/// or `Eq` goes with a written `Hash`, so those stay.
fn is_std_trait_impl(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Impl(i) if i.trait_.as_ref().is_some_and(|(path, _)| {
        is_std_trait(path) && !is_trait(path, KEY_TRAITS)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn left_out(source: &str, parts: EmittedParts) -> String {
        let mut file: syn::File = syn::parse_str(source).expect("parses");
        leave_out(&mut file, parts);
        file.into_token_stream().to_string()
    }

    #[test]
    fn without_std_traits_what_the_code_needs_stays() {
        let source = r#"
            /// A map key.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
            pub enum Key { A }
            /// A value.
            #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
            pub struct Value { pub a: Key }
            impl std::fmt::Debug for Secret { }
            impl PartialEq for Written { }
            #[derive(Debug, Clone)]
            pub struct Plain;
        "#;
        let parts = EmittedParts {
            std_traits: false,
            ..EmittedParts::default()
        };
        let out = left_out(source, parts);
        assert!(
            out.contains("# [derive (PartialEq , Eq , Hash , serde :: Serialize)] pub enum Key"),
            "{out}"
        );
        assert!(
            out.contains("# [derive (Default , serde :: Deserialize)] pub struct Value"),
            "{out}"
        );
        assert!(out.contains("impl PartialEq for Written"), "{out}");
        assert!(!out.contains("Debug"), "{out}");
        assert!(out.contains("pub struct Plain"), "{out}");
        assert!(!out.contains("derive (Debug , Clone)"), "{out}");
        assert!(out.contains("doc"), "docs stay: {out}");
    }

    #[test]
    fn without_docs_no_doc_attribute_is_left() {
        let source = "//! Crate.\n/// A.\npub struct A { /// f\n pub f: u8 }\n";
        let parts = EmittedParts {
            docs: false,
            ..EmittedParts::default()
        };
        let out = left_out(source, parts);
        assert!(!out.contains("doc"), "{out}");
        assert_eq!(
            left_out(source, EmittedParts::default())
                .matches("doc")
                .count(),
            3
        );
    }
}
