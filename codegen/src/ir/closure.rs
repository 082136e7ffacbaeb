//! What a set of pages needs: every type their requests, types and examples name, and
//! every type those reach through their properties, base types and relationships.

use crate::ir::model::{ExampleTarget, Ir, TypeKey, TypeKind, TypeRef};
use crate::ir::resolve::type_key;
use crate::parse::json::JsonData;
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

/// The model as a graph of type indices, built once, so that the closures of many sets of
/// pages (one per workload) are walks over numbers: each walk reaches much of the model,
/// and looking up each key it meets by name was most of the work.
pub struct Reach<'a> {
    /// Every type's key, in key order: a type's index is its place here.
    keys: Vec<&'a str>,
    /// By type: the types it reaches at once (its base type, its properties' types, and
    /// what the examples on its page name).
    edges: Vec<Vec<u32>>,
    /// By page: the types that a page as a root reaches at once (those documented on it,
    /// its requests' bodies and responses, and what its examples name).
    roots: BTreeMap<&'a str, Vec<u32>>,
}

impl<'a> Reach<'a> {
    pub fn new(ir: &'a Ir) -> Reach<'a> {
        let keys: Vec<&str> = ir.types.types.keys().map(String::as_str).collect();
        // Keys the model has no type for lead nowhere, and are left out.
        let index = |key: &str| keys.binary_search(&key).ok().map(|i| i as u32);
        // What each page's examples name: the types they are documented as, and the types
        // their data names (`@odata.type`).
        let mut examples: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for example in &ir.examples {
            let reached = examples.entry(&example.page).or_default();
            if let Some(ExampleTarget::Type { ty, .. }) = &example.target {
                reached.extend(keys_of(ty).filter_map(index));
            }
            if let Some(json) = &example.json {
                let mut named = Vec::new();
                odata_types(json, &mut named);
                reached.extend(named.iter().filter_map(|k| index(k)));
            }
        }
        let on_page = |page: Option<&str>| page.and_then(|p| examples.get(p)).into_iter().flatten();
        let mut roots: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        let mut edges = Vec::with_capacity(keys.len());
        for (i, def) in ir.types.types.values().enumerate() {
            let mut reached = Vec::new();
            if let TypeKind::Object(o) = &def.kind {
                reached.extend(o.base_type.as_deref().and_then(index));
                reached.extend(
                    o.properties
                        .iter()
                        .flat_map(|p| keys_of(&p.ty))
                        .filter_map(index),
                );
            }
            reached.extend(on_page(def.page.as_deref()));
            edges.push(reached);
            if let Some(page) = &def.page {
                roots.entry(page).or_default().push(i as u32);
            }
        }
        for request in ir.requests.values() {
            let reached = roots.entry(&request.page).or_default();
            reached.extend(
                request
                    .body
                    .iter()
                    .flat_map(|p| keys_of(&p.ty))
                    .filter_map(index),
            );
            reached.extend(request.body_type.iter().flat_map(keys_of).filter_map(index));
            reached.extend(
                request
                    .response_type
                    .iter()
                    .flat_map(|(t, _)| keys_of(t))
                    .filter_map(index),
            );
        }
        for (page, named) in &examples {
            roots.entry(page).or_default().extend(named);
        }
        Reach { keys, edges, roots }
    }

    /// Every type that the requests, types and examples of `roots` (pages) reach.
    pub fn types_needed(&self, roots: &BTreeSet<String>) -> BTreeSet<TypeKey> {
        self.keys
            .iter()
            .zip(self.reached(roots))
            .filter(|(_, seen)| *seen)
            .map(|(key, _)| key.to_string())
            .collect()
    }

    /// Every type's key, in key order: a type's index in [`Reach::reached`].
    pub fn keys(&self) -> &[&'a str] {
        &self.keys
    }

    /// By type index, whether the requests, types and examples of `roots` (pages) reach it.
    pub fn reached(&self, roots: &BTreeSet<String>) -> Vec<bool> {
        let mut seen = vec![false; self.keys.len()];
        let mut pending: Vec<u32> = roots
            .iter()
            .filter_map(|page| self.roots.get(page.as_str()))
            .flatten()
            .copied()
            .collect();
        while let Some(i) = pending.pop() {
            if !std::mem::replace(&mut seen[i as usize], true) {
                pending.extend(&self.edges[i as usize]);
            }
        }
        seen
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

fn odata_types(value: &JsonData, out: &mut Vec<String>) {
    match value {
        JsonData::Object(members) => {
            for (k, v) in members {
                if let ("@odata.type", JsonData::String(t)) = (k.as_str(), v) {
                    out.push(type_key(t));
                }
                odata_types(v, out);
            }
        }
        JsonData::Array(items) => items.iter().for_each(|i| odata_types(i, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The closure walked by name, as the definition reads: from the roots' types, requests
    /// and examples, through base types, property types and the examples on each reached
    /// type's page.
    fn by_name(ir: &Ir, roots: &BTreeSet<String>) -> BTreeSet<TypeKey> {
        let named_on = |page: &str| {
            let mut keys = Vec::new();
            for example in ir.examples.iter().filter(|e| e.page == page) {
                if let Some(ExampleTarget::Type { ty, .. }) = &example.target {
                    keys.extend(keys_of(ty).map(str::to_string));
                }
                if let Some(json) = &example.json {
                    odata_types(json, &mut keys);
                }
            }
            keys
        };
        let mut pending: Vec<String> = Vec::new();
        for (key, def) in &ir.types.types {
            if def.page.as_ref().is_some_and(|p| roots.contains(p)) {
                pending.push(key.clone());
            }
        }
        for request in ir.requests.values().filter(|r| roots.contains(&r.page)) {
            let types = request.body.iter().map(|p| &p.ty);
            let types = types.chain(&request.body_type);
            let types = types.chain(request.response_type.iter().map(|(t, _)| t));
            pending.extend(types.flat_map(keys_of).map(str::to_string));
        }
        roots.iter().for_each(|page| pending.extend(named_on(page)));
        let mut seen = BTreeSet::new();
        let mut pages_done = roots.clone();
        while let Some(key) = pending.pop() {
            let Some(def) = ir.types.types.get(&key) else {
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            if let TypeKind::Object(o) = &def.kind {
                pending.extend(o.base_type.clone());
                let properties = o.properties.iter().flat_map(|p| keys_of(&p.ty));
                pending.extend(properties.map(str::to_string));
            }
            if let Some(page) = &def.page {
                if pages_done.insert(page.clone()) {
                    pending.extend(named_on(page));
                }
            }
        }
        seen
    }

    /// `ir` with no examples, and each request as `keep` leaves its body, body type and
    /// response type: so that what one of them alone reaches is compared.
    fn requests_alone(ir: &Ir, keep: fn(&mut crate::ir::model::Request)) -> Ir {
        let mut ir = ir.clone();
        ir.examples.clear();
        ir.requests.values_mut().for_each(keep);
        ir
    }

    /// On the committed docs and every fixture: each page alone, and all pages at once,
    /// reach the same types through the graph of indices as by name; also with requests
    /// reaching types by their body, their response type or a body type alone.
    /// A type that only an example's data names, at any depth, by `@odata.type`, is
    /// reached from the page of that example.
    #[test]
    fn types_named_by_an_examples_data_are_reached() {
        let resource = |name: &str, json: &str| {
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{json}\n```\n")
        };
        let get = "# Get a\n\n## HTTP request\n\n```http\nGET /a/{id}\n```\n\n## Response\n\nReturns an [a](../resources/a.md) object.\n\n## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_a\" } -->\n```http\nGET https://graph.microsoft.com/beta/a/1\n```\n\n### Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.a\" } -->\n```json\n{ \"id\": \"1\", \"more\": [{ \"x\": { \"@odata.type\": \"#microsoft.graph.b\" } }] }\n```\n";
        let (a, b) = (
            resource("a", "{ \"id\": \"String\" }"),
            resource("b", "{ \"id\": \"String\" }"),
        );
        let pages = [
            ("beta/api/a-get.md", get),
            ("beta/resources/a.md", a.as_str()),
            ("beta/resources/b.md", b.as_str()),
        ];
        let (ir, _) = crate::ir::resolve::model_of(&pages);
        assert!(
            ir.examples.iter().any(|e| e.json.is_some()),
            "{:#?}",
            ir.examples
        );
        let roots = BTreeSet::from(["beta/api/a-get.md".to_string()]);
        let needed = types_needed(&ir, &roots);
        assert!(needed.contains("microsoft.graph.b"), "{needed:?}");
        assert_eq!(by_name(&ir, &roots), needed);
    }

    #[test]
    fn the_graph_reaches_what_the_names_reach() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("../docs-input")];
        let fixtures = std::fs::read_dir(root.join("tests/fixtures")).unwrap();
        dirs.extend(fixtures.map(|e| e.unwrap().path()).filter(|p| p.is_dir()));
        dirs.sort();
        let mut compared = 0;
        for dir in dirs {
            let corpus = crate::ir::load(&dir, &mut Vec::new()).unwrap();
            let alone = corpus.versions.iter().flat_map(|ir| {
                [
                    requests_alone(ir, |r| (r.body_type, r.response_type) = (None, None)),
                    requests_alone(ir, |r| (r.body, r.body_type) = (Vec::new(), None)),
                    // The pages give few body types: each response type stands in for one.
                    requests_alone(ir, |r| {
                        r.body.clear();
                        r.body_type = r.response_type.take().map(|(ty, _)| ty);
                    }),
                ]
            });
            let irs: Vec<Ir> = corpus.versions.iter().cloned().chain(alone).collect();
            for ir in &irs {
                let reach = Reach::new(ir);
                let all: BTreeSet<String> = ir.pages.iter().map(|p| p.path.clone()).collect();
                let singles = all.iter().map(|p| BTreeSet::from([p.clone()]));
                for roots in singles.chain([all.clone()]) {
                    let reached = reach.types_needed(&roots);
                    assert_eq!(reached, by_name(ir, &roots), "{} {roots:?}", dir.display());
                    compared += usize::from(!reached.is_empty());
                }
            }
        }
        // The docs reach types from most pages; a walk that reached nothing would pass above.
        assert!(compared > 50, "only {compared} page sets reached a type");
    }
}
