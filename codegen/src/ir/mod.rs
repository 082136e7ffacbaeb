//! Phase two: pages to the typed model ([`model::Ir`]).

pub mod closure;
pub mod model;
pub mod resolve;
pub mod typeref;
pub mod validate;

use crate::diag::{Code, Diagnostic};
use crate::parse::page;
use crate::source::{relative_path, SourceMap};
use std::path::{Path, PathBuf};

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

/// Reads every page under `root` and resolves them into one model.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> std::io::Result<model::Ir> {
    let mut sources = SourceMap::default();
    let mut pages = Vec::new();
    for path in markdown_files(root)? {
        let rel = relative_path(root, &path);
        let bytes = std::fs::read(&path)?;
        let file = sources.add(rel.clone(), path.clone(), bytes);
        let source = sources.file(file);
        if let Some(&at) = source.invalid_utf8.first() {
            diags.push(Diagnostic::new(
                Code::InvalidUtf8,
                Some(crate::source::Span::new(file, at as usize..at as usize + 1)),
                format!(
                    "{} bytes are not UTF-8; read as `?`",
                    source.invalid_utf8.len()
                ),
            ));
        }
        let parsed = page::parse(file, &rel, &source.text, diags);
        pages.push(parsed);
    }
    Ok(resolve::build(sources, pages, diags))
}
