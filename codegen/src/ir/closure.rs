//! What a set of pages needs: every type their requests, types and examples name, and
//! every type those reach through their properties, base types and relationships.

use crate::ir::model::{ExampleTarget, Ir, TypeKey, TypeKind, TypeRef};
use crate::ir::resolve::type_key;
use std::collections::{BTreeMap, BTreeSet};

/// The given pages and the pages of every type they need.
pub fn pages_needed(ir: &Ir, roots: &[String]) -> BTreeSet<String> {
    let roots: BTreeSet<String> = roots.iter().cloned().collect();
    let mut pages = roots.clone();
    for key in types_needed(ir, &roots) {
        pages.extend(ir.types.get(&key).and_then(|d| d.page.clone()));
    }
    pages
}

/// Every type that the requests, types and examples of the given pages reach.
pub fn types_needed(ir: &Ir, roots: &BTreeSet<String>) -> BTreeSet<TypeKey> {
    Reach::new(ir).types_needed(roots)
}

/// What each page's examples name, gathered once, so that the closures of many sets of
/// pages (one per workload) do not each walk every example's JSON again.
pub struct Reach<'a> {
    ir: &'a Ir,
    /// By page: the types its examples are documented as, and those their data names
    /// (`@odata.type`), in the order the examples give them.
    example_types: BTreeMap<&'a str, Vec<TypeKey>>,
}

impl<'a> Reach<'a> {
    pub fn new(ir: &'a Ir) -> Reach<'a> {
        let mut example_types: BTreeMap<&str, Vec<TypeKey>> = BTreeMap::new();
        for example in &ir.examples {
            let keys = example_types.entry(&example.page).or_default();
            if let Some(ExampleTarget::Type { ty, .. }) = &example.target {
                keys.extend(keys_of(ty));
            }
            // Types named inside the example data must be readable too.
            if let Some(json) = &example.json {
                odata_types(json, keys);
            }
        }
        Reach { ir, example_types }
    }

    /// Every type that the requests, types and examples of `roots` (pages) reach.
    pub fn types_needed(&self, roots: &BTreeSet<String>) -> BTreeSet<TypeKey> {
        let ir = self.ir;
        let mut pending: Vec<String> = Vec::new();
        for (key, def) in &ir.types.types {
            if def.page.as_ref().is_some_and(|p| roots.contains(p)) {
                pending.push(key.clone());
            }
        }
        for request in ir.requests.values().filter(|r| roots.contains(&r.page)) {
            pending.extend(request.body.iter().flat_map(|p| keys_of(&p.ty)));
            pending.extend(request.body_type.iter().flat_map(keys_of));
            pending.extend(request.response_type.iter().flat_map(|(t, _)| keys_of(t)));
        }
        let examples_on = |page: &str, pending: &mut Vec<String>| {
            pending.extend(self.example_types.get(page).into_iter().flatten().cloned());
        };
        for page in roots {
            examples_on(page, &mut pending);
        }
        let mut seen = BTreeSet::new();
        let mut pages_done = roots.clone();
        while let Some(key) = pending.pop() {
            let Some(def) = ir.types.get(&key) else {
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            if let TypeKind::Object(o) = &def.kind {
                pending.extend(o.base_type.clone());
                pending.extend(o.properties.iter().flat_map(|p| keys_of(&p.ty)));
            }
            if let Some(page) = def.page.clone().filter(|p| !pages_done.contains(p)) {
                pages_done.insert(page.clone());
                examples_on(&page, &mut pending);
            }
        }
        seen
    }
}

fn keys_of(ty: &TypeRef) -> Vec<String> {
    match ty {
        TypeRef::Named(k) => vec![k.clone()],
        TypeRef::Union(ks) => ks.clone(),
        _ => Vec::new(),
    }
}

fn odata_types(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "@odata.type" {
                    if let Some(t) = v.as_str() {
                        out.push(type_key(t));
                    }
                }
                odata_types(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| odata_types(i, out)),
        _ => {}
    }
}
