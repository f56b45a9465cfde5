//! Which parts of a decoded value landed in a catch-all.
//!
//! Every generated type that can keep a value it does not know (an enum's `Other`, a union's or
//! container's `Unknown`, an open untagged union's raw fallback) serializes that value through
//! [`CatchAll`]. For `serde_json` this is invisible: a newtype struct is written as its content,
//! so the bytes sent are the bytes received. [`catch_alls`] serializes a value into a serializer
//! that writes nothing and instead records the JSON path of every such marker, so a test or a
//! cautious application can tell a fully typed decode from one that fell back to raw JSON.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, Serializer};

const MARKER: &str = "$elasticsearch_typed::catch_all::";

/// Why a value went into a catch-all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CatchAllKind {
    /// An enum value the spec does not list (`Other`).
    UnknownValue,
    /// A union or container tag the spec does not list (`Unknown`).
    UnknownTag,
    /// An externally tagged value that came without its tag (a response requested without
    /// `typed_keys`), so its variant cannot be known.
    MissingTag,
    /// A value that no variant of an open untagged union accepts.
    NoMatchingShape,
}

impl CatchAllKind {
    const ALL: [CatchAllKind; 4] = [
        CatchAllKind::UnknownValue,
        CatchAllKind::UnknownTag,
        CatchAllKind::MissingTag,
        CatchAllKind::NoMatchingShape,
    ];

    /// The marker name written as the newtype struct's name.
    const fn marker(self) -> &'static str {
        match self {
            CatchAllKind::UnknownValue => "$elasticsearch_typed::catch_all::unknown value",
            CatchAllKind::UnknownTag => "$elasticsearch_typed::catch_all::unknown tag",
            CatchAllKind::MissingTag => "$elasticsearch_typed::catch_all::missing tag",
            CatchAllKind::NoMatchingShape => "$elasticsearch_typed::catch_all::no matching shape",
        }
    }

    fn from_marker(name: &str) -> Option<CatchAllKind> {
        CatchAllKind::ALL.into_iter().find(|k| k.marker() == name)
    }
}

impl fmt::Display for CatchAllKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.marker()[MARKER.len()..])
    }
}

/// One value found in a catch-all by [`catch_alls`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatchAllAt {
    /// Where it is, as a JSON path (`$.mappings.properties["user.name"]`).
    pub path: String,
    /// The Rust type whose catch-all holds it.
    pub type_name: &'static str,
    /// Why it is there.
    pub kind: CatchAllKind,
}

impl fmt::Display for CatchAllAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let short = self.type_name.rsplit("::").next().unwrap_or(self.type_name);
        write!(f, "{} ({short}: {})", self.path, self.kind)
    }
}

/// Serializes `value` as itself, marked as held by the catch-all of `Owner`.
pub struct CatchAll<'a, T: ?Sized> {
    kind: CatchAllKind,
    type_name: &'static str,
    value: &'a T,
}

impl<'a, T: ?Sized> CatchAll<'a, T> {
    /// Marks `value`, kept raw by a catch-all of the type `Owner`.
    pub fn new<Owner: ?Sized>(kind: CatchAllKind, value: &'a T) -> Self {
        CatchAll {
            kind,
            type_name: std::any::type_name::<Owner>(),
            value,
        }
    }
}

impl<T: Serialize + ?Sized> Serialize for CatchAll<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(self.kind.marker(), &Named(self.type_name, self.value))
    }
}

/// The second newtype layer: carries the owner's type name as the struct name.
struct Named<'a, T: ?Sized>(&'static str, &'a T);

impl<T: Serialize + ?Sized> Serialize for Named<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(self.0, self.1)
    }
}

/// Every place in `value` that holds a catch-all, in serialization order. Empty when every
/// part of it is a variant the spec defines. Serializing `value` for the wire is unaffected.
pub fn catch_alls<T: Serialize + ?Sized>(value: &T) -> Vec<CatchAllAt> {
    let mut finder = Finder::default();
    // The finder never fails; a value whose `Serialize` fails is reported as it is.
    let _ = value.serialize(&mut finder);
    finder.found
}

#[derive(Default)]
struct Finder {
    path: Vec<Segment>,
    found: Vec<CatchAllAt>,
    /// Set between a marker and the type name inside it.
    pending: Option<CatchAllKind>,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl Finder {
    fn json_path(&self) -> String {
        let mut out = String::from("$");
        for segment in &self.path {
            match segment {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) => {
                    let plain = k
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                    if plain {
                        out.push('.');
                        out.push_str(k);
                    } else {
                        out.push('[');
                        out.push_str(&serde_json::Value::String(k.clone()).to_string());
                        out.push(']');
                    }
                }
            }
        }
        out
    }

    fn record(&mut self, kind: CatchAllKind, type_name: &'static str) {
        let path = self.json_path();
        self.found.push(CatchAllAt {
            path,
            type_name,
            kind,
        });
    }

    fn within<T: Serialize + ?Sized>(&mut self, segment: Segment, value: &T) -> Result<(), Error> {
        self.path.push(segment);
        let result = value.serialize(&mut *self);
        self.path.pop();
        result
    }
}

/// The finder's error: only a `Serialize` impl's own failure.
#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

macro_rules! ignore_scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<(), Error> { Ok(()) })*
    };
}

impl<'a> Serializer for &'a mut Finder {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    ignore_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if let Some(kind) = self.pending.take() {
            // `name` is the owner's type; what it holds is raw, nothing to look into.
            self.record(kind, name);
            return Ok(());
        }
        if let Some(kind) = CatchAllKind::from_marker(name) {
            self.pending = Some(kind);
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.within(Segment::Key(variant.to_string()), value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.path.push(Segment::Key(variant.to_string()));
        Ok(Compound::nested(self))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.path.push(Segment::Key(variant.to_string()));
        Ok(Compound::nested(self))
    }
}

/// A sequence, map or struct being walked.
struct Compound<'a> {
    finder: &'a mut Finder,
    index: usize,
    key: Option<String>,
    /// Pops the variant segment pushed for a tuple or struct variant at the end.
    nested: bool,
}

impl<'a> Compound<'a> {
    fn new(finder: &'a mut Finder) -> Self {
        Compound {
            finder,
            index: 0,
            key: None,
            nested: false,
        }
    }

    fn nested(finder: &'a mut Finder) -> Self {
        Compound {
            nested: true,
            ..Compound::new(finder)
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let index = self.index;
        self.index += 1;
        self.finder.within(Segment::Index(index), value)
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        self.finder.within(Segment::Key(name.to_string()), value)
    }

    fn finish(self) -> Result<(), Error> {
        if self.nested {
            self.finder.path.pop();
        }
        Ok(())
    }
}

/// The sequence-like walks: each element one index further.
macro_rules! elements {
    ($($trait:ident::$method:ident),* $(,)?) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let mut name = KeyName::default();
        key.serialize(&mut name)?;
        if let Some((kind, type_name)) = name.catch_all {
            self.finder.path.push(Segment::Key(name.text.clone()));
            self.finder.record(kind, type_name);
            self.finder.path.pop();
        }
        self.key = Some(name.text);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.finder.within(Segment::Key(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// The struct-like walks: each field under its name.
macro_rules! fields {
    ($($trait:ident),* $(,)?) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(name, value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key as text, and whether it is itself a catch-all (an unknown enum value as a key).
#[derive(Default)]
struct KeyName {
    text: String,
    pending: Option<CatchAllKind>,
    catch_all: Option<(CatchAllKind, &'static str)>,
}

macro_rules! key_scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            self.text = v.to_string();
            Ok(())
        })*
    };
}

impl Serializer for &mut KeyName {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    key_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
    );

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.text = variant.to_string();
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if let Some(kind) = self.pending.take() {
            self.catch_all = Some((kind, name));
        } else if let Some(kind) = CatchAllKind::from_marker(name) {
            self.pending = Some(kind);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(ser::Error::custom("a map key is a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("a map key is a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("a map key is a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("a map key is a tuple"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(ser::Error::custom("a map key is a map"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(ser::Error::custom("a map key is a struct"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("a map key is a struct"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Unknown(serde_json::Value);

    impl Serialize for Unknown {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            CatchAll::new::<Unknown>(CatchAllKind::UnknownTag, &self.0).serialize(serializer)
        }
    }

    #[derive(serde::Serialize)]
    struct Outer {
        plain: u32,
        list: Vec<Option<Unknown>>,
        map: indexmap::IndexMap<String, Unknown>,
    }

    #[test]
    fn markers_are_invisible_to_serde_json_and_found_with_their_path() {
        let value = Outer {
            plain: 1,
            list: vec![None, Some(Unknown(json!({"x": 1})))],
            map: [("user.name".to_string(), Unknown(json!("raw")))].into(),
        };
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            json!({"plain": 1, "list": [null, {"x": 1}], "map": {"user.name": "raw"}})
        );
        let found = catch_alls(&value);
        let paths: Vec<&str> = found.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["$.list[1]", "$.map[\"user.name\"]"]);
        assert!(found.iter().all(|c| c.kind == CatchAllKind::UnknownTag));
        assert!(
            found[0].type_name.ends_with("Unknown"),
            "{}",
            found[0].type_name
        );
        assert_eq!(found[0].to_string(), "$.list[1] (Unknown: unknown tag)");
    }

    #[test]
    fn a_catch_all_used_as_a_map_key_is_found() {
        struct Key;
        impl Serialize for Key {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                CatchAll::new::<Key>(CatchAllKind::UnknownValue, "novel").serialize(serializer)
            }
        }
        struct Map;
        impl Serialize for Map {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(&Key, &1)?;
                map.end()
            }
        }
        assert_eq!(serde_json::to_string(&Map).unwrap(), r#"{"novel":1}"#);
        let found = catch_alls(&Map);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "$.novel");
        assert_eq!(found[0].kind, CatchAllKind::UnknownValue);
    }
}
