//! The build-script API, in the spirit of prost-build's `Config`:
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     codegen::Config::new().docs_dir("docs-input").generate().unwrap();
//! }
//! // src/lib.rs
//! // include!(concat!(env!("OUT_DIR"), "/graph.rs"));
//! ```
//!
//! It writes the same module files as the `generate` command into `OUT_DIR`, plus
//! `graph.rs`, which declares them as modules; and it tells cargo to rerun when any docs
//! file or folder changes.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::{self, Output, Report};
use crate::ir;
use crate::source::SourceMap;
use crate::write::write_file_if_changed;
use quote::quote;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Config {
    docs_dir: PathBuf,
    out_dir: Option<PathBuf>,
    crate_name: String,
    cargo_output: bool,
    workload_features: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs_dir: PathBuf::from("docs-input"),
            out_dir: None,
            crate_name: "graph-generated".into(),
            cargo_output: true,
            workload_features: false,
        }
    }
}

/// A failed run: the rendered diagnostics or the I/O error.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// What a run produced, for callers that want to look.
#[derive(Debug)]
pub struct Generated {
    pub output: Output,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    /// Every docs file read.
    pub inputs: Vec<PathBuf>,
}

impl Generated {
    pub fn report(&self) -> &Report {
        &self.output.report
    }

    /// Every diagnostic, rendered.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.sources, false))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Config {
    pub fn new() -> Config {
        Config::default()
    }

    /// The docs folder to read (default `docs-input`, relative to the crate being built).
    pub fn docs_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.docs_dir = dir.into();
        self
    }

    /// Where `generate` writes; defaults to `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The package name the generated tests refer to (only for [`Config::generate_crate`]).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = name.into();
        self
    }

    /// Whether to print `cargo:` lines (default true; turn off outside build scripts).
    pub fn cargo_output(&mut self, on: bool) -> &mut Self {
        self.cargo_output = on;
        self
    }

    /// Gate every item behind one Cargo feature per workload (docs `ms.prod`), so that users
    /// compile only what they use (default false). Only for [`Config::generate_crate`] and
    /// the CLI: the features are declared in the generated crate's `Cargo.toml`.
    pub fn workload_features(&mut self, on: bool) -> &mut Self {
        self.workload_features = on;
        self
    }

    /// Reads the docs and emits code, writing nothing.
    pub fn run(&self) -> Result<Generated, Error> {
        let mut diags = Vec::new();
        let ir = ir::load(&self.docs_dir, &mut diags).map_err(|e| {
            Error(format!(
                "cannot read docs folder {}: {e}",
                self.docs_dir.display()
            ))
        })?;
        let (output, emit_diags) = emit::emit(
            &ir,
            &self.crate_name.replace('-', "_"),
            self.workload_features,
        )
        .map_err(Error)?;
        diags.extend(emit_diags);
        let diags = crate::diag::suppress::apply(ir.versions.iter().flat_map(|v| &v.pages), diags);
        let mut all = Diagnostics { items: diags };
        all.sort();
        let inputs = ir
            .sources
            .files
            .iter()
            .map(|f| f.abs_path.clone())
            .collect();
        Ok(Generated {
            output,
            diagnostics: all.items,
            sources: ir.sources,
            inputs,
        })
    }

    /// For build scripts: writes `support.rs`, `types.rs`, `requests.rs` and `graph.rs`
    /// into the output folder (`OUT_DIR` by default). Warnings become `cargo:warning`
    /// lines; errors in the docs fail with the rendered diagnostics.
    pub fn generate(&self) -> Result<Generated, Error> {
        let out = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| {
                Error("OUT_DIR is not set: call this from build.rs, or set out_dir".into())
            })?),
        };
        if self.cargo_output {
            println!("cargo:rerun-if-changed={}", self.docs_dir.display());
        }
        let generated = self.run()?;
        if self.cargo_output {
            for input in &generated.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            for d in generated
                .diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
            {
                let at = d
                    .span
                    .map(|s| generated.sources.location(s))
                    .unwrap_or_default();
                println!(
                    "cargo:warning={at}: {}[{}]: {}",
                    severity_word(d.severity),
                    d.code.as_str(),
                    d.message.replace('\n', " ")
                );
            }
        }
        if generated
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            let rendered = generated
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.render(&generated.sources, false))
                .collect::<Vec<_>>()
                .join("\n");
            return Err(Error(format!("the docs have errors:\n{rendered}")));
        }
        let mut files = BTreeMap::new();
        for (name, code) in &generated.output.modules {
            files.insert(format!("{name}.rs"), code.clone());
        }
        files.insert("graph.rs".into(), include_file(&generated.output)?);
        write_all(&out, &files)?;
        Ok(generated)
    }

    /// Writes a whole crate (Cargo.toml, src/, tests/, report.json) into `dir`, as the
    /// `generate` command does; `standalone` makes it its own workspace.
    pub fn generate_crate(&self, dir: &Path, standalone: bool) -> Result<Generated, Error> {
        let generated = self.run()?;
        let files = crate_files(&generated.output, &self.crate_name, standalone)?;
        write_all(dir, &files)?;
        Ok(generated)
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The files of a generated crate, by path relative to its folder.
pub fn crate_files(
    output: &Output,
    package: &str,
    standalone: bool,
) -> Result<BTreeMap<String, String>, Error> {
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_string(),
        emit::cargo_toml(package, standalone, &output.features),
    );
    // The code is laid out by prettyplease; `cargo fmt` must not make `check` see it as stale.
    files.insert(
        "rustfmt.toml".to_string(),
        "# @generated by codegen.\ndisable_all_formatting = true\n".to_string(),
    );
    files.insert(
        "src/lib.rs".to_string(),
        emit::lib_rs(&output.modules).map_err(Error)?,
    );
    for (name, code) in &output.modules {
        files.insert(format!("src/{name}.rs"), code.clone());
    }
    for version in emit::version_modules(&output.modules) {
        let mod_rs = emit::version_mod_rs(&output.modules, &version).map_err(Error)?;
        files.insert(format!("src/{version}/mod.rs"), mod_rs);
    }
    files.insert("tests/examples.rs".to_string(), output.tests.clone());
    let report = serde_json::to_string_pretty(&output.report).map_err(|e| Error(e.to_string()))?;
    files.insert("report.json".to_string(), report + "\n");
    Ok(files)
}

/// `graph.rs` for build scripts: each module included from `OUT_DIR`.
fn include_file(output: &Output) -> Result<String, Error> {
    let include = |name: &str| {
        let file = format!("/{name}.rs");
        quote!(include!(concat!(env!("OUT_DIR"), #file));)
    };
    let mut items = Vec::new();
    for (name, _) in output.modules.iter().filter(|(k, _)| !k.contains('/')) {
        let ident = crate::emit::types::ident(name);
        let body = include(name);
        items.push(quote!(pub mod #ident { #body }));
    }
    for version in emit::version_modules(&output.modules) {
        let inner = output
            .modules
            .keys()
            .filter_map(|k| k.strip_prefix(&format!("{version}/")))
            .map(|m| {
                let ident = crate::emit::types::ident(m);
                let body = include(&format!("{version}/{m}"));
                quote!(pub mod #ident { #body })
            });
        let ident = crate::emit::types::ident(&version);
        items.push(quote!(pub mod #ident { pub use super::support; #(#inner)* }));
    }
    emit::format(quote!(#(#items)*)).map_err(Error)
}

fn write_all(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), Error> {
    for (relative, contents) in files {
        if !crate::write::is_contained(relative) {
            return Err(Error(format!(
                "refusing to write {relative}: it is outside {}",
                dir.display()
            )));
        }
        let path = dir.join(relative);
        write_file_if_changed(&path, contents.as_bytes())
            .map_err(|e| Error(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
