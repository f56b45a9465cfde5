//! Snapshots of the model and of the emitted code, one per endpoint and one per shared
//! namespace, so that a diff names the API it touches. Review changes with
//! `cargo insta review`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use generator::model::{Model, TypeDefinition};

fn render() -> (Model, BTreeMap<PathBuf, String>) {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let (model, files, _, _) = generator::generate::render(&spec).expect("generate");
    (model, files)
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn model_per_endpoint() {
    let (model, _) = render();
    let index = model.type_index();
    let _guard = settings().bind_to_scope();
    for endpoint in &model.endpoints {
        let request = endpoint
            .request
            .as_ref()
            .and_then(|r| index.get(r))
            .map(|t| (*t).clone());
        let response = endpoint
            .response
            .as_ref()
            .and_then(|r| index.get(r))
            .map(|t| (*t).clone());
        let value = serde_json::json!({
            "endpoint": endpoint,
            "request": request,
            "response": response,
        });
        insta::assert_json_snapshot!(format!("model__{}", endpoint.name), value);
    }
}

#[test]
fn model_shared_types_per_namespace() {
    let (model, _) = render();
    let _guard = settings().bind_to_scope();
    let mut by_namespace: BTreeMap<&str, Vec<&TypeDefinition>> = BTreeMap::new();
    for def in &model.types {
        if !matches!(
            def,
            TypeDefinition::Request(_) | TypeDefinition::Response(_)
        ) {
            by_namespace
                .entry(&def.name().namespace)
                .or_default()
                .push(def);
        }
    }
    for (namespace, defs) in by_namespace {
        insta::assert_json_snapshot!(format!("model_types__{namespace}"), defs);
    }
}

#[test]
fn emitted_code_per_module() {
    let (_, files) = render();
    let _guard = settings().bind_to_scope();
    for (path, text) in &files {
        let Ok(module) = path.strip_prefix("src") else {
            continue;
        };
        if module.starts_with("runtime") || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = module
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\'], ".")
            .trim_end_matches(".mod")
            .to_string();
        insta::assert_snapshot!(format!("code__{name}"), text);
    }
}
