//! Changes to the crate's workload features (`--workload-features`): a feature added or
//! removed, and a request or type that a feature no longer compiles. A user who turned on
//! one feature loses what moved to another, so a move is breaking.

use super::{Changes, Class, Side};
use crate::emit::features::Features;
use std::collections::BTreeSet;

pub(crate) fn compare(old: &Side, new: &Side, out: &mut Changes) {
    let (old_f, new_f) = (Features::compute(old.ir), Features::compute(new.ir));
    let names = |f: &Features| -> BTreeSet<String> { f.names().cloned().collect() };
    let (old_names, new_names) = (names(&old_f), names(&new_f));
    let first_page = |f: &Features, name: &str| {
        f.pages
            .get(name)
            .and_then(|p| p.first().cloned())
            .unwrap_or_default()
    };
    for name in new_names.difference(&old_names) {
        out.list.push(super::Change {
            class: Class::Additive,
            workload: name.clone(),
            item: name.clone(),
            kind: "feature-added",
            detail: format!(
                "feature `{name}` added, for {} page(s)",
                new_f.pages[name].len()
            ),
            location: first_page(&new_f, name),
            note: None,
        });
    }
    for name in old_names.difference(&new_names) {
        out.list.push(super::Change {
            class: Class::Breaking,
            workload: name.clone(),
            item: name.clone(),
            kind: "feature-removed",
            detail: format!("feature `{name}` removed; of its pages ({}), those that remain go under other features", old_f.pages[name].len()),
            location: format!("old docs: {}", first_page(&old_f, name)),
            note: None,
        });
    }
    let (old_ir, new_ir) = (old.ir, new.ir);
    let old_keys = super::requests::by_key(&old_ir.requests);
    for (key, r) in &new_ir.requests {
        let Some(o) = old_keys
            .get(&key.to_lowercase())
            .map(|k| &old_ir.requests[*k])
        else {
            continue;
        };
        let (was, is) = (old_f.of_request(&o.name), new_f.of_request(&r.name));
        if was != is {
            let name = crate::emit::requests::request_name(&new.cx, key);
            out.push(
                Class::Breaking,
                new,
                Some(&r.page),
                new.request_path(&name),
                "request-moved",
                format!(
                    "`{name}` is now under feature {}, was under {}",
                    list(&is),
                    list(&was)
                ),
                r.span,
            );
        }
    }
    // A type (an enum made from a property's values included) stays under every feature
    // that reached it, while that feature exists.
    for (key, def) in &new_ir.types.types {
        if old_ir.types.get(key).is_none() {
            continue;
        }
        let (page, at) = super::types::place_of(new, def);
        let is: BTreeSet<String> = new_f.of_type(key).into_iter().collect();
        let lost: Vec<String> = old_f
            .of_type(key)
            .into_iter()
            .filter(|f| new_names.contains(f) && !is.contains(f))
            .collect();
        if !lost.is_empty() {
            let Some(name) = new.cx.names.types.get(key) else {
                continue;
            };
            out.push(
                Class::Breaking,
                new,
                page.as_deref(),
                new.type_path(name),
                "type-left-feature",
                format!("`{name}` is no longer compiled by feature {}", list(&lost)),
                at,
            );
        }
    }
}

fn list<S: AsRef<str>>(features: impl IntoIterator<Item = S>) -> String {
    let names: Vec<String> = features
        .into_iter()
        .map(|f| format!("`{}`", f.as_ref()))
        .collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}
