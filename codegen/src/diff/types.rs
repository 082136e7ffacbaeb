//! Changes to types: added and removed, their properties, base types and enum values.

use super::{Changes, Class, Side};
use crate::ir::model::{EnumType, Property, PropertyOrigin, TypeDef, TypeKind};
use crate::source::Span;
use quote::ToTokens;
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
        .rust_type(&p.ty, p.collection, owner, &p.name, &["types"])
        .to_token_stream()
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
            let owner = Owner {
                key,
                page,
                item: &item,
                what: "property",
                at,
            };
            // Inherited properties are the base type's changes, reported there once.
            let own = |p: &Property| p.origin != PropertyOrigin::Inherited;
            let (old_members, new_members) =
                (members(&o.properties, own), members(&n.properties, own));
            compare_properties(old, new, &owner, &old_members, &new_members, out);
        }
        (TypeKind::Enum(o), TypeKind::Enum(n)) => {
            let described = match &n.from_property {
                Some((owner, property)) => match owner.strip_prefix("request:") {
                    Some(request) => format!("the body parameter `{property}` of `{request}`"),
                    None => format!("`{owner}.{property}`"),
                },
                None => format!("`{graph}`"),
            };
            let owner = Owner {
                key,
                page,
                item: &item,
                what: "value",
                at,
            };
            compare_values(new, &owner, &described, o, n, out);
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

/// The values of a string enum, by wire value, each with the variant the emitter gives it.
fn compare_values(
    new: &Side,
    owner: &Owner,
    described: &str,
    o: &EnumType,
    n: &EnumType,
    out: &mut Changes,
) {
    let values = |e: &'_ EnumType| -> BTreeMap<String, (String, String)> {
        e.members
            .iter()
            .zip(crate::emit::types::variant_names(e))
            .map(|(m, v)| (m.wire.clone(), (v, m.description.clone())))
            .collect()
    };
    let (old_values, new_values) = (values(o), values(n));
    let (page, at) = (owner.page, owner.at);
    let variant = |v: &str| format!("{}::{v}", owner.item);
    // A value whose spelling changed but whose variant did not (`private` -> `Private`) is
    // still read and matched the same; only what is written changes.
    let respelled: BTreeMap<&str, &str> = old_values
        .iter()
        .filter(|(w, _)| !new_values.contains_key(*w))
        .filter_map(|(w, (v, _))| {
            let (to, _) = new_values.iter().find(|(n, (nv, _))| {
                !old_values.contains_key(*n) && n.eq_ignore_ascii_case(w) && nv == v
            })?;
            Some((w.as_str(), to.as_str()))
        })
        .collect();
    for (wire, (v, description)) in &new_values {
        match old_values.get(wire) {
            None if respelled.values().any(|to| to == wire) => {}
            None => out.push(
                Class::Additive,
                new,
                page,
                variant(v),
                "enum-value-added",
                format!("value `{wire}` added to {described}"),
                at,
            ),
            Some((old_v, _)) if old_v != v => out.push(
                Class::Breaking,
                new,
                page,
                variant(v),
                "enum-value-renamed",
                format!("value `{wire}` of {described} is now the variant `{v}`, was `{old_v}`"),
                at,
            ),
            Some((_, old_description)) if old_description != description => out.rustdoc_only += 1,
            Some(_) => {}
        }
    }
    for (wire, (v, _)) in old_values
        .iter()
        .filter(|(w, _)| !new_values.contains_key(*w))
    {
        match respelled.get(wire.as_str()) {
            Some(to) => out.push(Class::Additive, new, page, variant(v), "enum-value-respelled",
                format!("value `{wire}` of {described} is now spelled `{to}`: the same variant, written as `{to}`"), at),
            None => out.push(Class::Breaking, new, page, variant(v), "enum-value-removed",
                format!("value `{wire}` removed from {described}"), at),
        }
    }
}

/// What a list of members belongs to: for the items, kinds and places of its changes.
pub(crate) struct Owner<'a> {
    /// The type key or request name its enums and unions are named after.
    pub key: &'a str,
    pub page: Option<&'a str>,
    /// The Rust item the members are fields of (`beta::types::Call`).
    pub item: &'a str,
    /// `property`, `body parameter` or `query parameter`.
    pub what: &'static str,
    /// Where a removed member is reported.
    pub at: Span,
}

/// Each member with the Rust field the emitter gives it.
pub(crate) type Members<'p> = Vec<(&'p Property, String)>;

/// The fields of `all` (the emitter names them in this order, so a field's name can depend
/// on the members before it), keeping those that `keep` wants.
pub(crate) fn members<'p>(all: &'p [Property], keep: impl Fn(&Property) -> bool) -> Members<'p> {
    all.iter()
        .zip(crate::emit::types::field_names(all))
        .filter(|(p, _)| keep(p))
        .map(|(p, (field, _))| (p, field))
        .collect()
}

/// Properties of a type, or parameters of a request's body or query, by JSON name.
pub(crate) fn compare_properties(
    old: &mut Side,
    new: &mut Side,
    owner: &Owner,
    old_members: &[(&Property, String)],
    new_members: &[(&Property, String)],
    out: &mut Changes,
) {
    let [added, removed, retyped, collection, renamed] = match owner.what {
        "property" => [
            "property-added",
            "property-removed",
            "property-retyped",
            "property-collection-changed",
            "property-renamed",
        ],
        "body parameter" => [
            "body-parameter-added",
            "body-parameter-removed",
            "body-parameter-retyped",
            "body-parameter-collection-changed",
            "body-parameter-renamed",
        ],
        _ => [
            "query-parameter-added",
            "query-parameter-removed",
            "query-parameter-retyped",
            "query-parameter-collection-changed",
            "query-parameter-renamed",
        ],
    };
    let by_name = |members: &'_ [(&'_ Property, String)]| -> BTreeMap<String, usize> {
        members
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.name.clone(), i))
            .collect()
    };
    let (old_by, new_by) = (by_name(old_members), by_name(new_members));
    let (what, page, at) = (owner.what, owner.page, owner.at);
    let item = |field: &str| format!("{}::{field}", owner.item);
    for (name, &i) in &new_by {
        let (n, new_field) = &new_members[i];
        let Some(&j) = old_by.get(name) else {
            let ty = rust_type(new, owner.key, n);
            out.push(
                Class::Additive,
                new,
                page,
                item(new_field),
                added,
                format!("{what} `{name}` added: `{ty}`"),
                n.span,
            );
            continue;
        };
        let (o, old_field) = &old_members[j];
        if old_field != new_field {
            out.push(
                Class::Breaking,
                new,
                page,
                item(new_field),
                renamed,
                format!("{what} `{name}` is now the field `{new_field}`, was `{old_field}`"),
                n.span,
            );
        }
        let (old_ty, new_ty) = (rust_type(old, owner.key, o), rust_type(new, owner.key, n));
        if o.collection != n.collection {
            let show = |c: bool| if c { "a collection" } else { "a single value" };
            out.push(
                Class::Breaking,
                new,
                page,
                item(new_field),
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
                item(new_field),
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
    for (name, &j) in &old_by {
        if !new_by.contains_key(name) {
            out.push(
                Class::Breaking,
                new,
                page,
                item(&old_members[j].1),
                removed,
                format!("{what} `{name}` removed"),
                at,
            );
        }
    }
}
