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
//! file or folder changes. The code derives its impls from `graph-generated-derive` (named
//! after [`Config::crate_name`]), a proc-macro crate that is the same for any docs: the
//! `generate` command writes it as `derive/` of the crate it makes, and the crate that
//! includes `graph.rs` depends on it.

// The example above is a build script: its `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::{self, Output, Report};
use crate::ir;
use crate::source::SourceMap;
use crate::write::{write_file_if_changed, Files};
use quote::quote;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Config {
    docs_dir: PathBuf,
    out_dir: Option<PathBuf>,
    crate_name: String,
    cargo_output: bool,
    workload_features: bool,
    force: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs_dir: PathBuf::from("docs-input"),
            out_dir: None,
            crate_name: "graph-generated".into(),
            cargo_output: true,
            workload_features: false,
            force: false,
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
    /// The model the output was made from, kept only to be freed where nobody waits; until
    /// then, it takes no core from the work that follows the run.
    _model: FreedAside<Vec<crate::ir::model::Ir>>,
}

/// A value freed on a thread of its own when it is dropped. Freeing the model's millions of
/// small allocations takes a tenth of reading the docs, and nothing needs it done: a command
/// that ends first does not wait for that thread. Where no thread can be started, the value
/// is freed in place.
struct FreedAside<T: Send + 'static>(Option<T>);

impl<T: Send + 'static> Drop for FreedAside<T> {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            let _ = std::thread::Builder::new()
                .name("codegen-free-model".into())
                .spawn(move || drop(value));
        }
    }
}

impl<T: Send + 'static> std::fmt::Debug for FreedAside<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FreedAside(..)")
    }
}

impl Generated {
    pub fn report(&self) -> &Report {
        &self.output.report
    }

    /// Every diagnostic, rendered.
    pub fn render_diagnostics(&self) -> String {
        crate::diag::render_each(&self.diagnostics, |d| d.render(&self.sources, false)).join("\n")
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

    /// The package name the generated tests refer to (for [`Config::generate_crate`]), and
    /// the name of the derive crate, `{name}-derive`, that `support` re-exports (default
    /// `graph-generated`).
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

    /// Overwrite files in the output folder that the generator did not write (default false).
    /// Without it, `generate` and `generate_crate` overwrite only files that start with the
    /// `@generated by codegen` marker or that the previous run listed as its own, and any
    /// other file in the way fails the run before anything is written.
    pub fn force(&mut self, on: bool) -> &mut Self {
        self.force = on;
        self
    }

    /// Reads the docs and emits code, writing nothing.
    pub fn run(&self) -> Result<Generated, Error> {
        self.run_with(emit::emit)
    }

    /// Reads the docs and finds every diagnostic that [`Config::run`] finds, without
    /// printing code: the output has no modules, no tests and an empty report.
    pub fn lint(&self) -> Result<Generated, Error> {
        self.run_with(emit::lint)
    }

    fn run_with(&self, emit: EmitFn) -> Result<Generated, Error> {
        let mut diags = Vec::new();
        let ir = ir::load(&self.docs_dir, &mut diags).map_err(|e| {
            Error(format!(
                "cannot read docs folder {}: {e}",
                self.docs_dir.display()
            ))
        })?;
        let crate_ident = self.crate_name.replace('-', "_");
        let options = emit::Options {
            crate_ident: &crate_ident,
            workload_features: self.workload_features,
        };
        let (output, emit_diags) = emit(&ir, options).map_err(Error)?;
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
        let crate::ir::model::Corpus {
            sources, versions, ..
        } = ir;
        Ok(Generated {
            output,
            diagnostics: all.items,
            sources,
            inputs,
            _model: FreedAside(Some(versions)),
        })
    }

    /// For build scripts: writes `support.rs`, `types.rs`, `requests.rs` and `graph.rs`
    /// into the output folder (`OUT_DIR` by default), over no file it did not write (see
    /// [`Config::force`]). Warnings become `cargo:warning` lines; errors in the docs fail
    /// with the rendered diagnostics.
    pub fn generate(&self) -> Result<Generated, Error> {
        let out = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| {
                Error("OUT_DIR is not set: call this from build.rs, or set out_dir".into())
            })?),
        };
        self.refuse_out_in_docs(&out)?;
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
        let mut files = Files::new();
        let output = &generated.output;
        for (name, code) in output
            .modules
            .iter()
            .chain(output.submodules.iter().map(|(k, (_, c))| (k, c)))
        {
            files.insert(format!("{name}.rs"), Cow::Borrowed(code));
        }
        files.insert("graph.rs".into(), include_file(&generated.output)?.into());
        write_all(&out, &files, self.force)?;
        drop(files);
        Ok(generated)
    }

    /// Writes a whole crate (Cargo.toml, src/, tests/, report.json) into `dir`, as the
    /// `generate` command does; `standalone` makes it its own workspace.
    pub fn generate_crate(&self, dir: &Path, standalone: bool) -> Result<Generated, Error> {
        self.refuse_out_in_docs(dir)?;
        let generated = self.run()?;
        let files = crate_files(&generated.output, &self.crate_name, standalone)?;
        write_all(dir, &files, self.force)?;
        Ok(generated)
    }

    fn refuse_out_in_docs(&self, out: &Path) -> Result<(), Error> {
        crate::write::refuse_out_in_docs(out, &self.docs_dir, ("out_dir", "docs_dir"))
            .map_err(Error)
    }
}

/// [`emit::emit`] or [`emit::lint`].
type EmitFn = fn(&ir::model::Corpus, emit::Options) -> Result<(Output, Vec<Diagnostic>), String>;

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The files of a generated crate, by path relative to its folder.
pub fn crate_files<'a>(
    output: &'a Output,
    package: &str,
    standalone: bool,
) -> Result<Files<'a>, Error> {
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".to_string(),
        emit::cargo_toml(package, standalone, &output.features, &output.gates).into(),
    );
    files.extend(
        derive_crate_files(package)?
            .into_iter()
            .map(|(path, text)| (path, Cow::Owned(text))),
    );
    // The code is laid out by prettyplease; `cargo fmt` must not make `check` see it as stale.
    files.insert(
        "rustfmt.toml".to_string(),
        "# @generated by codegen.\ndisable_all_formatting = true\n".into(),
    );
    files.insert(
        "src/lib.rs".to_string(),
        emit::lib_rs(&output.modules).map_err(Error)?.into(),
    );
    for (name, code) in &output.modules {
        let declared =
            emit::format_items(emit::submodule_items(&output.submodules, name, &|_| None))
                .map_err(Error)?;
        let code = match declared.is_empty() {
            true => Cow::Borrowed(code.as_str()),
            false => Cow::Owned(format!("{code}{declared}")),
        };
        files.insert(format!("src/{name}.rs"), code);
    }
    for (name, (_, code)) in &output.submodules {
        files.insert(format!("src/{name}.rs"), Cow::Borrowed(code));
    }
    for version in emit::version_modules(&output.modules) {
        let mod_rs = emit::version_mod_rs(&output.modules, &version).map_err(Error)?;
        files.insert(format!("src/{version}/mod.rs"), mod_rs.into());
    }
    files.insert(
        "tests/examples.rs".to_string(),
        Cow::Borrowed(&output.tests),
    );
    files.insert(
        "tests/contract.rs".to_string(),
        Cow::Borrowed(&output.contract),
    );
    let report = serde_json::to_string_pretty(&output.report).map_err(|e| Error(e.to_string()))?;
    files.insert("report.json".to_string(), (report + "\n").into());
    let manifest = crate::write::manifest(files.keys());
    files.insert(crate::write::MANIFEST.to_string(), manifest.into());
    Ok(files)
}

/// The derive crate (`{package}-derive`) that the generated `support` re-exports, by path:
/// the same for any docs. [`crate_files`] puts it in the crate's `derive/`; a crate whose
/// build script generates the code depends on a copy of it.
pub fn derive_crate_files(package: &str) -> Result<BTreeMap<String, String>, Error> {
    let lib = emit::format(emit::support_derive::lib_rs()).map_err(Error)?;
    Ok(BTreeMap::from([
        (
            "derive/Cargo.toml".to_string(),
            emit::support_derive::cargo_toml(package),
        ),
        ("derive/src/lib.rs".to_string(), lib),
    ]))
}

/// `graph.rs` for build scripts: each module included from `OUT_DIR`.
fn include_file(output: &Output) -> Result<String, Error> {
    let include_one = |name: &str| {
        let file = format!("/{name}.rs");
        quote!(include!(concat!(env!("OUT_DIR"), #file));)
    };
    // A module's file, and its submodules, each included in a `mod` of its own.
    let include = |name: &str| {
        let own = include_one(name);
        let submodules =
            emit::submodule_items(&output.submodules, name, &|path| Some(include_one(path)));
        quote!(#own #submodules)
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

/// Writes `files` into `dir`, or nothing at all when anything is in the way (see
/// [`crate::write::conflicts`]); `force` lets files the generator did not write be replaced.
fn write_all(dir: &Path, files: &Files, force: bool) -> Result<(), Error> {
    let conflicts: Vec<_> = crate::write::conflicts(dir, files)
        .into_iter()
        .filter(|c| !(force && c.overridable))
        .collect();
    if !conflicts.is_empty() {
        return Err(Error(crate::write::refusal(
            dir,
            &conflicts,
            "set `Config::force(true)`",
        )));
    }
    for (relative, contents) in files {
        let path = dir.join(relative);
        write_file_if_changed(&path, contents.as_bytes())
            .map_err(|e| Error(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
