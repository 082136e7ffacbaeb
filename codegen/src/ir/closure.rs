//! The pages a set of API pages needs: every type their requests and examples name, and
//! every type those reach through their properties, base types and relationships.

use crate::ir::model::{ExampleTarget, Ir, TypeKind, TypeRef};
use crate::ir::resolve::type_key;
use std::collections::BTreeSet;

pub fn pages_needed(ir: &Ir, roots: &[String]) -> BTreeSet<String> {
    let mut pending: Vec<String> = Vec::new();
    let mut pages: BTreeSet<String> = roots.iter().cloned().collect();
    for request in ir.requests.values().filter(|r| roots.contains(&r.page)) {
        pending.extend(request.body.iter().flat_map(|p| keys_of(&p.ty)));
        pending.extend(request.response_type.iter().flat_map(|(t, _)| keys_of(t)));
    }
    for example in ir.examples.iter().filter(|e| roots.contains(&e.page)) {
        if let Some(ExampleTarget::Type { ty, .. }) = &example.target {
            pending.extend(keys_of(ty));
        }
        // Types named inside the example data must be readable too.
        if let Some(json) = &example.json {
            odata_types(json, &mut pending);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(key) = pending.pop() {
        if !seen.insert(key.clone()) {
            continue;
        }
        let Some(def) = ir.types.get(&key) else {
            continue;
        };
        pages.extend(def.page.clone());
        if let TypeKind::Object(o) = &def.kind {
            pending.extend(o.base_type.clone());
            pending.extend(o.properties.iter().flat_map(|p| keys_of(&p.ty)));
        }
        for example in ir
            .examples
            .iter()
            .filter(|e| Some(&e.page) == def.page.as_ref())
        {
            if let Some(json) = &example.json {
                odata_types(json, &mut pending);
            }
        }
    }
    pages
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
