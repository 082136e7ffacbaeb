//! `codegen ir` is a contract for other emitters: its JSON Schema is committed
//! (`codegen/ir.schema.json`), and real output must validate against it.
//!
//! With `GRAPH_DOCS_CORPUS` set to a docs folder (CI sets it to the 2019-04 and 2020-05
//! references), that folder's IR is validated too; a folder that is not there fails.

use std::path::Path;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let committed = std::fs::read_to_string(manifest().join("ir.schema.json")).unwrap();
    let committed: serde_json::Value = serde_json::from_str(&committed).unwrap();
    jsonschema::validator_for(&committed).expect("the committed schema is a JSON Schema")
}

fn ir_json(docs: &Path) -> serde_json::Value {
    let mut diags = Vec::new();
    let corpus = codegen::ir::load(docs, &mut diags).unwrap();
    serde_json::to_value(&corpus).unwrap()
}

fn assert_valid(docs: &Path) {
    let ir = ir_json(docs);
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(&ir)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "IR of {} does not follow ir.schema.json:\n{}",
        docs.display(),
        errors.join("\n")
    );
}

#[test]
fn the_committed_schema_is_the_models() {
    let committed = std::fs::read_to_string(manifest().join("ir.schema.json")).unwrap();
    let now = serde_json::to_string_pretty(&codegen::ir::schema()).unwrap() + "\n";
    assert!(
        committed == now,
        "codegen/ir.schema.json is stale: run `cargo run -p codegen -- ir-schema > codegen/ir.schema.json` and review the diff"
    );
}

#[test]
fn real_output_follows_the_schema() {
    assert_valid(&manifest().join("../docs-input"));
    assert_valid(&manifest().join("tests/fixtures/faithful"));
    assert_valid(&manifest().join("tests/fixtures/faithful-2020-05"));
}

#[test]
fn the_ir_is_regular() {
    let ir = ir_json(&manifest().join("tests/fixtures/faithful"));
    assert_eq!(ir["format"], 1);
    for version in ir["versions"].as_array().unwrap() {
        assert!(!version["name"].as_str().unwrap().is_empty());
        let types = version["types"]["types"].as_object().unwrap();
        // Graph names only: the enums made from "Possible values" are apart, with their origin.
        assert!(
            types.keys().all(|k| !k.contains(['#', ':'])),
            "{:?}",
            types.keys()
        );
        for (key, def) in version["types"]["property_enums"].as_object().unwrap() {
            assert!(key.contains('#'), "{key}");
            let origin = &def["kind"]["Enum"]["from_property"];
            assert!(
                origin["owner"].is_string() && origin["property"].is_string(),
                "{def}"
            );
        }
        for request in version["requests"].as_object().unwrap().values() {
            let response = &request["response_type"];
            assert!(
                response.is_null()
                    || response["type"]["kind"].is_string() && response["collection"].is_boolean(),
                "{response}"
            );
        }
    }
    // The schema itself rejects the shapes the IR no longer has: a bare `"Any"`.
    let mut broken = ir.clone();
    let first_type = broken["versions"][0]["types"]["types"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .find(|t| {
            t["kind"]["Object"]["properties"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        })
        .unwrap();
    first_type["kind"]["Object"]["properties"][0]["ty"] = "Any".into();
    assert!(!validator().is_valid(&broken));
}

#[test]
fn a_corpus_follows_the_schema() {
    let Some(folders) = std::env::var_os("GRAPH_DOCS_CORPUS") else {
        return;
    };
    for folder in std::env::split_paths(&folders) {
        assert!(
            folder.is_dir(),
            "GRAPH_DOCS_CORPUS names {}, which is not a folder",
            folder.display()
        );
        assert_valid(&folder);
    }
}
