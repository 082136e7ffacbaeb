//! Changes to types: added and removed, their properties, base types and enum values.

use super::{Changes, Class, Side};
use crate::ir::model::{EnumType, Property, PropertyOrigin, TypeDef, TypeKind};
use crate::source::Span;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Whether the type is an item of its own in the generated crate: documented on a page
/// (an enum made from a property's "Possible values" goes with its property).
fn documented(def: &TypeDef) -> bool {
    def.page.is_some()
}

fn own_properties(def: &TypeDef) -> Vec<&Property> {
    match &def.kind {
        TypeKind::Object(o) => o
            .properties
            .iter()
            .filter(|p| p.origin != PropertyOrigin::Inherited)
            .collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// What a rename keeps: the names of the own properties, or the enum's values.
fn shape(def: &TypeDef) -> BTreeSet<String> {
    match &def.kind {
        TypeKind::Object(_) => own_properties(def).iter().map(|p| p.name.clone()).collect(),
        TypeKind::Enum(e) => e.members.iter().map(|m| format!("={}", m.wire)).collect(),
    }
}

/// The Rust type a property has in the generated crate.
pub(crate) fn rust_type(side: &mut Side, owner: &str, p: &Property) -> String {
    side.cx
        .rust_type(&p.ty, p.collection, owner, &p.name, &quote!(types::))
        .to_string()
        .replace(' ', "")
}

pub(crate) fn compare(old: &mut Side, new: &mut Side, out: &mut Changes) {
    let (old_ir, new_ir) = (old.ir, new.ir);
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for (key, new_def) in &new_ir.types.types {
        match old_ir.types.get(key) {
            None if documented(new_def) => added.push(key.clone()),
            None => {}
            Some(old_def) => compare_type(old, new, key, old_def, new_def, out),
        }
    }
    for (key, old_def) in &old_ir.types.types {
        if documented(old_def) && new_ir.types.get(key).is_none() {
            removed.push(key.clone());
        }
    }
    let rename_of = |def: &TypeDef, others: &[String], side: &Side| -> Option<String> {
        let mine = shape(def);
        if mine.is_empty() {
            return None;
        }
        others.iter().find_map(|k| {
            let other = side.ir.types.get(k)?;
            (shape(other) == mine).then(|| other.qualified_name.clone())
        })
    };
    for key in &removed {
        let def = &old_ir.types.types[key];
        let item = old.type_path(&old.cx.names.types[key]);
        out.push(
            Class::Breaking,
            old,
            def.page.as_deref(),
            item,
            "type-removed",
            format!("type `{}` removed", def.qualified_name),
            def.span,
        );
        if let Some(to) = rename_of(def, &added, new) {
            note_last(
                out,
                format!("looks like a rename to `{to}`: the same properties"),
            );
        }
    }
    for key in &added {
        let def = &new_ir.types.types[key];
        let item = new.type_path(&new.cx.names.types[key]);
        out.push(
            Class::Additive,
            new,
            def.page.as_deref(),
            item,
            "type-added",
            format!("type `{}` added", def.qualified_name),
            def.span,
        );
        if let Some(from) = rename_of(def, &removed, old) {
            note_last(
                out,
                format!("looks like a rename of `{from}`: the same properties"),
            );
        }
    }
}

pub(crate) fn note_last(out: &mut Changes, text: String) {
    if let Some(last) = out.list.last_mut() {
        last.note = Some(text);
    }
}

/// The page and span an item is reported at: its own, or for an enum made from a
/// property's "Possible values", that property's (on a type's page or a request's).
pub(crate) fn place_of(side: &Side, def: &TypeDef) -> (Option<String>, Span) {
    if let Some(page) = &def.page {
        return (Some(page.clone()), def.span);
    }
    let TypeKind::Enum(EnumType {
        from_property: Some((owner, property)),
        ..
    }) = &def.kind
    else {
        return (None, def.span);
    };
    let found = match owner.strip_prefix("request:") {
        Some(request) => side.ir.requests.get(request).map(|r| {
            let span = r
                .body
                .iter()
                .chain(&r.query)
                .find(|p| &p.name == property)
                .map_or(r.span, |p| p.span);
            (r.page.clone(), span)
        }),
        None => side.ir.types.get(owner).and_then(|t| {
            let page = t.page.clone()?;
            let span = match &t.kind {
                TypeKind::Object(o) => o
                    .properties
                    .iter()
                    .find(|p| &p.name == property)
                    .map_or(t.span, |p| p.span),
                TypeKind::Enum(_) => t.span,
            };
            Some((page, span))
        }),
    };
    match found {
        Some((page, span)) => (Some(page), span),
        None => (None, def.span),
    }
}

fn compare_type(
    old: &mut Side,
    new: &mut Side,
    key: &str,
    old_def: &TypeDef,
    new_def: &TypeDef,
    out: &mut Changes,
) {
    let (page, at) = place_of(new, new_def);
    let page = page.as_deref();
    let (Some(old_name), Some(new_name)) = (
        old.cx.names.types.get(key).cloned(),
        new.cx.names.types.get(key).cloned(),
    ) else {
        return;
    };
    let item = new.type_path(&new_name);
    let graph = &new_def.qualified_name;
    if old_name != new_name {
        out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "type-renamed",
            format!("`{graph}` is now `{new_name}` in Rust, was `{old_name}`"),
            at,
        );
    }
    if old_def.description != new_def.description {
        out.rustdoc_only += 1;
    }
    match (&old_def.kind, &new_def.kind) {
        (TypeKind::Object(o), TypeKind::Object(n)) => {
            if o.base_type != n.base_type {
                let show = |b: &Option<String>| {
                    b.as_deref()
                        .map_or("none".to_string(), |b| format!("`{b}`"))
                };
                // Joining a base adds a family variant and inherited properties; leaving or
                // changing one takes the type out of its old family and its properties.
                let class = if o.base_type.is_none() {
                    Class::Additive
                } else {
                    Class::Breaking
                };
                out.push(
                    class,
                    new,
                    page,
                    item.clone(),
                    "base-type-changed",
                    format!(
                        "base type of `{graph}`: {} -> {}",
                        show(&o.base_type),
                        show(&n.base_type)
                    ),
                    at,
                );
            }
            compare_properties(
                old,
                new,
                key,
                &own_properties(old_def),
                &own_properties(new_def),
                page,
                &item,
                "property",
                at,
                out,
            );
        }
        (TypeKind::Enum(o), TypeKind::Enum(n)) => {
            let described = match &n.from_property {
                Some((owner, property)) => match owner.strip_prefix("request:") {
                    Some(request) => format!("the body parameter `{property}` of `{request}`"),
                    None => format!("`{owner}.{property}`"),
                },
                None => format!("`{graph}`"),
            };
            let old_values: BTreeMap<&str, &str> = o
                .members
                .iter()
                .map(|m| (m.wire.as_str(), m.description.as_str()))
                .collect();
            let new_values: BTreeMap<&str, &str> = n
                .members
                .iter()
                .map(|m| (m.wire.as_str(), m.description.as_str()))
                .collect();
            // A value whose spelling changed but whose variant did not (`private` ->
            // `Private`) is still read and matched the same; only what is written changes.
            let variant = |w: &str| crate::emit::naming::type_name(w);
            let respelled: BTreeMap<&str, &str> = old_values
                .keys()
                .filter(|w| !new_values.contains_key(*w))
                .filter_map(|w| {
                    let to = new_values.keys().find(|n| {
                        !old_values.contains_key(*n)
                            && n.eq_ignore_ascii_case(w)
                            && variant(n) == variant(w)
                    })?;
                    Some((*w, *to))
                })
                .collect();
            for (wire, description) in &new_values {
                match old_values.get(wire) {
                    None if respelled.values().any(|to| to == wire) => {}
                    None => out.push(
                        Class::Additive,
                        new,
                        page,
                        item.clone(),
                        "enum-value-added",
                        format!("value `{wire}` added to {described}"),
                        at,
                    ),
                    Some(old) if old != description => out.rustdoc_only += 1,
                    Some(_) => {}
                }
            }
            for wire in old_values.keys().filter(|w| !new_values.contains_key(*w)) {
                match respelled.get(wire) {
                    Some(to) => out.push(
                        Class::Additive,
                        new,
                        page,
                        format!("{item}::{}", variant(to)),
                        "enum-value-respelled",
                        format!("value `{wire}` of {described} is now spelled `{to}`: the same variant, written as `{to}`"),
                        at,
                    ),
                    None => out.push(
                        Class::Breaking,
                        new,
                        page,
                        item.clone(),
                        "enum-value-removed",
                        format!("value `{wire}` removed from {described}"),
                        at,
                    ),
                }
            }
        }
        _ => out.push(
            Class::Breaking,
            new,
            page,
            item,
            "type-kind-changed",
            format!("`{graph}` changed between an object and an enum"),
            at,
        ),
    }
}

/// Properties of a type, or parameters of a request's body or query, by JSON name.
#[allow(clippy::too_many_arguments)]
pub(crate) fn compare_properties(
    old: &mut Side,
    new: &mut Side,
    owner: &str,
    old_props: &[&Property],
    new_props: &[&Property],
    page: Option<&str>,
    item: &str,
    what: &'static str,
    at: Span,
    out: &mut Changes,
) {
    let (added, removed, retyped, collection) = match what {
        "property" => (
            "property-added",
            "property-removed",
            "property-retyped",
            "property-collection-changed",
        ),
        "body parameter" => (
            "body-parameter-added",
            "body-parameter-removed",
            "body-parameter-retyped",
            "body-parameter-collection-changed",
        ),
        _ => (
            "query-parameter-added",
            "query-parameter-removed",
            "query-parameter-retyped",
            "query-parameter-collection-changed",
        ),
    };
    let old_by: BTreeMap<&str, &Property> =
        old_props.iter().map(|p| (p.name.as_str(), *p)).collect();
    let new_by: BTreeMap<&str, &Property> =
        new_props.iter().map(|p| (p.name.as_str(), *p)).collect();
    let field = |p: &Property| format!("{item}::{}", crate::emit::naming::field_name(&p.name));
    for (name, n) in &new_by {
        let Some(o) = old_by.get(name) else {
            let ty = rust_type(new, owner, n);
            out.push(
                Class::Additive,
                new,
                page,
                field(n),
                added,
                format!("{what} `{name}` added: `{ty}`"),
                n.span,
            );
            continue;
        };
        let (old_ty, new_ty) = (rust_type(old, owner, o), rust_type(new, owner, n));
        if o.collection != n.collection {
            let show = |c: bool| if c { "a collection" } else { "a single value" };
            out.push(
                Class::Breaking,
                new,
                page,
                field(n),
                collection,
                format!(
                    "{what} `{name}` is now {}, was {}: `{old_ty}` -> `{new_ty}`",
                    show(n.collection),
                    show(o.collection)
                ),
                n.span,
            );
        } else if old_ty != new_ty {
            out.push(
                Class::Breaking,
                new,
                page,
                field(n),
                retyped,
                format!("{what} `{name}`: `{old_ty}` -> `{new_ty}`"),
                n.span,
            );
        }
        if o.description != n.description
            || o.read_only != n.read_only
            || o.required != n.required
            || o.note != n.note
        {
            out.rustdoc_only += 1;
        }
    }
    for (name, o) in &old_by {
        if !new_by.contains_key(name) {
            out.push(
                Class::Breaking,
                new,
                page,
                field(o),
                removed,
                format!("{what} `{name}` removed"),
                at,
            );
        }
    }
}
