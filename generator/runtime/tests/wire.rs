//! `wire_struct!` against serde's derive: for each input, the same value or the same error,
//! and the same bytes written.

use elasticsearch_typed_runtime::Nullable;
use elasticsearch_typed_runtime::wire_struct;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// The macro's struct.
#[derive(Debug, Clone, PartialEq, Default)]
struct Plain {
    name: String,
    r#type: Option<u32>,
    tags: Option<Vec<String>>,
    note: Option<Nullable<String>>,
}

wire_struct!(Plain {
    req name "wireName" | "name_alias" | "old";
    opt r#type "type";
    opt tags "tags" | "labels";
    nullable note "note";
});

/// The same struct by serde's derive.
mod derived {
    use super::*;
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    pub struct Plain {
        #[serde(rename = "wireName", alias = "name_alias", alias = "old")]
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub r#type: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none", alias = "labels")]
        pub tags: Option<Vec<String>>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "elasticsearch_typed_runtime::serde_helpers::nullable_field::deserialize"
        )]
        pub note: Option<Nullable<String>>,
    }
}
use derived::Plain as Derived;

impl From<Derived> for Plain {
    fn from(d: Derived) -> Self {
        Plain {
            name: d.name,
            r#type: d.r#type,
            tags: d.tags,
            note: d.note,
        }
    }
}

/// Reads `json` both ways: equal values, or errors with equal messages (and positions).
fn same<M, D>(json: &str) -> Result<M, String>
where
    M: DeserializeOwned + PartialEq + std::fmt::Debug,
    D: DeserializeOwned + Into<M>,
{
    let ours = serde_json::from_str::<M>(json).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<D>(json)
        .map(Into::into)
        .map_err(|e| e.to_string());
    assert_eq!(ours, theirs, "from {json}");
    // From a `Value` too (the union decoders read those).
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return ours;
    };
    let ours_v = serde_json::from_value::<M>(value.clone()).map_err(|e| e.to_string());
    let theirs_v = serde_json::from_value::<D>(value)
        .map(Into::into)
        .map_err(|e| e.to_string());
    assert_eq!(ours_v, theirs_v, "from the value of {json}");
    ours
}

#[test]
fn wire_names_and_aliases_are_read() {
    let all = r#"{"wireName":"a","type":3,"tags":["x"],"note":"n"}"#;
    let read = same::<Plain, Derived>(all).unwrap();
    assert_eq!(read.name, "a");
    assert_eq!(read.r#type, Some(3));
    assert_eq!(read.note, Some(Nullable::Value("n".to_string())));
    for json in [
        r#"{"name_alias":"a"}"#,
        r#"{"old":"a","labels":["y"]}"#,
        r#"{"name":"a"}"#,
    ] {
        let _ = same::<Plain, Derived>(json);
    }
    assert_eq!(same::<Plain, Derived>(r#"{"old":"b"}"#).unwrap().name, "b");
}

#[test]
fn unknown_members_are_skipped() {
    let json = r#"{"x":{"deep":[1,{"y":null}]},"wireName":"a","zz":[],"tags2":1}"#;
    assert_eq!(same::<Plain, Derived>(json).unwrap().name, "a");
}

#[test]
fn a_missing_required_field_is_an_error_naming_it() {
    let err = same::<Plain, Derived>(r#"{"type":1}"#).unwrap_err();
    assert!(err.starts_with("missing field `wireName`"), "{err}");
}

#[test]
fn a_repeated_member_is_an_error_also_by_alias() {
    for json in [
        r#"{"wireName":"a","type":1,"type":2}"#,
        r#"{"wireName":"a","old":"b"}"#,
        r#"{"wireName":"a","tags":null,"labels":["x"]}"#,
        r#"{"wireName":"a","note":null,"note":null}"#,
    ] {
        let err = same::<Plain, Derived>(json).unwrap_err();
        assert!(err.starts_with("duplicate field `"), "{err}");
    }
    let err = same::<Plain, Derived>(r#"{"wireName":"a","old":"b"}"#).unwrap_err();
    assert!(err.starts_with("duplicate field `wireName`"), "{err}");
}

#[test]
fn null_is_none_and_nullable_tells_null_from_missing() {
    let read = same::<Plain, Derived>(r#"{"wireName":"a","type":null,"note":null}"#).unwrap();
    assert_eq!(read.r#type, None);
    assert_eq!(read.note, Some(Nullable::Null));
    let read = same::<Plain, Derived>(r#"{"wireName":"a"}"#).unwrap();
    assert_eq!(read.note, None);
    let err = same::<Plain, Derived>(r#"{"wireName":null}"#).unwrap_err();
    assert!(err.starts_with("invalid type: null"), "{err}");
}

#[test]
fn wrong_types_fail_alike() {
    for json in [
        r#""text""#,
        "3",
        "null",
        r#"{"wireName":"a","type":"x"}"#,
        r#"{"wireName":"a","tags":[1]}"#,
        r#"{"wireName":"a","type":1"#,
    ] {
        let _ = same::<Plain, Derived>(json).unwrap_err();
    }
}

#[test]
fn written_alike_in_declaration_order() {
    let values = [
        Plain {
            name: "a".into(),
            ..Plain::default()
        },
        Plain {
            name: "a".into(),
            r#type: Some(1),
            tags: Some(vec!["t".into()]),
            note: Some(Nullable::Null),
        },
        Plain {
            name: "a".into(),
            note: Some(Nullable::Value("v".into())),
            ..Plain::default()
        },
    ];
    for value in values {
        let derived = Derived {
            name: value.name.clone(),
            r#type: value.r#type,
            tags: value.tags.clone(),
            note: value.note.clone(),
        };
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string(&derived).unwrap()
        );
        assert_eq!(
            serde_json::to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&derived).unwrap()
        );
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            serde_json::to_value(&derived).unwrap()
        );
    }
    let all = serde_json::to_string(&Plain {
        name: "a".into(),
        r#type: Some(1),
        tags: Some(vec![]),
        note: Some(Nullable::Null),
    })
    .unwrap();
    assert_eq!(all, r#"{"wireName":"a","type":1,"tags":[],"note":null}"#);
}

/// A tagged struct: the tag is written first and not checked when read.
#[derive(Debug, Clone, PartialEq, Default)]
struct Tagged {
    field: Option<String>,
}

wire_struct!(Tagged tag "kind" = "tagged" {
    opt field "field";
});

mod taggedderived {
    use super::*;
    #[derive(Debug, Serialize, Deserialize)]
    #[serde(tag = "kind", rename = "tagged")]
    pub struct Tagged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub field: Option<String>,
    }
}
use taggedderived::Tagged as TaggedDerived;

impl From<TaggedDerived> for Tagged {
    fn from(d: TaggedDerived) -> Self {
        Tagged { field: d.field }
    }
}

#[test]
fn a_tag_is_written_first_and_not_checked() {
    for json in [
        r#"{"kind":"tagged","field":"f"}"#,
        r#"{"field":"f"}"#,
        r#"{"kind":"other"}"#,
        "{}",
    ] {
        let _ = same::<Tagged, TaggedDerived>(json).unwrap();
    }
    for field in [None, Some("f".to_string())] {
        assert_eq!(
            serde_json::to_string(&Tagged {
                field: field.clone()
            })
            .unwrap(),
            serde_json::to_string(&TaggedDerived { field }).unwrap()
        );
    }
    assert_eq!(
        serde_json::to_string(&Tagged::default()).unwrap(),
        r#"{"kind":"tagged"}"#
    );
}

/// A generic struct, with a field named like the macro's own locals.
#[derive(Debug, Clone, PartialEq)]
struct Generic<TDocument> {
    map: TDocument,
    key: Option<Vec<TDocument>>,
}

wire_struct!(Generic<TDocument> {
    req map "map";
    opt key "key";
});

mod genericderived {
    use super::*;
    #[derive(Debug, Serialize, Deserialize)]
    pub struct Generic<T> {
        pub map: T,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub key: Option<Vec<T>>,
    }
}
use genericderived::Generic as GenericDerived;

impl<T> From<GenericDerived<T>> for Generic<T> {
    fn from(d: GenericDerived<T>) -> Self {
        Generic {
            map: d.map,
            key: d.key,
        }
    }
}

#[test]
fn generic_structs_work() {
    let read = same::<Generic<u8>, GenericDerived<u8>>(r#"{"map":1,"key":[2]}"#).unwrap();
    assert_eq!(read.key, Some(vec![2]));
    let _ = same::<Generic<u8>, GenericDerived<u8>>(r#"{"key":[2]}"#).unwrap_err();
    let value = Generic {
        map: 1u8,
        key: None,
    };
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"map":1}"#);
}

/// A required `Option` field reads a missing member as `None`, like serde's derive.
#[derive(Debug, Clone, PartialEq)]
struct RequiredOption {
    value: Option<u8>,
}

wire_struct!(RequiredOption {
    req value "value";
});

mod requiredoptionderived {
    use super::*;
    #[derive(Debug, Deserialize)]
    pub struct RequiredOption {
        pub value: Option<u8>,
    }
}
use requiredoptionderived::RequiredOption as RequiredOptionDerived;

impl From<RequiredOptionDerived> for RequiredOption {
    fn from(d: RequiredOptionDerived) -> Self {
        RequiredOption { value: d.value }
    }
}

#[test]
fn a_missing_required_option_is_none() {
    assert_eq!(
        same::<RequiredOption, RequiredOptionDerived>("{}").unwrap(),
        RequiredOption { value: None }
    );
    assert_eq!(
        serde_json::to_string(&RequiredOption { value: None }).unwrap(),
        r#"{"value":null}"#
    );
}

/// An empty struct reads any object.
#[derive(Debug, Clone, PartialEq)]
struct Empty {}

wire_struct!(Empty {});

mod emptyderived {
    use super::*;
    #[derive(Debug, Deserialize)]
    pub struct Empty {}
}
use emptyderived::Empty as EmptyDerived;

impl From<EmptyDerived> for Empty {
    fn from(_: EmptyDerived) -> Self {
        Empty {}
    }
}

#[test]
fn an_empty_struct_reads_any_object() {
    let _ = same::<Empty, EmptyDerived>(r#"{"a":1}"#).unwrap();
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
}

#[test]
fn error_paths_name_the_member() {
    #[derive(Debug, Clone, PartialEq)]
    struct Outer {
        inner: Option<Vec<Plain>>,
    }
    wire_struct!(Outer {
        opt inner "inner";
    });
    for (json, path) in [
        (
            r#"{"inner":[{"wireName":"a"},{"wireName":"b","type":"x"}]}"#,
            "inner[1].type",
        ),
        (r#"{"inner":[{"type":1}]}"#, "inner[0]"),
        (r#"{"inner":[{"wireName":"a","old":"b"}]}"#, "inner[0]"),
    ] {
        let mut de = serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), path, "{json}: {err}");
    }
}

/// Documents the one difference from the derive: no positional (array) form.
#[test]
fn an_array_is_not_read_as_a_struct() {
    let err = serde_json::from_str::<Tagged>("[]")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid type: sequence, expected struct Tagged"),
        "{err}"
    );
    assert!(serde_json::from_str::<TaggedDerived>("[]").is_ok());
}

/// A value whose `Serialize` fails, to see where writing stops.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Unwritable;

impl Serialize for Unwritable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot be written"))
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Failing {
    first: String,
    bad: Option<Unwritable>,
    last: String,
}

wire_struct!(Failing {
    req first "first";
    opt bad "bad";
    req last "last";
});

#[derive(Serialize)]
struct FailingDerived {
    first: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    bad: Option<Unwritable>,
    last: String,
}

#[test]
fn a_member_that_cannot_be_written_is_the_error_and_nothing_after_it_is_written() {
    let ours = Failing {
        first: "a".into(),
        bad: Some(Unwritable),
        last: "z".into(),
    };
    let theirs = FailingDerived {
        first: "a".into(),
        bad: Some(Unwritable),
        last: "z".into(),
    };
    let (mut ours_out, mut theirs_out) = (Vec::new(), Vec::new());
    let ours_err = serde_json::to_writer(&mut ours_out, &ours).map_err(|e| e.to_string());
    let theirs_err = serde_json::to_writer(&mut theirs_out, &theirs).map_err(|e| e.to_string());
    assert_eq!(ours_err, Err("cannot be written".to_string()));
    assert_eq!(ours_err, theirs_err);
    // The writer stopped where the derive did: nothing of `last` went out.
    assert_eq!(
        String::from_utf8_lossy(&ours_out),
        String::from_utf8_lossy(&theirs_out)
    );
    assert!(!String::from_utf8_lossy(&ours_out).contains("last"));
    // Without the failing member both write the same bytes.
    let fine = Failing { bad: None, ..ours };
    let fine_derived = FailingDerived {
        bad: None,
        ..theirs
    };
    assert_eq!(
        serde_json::to_string(&fine).expect("writes"),
        serde_json::to_string(&fine_derived).expect("writes")
    );
}
