//! Request types: one per API page, holding the path parameters (one enum variant per
//! documented path) and the body, and yielding method, encoded path, JSON and status.

use crate::emit::code::Printed;
use crate::emit::docs::doc_attrs;
use crate::emit::naming::{field_name, type_name, Scope};
use crate::emit::types::{ident, object_struct};
use crate::emit::Context;
use crate::ir::model::{PathTemplate, Request, Segment};
use proc_macro2::TokenStream;
use quote::quote;

/// The `requests` module.
pub fn module(cx: &mut Context) -> Printed {
    let mut code = cx.code();
    let ir = cx.ir;
    for r in ir.requests.values() {
        let cfg = cx.cfg_request(&r.name);
        cx.owner_cfg = cfg.clone();
        let item = request(cx, r);
        code.push_gated(&cfg, item);
    }
    code
}

/// The Rust name of a request type (`CallRedirect`).
pub fn request_name(cx: &Context, request: &str) -> String {
    cx.names
        .requests
        .get(request)
        .cloned()
        .unwrap_or_else(|| type_name(request))
}

/// Variant names and parameter names of each path, as the emitted enum spells them.
pub fn path_variants(paths: &[PathTemplate]) -> Vec<(String, Vec<String>)> {
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
                type_name(&prefix)
            };
            let (variant, _) = scope.claim(base);
            let mut params = Scope::with_reserved(&[]);
            let names = p
                .segments
                .iter()
                .filter_map(|s| {
                    if let Segment::Param(param) = s {
                        Some(params.claim(field_name(&param.name)).0)
                    } else {
                        None
                    }
                })
                .collect();
            (variant, names)
        })
        .collect()
}

fn request(cx: &mut Context, r: &Request) -> TokenStream {
    let name = request_name(cx, &r.name);
    let ty = ident(&name);
    let path_ty = ident(&format!("{name}Path"));
    let body_name = format!("{name}Body");
    let body_ty = ident(&body_name);
    let has_body = !r.body.is_empty();
    let body_item = has_body.then(|| {
        let doc = format!("The JSON body of [`{name}`].");
        object_struct(
            cx,
            &body_name,
            &doc,
            &r.body,
            &r.name,
            Some(&r.page),
            None,
            quote!(super::types::),
        )
    });
    let variants = path_variants(&r.paths);
    let mut decl = Vec::new();
    let mut arms = Vec::new();
    for (template, (variant, params)) in r.paths.iter().zip(&variants) {
        let v = ident(variant);
        let fields: Vec<_> = params.iter().map(|p| ident(p)).collect();
        let doc = doc_attrs(&format!("`{}`", template.raw));
        let field_docs = template.segments.iter().filter_map(|s| {
            if let Segment::Param(p) = s {
                Some(format!(" The `{{{}}}` segment.", p.raw))
            } else {
                None
            }
        });
        decl.push(quote!(#doc #v { #( #[doc = #field_docs] #fields: ::std::string::String, )* },));
        let mut format = String::new();
        for segment in &template.segments {
            match segment {
                Segment::Literal(l) => format.push_str(&l.replace('{', "{{").replace('}', "}}")),
                Segment::Param(_) => format.push_str("{}"),
            }
        }
        if !format.starts_with('/') {
            format.insert(0, '/');
        }
        arms.push(quote! {
            #path_ty::#v { #(#fields),* } => ::std::format!(#format #(, super::support::encode_segment(#fields))*),
        });
    }
    let method = match r.method.as_str() {
        "GET" => quote!(Get),
        "POST" => quote!(Post),
        "PATCH" => quote!(Patch),
        "PUT" => quote!(Put),
        "DELETE" => quote!(Delete),
        "HEAD" => quote!(Head),
        _ => quote!(Options),
    };
    let (status_const, status_value) = match r.response_status {
        Some(s) => (
            quote!(
                /// The status code the docs give for success.
                pub const EXPECTED_STATUS: u16 = #s;
            ),
            quote!(::std::option::Option::Some(#s)),
        ),
        None => (quote!(), quote!(::std::option::Option::None)),
    };
    // A base type's body can be any type derived from it (a `message` or an `eventMessage`).
    let resource_body = match (&r.body_type, has_body) {
        (Some(crate::ir::model::TypeRef::Named(key)), false) if cx.has_derived(key) => {
            Some(ident(&cx.family_name(key)))
        }
        (Some(crate::ir::model::TypeRef::Named(key)), false) => {
            cx.names.types.get(key).map(|n| ident(n))
        }
        _ => None,
    };
    let (body_field, body_json) = if let Some(resource) = resource_body {
        (
            quote!(
                /// The JSON body: the resource itself.
                pub body: super::types::#resource,
            ),
            quote!(::std::option::Option::Some(::serde_json::to_vec(
                &self.body
            ))),
        )
    } else if has_body {
        (
            quote!(
                /// The JSON body.
                pub body: #body_ty,
            ),
            quote!(::std::option::Option::Some(::serde_json::to_vec(
                &self.body
            ))),
        )
    } else {
        (quote!(), quote!(::std::option::Option::None))
    };
    let mut doc = cx.rustdoc(&r.description, Some(&r.page), "super::types::");
    doc.push_str("\n\n");
    for p in &r.paths {
        doc.push_str(&format!("- `{} {}`\n", r.method, p.raw));
    }
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
    if !r.query.is_empty() {
        doc.push_str("\nQuery parameters the docs list (pass them to `path_with_query`):\n\n");
        for q in &r.query {
            let description =
                crate::emit::docs::rustdoc(&q.description, &|_| None).replace('\n', " ");
            doc.push_str(&format!("- `{}`: {description}\n", q.name.replace('`', "")));
        }
    }
    doc.push_str(&format!("\nDocumented in `{}`.", r.page));
    let doc = doc_attrs(&doc);
    let path_doc = doc_attrs(&format!("The paths of [`{name}`], with their parameters."));
    quote! {
        #body_item

        #path_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #path_ty {
            #(#decl)*
        }

        impl #path_ty {
            /// The path, with each parameter percent-encoded.
            pub fn to_path(&self) -> ::std::string::String {
                match self {
                    #(#arms)*
                }
            }
        }

        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #ty {
            /// Which path to use, and its parameters.
            pub path: #path_ty,
            #body_field
        }

        impl #ty {
            /// The HTTP method.
            pub const METHOD: super::support::Method = super::support::Method::#method;
            #status_const

            /// The path below the service root, percent-encoded.
            pub fn path(&self) -> ::std::string::String {
                self.path.to_path()
            }

            /// The path with query options (`$select`, `$filter`, `$top`, or the ones the
            /// docs list for this request), percent-encoded.
            pub fn path_with_query(&self, query: &[(&str, &str)]) -> ::std::string::String {
                ::std::format!("{}{}", self.path.to_path(), super::support::encode_query(query))
            }
        }

        impl super::support::Request for #ty {
            fn method(&self) -> super::support::Method {
                Self::METHOD
            }

            fn path(&self) -> ::std::string::String {
                self.path.to_path()
            }

            fn body_json(&self) -> ::std::option::Option<::serde_json::Result<::std::vec::Vec<u8>>> {
                #body_json
            }

            fn expected_status(&self) -> ::std::option::Option<u16> {
                #status_value
            }
        }
    }
}
