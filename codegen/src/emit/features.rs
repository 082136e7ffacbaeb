//! Cargo features per workload, so that a user compiles only what they use.
//!
//! A workload is a version and a docs `ms.prod` (`beta-microsoft-teams`, `v1-0-intune`;
//! pages without one are `other`). Each feature enables the requests of its workload's
//! API pages and every type they, and its resource pages, reach; an item is compiled when
//! any feature that reaches it is on. Features are closed by construction, so each one
//! builds on its own.

use crate::ir::closure::Reach;
use crate::ir::model::{Ir, TypeKey};
use crate::parse::page::Page;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Feature name to the API pages and resource pages it covers.
    pub pages: BTreeMap<String, BTreeSet<String>>,
    types: BTreeMap<TypeKey, BTreeSet<String>>,
    requests: BTreeMap<String, String>,
    /// Sets of features gating an item besides the types' own (a path type that several
    /// workloads' requests share).
    extra: BTreeSet<Vec<String>>,
}

/// `microsoft-teams` from `ms.prod: "microsoft-teams"`; `other` without one.
pub fn workload(page: &Page) -> String {
    let prod = page
        .front_matter
        .ms_prod
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let words: Vec<&str> = prod
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "other".to_string()
    } else {
        words.join("-")
    }
}

pub fn feature_name(version: &str, workload: &str) -> String {
    match version {
        "" => workload.to_string(),
        v => format!("{}-{workload}", v.replace('_', "-")),
    }
}

/// The name of a workload's submodule (of `requests` or `types`): its feature without the
/// version (`microsoft_teams` for `beta-microsoft-teams`), never a name the module already
/// uses (`taken`).
pub fn workload_module(version: &str, feature: &str, taken: &[String]) -> String {
    let prefix = feature_name(version, "");
    let name = feature
        .strip_prefix(&prefix)
        .unwrap_or(feature)
        .replace('-', "_");
    let plain = syn::parse_str::<syn::Ident>(&name).is_ok()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !["support", "types"].contains(&name.as_str())
        && !taken.contains(&name);
    match plain {
        true => name,
        false => format!("workload_{name}"),
    }
}

impl Features {
    pub fn compute(ir: &Ir) -> Features {
        let mut f = Features::default();
        for page in &ir.pages {
            f.pages
                .entry(feature_name(&ir.version, &workload(page)))
                .or_default()
                .insert(page.path.clone());
        }
        // By type index, the features that reach it, in order: each workload reaches much
        // of the model, and a map by key per workload was most of the work.
        let reach = Reach::new(ir);
        let mut reached_by: Vec<Vec<&String>> = vec![Vec::new(); reach.keys().len()];
        for (feature, pages) in &f.pages {
            for (by, reached) in reached_by.iter_mut().zip(reach.reached(pages)) {
                if reached {
                    by.push(feature);
                }
            }
        }
        f.types = reach
            .keys()
            .iter()
            .zip(reached_by)
            .filter(|(_, by)| !by.is_empty())
            .map(|(key, by)| (key.to_string(), by.into_iter().cloned().collect()))
            .collect();
        let page_feature: BTreeMap<&str, &str> = f
            .pages
            .iter()
            .flat_map(|(name, pages)| pages.iter().map(move |p| (p.as_str(), name.as_str())))
            .collect();
        for (name, request) in &ir.requests {
            if let Some(feature) = page_feature.get(request.page.as_str()) {
                f.requests.insert(name.clone(), feature.to_string());
            }
        }
        f
    }

    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.pages.keys()
    }

    /// The features that compile a type (its own workload's, and every one that reaches it).
    pub fn of_type(&self, key: &str) -> Vec<String> {
        self.types
            .get(key)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn of_request(&self, name: &str) -> Vec<String> {
        self.requests.get(name).cloned().into_iter().collect()
    }

    /// Records a set of features that gates an item, so that its gate is declared.
    pub fn add_set(&mut self, set: Vec<String>) {
        self.extra.insert(set);
    }

    /// Every gate of two features or more that an item may carry: its name and members.
    pub fn gates(&self) -> BTreeMap<String, Vec<String>> {
        self.types
            .values()
            .map(|s| s.iter().cloned().collect::<Vec<_>>())
            .chain(self.extra.iter().cloned())
            .filter(|s| s.len() > 1)
            .map(|s| (gate_name(&s), s))
            .collect()
    }
}

/// The Cargo feature that stands for "any of `members`" (`_any-1c9e02a7`), named by a hash
/// of its members so that the name stays the same while the set does. Every member enables
/// it; an item that several workloads reach carries one short `#[cfg]` instead of a list.
pub fn gate_name(members: &[String]) -> String {
    // FNV-1a: stable across Rust versions and machines, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in members.join(",").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("_any-{:08x}", hash >> 32)
}

/// The `#[cfg]` of each set of features (see [`cfg()`]), made once for each emitting job
/// (its context and the modules it splits): a few hundred sets gate thousands of items and
/// tests, and making a gate (its literal escaped a character at a time) costs ten times
/// copying one.
#[derive(Default)]
pub struct Gates(std::cell::RefCell<BTreeMap<Vec<String>, Option<syn::Attribute>>>);

impl Gates {
    /// [`cfg()`] of `features`.
    pub fn cfg(&self, features: Option<Vec<String>>) -> Option<syn::Attribute> {
        let set = features?;
        if let Some(made) = self.0.borrow().get(&set) {
            return made.clone();
        }
        let made = cfg(Some(set.clone()));
        self.0.borrow_mut().insert(set, made.clone());
        made
    }
}

/// `#[cfg(feature = "a")]` for one feature, the gate of a set of them (see [`gate_name`]),
/// `#[cfg(any())]` (never) for none; nothing when features are off (`None`).
pub fn cfg(features: Option<Vec<String>>) -> Option<syn::Attribute> {
    let condition = match features.as_deref()? {
        [] => quote!(any()),
        [one] => {
            let one = crate::emit::code::str_literal(one);
            quote!(feature = #one)
        }
        set => {
            let gate = crate::emit::code::str_literal(&gate_name(set));
            quote!(feature = #gate)
        }
    };
    Some(crate::emit::syntax::list_attribute("cfg", condition))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resource page of workload `prod` whose properties are `rows`.
    fn resource(prod: &str, name: &str, rows: &str) -> String {
        format!(
            "---\nms.prod: {prod}\n---\n# {name} resource type\n\n## Properties\n\n\
             | Property | Type | Description |\n|:--|:--|:--|\n{rows}"
        )
    }

    /// A type is compiled by its own page's workload and by every workload whose pages
    /// reach it, and by no other.
    #[test]
    fn a_type_is_gated_by_each_workload_that_reaches_it() {
        let (ir, _) = crate::ir::resolve::model_of(&[
            (
                "beta/resources/widget.md",
                &resource(
                    "alpha",
                    "widget",
                    "| part | [part](part.md) | Its part. |\n",
                ),
            ),
            (
                "beta/resources/part.md",
                &resource("bravo", "part", "| size | Int32 | Its size. |\n"),
            ),
            (
                "beta/resources/loner.md",
                &resource("charlie", "loner", "| name | String | Its name. |\n"),
            ),
        ]);
        let f = Features::compute(&ir);
        assert_eq!(
            f.names().collect::<Vec<_>>(),
            ["beta-alpha", "beta-bravo", "beta-charlie"]
        );
        assert_eq!(f.of_type("microsoft.graph.widget"), ["beta-alpha"]);
        assert_eq!(
            f.of_type("microsoft.graph.part"),
            ["beta-alpha", "beta-bravo"]
        );
        assert_eq!(f.of_type("microsoft.graph.loner"), ["beta-charlie"]);
    }

    /// A union enum that a property's type makes is compiled with the type or the request
    /// that owns the property, not with the types it unites.
    #[test]
    fn a_union_is_gated_by_its_owners_workload() {
        let create =
            "---\nms.prod: charlie\n---\n# Create widget\n\nDoes it.\n\n## HTTP request\n\n\
                      ```http\nPOST /widgets\n```\n\n## Request body\n\n\
                      | Parameter | Type | Description |\n|:--|:--|:--|\n\
                      | setting | [cog](cog.md) or [gear](gear.md) | Its setting. |\n";
        let pages = [
            ("beta/api/widget-create.md", create.to_string()),
            (
                "beta/resources/widget.md",
                resource(
                    "alpha",
                    "widget",
                    "| config | [cog](cog.md) or [gear](gear.md) | Its config. |\n",
                ),
            ),
            (
                "beta/resources/cog.md",
                resource("bravo", "cog", "| size | Int32 | Its size. |\n"),
            ),
            (
                "beta/resources/gear.md",
                resource("bravo", "gear", "| teeth | Int32 | Its teeth. |\n"),
            ),
        ];
        let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let (ir, _) = crate::ir::resolve::model_of(&pages);
        let corpus = crate::ir::model::Corpus {
            format: crate::ir::model::FORMAT,
            sources: crate::source::SourceMap::default(),
            versions: vec![ir],
        };
        let options = crate::emit::Options {
            crate_ident: "graph_generated",
            workload_features: true,
        };
        let (output, _) = crate::emit::emit(&corpus, options).expect("emits");
        let types = &output.modules["beta/types"];
        // After its doc comment, as every gate is; and on what goes with it. A type's union
        // goes with the type, a request body's with the request.
        for (feature, union) in [
            ("beta-alpha", "WidgetConfig"),
            ("beta-charlie", "WidgetCreateSetting"),
        ] {
            let gate = format!("#[cfg(feature = \"{feature}\")]\n");
            for item in [
                format!("#[derive(Clone, PartialEq, support::Dispatch)]\n#[non_exhaustive]\npub enum {union} {{"),
                format!("impl {union} {{"),
                format!("support::family!({union});"),
            ] {
                assert!(types.contains(&format!("{gate}{item}")), "{item}\n{types}");
            }
        }
    }

    fn text(cfg: Option<syn::Attribute>) -> String {
        quote!(#cfg).to_string()
    }

    #[test]
    fn one_feature_is_named_and_several_share_a_gate_named_by_them() {
        let one = text(cfg(Some(vec!["beta-intune".into()])));
        assert_eq!(one, quote!(#[cfg(feature = "beta-intune")]).to_string());
        let set = vec!["beta-groups".to_string(), "beta-intune".to_string()];
        let gate = gate_name(&set);
        // Fixed by the members alone: the same on every run and machine.
        assert_eq!(gate, "_any-007e5ac6");
        assert_eq!(
            text(cfg(Some(set.clone()))),
            quote!(#[cfg(feature = #gate)]).to_string()
        );
        assert_ne!(gate_name(&set[..1]), gate);
        assert_eq!(text(cfg(Some(vec![]))), quote!(#[cfg(any())]).to_string());
        assert!(cfg(None).is_none());
    }
}
