//! `Serialize` and `Deserialize` of the generated structs whose fields are all plain, by the
//! declarative macro [`wire_struct!`](crate::wire_struct) instead of serde's derive, which costs
//! about twice as much to compile.
//!
//! A plain field has a wire name, optional aliases, and one of three kinds, each a module here
//! with a `count` function, a method of the same name on [`Writer`], and a rule of the macro
//! that takes the value read (every kind is read by [`put`]):
//! * [`req`]: required; missing is serde's ``missing field `x` `` error (or `None` for a type
//!   that reads a missing value as `None`, as serde does);
//! * [`opt`]: an `Option` that is `None` when missing or `null`, and not written when `None`
//!   (serde's `default, skip_serializing_if = "Option::is_none"`);
//! * [`nullable`]: an `Option<Nullable<T>>` that tells missing (`None`) from `null`
//!   (`Some(Nullable::Null)`), not written when `None` (the `nullable_field` helper).
//!
//! What the derive did stays: fields are written in declaration order (after a tag, when the
//! struct has one), unknown members are skipped, a repeated member is serde's ``duplicate field
//! `x` `` error (named by its wire name, also when it came by an alias), and the tag of a tagged
//! struct is written but not checked when read. The one difference: a JSON array is not read
//! positionally into a struct (serde's derive reads `[a, b]` as the first two fields), it is an
//! invalid type.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct};

use crate::serde_helpers::Nullable;

/// Implements `Serialize` and `Deserialize` for a struct of plain fields (see the [module
/// docs](crate::wire)):
///
/// ```ignore
/// wire_struct!(Name<T> tag "type" = "literal" {
///     req field_a "wireA" | "alias";
///     opt field_b "wire_b";
/// });
/// ```
///
/// Type parameters get the generated code's bound (`Serialize + DeserializeOwned`).
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    // A field's value once the map is read: a `match` rather than a `?` (which is two trait
    // calls to check per field), and for the optional kinds no `Result` at all.
    (@finish req $field:ident $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => match $crate::wire::req::missing($wire) {
                ::std::result::Result::Ok(value) => value,
                ::std::result::Result::Err(error) => return ::std::result::Result::Err(error),
            },
        }
    };
    (@finish opt $field:ident $wire:literal) => {
        ::std::option::Option::flatten($field)
    };
    (@finish nullable $field:ident $wire:literal) => {
        $field
    };
    (
        $name:ident $(<$($param:ident),+>)? $(tag $tag:literal = $tag_value:literal)? {
            $($kind:ident $field:ident $wire:literal $(| $alias:literal)*;)*
        }
    ) => {
        impl $(<$($param: ::serde::Serialize + ::serde::de::DeserializeOwned),+>)? ::serde::Serialize
            for $name $(<$($param),+>)?
        {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut state = $crate::wire::Writer::new(::serde::Serializer::serialize_struct(
                    serializer,
                    ::std::stringify!($name),
                    0 $(+ $crate::wire::one($tag))? $(+ $crate::wire::$kind::count(&self.$field))*,
                )?);
                $(state.req($tag, $tag_value);)?
                $(state.$kind($wire, &self.$field);)*
                state.end()
            }
        }
        impl<'de $($(, $param: ::serde::Serialize + ::serde::de::DeserializeOwned)+)?> ::serde::Deserialize<'de>
            for $name $(<$($param),+>)?
        {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct __Visitor $(<$($param),+>)? (::std::marker::PhantomData<fn() -> ($($($param,)+)?)>);
                impl<'de $($(, $param: ::serde::Serialize + ::serde::de::DeserializeOwned)+)?> ::serde::de::Visitor<'de>
                    for __Visitor $(<$($param),+>)?
                {
                    type Value = $name $(<$($param),+>)?;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    // One local per field, named like it (a spec's `foo` too).
                    #[allow(clippy::disallowed_names)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        $(let mut $field = ::std::option::Option::None;)*
                        while let ::std::option::Option::Some(key) = map.next_key::<$crate::wire::Key<'de>>()? {
                            // One `?` for the member, not one per arm: less code per field.
                            let read = match key.as_str() {
                                $($wire $(| $alias)* => $crate::wire::put(&mut $field, &mut map, $wire),)*
                                _ => $crate::wire::skip(&mut map),
                            };
                            read?;
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::wire_struct!(@finish $kind $field $wire),)*
                        })
                    }
                }
                ::serde::Deserializer::deserialize_map(deserializer, __Visitor(::std::marker::PhantomData))
            }
        }
    };
}

/// A member name as read: borrowed from the input when it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Writes a struct's members, keeping the first error (later members are then not written)
/// for [`Writer::end`], so that the macro's code has no `?` per member.
pub struct Writer<S: SerializeStruct> {
    state: S,
    error: Option<S::Error>,
}

impl<S: SerializeStruct> Writer<S> {
    /// Writes into `state`.
    pub fn new(state: S) -> Self {
        Writer { state, error: None }
    }

    /// A required member (or a tag): always written.
    pub fn req<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none()
            && let Err(e) = self.state.serialize_field(name, value)
        {
            self.error = Some(e);
        }
    }

    /// An optional member: written unless `None`.
    pub fn opt<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if self.error.is_some() {
            return;
        }
        let written = match value {
            Some(_) => self.state.serialize_field(name, value),
            None => self.state.skip_field(name),
        };
        if let Err(e) = written {
            self.error = Some(e);
        }
    }

    /// A nullable member (`Option<Nullable<T>>`): written unless `None`.
    pub fn nullable<T: Serialize>(&mut self, name: &'static str, value: &Option<Nullable<T>>) {
        self.opt(name, value)
    }

    /// Ends the struct, or gives the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.state.end(),
        }
    }
}

/// Counts a struct's tag among the members written.
pub const fn one(_tag: &str) -> usize {
    1
}

/// Skips the value of a member this struct doesn't know.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// Reads a member's value into `slot`, which must still be empty (every kind reads alike:
/// what `null` means is the slot's type's business).
pub fn put<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A required field.
pub mod req {
    use super::*;

    /// What a missing member means for `T` (serde's `missing_field`): `None` for an
    /// `Option`-like type, the ``missing field `x` `` error for anything else.
    pub fn missing<'de, T: Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
        T::deserialize(Missing(name, PhantomData))
    }

    /// Always written.
    pub fn count<T>(_: &T) -> usize {
        1
    }
}

/// An optional field: `None` when missing or `null`, not written when `None`.
pub mod opt {
    /// Written unless `None`.
    pub fn count<T>(value: &Option<T>) -> usize {
        usize::from(value.is_some())
    }
}

/// An optional field that tells missing (`None`) from `null` (`Some(Nullable::Null)`).
pub mod nullable {
    pub use super::opt::count;
}

/// The deserializer of a missing member: `None` for an `Option`-like type, the
/// ``missing field `x` `` error for anything else (what serde's derive does).
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}
