//! Wire shapes used by the generated types.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::fidelity::{CatchAll, CatchAllKind};

// ---------------------------------------------------------------------------------------------
// Nullable
// ---------------------------------------------------------------------------------------------

/// A value that may be an explicit JSON `null`.
///
/// Combined with `Option` (see [`nullable_field`]) it models the three states of a JSON member:
/// absent (`None`), `null` (`Some(Nullable::Null)`) and present (`Some(Nullable::Value(v))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// An explicit JSON `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether this is [`Nullable::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if any.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(v) => Some(v),
        }
    }

    /// Converts into an `Option` (`Null` becomes `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(v) => Some(v),
        }
    }

    /// Converts from an `Option` (`None` becomes `Null`).
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            None => Nullable::Null,
            Some(v) => Nullable::Value(v),
        }
    }

    /// Borrows the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// Maps the value, keeping `Null`.
    pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Nullable<U> {
        match self {
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    fn from(value: Nullable<T>) -> Self {
        value.into_option()
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nullable::from_option)
    }
}

/// `deserialize_with` helper for `Option<Nullable<T>>` fields.
///
/// ```
/// # use elasticsearch_typed_runtime::serde_helpers::Nullable;
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Settings {
///     #[serde(
///         default,
///         deserialize_with = "elasticsearch_typed_runtime::serde_helpers::nullable_field::deserialize",
///         skip_serializing_if = "Option::is_none"
///     )]
///     refresh_interval: Option<Nullable<String>>,
/// }
/// let s: Settings = serde_json::from_str(r#"{"refresh_interval": null}"#)?;
/// assert_eq!(s.refresh_interval, Some(Nullable::Null));
/// assert_eq!(serde_json::to_string(&s)?, r#"{"refresh_interval":null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Absent gives `None` (through `#[serde(default)]`), `null` gives `Some(Nullable::Null)` and
/// a value gives `Some(Nullable::Value(v))`. Serializing `Some(Nullable::Null)` writes `null`.
pub mod nullable_field {
    use super::Nullable;
    use serde::{Deserialize, Deserializer};

    /// Deserializes a present member (`null` or a value); see the [module docs](self).
    pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Nullable::<T>::deserialize(deserializer).map(Some)
    }
}

// ---------------------------------------------------------------------------------------------
// SingleKey
// ---------------------------------------------------------------------------------------------

/// A JSON object with exactly one member, `{key: value}` (e.g. `{"my_field": {"order": "asc"}}`).
///
/// Deserializing an object with no member or with more than one member is an error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SingleKey<K, V> {
    /// The member's name.
    pub key: K,
    /// The member's value.
    pub value: V,
}

impl<K, V> SingleKey<K, V> {
    /// Creates a single-member object.
    pub fn new(key: impl Into<K>, value: impl Into<V>) -> Self {
        SingleKey {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl<K: Serialize, V: Serialize> Serialize for SingleKey<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(&self.key, &self.value)?;
        map.end()
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SingleKey<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SingleKeyVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for SingleKeyVisitor<K, V> {
            type Value = SingleKey<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with exactly one member")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let Some((key, value)) = map.next_entry::<K, V>()? else {
                    return Err(de::Error::invalid_length(0, &self));
                };
                if map.next_key::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(
                        "expected an object with exactly one member, found more",
                    ));
                }
                Ok(SingleKey { key, value })
            }
        }

        deserializer.deserialize_map(SingleKeyVisitor(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------------
// ShortcutForm
// ---------------------------------------------------------------------------------------------

/// How a value that has a short form was written: `{"term": {"user": "kimchy"}}` or
/// `{"term": {"user": {"value": "kimchy"}}}`, `"script": "..."` or `"script": {"source": "..."}`.
///
/// Types with a shortcut property keep it in a `shortcut_form` field so that a decoded value is
/// written back in the form it came in. It is formatting, not data: any two `ShortcutForm`s are
/// equal, so it never makes two values differ.
#[derive(Debug, Clone, Copy, Default, Eq)]
pub enum ShortcutForm {
    /// Built in code: the short form is written when only the shortcut property is set and its
    /// value can't be mistaken for the full form.
    #[default]
    Auto,
    /// Read from the short form (just the shortcut property's value); written back that way
    /// while no other property is set.
    Short,
    /// Read from the full form (an object of properties); written back that way.
    Full,
}

impl ShortcutForm {
    /// Whether the value was read from the full form (and so must be written back that way).
    pub fn is_full(self) -> bool {
        matches!(self, ShortcutForm::Full)
    }
}

impl PartialEq for ShortcutForm {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Wire enums
// ---------------------------------------------------------------------------------------------

/// A string enum as it appears on the wire.
///
/// Generated string enums implement it; unknown values map to an `Other(String)` variant in
/// [`from_wire`](WireEnum::from_wire), so decoding never fails on values added by newer servers.
pub trait WireEnum: Sized {
    /// Converts a wire value into the enum.
    fn from_wire(s: &str) -> Self;
    /// The wire value of the enum.
    fn as_wire(&self) -> &str;
    /// Whether this is the `Other` variant: a value the spec does not list.
    fn is_other(&self) -> bool;
}

/// Writes a wire string, marked for [`catch_alls`](crate::fidelity::catch_alls) when
/// it is a value the spec does not list.
fn serialize_wire_str<S: Serializer, T: WireEnum>(
    value: &T,
    text: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if value.is_other() {
        CatchAll::new::<T>(CatchAllKind::UnknownValue, text).serialize(serializer)
    } else {
        serializer.serialize_str(text)
    }
}

/// Serializes a [`WireEnum`] as its wire string.
pub fn serialize_wire_enum<S: Serializer, T: WireEnum>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serialize_wire_str(value, value.as_wire(), serializer)
}

/// Serializes a [`WireEnum`] as its wire string, except that `"true"` and `"false"` are written
/// as JSON booleans (for enums such as `Refresh` that accept `true | false | "wait_for"`).
pub fn serialize_quirk_enum<S: Serializer, T: WireEnum>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value.as_wire() {
        "true" => serializer.serialize_bool(true),
        "false" => serializer.serialize_bool(false),
        s => serialize_wire_str(value, s, serializer),
    }
}

/// Deserializes a [`WireEnum`] from a string; a JSON boolean is read as `"true"` / `"false"`
/// and a number as its JSON text.
pub fn deserialize_wire_enum<'de, D: Deserializer<'de>, T: WireEnum>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct WireEnumVisitor<T>(PhantomData<T>);

    impl<T: WireEnum> Visitor<'_> for WireEnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, a boolean or a number")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from_wire(v))
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
            Ok(T::from_wire(if v { "true" } else { "false" }))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok(T::from_wire(&v.to_string()))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok(T::from_wire(&v.to_string()))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            let text = serde_json::Number::from_f64(v)
                .map(|n| n.to_string())
                .unwrap_or_else(|| v.to_string());
            Ok(T::from_wire(&text))
        }
    }

    deserializer.deserialize_any(WireEnumVisitor(PhantomData))
}

// ---------------------------------------------------------------------------------------------
// Externally tagged values and typed_keys maps
// ---------------------------------------------------------------------------------------------

/// A value whose variant is named by a tag kept outside of it: the single key of a
/// `{tag: value}` object (query and aggregation containers) or the prefix of a `typed_keys`
/// response key (`"sterms#my_agg"`, see [`TypedKeys`]).
/// Its `Serialize` writes the variant's value without the tag.
pub trait ExternallyTagged: Sized + Serialize {
    /// Decodes the variant named `tag` from `value`.
    ///
    /// `tag` is empty for keys that carry no tag (responses requested without `typed_keys`).
    fn from_tagged(tag: &str, value: Value) -> Result<Self, serde_json::Error>;
    /// The tag of this variant (may be empty for a value kept raw).
    fn tag(&self) -> &str;
}

/// A list under one typed key (`"term#my-suggestion": [...]`): every item has the key's tag.
impl<T: ExternallyTagged> ExternallyTagged for Vec<T> {
    fn from_tagged(tag: &str, value: Value) -> Result<Self, serde_json::Error> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .map(|item| T::from_tagged(tag, item))
                .collect(),
            other => Ok(vec![T::from_tagged(tag, other)?]),
        }
    }

    fn tag(&self) -> &str {
        self.first().map(T::tag).unwrap_or("")
    }
}

/// `serialize_with` / `deserialize_with` helpers for an [`ExternallyTagged`] value written as
/// the single-member object `{tag: value}`.
pub mod externally_tagged {
    use super::{ExternallyTagged, SingleKey};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value;

    /// Writes `{tag: value}`.
    pub fn serialize<S: Serializer, T: ExternallyTagged>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        SingleKey {
            key: value.tag(),
            value,
        }
        .serialize(serializer)
    }

    /// Reads `{tag: value}` (exactly one member).
    pub fn deserialize<'de, D: Deserializer<'de>, T: ExternallyTagged>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let entry = SingleKey::<String, Value>::deserialize(deserializer)?;
        T::from_tagged(&entry.key, entry.value)
            .map_err(|e| D::Error::custom(format_args!("in variant `{}`: {e}", entry.key)))
    }
}

/// A map from names to tagged values, as returned with `typed_keys=true` (aggregations,
/// suggesters).
///
/// On the wire every key is `"tag#name"`, e.g. `"sterms#my_agg"`. Deserializing splits each key
/// at the first `#` and decodes the value with [`ExternallyTagged::from_tagged`]; a key without
/// `#` (a response sent without `typed_keys=true`) is a decode error that says so, never a
/// value of unknown type. Serializing writes `"tag#name"` keys (just `name` when the
/// tag is empty). Entries keep their order.
#[derive(Clone, PartialEq)]
pub struct TypedKeys<T> {
    entries: IndexMap<String, T>,
}

impl<T> TypedKeys<T> {
    /// Creates an empty map.
    pub fn new() -> Self {
        TypedKeys {
            entries: IndexMap::new(),
        }
    }

    /// The value named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.entries.get(name)
    }

    /// The value named `name`, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.entries.get_mut(name)
    }

    /// Whether a value named `name` exists.
    pub fn contains_key(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// Inserts (or replaces) the value named `name`; returns the previous value.
    pub fn insert(&mut self, name: impl Into<String>, value: T) -> Option<T> {
        self.entries.insert(name.into(), value)
    }

    /// Removes the value named `name`, keeping the order of the others.
    pub fn remove(&mut self, name: &str) -> Option<T> {
        self.entries.shift_remove(name)
    }

    /// Iterates over `(name, value)` in order.
    pub fn iter(&self) -> indexmap::map::Iter<'_, String, T> {
        self.entries.iter()
    }

    /// Iterates over the names in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The underlying name → value map.
    pub fn as_map(&self) -> &IndexMap<String, T> {
        &self.entries
    }

    /// Converts into the underlying name → value map.
    pub fn into_map(self) -> IndexMap<String, T> {
        self.entries
    }
}

impl<T> Default for TypedKeys<T> {
    fn default() -> Self {
        TypedKeys::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for TypedKeys<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter()).finish()
    }
}

impl<T> From<IndexMap<String, T>> for TypedKeys<T> {
    fn from(entries: IndexMap<String, T>) -> Self {
        TypedKeys { entries }
    }
}

impl<N: Into<String>, T> FromIterator<(N, T)> for TypedKeys<T> {
    fn from_iter<I: IntoIterator<Item = (N, T)>>(iter: I) -> Self {
        TypedKeys {
            entries: iter.into_iter().map(|(n, v)| (n.into(), v)).collect(),
        }
    }
}

impl<N: Into<String>, T> Extend<(N, T)> for TypedKeys<T> {
    fn extend<I: IntoIterator<Item = (N, T)>>(&mut self, iter: I) {
        self.entries
            .extend(iter.into_iter().map(|(n, v)| (n.into(), v)));
    }
}

impl<T> IntoIterator for TypedKeys<T> {
    type Item = (String, T);
    type IntoIter = indexmap::map::IntoIter<String, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a TypedKeys<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = indexmap::map::Iter<'a, String, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<T: ExternallyTagged> Serialize for TypedKeys<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, value) in &self.entries {
            let tag = value.tag();
            if tag.is_empty() {
                map.serialize_entry(name, value)?;
            } else {
                map.serialize_entry(&format!("{tag}#{name}"), value)?;
            }
        }
        map.end()
    }
}

impl<'de, T: ExternallyTagged> Deserialize<'de> for TypedKeys<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypedKeysVisitor<T>(PhantomData<T>);

        impl<'de, T: ExternallyTagged> Visitor<'de> for TypedKeysVisitor<T> {
            type Value = TypedKeys<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with `type#name` keys")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = IndexMap::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    let Some((tag, name)) = key.split_once('#') else {
                        return Err(de::Error::custom(format_args!(
                            "`{key}` has no `type#` prefix, so its type is unknown: the \
                             response was sent without `typed_keys=true` (the typed requests \
                             set it unless told otherwise); decode such a response with \
                             `.raw()` and `serde_json::Value`"
                        )));
                    };
                    let decoded = T::from_tagged(tag, value)
                        .map_err(|e| de::Error::custom(format_args!("in `{key}`: {e}")))?;
                    entries.insert(name.to_owned(), decoded);
                }
                Ok(TypedKeys { entries })
            }
        }

        deserializer.deserialize_map(TypedKeysVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    // ----- Nullable -----

    #[derive(Debug, PartialEq, serde::Serialize, Deserialize)]
    struct Doc {
        #[serde(
            default,
            deserialize_with = "nullable_field::deserialize",
            skip_serializing_if = "Option::is_none"
        )]
        field: Option<Nullable<u32>>,
    }

    #[test]
    fn nullable_field_tri_state_round_trip() {
        for (text, expected) in [
            ("{}", None),
            (r#"{"field":null}"#, Some(Nullable::Null)),
            (r#"{"field":7}"#, Some(Nullable::Value(7))),
        ] {
            let doc: Doc = serde_json::from_str(text).unwrap();
            assert_eq!(doc.field, expected, "{text}");
            assert_eq!(serde_json::to_string(&doc).unwrap(), text);
        }
        // Also through serde_json::Value (as used by ExternallyTagged impls).
        let doc: Doc = serde_json::from_value(json!({"field": null})).unwrap();
        assert_eq!(doc.field, Some(Nullable::Null));
        assert!(serde_json::from_str::<Doc>(r#"{"field":"x"}"#).is_err());
    }

    #[test]
    fn nullable_value() {
        let n: Nullable<String> = serde_json::from_str("null").unwrap();
        assert!(n.is_null());
        let v: Nullable<String> = serde_json::from_str(r#""a""#).unwrap();
        assert_eq!(v, Nullable::from("a".to_owned()));
        assert_eq!(v.value().map(String::as_str), Some("a"));
        assert_eq!(
            serde_json::to_string(&Nullable::<u8>::Null).unwrap(),
            "null"
        );
        assert_eq!(serde_json::to_string(&Nullable::Value(1u8)).unwrap(), "1");
        assert_eq!(Option::<u8>::from(Nullable::Value(1u8)), Some(1));
        assert_eq!(Nullable::from_option(None::<u8>), Nullable::Null);
        assert_eq!(Nullable::Value(2u8).map(|x| x * 2), Nullable::Value(4));
        assert_eq!(Nullable::Value(2u8).as_ref(), Nullable::Value(&2));
    }

    // ----- ShortcutForm -----

    #[test]
    fn shortcut_forms_are_all_equal() {
        assert_eq!(ShortcutForm::Short, ShortcutForm::Full);
        assert_eq!(ShortcutForm::default(), ShortcutForm::Auto);
        assert!(matches!(ShortcutForm::default(), ShortcutForm::Auto));
    }

    // ----- SingleKey -----

    #[test]
    fn single_key() {
        let one: SingleKey<String, Value> =
            serde_json::from_str(r#"{"f":{"order":"asc"}}"#).unwrap();
        assert_eq!(one.key, "f");
        assert_eq!(one.value, json!({"order": "asc"}));
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            r#"{"f":{"order":"asc"}}"#
        );
        assert_eq!(
            SingleKey::<String, u8>::new("a", 1u8),
            SingleKey {
                key: "a".to_owned(),
                value: 1
            }
        );

        let zero = serde_json::from_str::<SingleKey<String, Value>>("{}").unwrap_err();
        assert!(zero.to_string().contains("exactly one member"), "{zero}");
        let two = serde_json::from_str::<SingleKey<String, u8>>(r#"{"a":1,"b":2}"#).unwrap_err();
        assert!(two.to_string().contains("found more"), "{two}");
        assert!(serde_json::from_value::<SingleKey<String, u8>>(json!({"a":1,"b":2})).is_err());
        assert!(serde_json::from_str::<SingleKey<String, u8>>("[1]").is_err());
    }

    // ----- Wire enums -----

    #[derive(Debug, Clone, PartialEq)]
    enum Refresh {
        True,
        False,
        WaitFor,
        Other(String),
    }

    impl WireEnum for Refresh {
        fn from_wire(s: &str) -> Self {
            match s {
                "true" => Refresh::True,
                "false" => Refresh::False,
                "wait_for" => Refresh::WaitFor,
                other => Refresh::Other(other.to_owned()),
            }
        }
        fn as_wire(&self) -> &str {
            match self {
                Refresh::True => "true",
                Refresh::False => "false",
                Refresh::WaitFor => "wait_for",
                Refresh::Other(s) => s,
            }
        }
        fn is_other(&self) -> bool {
            matches!(self, Refresh::Other(_))
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, Deserialize)]
    struct WithEnums {
        #[serde(
            serialize_with = "serialize_quirk_enum",
            deserialize_with = "deserialize_wire_enum"
        )]
        quirk: Refresh,
        #[serde(
            serialize_with = "serialize_wire_enum",
            deserialize_with = "deserialize_wire_enum"
        )]
        plain: Refresh,
    }

    #[test]
    fn wire_enum_with_quirk_booleans() {
        let v = WithEnums {
            quirk: Refresh::True,
            plain: Refresh::True,
        };
        assert_eq!(
            serde_json::to_value(&v).unwrap(),
            json!({"quirk": true, "plain": "true"})
        );
        let v = WithEnums {
            quirk: Refresh::WaitFor,
            plain: Refresh::False,
        };
        assert_eq!(
            serde_json::to_value(&v).unwrap(),
            json!({"quirk": "wait_for", "plain": "false"})
        );

        let back: WithEnums = serde_json::from_str(r#"{"quirk":false,"plain":"true"}"#).unwrap();
        assert_eq!(back.quirk, Refresh::False);
        assert_eq!(back.plain, Refresh::True);
        let back: WithEnums =
            serde_json::from_str(r#"{"quirk":"wait_for","plain":"new_value"}"#).unwrap();
        assert_eq!(back.quirk, Refresh::WaitFor);
        assert_eq!(back.plain, Refresh::Other("new_value".to_owned()));
        let back: WithEnums = serde_json::from_value(json!({"quirk": 1, "plain": 2.5})).unwrap();
        assert_eq!(back.quirk, Refresh::Other("1".to_owned()));
        assert_eq!(back.plain, Refresh::Other("2.5".to_owned()));
        assert!(serde_json::from_str::<WithEnums>(r#"{"quirk":[],"plain":"x"}"#).is_err());
    }

    // ----- ExternallyTagged / TypedKeys -----

    #[derive(Debug, Clone, PartialEq)]
    enum Agg {
        Sterms(Value),
        Avg { value: f64 },
        Raw(Value),
    }

    impl Serialize for Agg {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Agg::Sterms(v) | Agg::Raw(v) => v.serialize(serializer),
                Agg::Avg { value } => json!({ "value": value }).serialize(serializer),
            }
        }
    }

    impl ExternallyTagged for Agg {
        fn from_tagged(tag: &str, value: Value) -> Result<Self, serde_json::Error> {
            #[derive(Deserialize)]
            struct AvgBody {
                value: f64,
            }
            Ok(match tag {
                "sterms" => Agg::Sterms(value),
                "avg" => {
                    let body: AvgBody = serde_json::from_value(value)?;
                    Agg::Avg { value: body.value }
                }
                _ => Agg::Raw(value),
            })
        }
        fn tag(&self) -> &str {
            match self {
                Agg::Sterms(_) => "sterms",
                Agg::Avg { .. } => "avg",
                Agg::Raw(_) => "",
            }
        }
    }

    #[test]
    fn typed_keys_split_and_join_round_trip() {
        let wire = json!({
            "sterms#by_tag": {"buckets": []},
            "avg#my#avg": {"value": 1.5}
        });
        // Parse from text: `json!` maps may be sorted (without serde_json's preserve_order).
        let text = r#"{"sterms#by_tag":{"buckets":[]},"avg#my#avg":{"value":1.5}}"#;
        let mut aggs: TypedKeys<Agg> = serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::from_value::<TypedKeys<Agg>>(wire.clone()).unwrap(),
            aggs
        );
        assert_eq!(aggs.len(), 2);
        assert!(!aggs.is_empty());
        assert_eq!(
            aggs.get("by_tag"),
            Some(&Agg::Sterms(json!({"buckets": []})))
        );
        assert_eq!(aggs.get("my#avg"), Some(&Agg::Avg { value: 1.5 }));
        assert_eq!(aggs.names().collect::<Vec<_>>(), ["by_tag", "my#avg"]);
        assert_eq!(aggs.iter().count(), 2);
        assert_eq!((&aggs).into_iter().count(), 2);
        assert_eq!(serde_json::to_value(&aggs).unwrap(), wire);
        assert_eq!(serde_json::to_string(&aggs).unwrap(), text);

        // A key without its type is never decoded into a guess; a value without a tag (built
        // by hand) is written under its bare name.
        let err = serde_json::from_str::<TypedKeys<Agg>>(r#"{"untyped":{"x":1}}"#).unwrap_err();
        assert!(
            err.to_string().contains("`untyped` has no `type#` prefix"),
            "{err}"
        );
        assert!(err.to_string().contains("typed_keys=true"), "{err}");
        aggs.insert("untyped", Agg::Raw(json!({"x": 1})));
        let text =
            r#"{"sterms#by_tag":{"buckets":[]},"avg#my#avg":{"value":1.5},"untyped":{"x":1}}"#;

        // Serializing keeps the order; the error names the key.
        assert_eq!(serde_json::to_string(&aggs).unwrap(), text);
        let err = serde_json::from_str::<TypedKeys<Agg>>(r#"{"avg#a":{"value":"x"}}"#).unwrap_err();
        assert!(err.to_string().contains("avg#a"), "{err}");

        let mut built = TypedKeys::default();
        assert!(built.insert("n", Agg::Avg { value: 2.0 }).is_none());
        assert_eq!(
            serde_json::to_value(&built).unwrap(),
            json!({"avg#n": {"value": 2.0}})
        );
        let owned: Vec<(String, Agg)> = built.clone().into_iter().collect();
        assert_eq!(owned, vec![("n".to_owned(), Agg::Avg { value: 2.0 })]);
        assert_eq!(built.remove("n"), Some(Agg::Avg { value: 2.0 }));
        assert!(built.is_empty());
        assert_eq!(format!("{:?}", TypedKeys::<Agg>::new()), "{}");
    }

    #[test]
    fn externally_tagged_helpers() {
        #[derive(Debug, PartialEq, serde::Serialize, Deserialize)]
        struct Holder {
            #[serde(
                serialize_with = "externally_tagged::serialize",
                deserialize_with = "externally_tagged::deserialize"
            )]
            agg: Agg,
        }
        let h: Holder = serde_json::from_str(r#"{"agg":{"avg":{"value":3.0}}}"#).unwrap();
        assert_eq!(h.agg, Agg::Avg { value: 3.0 });
        assert_eq!(
            serde_json::to_value(&h).unwrap(),
            json!({"agg": {"avg": {"value": 3.0}}})
        );
        assert!(serde_json::from_str::<Holder>(r#"{"agg":{}}"#).is_err());
        let err = serde_json::from_str::<Holder>(r#"{"agg":{"avg":{}}}"#).unwrap_err();
        assert!(err.to_string().contains("`avg`"), "{err}");
    }
}
