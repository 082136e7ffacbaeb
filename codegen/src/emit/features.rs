//! Cargo features per workload, so that a user compiles only what they use.
//!
//! A workload is a version and a docs `ms.prod` (`beta-microsoft-teams`, `v1-0-intune`;
//! pages without one are `other`). Each feature enables the requests of its workload's
//! API pages and every type they, and its resource pages, reach; an item is compiled when
//! any feature that reaches it is on. Features are closed by construction, so each one
//! builds on its own.

use crate::ir::closure::types_needed;
use crate::ir::model::{Ir, TypeKey};
use crate::parse::page::Page;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Feature name to the API pages and resource pages it covers.
    pub pages: BTreeMap<String, BTreeSet<String>>,
    types: BTreeMap<TypeKey, BTreeSet<String>>,
    requests: BTreeMap<String, String>,
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

fn feature_name(version: &str, workload: &str) -> String {
    match version {
        "" => workload.to_string(),
        v => format!("{}-{workload}", v.replace('_', "-")),
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
        for (feature, pages) in &f.pages {
            for key in types_needed(ir, pages) {
                f.types.entry(key).or_default().insert(feature.clone());
            }
        }
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
}

/// `#[cfg(any(feature = "a", ...))]`; nothing when features are off (`None`).
pub fn cfg(features: Option<Vec<String>>) -> TokenStream {
    match features {
        None => quote!(),
        Some(names) => quote!(#[cfg(any(#(feature = #names),*))]),
    }
}
