//! Request types: one per API page, holding the path parameters (one enum variant per
//! documented path) and the body, and yielding method, encoded path, JSON and status.

use crate::emit::code::Split;
use crate::emit::docs::{doc_attributes, doc_attrs};
use crate::emit::naming::{field_name, type_name, Scope};
use crate::emit::syntax;
use crate::emit::types::{ident, object_fields, object_struct, ObjectFields};
use crate::emit::{Context, ResponseBody};
use crate::ir::model::{PathTemplate, Request, Segment, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The query parameters a request's page documents that `support::Query` does not type
/// already: each becomes a field of `{Request}Query`.
pub fn documented_query(r: &Request) -> Vec<&crate::ir::model::Property> {
    r.query
        .iter()
        .filter(|q| {
            let name = q.name.trim();
            !name.is_empty() && !name.starts_with('$')
        })
        .collect()
}

/// Each documented query parameter's name as sent and its field in `{Request}Query`.
pub fn query_fields(r: &Request) -> Vec<(String, String)> {
    let mut scope = Scope::with_reserved(&[]);
    documented_query(r)
        .into_iter()
        .map(|q| {
            // Tables set a name in code or emphasis now and then (`_format_`).
            let wire = q.name.trim().trim_matches(['`', '_', '*']).to_string();
            let (field, _) = scope.claim(field_name(&wire));
            (wire, field)
        })
        .collect()
}

/// `{Request}Query`: the documented query parameters, typed, each sent when set.
fn query_struct(cx: &mut Context, r: &Request) -> Option<TokenStream> {
    let params = documented_query(r);
    if params.is_empty() {
        return None;
    }
    let name = request_name(cx, &r.name);
    let ty = ident(&format!("{name}Query"));
    let doc =
        format!(" The query parameters that [`{name}`]'s page documents; each is sent when set.");
    let mut fields = Vec::new();
    let mut pushes = Vec::new();
    for (q, (wire, field)) in params.into_iter().zip(query_fields(r)) {
        let field = ident(&field);
        let value = cx.rust_type(&q.ty, q.collection, &r.name, &q.name, &["types"]);
        let description = cx.rustdoc(&q.description, Some(&r.page), "types::");
        let field_doc = doc_attrs(&format!("`{wire}`: {description}"));
        fields.push(quote! {
            #field_doc
            pub #field: ::std::option::Option<#value>,
        });
        pushes.push(quote!(support::push_param(&mut pairs, #wire, &self.#field);));
    }
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #ty {
            #(#fields)*
        }

        impl support::QueryParams for #ty {
            #[inline]
            fn pairs(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                let mut pairs = ::std::vec::Vec::new();
                #(#pushes)*
                pairs
            }
        }
    })
}

/// The version a docs folder holds, by its name (`beta`, `v1.0`); `v1.0` for a folder named
/// otherwise.
pub fn api_version(folder: &str) -> &str {
    let versioned = folder == "beta"
        || folder
            .strip_prefix('v')
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    if versioned {
        folder
    } else {
        "v1.0"
    }
}

/// The `requests` module.
/// The requests module of a version. With workload features, each workload's requests are
/// a submodule of their own (see [`Split`]); the path enums that several workloads'
/// requests share stay in the module, each under the gate of those workloads.
pub fn module(cx: &mut Context) -> Split {
    let mut shared = cx.code();
    // Used by every item; unused only when features turn every item off.
    let version = api_version(&cx.ir.name);
    shared.push(quote!(
        #[allow(unused_imports)]
        use super::{support, types};

        /// The API version of these requests: the first segment of their URLs' paths.
        pub const API_VERSION: &str = #version;
    ));
    let mut code = Split::new(shared, cx.print, cx.gates.clone());
    let ir = cx.ir;
    let mut bodies = shared_bodies(cx);
    // Code that is not printed needs only what can be reported: the bodies' field names.
    if !cx.print {
        return code;
    }
    // Each path type with the requests that use it, once; it is printed before the first.
    let mut users: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (request, path_ty) in &cx.names.paths().types {
        users
            .entry(path_ty.clone())
            .or_default()
            .push(request.clone());
    }
    for (key, r) in &ir.requests {
        let path_ty = cx.names.paths().types[key].clone();
        if let Some(users) = users.remove(&path_ty) {
            let set = union_of_features(cx, &users);
            let item = path_type(cx, &path_ty, key, r, &users);
            code.push(set, item);
        }
        if let Some(fields) = bodies.fields.remove(key) {
            let users = &bodies.users[key];
            let set = union_of_features(cx, users);
            let item = body_struct(cx, users, fields);
            code.push(set, item);
        }
        let features = cx.features.as_ref().map(|f| f.of_request(&r.name));
        cx.owner_features = features.clone();
        let item = request(cx, r, bodies.first.get(key).map(String::as_str));
        // Its query parameters' struct, a rare item, is made as tokens; printed first.
        if let Some(query) = query_struct(cx, r) {
            code.push(features.clone(), query);
        }
        code.push(features, item);
    }
    code
}

/// The workload features that compile any of `requests`; `None` without workload features.
fn union_of_features(cx: &mut Context, requests: &[String]) -> Option<Vec<String>> {
    cx.features.as_mut().map(|f| {
        let set: std::collections::BTreeSet<String> =
            requests.iter().flat_map(|u| f.of_request(u)).collect();
        let set: Vec<String> = set.into_iter().collect();
        f.add_set(set.clone());
        set
    })
}

/// The body structs of a version's requests. Requests whose bodies print the same (the
/// create and update of a resource, or of resources alike, as Intune's pages document them)
/// share one struct, named after the first; each other request names it `{Name}Body` too.
struct Bodies {
    /// The first request of each group, to the fields of its struct, until it is printed.
    fields: BTreeMap<String, ObjectFields>,
    /// The first request of each group, to the requests of the group.
    users: BTreeMap<String, Vec<String>>,
    /// Each request that shares another's struct, to that first request.
    first: BTreeMap<String, String>,
}

fn shared_bodies(cx: &mut Context) -> Bodies {
    let ir = cx.ir;
    // Bodies whose fields print the same have the same property names, in the same order:
    // bodies are grouped by those names, and only within a group of more than one are the
    // fields compared.
    let mut by_names: BTreeMap<Vec<&str>, Vec<String>> = BTreeMap::new();
    let mut bodies = Bodies {
        fields: BTreeMap::new(),
        users: BTreeMap::new(),
        first: BTreeMap::new(),
    };
    for (key, r) in ir.requests.iter().filter(|(_, r)| !r.body.is_empty()) {
        // Union enums found in the body are compiled with the request.
        let features = cx.features.as_ref().map(|f| f.of_request(&r.name));
        cx.owner_features = features;
        let fields = object_fields(cx, &r.body, &r.name, Some(&r.page), &["types"]);
        let firsts = by_names
            .entry(r.body.iter().map(|p| p.name.as_str()).collect())
            .or_default();
        let shared = firsts
            .iter()
            .find(|first| bodies.fields[*first].prints_same(&fields))
            .cloned();
        match shared {
            Some(first) => {
                if let Some(users) = bodies.users.get_mut(&first) {
                    users.push(key.clone());
                }
                bodies.first.insert(key.clone(), first);
            }
            None => {
                firsts.push(key.clone());
                bodies.users.insert(key.clone(), vec![key.clone()]);
                bodies.fields.insert(key.clone(), fields);
            }
        }
    }
    bodies
}

/// The struct of the body that `users` (request keys) send, named after the first.
fn body_struct(cx: &Context, users: &[String], fields: ObjectFields) -> Vec<syn::Item> {
    let linked: Vec<String> = users
        .iter()
        .map(|u| format!("[`{}`]", request_name(cx, u)))
        .collect();
    let doc = format!("The JSON body of {}.", crate::emit::docs::and_list(&linked));
    let name = format!("{}Body", request_name(cx, &users[0]));
    object_struct(&name, &doc, fields, None)
}

/// The name of each request's path type. Requests with the same paths share one: the
/// get, update and delete of a resource name it by the words their names share
/// (`calendar-get` and `calendar-delete` share `CalendarPath`); a request with paths of its
/// own names it after itself (`CallRedirectPath`). `scope` holds the request names.
pub fn path_type_names(
    variants: &BTreeMap<String, Variants>,
    ir: &crate::ir::model::Ir,
    requests: &BTreeMap<String, String>,
    scope: &mut Scope,
) -> BTreeMap<String, String> {
    // A request's paths as its path type spells them: (variant, parameters, template).
    type Shape<'a> = Vec<(&'a str, &'a [String], String)>;
    let mut groups: BTreeMap<Shape, Vec<&str>> = BTreeMap::new();
    for (key, r) in &ir.requests {
        let shape = variants[key]
            .iter()
            .zip(&r.paths)
            .map(|((variant, params), template)| {
                (variant.as_str(), params.as_slice(), path_format(template))
            })
            .collect();
        groups.entry(shape).or_default().push(key);
    }
    // In the order of each group's first request, so that names do not depend on shapes.
    let mut groups: Vec<Vec<&str>> = groups.into_values().collect();
    groups.sort();
    let mut names = BTreeMap::new();
    for keys in groups {
        let own = format!("{}Path", requests[keys[0]]);
        let name = match keys.len() {
            1 => own,
            _ => {
                let words: Vec<Vec<&str>> = keys.iter().map(|k| k.split('-').collect()).collect();
                let shared = (0..words[0].len())
                    .take_while(|&i| words.iter().all(|w| w.len() > i + 1 && w[i] == words[0][i]))
                    .count();
                let candidate = format!("{}Path", type_name(&words[0][..shared].join(" ")));
                if shared > 0 && !scope.contains(&candidate) {
                    scope.claim(candidate).0
                } else {
                    own
                }
            }
        };
        for key in keys {
            names.insert(key.to_string(), name.clone());
        }
    }
    names
}

/// The `format!`-style template of a path: `/users/{}/calendars/{}`.
fn path_format(template: &PathTemplate) -> String {
    let mut format = String::new();
    for segment in &template.segments {
        match segment {
            // Braces are rare in a path: a segment without any is copied whole.
            Segment::Literal(l) if !l.contains(['{', '}']) => format.push_str(l),
            Segment::Literal(l) => {
                for c in l.chars() {
                    match c {
                        '{' => format.push_str("{{"),
                        '}' => format.push_str("}}"),
                        c => format.push(c),
                    }
                }
            }
            Segment::Param(_) => format.push_str("{}"),
        }
    }
    if !format.starts_with('/') {
        format.insert(0, '/');
    }
    format
}

/// The enum of the paths `users` share (each a request key), one variant per path.
fn path_type(cx: &Context, name: &str, key: &str, r: &Request, users: &[String]) -> Vec<syn::Item> {
    let string = syntax::string_type();
    let mut variants = Vec::new();
    for (template, (variant, params)) in r.paths.iter().zip(&cx.names.paths().variants[key]) {
        let fields = params
            .iter()
            .map(|p| syntax::variant_field(Vec::new(), ident(p), string.clone()));
        // The template names each parameter as the docs do; the fields need no docs of their own.
        let mut attrs = doc_attributes(&format!("`{}`", template.raw));
        let format = crate::emit::code::str_literal(&path_format(template));
        attrs.push(syntax::list_attribute("template", quote!(#format)));
        variants.push(syntax::struct_variant(attrs, ident(variant), fields));
    }
    let linked: Vec<String> = users
        .iter()
        .map(|u| format!("[`{}`]", request_name(cx, u)))
        .collect();
    let mut attrs = doc_attributes(&format!(
        "The paths of {}, with their parameters.",
        crate::emit::docs::and_list(&linked)
    ));
    // A shared enum's name depends on which requests share it, which the docs may change:
    // the API is each request's `{Name}Path`, and the shared name is hidden from it.
    if users.len() > 1 {
        attrs.push(syntax::list_attribute("doc", quote!(hidden)));
    }
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Debug, Clone, PartialEq, Eq, Hash, support::Path),
    ));
    attrs.push(syntax::word_attribute("non_exhaustive"));
    vec![syntax::public_enum(attrs, ident(name), variants)]
}

/// Whether a request's `new` takes a body: parameters of its own (`{Name}Body`), or a
/// documented resource it sends (a create or an update).
pub fn takes_body(cx: &Context, r: &Request) -> bool {
    !r.body.is_empty()
        || matches!(&r.body_type, Some(TypeRef::Named(key)) if cx.names.types.contains_key(key))
}

/// The type of the body a request's `new` takes, as the `requests` module names it; `None`
/// when [`takes_body`] says it takes none. A base type's body can be any type derived from
/// it (a `message` or an `eventMessage`), so it is the base's family.
pub fn body_type(cx: &mut Context, r: &Request) -> Option<syn::Type> {
    if !takes_body(cx, r) {
        return None;
    }
    if !r.body.is_empty() {
        let body = format!("{}Body", request_name(cx, &r.name));
        return Some(syntax::named_type(&[&body]));
    }
    let Some(TypeRef::Named(key)) = &r.body_type else {
        return None;
    };
    let name = match cx.has_derived(key) {
        true => cx.family_name(key),
        false => cx.names.types[key].clone(),
    };
    Some(syntax::named_type(&["types", &name]))
}

/// The Rust name of a request type (`CallRedirect`).
pub fn request_name(cx: &Context, request: &str) -> String {
    cx.names
        .requests
        .get(request)
        .cloned()
        .unwrap_or_else(|| type_name(request))
}

/// Each path's variant name and its parameters' field names, in the order of the paths.
pub type Variants = Vec<(String, Vec<String>)>;

/// The path variants of every request, by request key.
pub fn all_path_variants(ir: &crate::ir::model::Ir) -> BTreeMap<String, Variants> {
    // Requests share their paths (`/me/...` and `/users/{id}/...` again and again), and
    // recasing a name costs more than looking it up.
    let mut recased = Recased::default();
    ir.requests
        .iter()
        .map(|(key, r)| (key.clone(), path_variants(&r.paths, &mut recased)))
        .collect()
}

/// [`type_name`] and [`field_name`], each worked out once per distinct text.
#[derive(Default)]
struct Recased {
    types: BTreeMap<String, String>,
    fields: BTreeMap<String, String>,
}

impl Recased {
    fn type_name(&mut self, text: &str) -> String {
        Recased::get(&mut self.types, text, type_name)
    }

    fn field_name(&mut self, text: &str) -> String {
        Recased::get(&mut self.fields, text, field_name)
    }

    fn get(done: &mut BTreeMap<String, String>, text: &str, recase: fn(&str) -> String) -> String {
        if let Some(name) = done.get(text) {
            return name.clone();
        }
        let name = recase(text);
        done.insert(text.to_string(), name.clone());
        name
    }
}

/// Variant names and parameter names of each path, as the emitted enum spells them
/// (computed once per request: [`super::Names::variants`]).
fn path_variants(paths: &[PathTemplate], recased: &mut Recased) -> Variants {
    let mut scope = Scope::camel(&[]);
    paths
        .iter()
        .map(|p| {
            let mut marked = String::new();
            for s in &p.segments {
                if let Segment::Literal(l) = s {
                    marked.push_str(l);
                } else {
                    marked.push('{');
                }
            }
            let literals: Vec<String> = marked
                .split(['/', '(', ')', ',', '=', '\''])
                .filter(|w| !w.is_empty() && !w.contains('{'))
                .map(str::to_string)
                .collect();
            let prefix = if literals.len() > 1 {
                literals[..literals.len() - 1].join(" ")
            } else {
                literals.join(" ")
            };
            let base = if prefix.is_empty() {
                "Root".to_string()
            } else {
                recased.type_name(&prefix)
            };
            let (variant, _) = scope.claim(base);
            let mut params = Scope::with_reserved(&[]);
            let names = p
                .segments
                .iter()
                .filter_map(|s| {
                    if let Segment::Param(param) = s {
                        Some(params.claim(recased.field_name(&param.name)).0)
                    } else {
                        None
                    }
                })
                .collect();
            (variant, names)
        })
        .collect()
}

/// The request type of `r`; `shared_body` is the request whose body struct it sends, when
/// that is another's.
fn request(cx: &mut Context, r: &Request, shared_body: Option<&str>) -> Vec<syn::Item> {
    let name = request_name(cx, &r.name);
    let ty = ident(&name);
    // Requests with the same paths share one enum; each also names it `{Name}Path`, a name
    // that depends on its own page only, so that it stays when the sharing changes.
    let shared = &cx.names.paths().types[&r.name];
    let path_ty = ident(&format!("{name}Path"));
    let path_alias = (*shared != format!("{name}Path")).then(|| {
        let target = ident(shared);
        quote!(= #target)
    });
    let has_body = !r.body.is_empty();
    let body_alias = shared_body.map(|first| {
        let own = ident(&format!("{name}Body"));
        let first = ident(&format!("{}Body", request_name(cx, first)));
        (own, first)
    });
    let method = match r.method.as_str() {
        "GET" => quote!(Get),
        "POST" => quote!(Post),
        "PATCH" => quote!(Patch),
        "PUT" => quote!(Put),
        "DELETE" => quote!(Delete),
        "HEAD" => quote!(Head),
        _ => quote!(Options),
    };
    let status = match r.response_status {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let mut fields = vec![syntax::public_field(
        doc_attributes("Which path to use, and its parameters."),
        ident("path"),
        syntax::path_type(syntax::path([path_ty.clone()])),
    )];
    let body_arg = match body_type(cx, r) {
        Some(body) => {
            let doc = match has_body {
                true => "The JSON body.",
                false => "The JSON body: the resource itself.",
            };
            let arg = match &body_alias {
                Some((own, first)) => quote!(, body: #first as #own),
                None => quote!(, body: #body),
            };
            fields.push(syntax::public_field(
                doc_attributes(doc),
                ident("body"),
                body,
            ));
            arg
        }
        None => quote!(),
    };
    let response_body = cx.response_body(r);
    let (read, response) = cx
        .response_type(
            &response_body,
            &syntax::path([ident("types")]),
            &syntax::path([ident("support")]),
        )
        .unwrap_or_else(|| (quote!(read_json), syntax::json_value_type()));
    // With a `{Name}Query` of its documented query parameters (see `query_struct`).
    let query_arg = match !documented_query(r).is_empty() {
        true => {
            let query_ty = ident(&format!("{name}Query"));
            fields.push(syntax::public_field(
                doc_attributes("The query parameters the docs list for it."),
                ident("query"),
                syntax::path_type(syntax::path([query_ty])),
            ));
            quote!(; query)
        }
        false => quote!(),
    };
    let response_ty = ident(&format!("{name}Response"));
    let mut doc = cx.rustdoc(&r.description, Some(&r.page), "types::");
    doc.push_str(&format!(
        "\n\n`{}` on each path of [`{}`].\n",
        r.method, path_ty
    ));
    let permissions: Vec<String> = r
        .permissions
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.permission_type,
                if p.permissions.is_empty() {
                    "not supported".to_string()
                } else {
                    p.permissions.join(", ")
                }
            )
        })
        .collect();
    if !permissions.is_empty() {
        doc.push_str(&format!(
            "\nPermissions: {}.\n",
            crate::emit::docs::rustdoc(&permissions.join("; "), &|_| None)
        ));
    }
    doc.push_str(match response_body {
        ResponseBody::None => "\nSucceeds with no body: its `Response` is `()`.\n",
        ResponseBody::Any => "\nThe docs name no type for what it returns, so its `Response` is any JSON (`serde_json::Value`).\n",
        ResponseBody::Bytes => "\nReturns a body that is not JSON: its `Response` is the bytes.\n",
        ResponseBody::Json { .. } => "",
    });

    doc.push_str(&format!("\nDocumented in `{}`.", r.page));
    let mut attrs = doc_attributes(&doc);
    attrs.push(syntax::list_attribute("derive", quote!(Clone, PartialEq)));
    attrs.push(syntax::word_attribute("non_exhaustive"));
    let call = quote!(#ty(#path_ty #path_alias #body_arg), #method, #status, #read as #response_ty = #response #query_arg);
    vec![
        syntax::public_struct(attrs, ty, fields),
        syntax::macro_item(syntax::path([ident("support"), ident("request")]), call),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template's parameters become `{}`, and braces in its text are doubled, as
    /// `format!` reads them.
    #[test]
    fn path_formats_double_the_braces_of_their_text() {
        let literal = |text: &str| Segment::Literal(text.to_string());
        let param = Segment::Param(crate::ir::model::PathParam {
            raw: "id".into(),
            name: "id".into(),
        });
        let template = |segments| PathTemplate {
            raw: String::new(),
            segments,
            span: crate::source::Span::new(crate::source::FileId(0), 0..0),
        };
        assert_eq!(
            path_format(&template(vec![
                literal("users/"),
                param.clone(),
                literal("/x")
            ])),
            "/users/{}/x"
        );
        assert_eq!(
            path_format(&template(vec![literal("/a{b}/"), param, literal("}é{")])),
            "/a{{b}}/{}}}é{{"
        );
    }

    fn page(title: &str, lines: &str) -> String {
        format!("# {title}\n\nDoes it.\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{lines}\n```\n")
    }

    /// The path type of each request, with `taken` names already in use.
    fn names(ir: &crate::ir::model::Ir, taken: &[&str]) -> BTreeMap<String, String> {
        let mut scope = Scope::camel(taken);
        let requests: BTreeMap<String, String> = ir
            .requests
            .keys()
            .map(|k| (k.clone(), scope.claim(type_name(k)).0))
            .collect();
        path_type_names(&all_path_variants(ir), ir, &requests, &mut scope)
    }

    /// A text recased once as a type name and once as a field name is each, wherever it
    /// comes first: `messages` names a path's variant and a parameter of another path.
    #[test]
    fn path_names_recased_once_are_recased_each_way() {
        let lines = "GET /messages/{id}/reply\nGET /chats/{messages}";
        let (ir, _) = crate::ir::resolve::model_of(&[(
            "beta/api/message-get.md",
            &page("Get message", lines),
        )]);
        let variants = all_path_variants(&ir);
        let [(key, paths)] = variants.iter().collect::<Vec<_>>()[..] else {
            panic!("one request: {variants:?}");
        };
        assert_eq!(key, "message-get");
        assert_eq!(
            paths,
            &[
                ("Messages".to_string(), vec!["message_id".to_string()]),
                ("Chats".to_string(), vec!["messages".to_string()])
            ]
        );
    }

    #[test]
    fn requests_with_the_same_paths_share_a_type_named_by_the_words_they_share() {
        let get = page("Get widget", "GET /widgets/{id}\nGET /me/widgets/{id}");
        let update = page(
            "Update widget",
            "PATCH /widgets/{id}\nPATCH /me/widgets/{id}",
        );
        let delete = page("Delete widget", "DELETE /widgets/{id}");
        let other = page("Get gadget", "GET /gadgets/{id}");
        let (ir, _) = crate::ir::resolve::model_of(&[
            ("beta/api/widget-get.md", &get),
            ("beta/api/widget-update.md", &update),
            ("beta/api/widget-delete.md", &delete),
            ("beta/api/gadget-get.md", &other),
        ]);
        let names = names(&ir, &[]);
        assert_eq!(names["widget-get"], "WidgetPath");
        assert_eq!(names["widget-update"], "WidgetPath");
        // Paths of its own: named after the request, as before any sharing.
        assert_eq!(names["widget-delete"], "WidgetDeletePath");
        assert_eq!(names["gadget-get"], "GadgetGetPath");
    }

    #[test]
    fn a_shared_path_enum_is_hidden_and_each_request_names_it_by_its_own_name() {
        let (ir, _) = crate::ir::resolve::model_of(&[
            (
                "beta/api/widget-get.md",
                &page("Get widget", "GET /widgets/{id}"),
            ),
            (
                "beta/api/widget-update.md",
                &page("Update widget", "PATCH /widgets/{id}"),
            ),
            (
                "beta/api/gadget-get.md",
                &page("Get gadget", "GET /gadgets/{id}"),
            ),
        ]);
        let sources = crate::source::SourceMap::default();
        let code = module(&mut Context::new(&ir, &sources))
            .shared
            .finish()
            .unwrap();
        let shared = code.find("pub enum WidgetPath").expect("the shared enum");
        let hidden = code[..shared].rfind("#[doc(hidden)]").expect("hidden");
        assert!(!code[hidden..shared].contains("pub "), "{code}");
        // `support::request!` declares `{Name}Path = Shared` as a type alias.
        let compact: String = code.split_whitespace().collect();
        assert!(compact.contains("(WidgetGetPath=WidgetPath)"), "{code}");
        assert!(compact.contains("(WidgetUpdatePath=WidgetPath)"), "{code}");
        // A path enum of one request is its own, by its own name, and public.
        let own = code.find("pub enum GadgetGetPath").expect("its own enum");
        assert!(
            !code[own.saturating_sub(200)..own].contains("doc(hidden)"),
            "{code}"
        );
        assert!(!compact.contains("GadgetGetPath="), "{code}");
    }

    #[test]
    fn requests_whose_bodies_print_the_same_share_one_struct_named_after_the_first() {
        let with_body = |title: &str, line: &str, rows: &str| {
            format!(
                "{}\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n{rows}\n",
                page(title, line)
            )
        };
        let rows = "| name | String | The name. |\n| size | Int32 | The size. |";
        let (ir, _) = crate::ir::resolve::model_of(&[
            (
                "beta/api/widget-create.md",
                &with_body("Create widget", "POST /widgets", rows),
            ),
            (
                "beta/api/gadget-create.md",
                &with_body("Create gadget", "POST /gadgets", rows),
            ),
            (
                "beta/api/widget-update.md",
                &with_body("Update widget", "PATCH /widgets/{id}", rows),
            ),
            // One word of its docs differs: a struct of its own.
            (
                "beta/api/thing-create.md",
                &with_body(
                    "Create thing",
                    "POST /things",
                    &rows.replace("The size.", "Its size."),
                ),
            ),
            // Its size is of another type: a struct of its own too.
            (
                "beta/api/bolt-create.md",
                &with_body(
                    "Create bolt",
                    "POST /bolts",
                    &rows.replace("Int32", "Int64"),
                ),
            ),
            // The same as thing's, the third struct of the bodies with these property
            // names (bolt's, gadget's, thing's, in request order): thing's struct.
            (
                "beta/api/thing-update.md",
                &with_body(
                    "Update thing",
                    "PATCH /things/{id}",
                    &rows.replace("The size.", "Its size."),
                ),
            ),
        ]);
        let sources = crate::source::SourceMap::default();
        let code = module(&mut Context::new(&ir, &sources))
            .shared
            .finish()
            .unwrap();
        assert_eq!(
            code.matches("pub struct GadgetCreateBody {").count(),
            1,
            "{code}"
        );
        assert!(
            code.contains(
                "/// The JSON body of [`GadgetCreate`], [`WidgetCreate`] and [`WidgetUpdate`].\n"
            ),
            "{code}"
        );
        assert!(code.contains("pub struct ThingCreateBody {"), "{code}");
        assert!(code.contains("pub struct BoltCreateBody {"), "{code}");
        for own in ["WidgetCreateBody", "WidgetUpdateBody"] {
            assert!(!code.contains(&format!("pub struct {own}")), "{code}");
        }
        // `support::request!` declares each other request's `{Name}Body` as an alias.
        let compact: String = code.split_whitespace().collect();
        assert!(
            compact.contains("body:GadgetCreateBodyasWidgetCreateBody)"),
            "{code}"
        );
        assert!(
            compact.contains("body:GadgetCreateBodyasWidgetUpdateBody)"),
            "{code}"
        );
        assert!(compact.contains("body:GadgetCreateBody)"), "{code}");
        assert!(compact.contains("body:ThingCreateBody)"), "{code}");
        assert!(
            compact.contains("body:ThingCreateBodyasThingUpdateBody)"),
            "{code}"
        );
        assert!(!code.contains("pub struct ThingUpdateBody"), "{code}");
    }

    #[test]
    fn a_shared_name_that_is_taken_falls_back_to_the_first_request() {
        let lines = "GET /widgets/{id}";
        let (ir, _) = crate::ir::resolve::model_of(&[
            ("beta/api/widget-get.md", &page("Get widget", lines)),
            ("beta/api/widget-list.md", &page("List widget", lines)),
        ]);
        let names = names(&ir, &["WidgetPath"]);
        assert_eq!(names["widget-get"], "WidgetGetPath");
        assert_eq!(names["widget-list"], "WidgetGetPath");
    }
}
