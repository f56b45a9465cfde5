//! Every union encoding of the dialect, decoded into the crate generated from the test-only
//! spec in `tests/constructs/spec/`: each test asserts the Rust variant a value lands in (a
//! round trip alone can't tell a typed decode from a catch-all), the JSON it encodes back to,
//! and what [`catch_alls`] reports.

use constructs_typed::runtime::Nullable;
use constructs_typed::shapes::types::*;
use constructs_typed::{CatchAllKind, catch_alls};
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value} does not decode: {e}"))
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::from_slice(&serde_json::to_vec(value).expect("encodes")).expect("valid JSON")
}

/// Decodes `value`, checks it encodes back unchanged and that nothing landed in a catch-all.
fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = decode(value.clone());
    assert_eq!(encode(&decoded), value, "re-encoded differently");
    let found = catch_alls(&decoded);
    assert!(found.is_empty(), "{value} used a catch-all: {found:?}");
    decoded
}

/// The single catch-all in `value`: its path and kind.
fn one_catch_all<T: serde::Serialize>(value: &T) -> (String, CatchAllKind) {
    let found = catch_alls(value);
    assert_eq!(found.len(), 1, "{found:?}");
    (found[0].path.clone(), found[0].kind)
}

#[test]
fn internal_string_tag_picks_the_variant() {
    let field: Field = typed(json!({"kind": "text", "analyzer": "standard", "stored": true}));
    let Field::TextField(text) = field else {
        panic!("not TextField: {field:?}")
    };
    assert_eq!(text.analyzer.as_deref(), Some("standard"));
    assert_eq!(text.stored, Some(true));
    assert!(matches!(
        typed::<Field>(json!({"kind": "number", "coerce": false})),
        Field::NumberField(NumberField {
            coerce: Some(false),
            ..
        })
    ));
}

/// `RangeField`, a member of `Field` that is itself a union of tagged classes: its members are
/// variants of `Field`, picked by their own tags.
#[test]
fn internal_tag_reaches_the_members_of_a_nested_union() {
    let field: Field = typed(json!({"kind": "date_range", "format": "yyyy", "stored": false}));
    let Field::DateRangeField(range) = field else {
        panic!("not DateRangeField: {field:?}")
    };
    assert_eq!(range.format.as_deref(), Some("yyyy"));
    assert_eq!(range.stored, Some(false));
    assert!(matches!(
        typed::<Field>(json!({"kind": "integer_range"})),
        Field::IntegerRangeField(IntegerRangeField { stored: None, .. })
    ));
}

#[test]
fn internal_tag_inherited_from_a_base_class() {
    let field: Field = typed(json!({"kind": "alias", "target": "user.id"}));
    assert_eq!(
        field,
        Field::AliasField(AliasField::new("user.id".to_string()))
    );
}

#[test]
fn internal_tag_absent_means_the_default_tag() {
    let field: Field = decode(json!({"fields": {"city": {"kind": "text"}}}));
    let Field::ObjectField(object) = &field else {
        panic!("not ObjectField: {field:?}")
    };
    let inner = object.fields.as_ref().expect("fields");
    assert!(matches!(inner["city"], Field::TextField(_)));
    // The default is written out: the same mapping, stated explicitly.
    assert_eq!(
        encode(&field),
        json!({"kind": "object", "fields": {"city": {"kind": "text"}}})
    );
    assert!(catch_alls(&field).is_empty());
}

#[test]
fn internal_tag_unknown_lands_in_the_catch_all() {
    let value = json!({"kind": "geo_shape", "orientation": "left"});
    let field: Field = decode(value.clone());
    assert_eq!(field, Field::Unknown(value.clone()));
    assert_eq!(encode(&field), value);
    let document: Document = decode(json!({"fields": {"area": value}}));
    assert_eq!(
        one_catch_all(&document),
        ("$.fields.area".to_string(), CatchAllKind::UnknownTag)
    );
    // A known tag with a value of the wrong shape is an error, not a catch-all.
    let err = serde_json::from_value::<Field>(json!({"kind": "text", "analyzer": 3})).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn internal_boolean_tag() {
    let managed: Lifecycle = typed(json!({"managed": true, "policy": "hot-warm"}));
    assert!(
        matches!(&managed, Lifecycle::ManagedLifecycle(m) if m.policy == "hot-warm"),
        "{managed:?}"
    );
    let unmanaged: Lifecycle = typed(json!({"managed": false}));
    assert!(matches!(unmanaged, Lifecycle::UnmanagedLifecycle(_)));
    let odd: Lifecycle = decode(json!({"managed": "yes"}));
    assert!(matches!(odd, Lifecycle::Unknown(_)));
}

#[test]
fn internal_number_tag() {
    let one: Envelope = typed(json!({"version": 1, "payload": "a"}));
    assert!(matches!(&one, Envelope::EnvelopeOne(e) if e.payload == "a"));
    let two: Envelope = typed(json!({"version": 2, "payload": ["a", "b"]}));
    assert!(matches!(&two, Envelope::EnvelopeTwo(e) if e.payload.len() == 2));
    let three: Envelope = decode(json!({"version": 3}));
    assert!(matches!(three, Envelope::Unknown(_)));
    assert_eq!(one_catch_all(&three).1, CatchAllKind::UnknownTag);
}

#[test]
fn container_variants_aliases_and_container_properties() {
    let filter: Filter = typed(json!({"label": "all", "everything": {"weight": 2.5}}));
    assert_eq!(filter.label.as_deref(), Some("all"));
    assert!(matches!(
        filter.variant,
        FilterVariant::Everything(EverythingFilter { weight: Some(w), .. }) if w == 2.5
    ));
    // `any_of` is an alias of `either`: read, and written back under its name.
    let aliased: Filter = decode(json!({"any_of": [{"everything": {}}]}));
    assert!(matches!(&aliased.variant, FilterVariant::Either(list) if list.len() == 1));
    assert_eq!(encode(&aliased), json!({"either": [{"everything": {}}]}));
}

#[test]
fn container_unknown_key_is_kept_and_found() {
    let value = json!({"nearby": {"distance": "1km"}});
    let filter: Filter = decode(value.clone());
    assert!(
        matches!(&filter.variant, FilterVariant::Unknown { name, .. } if name == "nearby"),
        "{filter:?}"
    );
    assert_eq!(encode(&filter), value);
    assert_eq!(
        one_catch_all(&filter),
        ("$.nearby".to_string(), CatchAllKind::UnknownTag)
    );
}

#[test]
fn container_with_shortcut_property_in_both_forms() {
    let short: Filter = typed(json!({"match": {"title": "rust"}}));
    let FilterVariant::Match(entry) = &short.variant else {
        panic!("not Match: {short:?}")
    };
    assert_eq!(entry.key, "title");
    assert_eq!(entry.value.query, "rust");
    assert!(!entry.value.shortcut_form.is_full());
    let full: Filter = typed(json!({"match": {"title": {"query": "rust", "fuzzy": true}}}));
    let FilterVariant::Match(entry) = &full.variant else {
        panic!("not Match: {full:?}")
    };
    assert_eq!(entry.value.fuzzy, Some(true));
    assert!(entry.value.shortcut_form.is_full());
}

#[test]
fn container_additional_property_decodes_any_other_key_typed() {
    let orderings: Vec<Ordering> = typed(json!([{"_random": {"seed": 7}}, {"age": "desc"}]));
    assert!(matches!(
        orderings[0],
        Ordering::Random(RandomOrdering { seed: 7, .. })
    ));
    assert!(
        matches!(&orderings[1], Ordering::Field { name, value: Direction::Desc } if name == "age"),
        "{:?}",
        orderings[1]
    );
    // Every key is defined (a field name), so a bad value is an error that names the key.
    let err = serde_json::from_value::<Ordering>(json!({"age": {"order": "desc"}})).unwrap_err();
    assert!(err.to_string().contains("in `age`"), "{err}");
    // An enum value the spec doesn't list is kept, and found.
    let odd: Ordering = decode(json!({"age": "sideways"}));
    assert!(matches!(
        &odd,
        Ordering::Field { value: Direction::Other(v), .. } if v == "sideways"
    ));
    assert_eq!(
        one_catch_all(&odd),
        ("$.age".to_string(), CatchAllKind::UnknownValue)
    );
}

#[test]
fn typed_keys_pick_the_variant_and_keep_unknown_tags() {
    let document: Document = decode(json!({"summaries": {
        "count#hits": {"value": 12},
        "mean#price": {"value": null},
        "median#size": {"value": 3}
    }}));
    let summaries = document.summaries.as_ref().expect("summaries");
    assert!(matches!(
        summaries.get("hits"),
        Some(Summary::CountSummary(CountSummary { value: 12, .. }))
    ));
    assert!(matches!(
        summaries.get("price"),
        Some(Summary::MeanSummary(MeanSummary {
            value: Nullable::Null,
            ..
        }))
    ));
    assert!(matches!(summaries.get("size"), Some(Summary::Unknown { tag, .. }) if tag == "median"));
    assert_eq!(
        encode(&document)["summaries"],
        json!({
            "count#hits": {"value": 12},
            "mean#price": {"value": null},
            "median#size": {"value": 3}
        })
    );
    let found: Vec<(String, CatchAllKind)> = catch_alls(&document)
        .into_iter()
        .map(|c| (c.path, c.kind))
        .collect();
    assert_eq!(
        found,
        [
            // The path of the value on the wire, where its key is `median#size`.
            (
                "$.summaries[\"median#size\"]".to_string(),
                CatchAllKind::UnknownTag
            ),
        ]
    );
    // A key without its type (a response sent without typed_keys) is never guessed.
    let untyped = serde_json::from_value::<Document>(json!({"summaries": {"plain": {"value": 1}}}));
    let message = untyped
        .expect_err("a key without a type prefix")
        .to_string();
    assert!(
        message.contains("`plain` has no `type#` prefix"),
        "{message}"
    );
    assert!(message.contains("typed_keys=true"), "{message}");
}

#[test]
fn untagged_union_decides_by_value_and_falls_back_to_the_untyped_variant() {
    assert!(matches!(
        typed::<Bound>(json!({"gte": 1.5, "lte": 9.0})),
        Bound::NumberBound(NumberBound {
            gte: Some(_),
            lte: Some(_),
            ..
        })
    ));
    assert!(matches!(
        typed::<Bound>(json!({"gte": "a", "lte": "m"})),
        Bound::TextBound(_)
    ));
    // Neither typed variant keeps a number and a string together: the untyped one does.
    assert!(matches!(
        typed::<Bound>(json!({"gte": 1.5, "lte": "m"})),
        Bound::UntypedBound(_)
    ));
}

#[test]
fn open_untagged_union_keeps_a_shape_no_variant_accepts() {
    let bound: Bound = decode(json!("tomorrow"));
    assert_eq!(bound, Bound::Unknown(json!("tomorrow")));
    assert_eq!(encode(&bound), json!("tomorrow"));
    assert_eq!(one_catch_all(&bound).1, CatchAllKind::NoMatchingShape);
}

#[test]
fn closed_untagged_union_rejects_a_shape_no_variant_accepts_with_its_path() {
    assert_eq!(typed::<Size>(json!(10)), Size::Integer(10));
    assert_eq!(typed::<Size>(json!("unbounded")), Size::Unbounded);
    let mut de = serde_json::Deserializer::from_str(r#"{"size": true}"#);
    let err = serde_path_to_error::deserialize::<_, Document>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "size");
    assert!(
        err.inner()
            .to_string()
            .contains("no variant of Size matches"),
        "{err}"
    );
}

#[test]
fn enum_aliases_and_unknown_values() {
    assert_eq!(typed::<Color>(json!("red")), Color::Red);
    let grey: Color = decode(json!("grey"));
    assert_eq!(grey, Color::Gray);
    assert_eq!(encode(&grey), json!("gray"));
    let purple: Color = decode(json!("purple"));
    assert_eq!(purple, Color::Other("purple".to_string()));
    assert_eq!(encode(&purple), json!("purple"));
    let document: Document = decode(json!({"color": "purple"}));
    assert_eq!(
        one_catch_all(&document),
        ("$.color".to_string(), CatchAllKind::UnknownValue)
    );
}

#[test]
fn the_request_body_and_response_are_the_document() {
    use constructs_typed::shapes::echo::{EchoRequest, EchoResponse};
    let value = json!({"fields": {"title": {"kind": "text"}}, "size": "unbounded"});
    let response: EchoResponse = typed(value.clone());
    assert!(matches!(response.size, Some(Size::Unbounded)));
    let request = EchoRequest::new(decode(value.clone()));
    assert_eq!(encode(&request.document), value);
}

#[test]
fn a_dictionary_base_response_is_a_map_and_a_request_as_a_value_is_its_body() {
    use constructs_typed::shapes::saved::{SavedRequestBody, SavedResponse, SavedSet};
    let value = json!({
        "first": {"saved_by": {"name": "first", "labels": ["a"]}, "at": "today"},
        "second": {"saved_by": {"name": "second"}}
    });
    // The response extends the dictionary base: every key is an entry, none is dropped.
    let response: SavedResponse = typed(value.clone());
    assert_eq!(response.keys().collect::<Vec<_>>(), ["first", "second"]);
    let first: &SavedSet = &response["first"];
    // A property whose type is a request holds that request's body.
    let body: &SavedRequestBody = &first.saved_by;
    assert_eq!(body.name, "first");
    assert_eq!(body.labels.as_deref(), Some(&["a".to_string()][..]));
    assert_eq!(first.at.as_deref(), Some("today"));
    assert!(response["second"].saved_by.labels.is_none());
}
