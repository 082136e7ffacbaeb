//! Phase two: pages to the typed model ([`model::Ir`]).

mod bases;
pub mod closure;
mod enums;
mod examples;
pub mod model;
mod requests;
pub mod resolve;
mod tables;
pub mod typeref;
mod types;
pub mod validate;

use crate::diag::{Code, Diagnostic};
use crate::parse::page;
use crate::source::{relative_path, SourceMap};
use std::path::{Path, PathBuf};

/// The JSON Schema of what `codegen ir` prints: the contract for other emitters.
///
/// Closed: an object has exactly the properties listed, so that a field added to the model
/// without the schema knowing fails the contract test.
pub fn schema() -> serde_json::Value {
    fn close(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), false.into());
                }
                map.values_mut().for_each(close);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    // The IR is only written, so the schema describes what serializing gives.
    let generator = schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<model::Corpus>();
    let mut schema = serde_json::to_value(schema).unwrap_or_default();
    close(&mut schema);
    schema
}

/// Every `.md` file under `root`, sorted by path so that runs are reproducible.
pub fn markdown_files(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                stack.push(path);
            } else if file_type.is_file() && path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The version folders of a docs root (`beta`, `v1.0`: folders with `api/` or `resources/`),
/// or the root itself when it has none.
pub fn version_dirs(root: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(root)? {
        let path = entry?.path();
        let is_version = path.join("api").is_dir() || path.join("resources").is_dir();
        if path.is_dir() && is_version {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            versions.push((crate::emit::naming::field_name(&name), path));
        }
    }
    versions.sort();
    if versions.is_empty() {
        versions.push((String::new(), root.to_path_buf()));
    }
    Ok(versions)
}

/// Reads every page under `root` and resolves each version into its own model.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> std::io::Result<model::Corpus> {
    let mut sources = SourceMap::default();
    let mut versions = Vec::new();
    for (version, dir) in version_dirs(root)? {
        let mut pages = Vec::new();
        for path in markdown_files(&dir)? {
            let rel = relative_path(root, &path);
            let bytes = std::fs::read(&path)?;
            let file = sources.add(rel.clone(), path.clone(), bytes);
            let source = sources.file(file);
            if let Some(&at) = source.invalid_utf8.first() {
                let span = crate::source::Span::new(file, at as usize..at as usize + 1);
                let count = source.invalid_utf8.len();
                diags.push(Diagnostic::new(
                    Code::InvalidUtf8,
                    Some(span),
                    format!("{count} bytes are not UTF-8; read as `?`"),
                ));
            }
            pages.push(page::parse(file, &rel, &source.text, diags));
        }
        let mut ir = resolve::build(version, pages, diags);
        ir.name = dir
            .canonicalize()
            .unwrap_or(dir)
            .file_name()
            .map_or_else(|| "docs".to_string(), |n| n.to_string_lossy().into_owned());
        versions.push(ir);
    }
    Ok(model::Corpus {
        format: model::FORMAT,
        sources,
        versions,
    })
}
