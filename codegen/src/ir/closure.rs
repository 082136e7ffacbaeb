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
                keys.extend(keys_of(ty).map(str::to_string));
            }
            // Types named inside the example data must be readable too.
            if let Some(json) = &example.json {
                odata_types(json, keys);
            }
        }
        Reach { ir, example_types }
    }

    /// Every type that the requests, types and examples of `roots` (pages) reach.
    pub fn types_needed<'s>(&'s self, roots: &'s BTreeSet<String>) -> BTreeSet<TypeKey> {
        let ir: &'s Ir = self.ir;
        // Keys are borrowed from the model while walking: one walk per workload reaches
        // much of the model, and owned keys made it clone a string per property met.
        let mut pending: Vec<&'s str> = Vec::new();
        for (key, def) in &ir.types.types {
            if def.page.as_ref().is_some_and(|p| roots.contains(p)) {
                pending.push(key);
            }
        }
        for request in ir.requests.values().filter(|r| roots.contains(&r.page)) {
            pending.extend(request.body.iter().flat_map(|p| keys_of(&p.ty)));
            pending.extend(request.body_type.iter().flat_map(keys_of));
            pending.extend(request.response_type.iter().flat_map(|(t, _)| keys_of(t)));
        }
        let examples_on = |page: &str, pending: &mut Vec<&'s str>| {
            pending.extend(
                self.example_types
                    .get(page)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        };
        for page in roots {
            examples_on(page, &mut pending);
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut pages_done: BTreeSet<&str> = roots.iter().map(String::as_str).collect();
        while let Some(key) = pending.pop() {
            let Some((key, def)) = ir.types.types.get_key_value(key) else {
                continue;
            };
            if !seen.insert(key) {
                continue;
            }
            if let TypeKind::Object(o) = &def.kind {
                pending.extend(o.base_type.as_deref());
                pending.extend(o.properties.iter().flat_map(|p| keys_of(&p.ty)));
            }
            if let Some(page) = def.page.as_deref().filter(|p| !pages_done.contains(p)) {
                pages_done.insert(page);
                examples_on(page, &mut pending);
            }
        }
        seen.into_iter().map(str::to_string).collect()
    }
}

/// The documented types that `ty` names.
fn keys_of(ty: &TypeRef) -> impl Iterator<Item = &str> {
    let keys: &[String] = match ty {
        TypeRef::Named(k) => std::slice::from_ref(k),
        TypeRef::Union(ks) => ks,
        _ => &[],
    };
    keys.iter().map(String::as_str)
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
