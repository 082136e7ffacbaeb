//! Builds the [`Ir`] of one version from its parsed pages, in three steps: types
//! (`ir/types.rs`, and `ir/enums.rs` for enums under headings of their own), requests
//! (`ir/requests.rs`) and examples (`ir/examples.rs`).
//! Here: the shared state, and the naming and path helpers they use.

use crate::diag::Diagnostic;
use crate::ir::model::*;
use crate::ir::types::inherit;
use crate::parse::page::Page;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

const NAMESPACE: &str = "microsoft.graph";

/// Builds the model of one version; its examples are read on as many threads as
/// `examples_threads` says when they are come to (one or none: on this one).
pub fn build(
    version: String,
    pages: Vec<Page>,
    diags: &mut Vec<Diagnostic>,
    examples_threads: impl FnOnce() -> usize,
) -> Ir {
    let mut r = Resolver {
        pages: &pages,
        by_path: Cow::Owned(BTreeMap::new()),
        by_name: Cow::Owned(BTreeMap::new()),
        page_type: Cow::Owned(BTreeMap::new()),
        section_types: Cow::Owned(BTreeMap::new()),
        unread_sections: Cow::Owned(BTreeSet::new()),
        also_documented: Cow::Owned(BTreeMap::new()),
        diags,
    };
    for (i, page) in pages.iter().enumerate() {
        r.by_path.to_mut().insert(page.path.to_lowercase(), i);
    }
    let declared = r.declare_types();
    let sections = r.declare_enum_sections(&declared);
    let mut types = TypeSpace::default();
    for (key, page_index) in &declared {
        let def = r.define(key, &pages[*page_index], &mut types);
        types.types.insert(key.clone(), def);
    }
    for (key, &(page, section)) in &sections {
        let def = r.define_section(key, &pages[page], &pages[page].enum_sections[section]);
        types.types.insert(key.clone(), def);
    }
    crate::ir::bases::break_cycles(&mut types, r.diags);
    inherit(&mut types);
    let requests = r.requests(&mut types);
    r.check_possible_values(&types, &requests);
    // Tables no step read are reported beside the examples, which read the model as they
    // do: as the last step of all, the report ran on one core with the other idle.
    let mut unread = Vec::new();
    let threads = examples_threads();
    let (examples, mut example_diags) = match threads {
        0 | 1 => {
            let made = r.examples(&requests, &types, threads);
            r.fork(&mut unread)
                .report_unread_tables(&declared, &types, &requests);
            made
        }
        _ => std::thread::scope(|scope| {
            let mut fork = r.fork(&mut unread);
            let (declared, types, requests) = (&declared, &types, &requests);
            let report = scope.spawn(move || fork.report_unread_tables(declared, types, requests));
            let made = r.examples(requests, types, threads);
            // A panic on another thread is a bug; carry it on as one.
            report
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            made
        }),
    };
    r.diags.append(&mut example_diags);
    r.diags.append(&mut unread);
    Ir {
        name: String::new(),
        version,
        pages,
        types,
        requests,
        examples,
    }
}

/// The state of resolving one version. The lookups are built by the first steps and only
/// read after: a [`Resolver::fork`] borrows them rather than copying them.
pub(super) struct Resolver<'a> {
    pub(super) pages: &'a [Page],
    pub(super) by_path: Cow<'a, BTreeMap<String, usize>>,
    /// Short and qualified names, lowercased, to type keys.
    pub(super) by_name: Cow<'a, BTreeMap<String, TypeKey>>,
    pub(super) page_type: Cow<'a, BTreeMap<usize, TypeKey>>,
    /// Enums documented under headings of their own, by page and the heading's anchor.
    pub(super) section_types: Cow<'a, BTreeMap<(usize, String), TypeKey>>,
    /// Sections that list the values of a property whose Type cell names no enum, by page
    /// and heading: no type, and their tables are reported.
    pub(super) unread_sections: Cow<'a, BTreeSet<(usize, String)>>,
    /// Pages that document a type again, by type.
    pub(super) also_documented: Cow<'a, BTreeMap<TypeKey, Vec<String>>>,
    pub(super) diags: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// A resolver that knows what this one knows, by reference, and reports into `diags`:
    /// for work that reads the model side by side with this one.
    pub(super) fn fork<'b>(&'b self, diags: &'b mut Vec<Diagnostic>) -> Resolver<'b> {
        Resolver {
            pages: self.pages,
            by_path: Cow::Borrowed(&*self.by_path),
            by_name: Cow::Borrowed(&*self.by_name),
            page_type: Cow::Borrowed(&*self.page_type),
            section_types: Cow::Borrowed(&*self.section_types),
            unread_sections: Cow::Borrowed(&*self.unread_sections),
            also_documented: Cow::Borrowed(&*self.also_documented),
            diags,
        }
    }
}

/// `microsoft.graph.x` for `x`, `#microsoft.graph.x` and `Collection(microsoft.graph.x)`.
pub fn qualify(name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    let name = name
        .strip_prefix("Collection(")
        .map_or(name, |n| n.trim_end_matches(')'));
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{NAMESPACE}.{name}")
    }
}

pub fn type_key(name: &str) -> TypeKey {
    qualify(name).to_lowercase()
}

pub(super) fn short_name(qualified: &str) -> &str {
    qualified.rsplit('.').next().unwrap_or(qualified)
}

pub(super) fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

/// `/app/calls/{id}` from `https://graph.microsoft.com/beta/app/calls/{id}`.
pub fn strip_service_root(url: &str) -> &str {
    let mut path = url.trim();
    if let Some(rest) = path
        .strip_prefix("https://")
        .or_else(|| path.strip_prefix("http://"))
    {
        path = rest.find('/').map_or("", |i| &rest[i..]);
    }
    for version in ["/beta/", "/v1.0/", "/{ver}/", "/{version}/"] {
        if let Some(rest) = path.strip_prefix(version) {
            return &path[path.len() - rest.len() - 1..];
        }
    }
    path
}

pub(super) fn singular(word: &str) -> String {
    let w = word.to_string();
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.ends_with("ss") {
        w
    } else if let Some(stem) = w.strip_suffix('s') {
        stem.to_string()
    } else {
        w
    }
}

/// `beta/api/x.md` + `../resources/Y.md` = `beta/resources/Y.md`.
pub fn join_path(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The model of pages given as (path, markdown), and its diagnostics: for the tests of one
/// resolution step on pages written for it.
#[cfg(test)]
pub(crate) fn model_of(pages: &[(&str, &str)]) -> (Ir, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let pages = pages
        .iter()
        .enumerate()
        .map(|(i, (path, text))| {
            let file = crate::source::FileId(i as u32);
            crate::parse::page::parse(file, path, text, &mut diags)
        })
        .collect();
    let ir = build("beta".into(), pages, &mut diags, || 1);
    (ir, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_roots() {
        assert_eq!(
            join_path(
                "beta/api/call-redirect.md",
                "../resources/invitationparticipantinfo.md"
            ),
            "beta/resources/invitationparticipantinfo.md"
        );
        assert_eq!(
            join_path("beta/resources/call.md", "chatinfo.md"),
            "beta/resources/chatinfo.md"
        );
        assert_eq!(
            strip_service_root("https://graph.microsoft.com/beta/app/calls/{id}/redirect"),
            "/app/calls/{id}/redirect"
        );
        assert_eq!(strip_service_root("/app/calls/{id}"), "/app/calls/{id}");
        assert_eq!(singular("applications"), "application");
        assert_eq!(singular("policies"), "policy");
    }

    #[test]
    fn qualified_names_and_keys() {
        assert_eq!(
            short_name("microsoft.graph.callRecords.mediaStream"),
            "mediaStream"
        );
        assert_eq!(short_name("identitySet"), "identitySet");
        assert_eq!(qualify("#microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(
            type_key("Collection(microsoft.graph.identitySet)"),
            "microsoft.graph.identityset"
        );
        assert_eq!(type_key("identitySet"), "microsoft.graph.identityset");
    }
}
