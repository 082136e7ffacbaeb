//! Changes to requests: added and removed, their paths, method, body, query parameters,
//! expected status, response type and permissions.

use super::types::{compare_properties, members, Members, Owner};
use super::{Changes, Class, Side};
use crate::emit::requests::{documented_query, query_fields, request_name};
use crate::ir::model::{PathTemplate, Request, Segment};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};

/// A path with its parameters blanked (`/app/calls/{}/redirect`): the same path whatever
/// its parameters are called.
fn shape(path: &PathTemplate) -> String {
    path.segments
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.as_str(),
            Segment::Param(_) => "{}",
        })
        .collect()
}

/// Each permission as `type: name` (`Application: Calls.Initiate.All`).
fn permissions(r: &Request) -> BTreeSet<String> {
    r.permissions
        .iter()
        .flat_map(|p| {
            let names = if p.permissions.is_empty() {
                vec!["not supported".to_string()]
            } else {
                p.permissions.clone()
            };
            names
                .into_iter()
                .map(move |n| format!("{}: {n}", p.permission_type))
        })
        .collect()
}

/// `name`, a module at the root of the generated version's modules (`types`).
fn in_crate(name: &str) -> syn::Path {
    crate::emit::syntax::path([crate::emit::syntax::ident(name)])
}

fn response(side: &mut Side, r: &Request) -> String {
    let body = side.cx.response_body(r);
    side.cx
        .response_type(&body, &in_crate("types"), &in_crate("support"))
        .map_or("::serde_json::Value".to_string(), |(_, ty)| {
            ty.to_token_stream().to_string().replace(' ', "")
        })
}

/// The Rust type of the body `new` takes, if it takes one, as the emitter names it.
fn body(side: &mut Side, r: &Request) -> Option<String> {
    crate::emit::requests::body_type(&mut side.cx, r)
        .map(|t| t.to_token_stream().to_string().replace(' ', ""))
}

/// The documented query parameters with their fields in `{Name}Query`.
fn query_members(r: &Request) -> Members<'_> {
    documented_query(r)
        .into_iter()
        .zip(query_fields(r))
        .map(|(q, (_, field))| (q, field))
        .collect()
}

/// Requests keyed case-blind: a page that changed the case of its file name is the same page.
pub(crate) fn by_key(requests: &BTreeMap<String, Request>) -> BTreeMap<String, &String> {
    requests.keys().map(|k| (k.to_lowercase(), k)).collect()
}

pub(crate) fn compare(old: &mut Side, new: &mut Side, out: &mut Changes) {
    let (old_ir, new_ir) = (old.ir, new.ir);
    let old_keys = by_key(&old_ir.requests);
    let new_keys = by_key(&new_ir.requests);
    let signature = |r: &Request| -> (String, BTreeSet<String>) {
        (r.method.clone(), r.paths.iter().map(shape).collect())
    };
    let added: Vec<&String> = new_keys
        .iter()
        .filter(|(k, _)| !old_keys.contains_key(*k))
        .map(|(_, k)| *k)
        .collect();
    let removed: Vec<&String> = old_keys
        .iter()
        .filter(|(k, _)| !new_keys.contains_key(*k))
        .map(|(_, k)| *k)
        .collect();
    for (lower, new_key) in &new_keys {
        if let Some(old_key) = old_keys.get(lower) {
            compare_request(old, new, (old_key, new_key), out);
        }
    }
    for key in &removed {
        let r = &old_ir.requests[*key];
        let item = old.request_path(&request_name(&old.cx, key));
        out.push(
            Class::Breaking,
            old,
            Some(&r.page),
            item,
            "request-removed",
            format!(
                "request `{}` ({} {}) removed",
                r.name,
                r.method,
                r.paths.first().map_or("", |p| p.raw.as_str())
            ),
            r.span,
        );
        let mine = signature(r);
        if let Some(to) = added
            .iter()
            .find(|k| signature(&new_ir.requests[**k]) == mine)
        {
            super::types::note_last(
                out,
                format!("looks like a rename to `{to}`: the same method and paths"),
            );
        }
    }
    for key in &added {
        let r = &new_ir.requests[*key];
        let item = new.request_path(&request_name(&new.cx, key));
        out.push(
            Class::Additive,
            new,
            Some(&r.page),
            item,
            "request-added",
            format!(
                "request `{}` ({} {}) added",
                r.name,
                r.method,
                r.paths.first().map_or("", |p| p.raw.as_str())
            ),
            r.span,
        );
        let mine = signature(r);
        if let Some(from) = removed
            .iter()
            .find(|k| signature(&old_ir.requests[**k]) == mine)
        {
            super::types::note_last(
                out,
                format!("looks like a rename of `{from}`: the same method and paths"),
            );
        }
    }
}

/// Each path of the request `key` of `side` by its shape, with its Rust variant and
/// parameter names as the side's emitter named them.
fn variants<'s>(
    side: &'s Side,
    key: &str,
) -> BTreeMap<String, (&'s str, &'s [String], &'s PathTemplate)> {
    let names = &side.cx.names.paths().variants[key];
    side.ir.requests[key]
        .paths
        .iter()
        .zip(names)
        .map(|(p, (v, params))| (shape(p), (v.as_str(), params.as_slice(), p)))
        .collect()
}

/// Compares the request `keys.0` of the old side with `keys.1` of the new.
fn compare_request(old: &mut Side, new: &mut Side, keys: (&str, &str), out: &mut Changes) {
    let (o, n) = (&old.ir.requests[keys.0], &new.ir.requests[keys.1]);
    let page = Some(n.page.as_str());
    let old_name = request_name(&old.cx, &o.name);
    let new_name = request_name(&new.cx, &n.name);
    let item = new.request_path(&new_name);
    let at = n.span;
    if old_name != new_name {
        out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "request-renamed",
            format!(
                "request `{}` is now `{new_name}` in Rust, was `{old_name}`",
                n.name
            ),
            at,
        );
    }
    // `{Name}Path` names the path enum whichever requests share it, so it follows the request.
    let new_paths = &format!("{new_name}Path");
    if o.method != n.method {
        out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "method-changed",
            format!("method of `{new_name}`: {} -> {}", o.method, n.method),
            at,
        );
    }
    let (old_v, new_v) = (variants(old, keys.0), variants(new, keys.1));
    for (shape, (variant, params, path)) in &new_v {
        match old_v.get(shape) {
            None => out.push(Class::Additive, new, page, format!("{}::{variant}", new.request_path(new_paths)), "path-added",
                format!("path `{}` added to `{new_name}`", path.raw), path.span),
            Some((old_variant, old_params, _)) if old_variant != variant || old_params != params => {
                out.push(Class::Breaking, new, page, format!("{}::{variant}", new.request_path(new_paths)), "path-parameter-renamed",
                    format!("path `{}` of `{new_name}`: `{old_variant} {{ {} }}` -> `{variant} {{ {} }}`", path.raw, old_params.join(", "), params.join(", ")), path.span)
            }
            Some(_) => {}
        }
    }
    for (shape, (variant, _, path)) in &old_v {
        if !new_v.contains_key(shape) {
            out.push(
                Class::Breaking,
                new,
                page,
                format!("{}::{variant}", new.request_path(new_paths)),
                "path-removed",
                format!("path `{}` removed from `{new_name}`", path.raw),
                at,
            );
        }
    }
    // The body `new` takes: gaining, losing or retyping it changes `new`'s signature.
    let (old_body, new_body) = (body(old, o), body(new, n));
    match (&old_body, &new_body) {
        (None, Some(b)) => out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "body-added",
            format!("`{new_name}` now takes a body, `{b}`: `new` takes it"),
            at,
        ),
        (Some(b), None) => out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "body-removed",
            format!("`{new_name}` no longer takes a body (was `{b}`)"),
            at,
        ),
        (Some(a), Some(b)) if a != b => out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "body-retyped",
            format!("body of `{new_name}`: `{a}` -> `{b}`"),
            at,
        ),
        _ => {}
    }
    if !o.body.is_empty() && !n.body.is_empty() {
        let body_item = new.request_path(&format!("{new_name}Body"));
        let owner = Owner {
            key: &n.name,
            page,
            item: &body_item,
            what: "body parameter",
            at,
        };
        let (ob, nb) = (members(&o.body, |_| true), members(&n.body, |_| true));
        compare_properties(old, new, &owner, &ob, &nb, out);
    }
    let query_item = new.request_path(&format!("{new_name}Query"));
    let owner = Owner {
        key: &n.name,
        page,
        item: &query_item,
        what: "query parameter",
        at,
    };
    compare_properties(old, new, &owner, &query_members(o), &query_members(n), out);
    if o.response_status != n.response_status {
        let show = |s: Option<u16>| s.map_or("none".to_string(), |s| s.to_string());
        out.push(
            Class::Additive,
            new,
            page,
            item.clone(),
            "status-changed",
            format!(
                "expected status of `{new_name}`: {} -> {}",
                show(o.response_status),
                show(n.response_status)
            ),
            at,
        );
    }
    let (old_response, new_response) = (response(old, o), response(new, n));
    if old_response != new_response {
        out.push(
            Class::Breaking,
            new,
            page,
            item.clone(),
            "response-retyped",
            format!("`{new_name}` returns `{new_response}`, returned `{old_response}`"),
            at,
        );
    }
    let (old_perms, new_perms) = (permissions(o), permissions(n));
    if old_perms != new_perms {
        let listed = |sign: &str, a: &BTreeSet<String>, b: &BTreeSet<String>| {
            a.difference(b)
                .map(|p| format!("{sign}{p}"))
                .collect::<Vec<_>>()
        };
        let mut changed = listed("+", &new_perms, &old_perms);
        changed.extend(listed("-", &old_perms, &new_perms));
        out.push(
            Class::DocsOnly,
            new,
            page,
            item,
            "permissions-changed",
            format!("permissions of `{new_name}`: {}", changed.join("; ")),
            at,
        );
    }
    if o.description != n.description || o.title != n.title {
        out.rustdoc_only += 1;
    }
}
