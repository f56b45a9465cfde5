//! Leaving parts of a formatted module out ([`EmittedParts`]), on its syntax tree, to measure
//! what they cost to compile. Only `cargo xtask cost` turns a part off.

use super::EmittedParts;

/// Traits whose derives and impls [`EmittedParts::std_traits`] covers.
const STD_TRAITS: &[&str] = &[
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Default",
];

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
        let kept: Vec<&syn::Path> = list.iter().filter(|p| !is_std_trait(p)).collect();
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

fn is_std_trait(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| STD_TRAITS.iter().any(|t| s.ident == t))
}

fn is_std_trait_impl(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Impl(i) if i.trait_.as_ref().is_some_and(|(path, _)| is_std_trait(path)))
}
