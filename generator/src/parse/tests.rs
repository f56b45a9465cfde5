//! End-to-end parser tests on tiny specifications written to a temporary folder:
//! one valid spec, and one broken variant of it per kind of error, each checked for
//! the file, line, column and message of the diagnostic.

use std::path::PathBuf;

use super::parse_spec;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Body, ServerDefault, TypeDefinition, TypeName, ValueOf, Variants};

const TSCONFIG: &str = r#"{ "compilerOptions": { "paths": {
  "@_types/*": ["_types/*"], "@spec_utils/*": ["_spec_utils/*"], "@demo/*": ["demo/*"] } } }"#;

const COMMON: &str = "\
/** The media types. */
export enum MediaType {
  Json = 'application/json'
}

export type Name = string
";

const BASE: &str = "\
export class RequestBase {}
";

const REQUEST: &str = "\
import { RequestBase } from '@_types/Base'
import { MediaType, Name } from '@_types/common'

/**
 * Get a thing.
 * @rest_spec_name demo.get
 * @availability stack since=8.0.0 stability=stable
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_demo/{name}'
      methods: ['GET']
    }
  ]
  path_parts: {
    /** The thing's name. */
    name: Name
  }
  response_media_type: MediaType.Json
}
";

const RESPONSE: &str = "\
import { Thing } from './types'

export class Response {
  /** @codegen_name thing */
  body: Thing
}
";

const TYPES: &str = "\
import { Name } from '@_types/common'

export class Thing {
  name: Name
  /** @server_default true */
  found?: boolean
}
";

/// A spec folder with the valid files, `replace`d or added to by `changes`.
fn spec(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let mut files = vec![
        ("tsconfig.json", TSCONFIG),
        ("_types/common.ts", COMMON),
        ("_types/Base.ts", BASE),
        ("demo/get/DemoGetRequest.ts", REQUEST),
        ("demo/get/DemoGetResponse.ts", RESPONSE),
        ("demo/get/types.ts", TYPES),
    ];
    for &(path, text) in changes {
        match files.iter_mut().find(|(p, _)| *p == path) {
            Some(f) => f.1 = text,
            None => files.push((path, text)),
        }
    }
    for (path, text) in files {
        let full = dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("write: {e}"));
    }
    dir
}

fn errors(changes: &[(&str, &str)]) -> Diagnostics {
    let dir = spec(changes);
    match parse_spec(dir.path()) {
        Ok(_) => panic!("expected errors, the spec parsed"),
        Err(e) => e,
    }
}

/// The single diagnostic whose message contains `needle`.
fn the_error<'a>(errs: &'a Diagnostics, needle: &str) -> &'a Diagnostic {
    errs.find(needle)
        .unwrap_or_else(|| panic!("no error containing {needle:?} in:\n{errs}"))
}

fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(
        (d.file.clone(), d.line, d.column),
        (PathBuf::from(file), line, column),
        "wrong location for:\n{d}"
    );
}

#[test]
fn valid_spec_parses() {
    let dir = spec(&[]);
    let model = parse_spec(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.endpoints.len(), 1);
    let ep = &model.endpoints[0];
    assert_eq!(ep.name, "demo.get");
    assert_eq!(ep.description, "Get a thing.");
    assert_eq!(ep.response_media_type, vec!["application/json".to_string()]);
    assert_eq!(ep.urls[0].path, "/_demo/{name}");
    assert_eq!(
        ep.availability
            .stack
            .as_ref()
            .and_then(|s| s.since.as_deref()),
        Some("8.0.0")
    );
    let names: Vec<String> = model.types.iter().map(|t| t.name().to_string()).collect();
    assert_eq!(
        names,
        [
            "_types::Name",
            "_types::RequestBase",
            "demo.get::Request",
            "demo.get::Response",
            "demo.get::Thing"
        ],
        "unreachable types (MediaType) are dropped, the rest sorted"
    );
    let thing = model
        .types
        .iter()
        .find(|t| t.name() == &TypeName::new("demo.get", "Thing"));
    let Some(TypeDefinition::Interface(thing)) = thing else {
        panic!("Thing is not an interface")
    };
    assert_eq!(
        thing.properties[1].server_default,
        Some(ServerDefault::Bool(true))
    );
    assert_eq!(thing.spec_location, "demo/get/types.ts#L3-L7");
    let response = model
        .types
        .iter()
        .find(|t| t.name() == &TypeName::new("demo.get", "Response"));
    let Some(TypeDefinition::Response(response)) = response else {
        panic!("no response")
    };
    assert!(matches!(
        &response.body,
        Body::Value { codegen_name: Some(n), value: ValueOf::InstanceOf(_) } if n == "thing"
    ));
}

#[test]
fn syntax_error_is_located() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  name: string =\n}\n",
    )]);
    let d = the_error(&errs, "TypeScript syntax error");
    assert_eq!(d.file, PathBuf::from("demo/get/types.ts"));
    assert_eq!(d.line, 3);
    assert_eq!(d.column, 1);
}

#[test]
fn unknown_type_is_located() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  name: Nmae\n}\n",
    )]);
    let d = the_error(&errs, "unknown type `Nmae`");
    assert_at(d, "demo/get/types.ts", 2, 9);
    assert_eq!(d.excerpt, "  name: Nmae");
    assert_eq!(d.width, 4);
    assert!(
        errs.to_string()
            .contains("2 |   name: Nmae\n  |         ^^^^"),
        "{errs}"
    );
}

#[test]
fn missing_import_target_is_located() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "import { Nope } from '@_types/common'\n\nexport class Thing {\n  name: Nope\n}\n",
    )]);
    let d = the_error(&errs, "`Nope` is not declared in `_types/common.ts`");
    assert_at(d, "demo/get/types.ts", 1, 10);
}

#[test]
fn duplicate_name_is_located() {
    let errs = errors(&[("_types/other.ts", "\n\nexport type Name = string\n")]);
    let d = the_error(&errs, "duplicate type name `Name` in namespace `_types`");
    // Files are read in path order: `common.ts` comes first, `other.ts` is the duplicate.
    assert_at(d, "_types/other.ts", 3, 13);
}

#[test]
fn availability_with_a_bad_key() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  /**\n   * A name.\n   * @availability stack sinse=8.0.0\n   */\n  name: string\n}\n",
    )]);
    let d = the_error(&errs, "unknown key `sinse`");
    assert_at(d, "demo/get/types.ts", 4, 6);
    assert!(d.message.starts_with("malformed `@availability`"));
}

#[test]
fn server_default_that_does_not_fit_the_type() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  /** @server_default maybe */\n  found?: boolean\n}\n",
    )]);
    let d = the_error(
        &errs,
        "`@server_default maybe` does not fit boolean property `found`",
    );
    assert_at(d, "demo/get/types.ts", 2, 7);
    let errs = errors(&[
        (
            "demo/get/types.ts",
            "import { integer } from './num'\nexport class Thing {\n  /** @server_default ten */\n  size?: integer\n}\n",
        ),
        ("demo/get/num.ts", "export type integer = number\n"),
    ]);
    let d = the_error(&errs, "does not fit numeric property `size`");
    assert_at(d, "demo/get/types.ts", 3, 7);
}

#[test]
fn variants_with_an_unknown_kind() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  name: Pick\n}\n\nexport class A {}\nexport class B {}\n\n/** @variants sideways tag='type' */\nexport type Pick = A | B\n",
    )]);
    let d = the_error(&errs, "unknown `@variants` kind `sideways`");
    assert_at(d, "demo/get/types.ts", 8, 5);
}

#[test]
fn unknown_tag_is_rejected() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class Thing {\n  /**\n   * @colour blue\n   */\n  name: string\n}\n",
    )]);
    let d = the_error(&errs, "unknown tag `@colour` on property `name`");
    assert_at(d, "demo/get/types.ts", 3, 6);
}

#[test]
fn unsupported_constructs_are_rejected() {
    let errs = errors(&[(
        "demo/get/types.ts",
        "export class A {}\nexport class B {}\nexport type Both = A & B\nexport class Thing {\n  name: Both\n}\n",
    )]);
    let d = the_error(&errs, "intersection type");
    assert_at(d, "demo/get/types.ts", 3, 20);
}

#[test]
fn tagged_unions_and_containers() {
    let dir = spec(&[(
        "demo/get/types.ts",
        "\
import { Name } from '@_types/common'

export class Thing {
  name: Name
  pick: Pick
  which: Which
}

export class A {
  type: 'a'
}

export class B {
  type: 'b'
}

/**
 * @variants internal tag='type' default='a'
 * @non_exhaustive
 * @codegen_names first, second
 */
export type Pick = A | B

/** @variants container */
export class Which {
  a?: A
  b?: B
  /** @variant container_property */
  meta?: Name
}
",
    )]);
    let model = parse_spec(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let find = |n: &str| {
        model
            .types
            .iter()
            .find(|t| t.name() == &TypeName::new("demo.get", n))
            .cloned()
    };
    let Some(TypeDefinition::TypeAlias(pick)) = find("Pick") else {
        panic!("no Pick")
    };
    assert_eq!(
        pick.variants,
        Some(Variants::InternalTag {
            default_tag: Some("a".into()),
            non_exhaustive: true,
            tag: "type".into()
        })
    );
    assert_eq!(pick.codegen_names, vec!["first", "second"]);
    let Some(TypeDefinition::Interface(which)) = find("Which") else {
        panic!("no Which")
    };
    assert_eq!(
        which.variants,
        Some(Variants::Container {
            non_exhaustive: false
        })
    );
    assert!(which.properties[2].container_property);
}

#[test]
fn a_rest_api_spec_file_gives_what_the_request_does_not_say() {
    let request = REQUEST
        .replace(
            "  urls: [\n    {\n      path: '/_demo/{name}'\n      methods: ['GET']\n    }\n  ]\n",
            "",
        )
        .replace(" * Get a thing.\n", "");
    let json = r#"{"demo.get": {
      "documentation": {"url": "https://example.com/demo", "description": "Gets a demo thing"},
      "stability": "stable", "visibility": "public",
      "headers": {"accept": ["text/plain"], "content_type": ["application/json"]},
      "url": {"paths": [{"path": "/_demo/{name}", "methods": ["GET", "POST"]}]},
      "body": {"description": "unused", "required": true}
    }}"#;
    let dir = spec(&[
        ("demo/get/DemoGetRequest.ts", &request),
        ("_json_spec/demo.get.json", json),
    ]);
    let model = parse_spec(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let e = &model.endpoints[0];
    assert_eq!(e.urls[0].methods, ["GET", "POST"]);
    assert_eq!(e.description, "Gets a demo thing");
    assert_eq!(e.doc_url.as_deref(), Some("https://example.com/demo"));
    // The request's own `response_media_type` wins; the file gives the request media type.
    assert_eq!(e.response_media_type, ["application/json"]);
    assert_eq!(e.request_media_type, ["application/json"]);
    assert!(e.request_body_required);

    let broken = json.replace("\"stability\"", "\"colour\": 1, \"stability\"");
    let dir = spec(&[
        ("demo/get/DemoGetRequest.ts", &request),
        ("_json_spec/demo.get.json", &broken),
    ]);
    let errs = parse_spec(dir.path()).err().unwrap_or_default();
    let d = the_error(&errs, "colour");
    assert_eq!(
        (d.file.to_string_lossy().as_ref(), d.line),
        ("_json_spec/demo.get.json", 3)
    );
}

/// The older dialect (7.x branches): `@since`, `@stability` and `@visibility` in place of
/// `@availability`, completed by the REST API spec file; a response extending a class; an
/// API that only a REST API spec file lists; `@doc_id` without a table.
#[test]
fn the_older_dialect_is_read() {
    let request = REQUEST.replace(
        " * @availability stack since=8.0.0 stability=stable\n",
        " * @since 7.7.0\n * @stability beta\n * @doc_id demo-get\n",
    );
    let base = "export class RequestBase {}\n\n/** @doc_url https://example.com/ack */\nexport class AcknowledgedResponseBase {\n  /** @since 7.10.0 */\n  acknowledged: boolean\n}\n";
    let response = "\
import { AcknowledgedResponseBase } from '@_types/Base'

export class Response extends AcknowledgedResponseBase {}
";
    let api = |name: &str, visibility: &str| {
        format!(
            r#"{{"{name}": {{
      "documentation": {{"url": "https://example.com/{name}", "description": "About {name}"}},
      "stability": "stable", "visibility": "{visibility}",
      "url": {{"paths": [{{"path": "/_{name}", "methods": ["GET"],
        "parts": {{"name": {{"type": "string", "description": "The name"}}}}}}]}},
      "params": {{"pretty": {{"type": "boolean", "description": "Pretty"}}}}
    }}}}"#
        )
    };
    let (get, listed) = (api("demo.get", "private"), api("demo.listed", "public"));
    let dir = spec(&[
        ("demo/get/DemoGetRequest.ts", &request),
        ("demo/get/DemoGetResponse.ts", response),
        ("_types/Base.ts", base),
        ("_json_spec/demo.get.json", &get),
        ("_json_spec/demo.listed.json", &listed),
    ]);
    let model = parse_spec(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.endpoints.len(), 2);
    let e = &model.endpoints[0];
    let stack = e
        .availability
        .stack
        .as_ref()
        .unwrap_or_else(|| panic!("{e:?}"));
    // The tags say since and stability, the file the visibility.
    assert_eq!(
        (
            stack.since.as_deref(),
            stack.stability.as_deref(),
            stack.visibility.as_deref()
        ),
        (Some("7.7.0"), Some("beta"), Some("private"))
    );
    // No `_doc_ids/table.csv`: the id is kept, the url is the file's.
    assert_eq!(e.doc_id.as_deref(), Some("demo-get"));
    assert_eq!(e.doc_url.as_deref(), Some("https://example.com/demo.get"));
    let listed = &model.endpoints[1];
    assert_eq!(
        (
            listed.name.as_str(),
            listed.request.as_ref(),
            listed.response.as_ref()
        ),
        ("demo.listed", None, None)
    );
    assert_eq!(listed.description, "About demo.listed");
    assert_eq!(
        listed
            .availability
            .stack
            .as_ref()
            .and_then(|s| s.visibility.as_deref()),
        Some("public")
    );
    let find = |name: &str| model.types.iter().find(|t| t.name().name == name);
    let Some(TypeDefinition::Response(r)) = find("Response") else {
        panic!("no Response")
    };
    let base = r.inherits.as_ref().unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(
        base.type_name,
        TypeName::new("_types", "AcknowledgedResponseBase")
    );
    assert_eq!(r.body, Body::Properties { properties: vec![] });
    assert!(
        find("AcknowledgedResponseBase").is_some(),
        "the base is reached"
    );
    let Some(TypeDefinition::Request(req)) = find("Request") else {
        panic!("no Request")
    };
    // The path part the request does not describe takes the file's description.
    assert_eq!(
        req.path[0].description.as_deref(),
        Some("The thing's name.")
    );
    let Some(TypeDefinition::Interface(t)) = find("AcknowledgedResponseBase") else {
        panic!("no AcknowledgedResponseBase")
    };
    assert_eq!(
        t.properties[0]
            .availability
            .as_ref()
            .and_then(|a| a.stack.as_ref())
            .and_then(|s| s.since.as_deref()),
        Some("7.10.0")
    );
}

#[test]
fn older_dialect_tags_are_checked() {
    let cases = [
        (
            " * @since seven\n",
            "malformed `@since`: `seven` is not a semver version",
        ),
        (" * @stability shaky\n", "malformed `@stability`: `shaky`"),
        (
            " * @visibility hidden\n",
            "malformed `@visibility`: `hidden`",
        ),
    ];
    for (tag, message) in cases {
        let request = REQUEST.replace(" * @availability stack since=8.0.0 stability=stable\n", tag);
        let dir = spec(&[("demo/get/DemoGetRequest.ts", &request)]);
        let errs = parse_spec(dir.path()).err().unwrap_or_default();
        let d = the_error(&errs, message);
        assert_eq!(
            (d.file.to_string_lossy().as_ref(), d.line),
            ("demo/get/DemoGetRequest.ts", 7),
            "{tag}"
        );
    }
    // Both ways at once.
    let request = REQUEST.replace(
        " * @availability stack since=8.0.0 stability=stable\n",
        " * @availability stack since=8.0.0 stability=stable\n * @since 8.0.0\n",
    );
    let dir = spec(&[("demo/get/DemoGetRequest.ts", &request)]);
    let errs = parse_spec(dir.path()).err().unwrap_or_default();
    let d = the_error(&errs, "`@since` with `@availability`");
    assert_eq!(d.line, 8);
    // A doc id missing from a table that exists is still an error.
    let request = REQUEST.replace(
        " * @availability stack since=8.0.0 stability=stable\n",
        " * @availability stack since=8.0.0 stability=stable\n * @doc_id nowhere\n",
    );
    let dir = spec(&[
        ("demo/get/DemoGetRequest.ts", &request),
        (
            "_doc_ids/table.csv",
            "doc_id,doc_url\nother,https://example.com/o\n",
        ),
    ]);
    let errs = parse_spec(dir.path()).err().unwrap_or_default();
    the_error(&errs, "unknown doc id `nowhere`");
}
