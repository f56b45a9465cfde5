//! `_json_spec/*.json`: the REST API spec files, one API per file (`{"<api name>": {...}}`),
//! which older spec branches use for an endpoint's urls and metadata. The official compiler
//! starts each endpoint from its file and lets the `.ts` request say more: its `urls`, its
//! description, `@doc_id`, media types and availability win over the file's. The file's
//! `body.required` wins over the request's (both branches' official compilers agree); the
//! descriptions of path parts and query parameters fill in those the request leaves out; an
//! API with a file and no `.ts` request is an endpoint without types (`request: null`).
//!
//! Every key of the format is known here; an unknown one is a located error, so that a newer
//! format is noticed rather than half read.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Availabilities, Availability, Deprecation, Endpoint, RestSpecDocs, UrlTemplate,
};

/// The folder of the REST API spec files, relative to the specification folder.
pub const FOLDER: &str = "_json_spec";

/// What the model takes from one API's file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonApi {
    pub description: String,
    pub doc_url: Option<String>,
    /// `stable`, `beta` or `experimental`.
    pub stability: Option<String>,
    /// `public`, `private` or `feature_flag`.
    pub visibility: Option<String>,
    pub feature_flag: Option<String>,
    pub urls: Vec<UrlTemplate>,
    pub body_required: bool,
    /// `headers.accept`: the response media types.
    pub accept: Vec<String>,
    /// `headers.content_type`: the request media types.
    pub content_type: Vec<String>,
    /// The descriptions of the path parts (`url.paths[].parts`) and query parameters
    /// (`params`), by name: the request's properties take them where they have none.
    pub part_descriptions: HashMap<String, String>,
    pub param_descriptions: HashMap<String, String>,
    /// The endpoint-level `deprecated`.
    pub deprecation: Option<Deprecation>,
}

/// Every API of the folder, by name.
#[derive(Debug, Default)]
pub struct JsonSpec {
    apis: HashMap<String, JsonApi>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileApi {
    documentation: Documentation,
    stability: Option<String>,
    visibility: Option<String>,
    feature_flag: Option<String>,
    #[serde(default)]
    headers: Headers,
    url: Url,
    /// Query parameters: the `.ts` request declares them; their descriptions are read.
    #[serde(default)]
    params: HashMap<String, Described>,
    #[serde(default)]
    body: Option<FileBody>,
    /// Endpoint-level deprecation: the current official compiler takes it from `@deprecated`
    /// instead; kept in `Endpoint::rest_spec` for conformance with older ones.
    #[serde(default)]
    deprecated: Option<Deprecation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Documentation {
    url: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Headers {
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    content_type: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Url {
    paths: Vec<FilePath>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePath {
    path: String,
    methods: Vec<String>,
    /// Path parts: the `.ts` request declares them; their descriptions are read.
    #[serde(default)]
    parts: HashMap<String, Described>,
    #[serde(default)]
    deprecated: Option<Deprecation>,
}

/// A path part or query parameter: only its description is read (the rest of its format,
/// types and defaults, is the `.ts` request's to say).
#[derive(Deserialize)]
struct Described {
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBody {
    #[serde(default, rename = "description")]
    _description: Option<IgnoredAny>,
    #[serde(default)]
    required: bool,
    #[serde(default, rename = "serialize")]
    _serialize: Option<IgnoredAny>,
}

impl JsonSpec {
    /// Reads every `.json` file of `_json_spec/`; a specification without the folder has none.
    pub fn load(root: &Path) -> Result<JsonSpec, Diagnostics> {
        let dir = root.join(FOLDER);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(JsonSpec::default());
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        let mut spec = JsonSpec::default();
        let mut errors = Diagnostics::default();
        for name in names {
            let rel = format!("{FOLDER}/{name}");
            match super::files::read_regular(root, &dir.join(&name)) {
                Ok(Some(text)) => {
                    if let Err(e) = spec.add(&rel, &text) {
                        errors.push(e);
                    }
                }
                Ok(None) => {}
                Err(message) => errors.push(Diagnostic::file_only(rel, message)),
            }
        }
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(errors)
        }
    }

    /// Adds the API of one file (`rel` is its path, for messages).
    pub fn add(&mut self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        let located = |e: serde_json::Error| {
            let start = offset_of(text, e.line(), e.column());
            Diagnostic::at(rel, text, start, start + 1, e.to_string())
        };
        let file: HashMap<String, FileApi> = serde_json::from_str(text).map_err(located)?;
        let mut apis = file.into_iter();
        let (Some((name, api)), None) = (apis.next(), apis.next()) else {
            return Err(Diagnostic::at(
                rel,
                text,
                0,
                1,
                "a REST API spec file holds exactly one API: `{\"<api name>\": {...}}`",
            ));
        };
        let mut part_descriptions = HashMap::new();
        for p in &api.url.paths {
            for (name, part) in &p.parts {
                if let Some(d) = &part.description {
                    part_descriptions
                        .entry(name.clone())
                        .or_insert_with(|| d.clone());
                }
            }
        }
        let param_descriptions = api
            .params
            .iter()
            .filter_map(|(n, p)| Some((n.clone(), p.description.clone()?)))
            .collect();
        let urls = api
            .url
            .paths
            .into_iter()
            .map(|p| UrlTemplate {
                deprecation: p.deprecated,
                methods: p.methods,
                path: p.path,
            })
            .collect();
        let entry = JsonApi {
            description: api.documentation.description.unwrap_or_default(),
            doc_url: api.documentation.url,
            stability: api.stability,
            visibility: api.visibility,
            feature_flag: api.feature_flag,
            urls,
            body_required: api.body.is_some_and(|b| b.required),
            accept: api.headers.accept,
            content_type: api.headers.content_type,
            part_descriptions,
            param_descriptions,
            deprecation: api.deprecated,
        };
        if self.apis.insert(name.clone(), entry).is_some() {
            return Err(Diagnostic::at(
                rel,
                text,
                0,
                1,
                format!("API `{name}` is defined by another file of `{FOLDER}/` too"),
            ));
        }
        Ok(())
    }

    pub fn get(&self, api: &str) -> Option<&JsonApi> {
        self.apis.get(api)
    }

    /// The APIs, by name.
    pub fn apis(&self) -> impl Iterator<Item = (&str, &JsonApi)> {
        self.apis.iter().map(|(n, a)| (n.as_str(), a))
    }

    pub fn is_empty(&self) -> bool {
        self.apis.is_empty()
    }
}

impl JsonApi {
    /// The endpoint-level documentation the model keeps of the file (`Endpoint::rest_spec`).
    pub fn docs(&self) -> RestSpecDocs {
        RestSpecDocs {
            description: self.description.clone(),
            deprecation: self.deprecation.clone(),
        }
    }

    /// The endpoint of an API that no `.ts` request describes: the file's metadata, and no
    /// request or response types (`null` in the model, as the official compiler writes it).
    pub fn untyped_endpoint(&self, name: &str) -> Endpoint {
        let stack = Availability {
            feature_flag: self.feature_flag.clone(),
            since: None,
            stability: self.stability.clone(),
            visibility: self.visibility.clone(),
        };
        Endpoint {
            availability: Availabilities {
                serverless: None,
                stack: (stack != Availability::default()).then_some(stack),
            },
            codegen_exclude: false,
            deprecation: None,
            description: self.description.clone(),
            doc_id: None,
            doc_tag: None,
            doc_url: self.doc_url.clone(),
            doc_url_serverless: None,
            ext_doc_description: None,
            ext_doc_id: None,
            ext_doc_url: None,
            ext_previous_version_doc_url: None,
            name: name.to_string(),
            privileges: None,
            request: None,
            request_body_required: self.body_required,
            request_media_type: self.content_type.clone(),
            response: None,
            response_media_type: self.accept.clone(),
            urls: self.urls.clone(),
            rest_spec: Some(self.docs()),
        }
    }
}

/// The byte offset of serde_json's 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_file_is_read() {
        let mut spec = JsonSpec::default();
        let text = r#"{"a.get": {
            "documentation": {"url": "https://example.com/a", "description": "Gets"},
            "stability": "stable", "visibility": "public",
            "headers": {"accept": ["application/json"]},
            "url": {"paths": [{"path": "/a/{id}", "methods": ["GET"],
                "parts": {"id": {"type": "string"}},
                "deprecated": {"version": "7.0.0", "description": "old"}}]},
            "body": {"description": "b", "required": true}
        }}"#;
        spec.add("_json_spec/a.get.json", text).unwrap();
        let api = spec.get("a.get").unwrap();
        assert_eq!(api.doc_url.as_deref(), Some("https://example.com/a"));
        assert!(api.body_required);
        assert_eq!(api.urls[0].path, "/a/{id}");
        assert_eq!(api.urls[0].deprecation.as_ref().unwrap().version, "7.0.0");
        assert_eq!(api.accept, ["application/json"]);
        assert!(api.content_type.is_empty());
    }

    #[test]
    fn an_unknown_key_is_a_located_error() {
        let mut spec = JsonSpec::default();
        let text = "{\"a.get\": {\n  \"documentation\": {\"url\": null},\n  \"url\": {\"paths\": []},\n  \"colour\": 1\n}}";
        let e = spec.add("_json_spec/a.get.json", text).unwrap_err();
        assert_eq!(e.line, 4, "{e:?}");
        assert!(e.message.contains("colour"), "{e:?}");
    }
}
