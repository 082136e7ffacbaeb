//! `codegen diff`: what changed between two docs folders for the users of the generated
//! crate, each change classified under the generated API's evolution policy (README, "How
//! the API evolves"), and the version bump the changes call for.
//!
//! Both sides are read into the model and named as the emitter names them, so a change is
//! compared in the terms a user of the crate sees: a type's Rust name, a property's Rust
//! type, a request's `Response`.

mod features;
mod render;
mod requests;
mod types;

use crate::emit::Context;
use crate::ir::model::{Corpus, Ir};
use crate::parse::page::Page;
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::collections::BTreeMap;

pub use render::markdown;

/// How a change affects code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Code that built against the old crate may not build, or means something else.
    Breaking,
    /// The API gains or changes without breaking code that uses it.
    Additive,
    /// Only the rustdoc changes.
    DocsOnly,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::DocsOnly => "docs-only",
        }
    }
}

/// One change, in the terms of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub class: Class,
    /// The Cargo feature of the page that documents the item (`beta-microsoft-teams`).
    pub workload: String,
    /// The Rust item: `beta::types::Call`, `beta::types::Call::state`, `beta::requests::CallRedirect`.
    pub item: String,
    /// What kind of change: `type-removed`, `property-retyped`, `path-added`, ...
    pub kind: &'static str,
    /// What changed, for a reader.
    pub detail: String,
    /// `path:line:col` in the new docs (in the old docs for what was removed).
    pub location: String,
    /// Set when the removal or addition looks like one half of a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every change between two docs folders.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    /// Changes to descriptions only (types, properties, values, requests): counted, not listed.
    pub rustdoc_only: usize,
    /// Versions in only one of the two folders.
    pub versions_added: Vec<String>,
    pub versions_removed: Vec<String>,
    pub bump: Bump,
}

/// The version bump the changes call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing in the generated crate changed.
    None,
    /// Only rustdoc changed.
    Patch,
    /// Additions only.
    Minor,
    /// Something breaks (for a crate below 1.0, the minor number).
    Major,
}

impl Report {
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }
}

/// One version of one side, with the names the emitter gives its items.
pub(crate) struct Side<'a> {
    pub ir: &'a Ir,
    pub sources: &'a SourceMap,
    pub cx: Context<'a>,
    /// Page path to its Cargo feature.
    features: BTreeMap<&'a str, String>,
    /// `beta::`, `v1_0::`, or nothing for a folder without versions.
    prefix: String,
    /// Whether this is the old side, whose locations are marked as such.
    old: bool,
}

impl<'a> Side<'a> {
    fn new(ir: &'a Ir, sources: &'a SourceMap, old: bool) -> Side<'a> {
        let features = ir
            .pages
            .iter()
            .map(|p: &Page| {
                let workload = crate::emit::features::workload(p);
                (
                    p.path.as_str(),
                    crate::emit::features::feature_name(&ir.version, &workload),
                )
            })
            .collect();
        let prefix = match ir.version.as_str() {
            "" => String::new(),
            v => format!("{v}::"),
        };
        Side {
            ir,
            sources,
            cx: Context::new(ir, sources).printing(false),
            features,
            prefix,
            old,
        }
    }

    pub fn workload(&self, page: Option<&str>) -> String {
        page.and_then(|p| self.features.get(p).cloned())
            .unwrap_or_else(|| crate::emit::features::feature_name(&self.ir.version, "other"))
    }

    /// `path:line:col`; `old docs: path:line:col` for what only the old docs have.
    pub fn location(&self, span: Span) -> String {
        match self.old {
            true => format!("old docs: {}", self.sources.location(span)),
            false => self.sources.location(span),
        }
    }

    pub fn type_path(&self, rust: &str) -> String {
        format!("{}types::{rust}", self.prefix)
    }

    pub fn request_path(&self, rust: &str) -> String {
        format!("{}requests::{rust}", self.prefix)
    }
}

/// Collects the changes of one version pair.
pub(crate) struct Changes {
    pub list: Vec<Change>,
    pub rustdoc_only: usize,
}

impl Changes {
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        class: Class,
        side: &Side,
        page: Option<&str>,
        item: String,
        kind: &'static str,
        detail: String,
        span: Span,
    ) {
        self.list.push(Change {
            class,
            workload: side.workload(page),
            item,
            kind,
            detail,
            location: side.location(span),
            note: None,
        });
    }
}

/// The version of `corpus` emitted into the module `version`.
fn find<'c>(corpus: &'c Corpus, version: &str) -> Option<&'c Ir> {
    corpus.versions.iter().find(|v| v.version == version)
}

/// How the crate being compared is generated, as `generate` takes it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// One Cargo feature per workload (`--workload-features`): then a request or type that
    /// leaves a feature, and a feature removed, are breaking; without them they are no change.
    pub workload_features: bool,
}

/// Compares two docs folders read into the model. Versions are matched by their module
/// (`beta`, `v1_0`); a folder without version subfolders is one version, whatever the folder
/// is called.
pub fn compare(old: &Corpus, new: &Corpus, options: Options) -> Report {
    let mut changes = Changes {
        list: Vec::new(),
        rustdoc_only: 0,
    };
    for new_ir in &new.versions {
        let Some(old_ir) = find(old, &new_ir.version) else {
            continue;
        };
        let mut old_side = Side::new(old_ir, &old.sources, true);
        let mut new_side = Side::new(new_ir, &new.sources, false);
        types::compare(&mut old_side, &mut new_side, &mut changes);
        requests::compare(&mut old_side, &mut new_side, &mut changes);
        if options.workload_features {
            features::compare(&old_side, &new_side, &mut changes);
        }
    }
    let only_in = |a: &Corpus, b: &Corpus| -> Vec<String> {
        a.versions
            .iter()
            .filter(|v| find(b, &v.version).is_none())
            .map(|v| v.name.clone())
            .collect()
    };
    let (versions_added, versions_removed) = (only_in(new, old), only_in(old, new));
    let mut list = changes.list;
    list.sort();
    let bump = if list.iter().any(|c| c.class == Class::Breaking) || !versions_removed.is_empty() {
        Bump::Major
    } else if list.iter().any(|c| c.class == Class::Additive) || !versions_added.is_empty() {
        Bump::Minor
    } else if !list.is_empty() || changes.rustdoc_only > 0 {
        Bump::Patch
    } else {
        Bump::None
    };
    Report {
        changes: list,
        rustdoc_only: changes.rustdoc_only,
        versions_added,
        versions_removed,
        bump,
    }
}
