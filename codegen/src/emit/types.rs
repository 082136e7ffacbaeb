//! Resource types: a struct per object type, an enum per enum type and per "Possible
//! values" list, an enum per union, and the `Resource` / `AnyValue` pair that reads any
//! documented type by its `@odata.type`.

use crate::emit::code::Printed;
use crate::emit::docs::doc_attrs;
use crate::emit::naming::{field_name, type_name, Scope};
use crate::emit::Context;
use crate::ir::model::{EnumType, Property, PropertyOrigin, TypeKind, TypeRef};
use crate::ir::typeref::Primitive;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The `types` module.
pub fn module(cx: &mut Context) -> Printed {
    let mut code = cx.code();
    let ir = cx.ir;
    for (key, def) in &ir.types.types {
        let name = cx.names.types[key].clone();
        let cfg = cx.cfg_type(key);
        // Union enums found in this type's properties are compiled with it.
        cx.owner_cfg = cfg.clone();
        let mut doc = cx.rustdoc(&def.description, def.page.as_deref(), "");
        if let Some(page) = &def.page {
            let under = match &def.kind {
                TypeKind::Enum(EnumType {
                    section: Some(heading),
                    ..
                }) => format!(" under \"{heading}\""),
                _ => String::new(),
            };
            doc.push_str(&format!(
                "\n\n`{}`, documented in `{page}`{under}.",
                def.qualified_name
            ));
        }
        if !def.also_documented_in.is_empty() {
            let others: Vec<String> = def
                .also_documented_in
                .iter()
                .map(|p| format!("`{p}`"))
                .collect();
            doc.push_str(&format!(
                " Also documented in {}; the page above is used.",
                others.join(", ")
            ));
        }
        match &def.kind {
            TypeKind::Object(o) => {
                let owner = def.name.clone();
                let mut notes = Vec::new();
                if o.open_type {
                    notes.push("An open type: properties beyond the documented ones are expected and kept in `additional_properties`.".to_string());
                }
                if let Some(k) = &o.key_property {
                    notes.push(format!("Key property: `{k}`."));
                }
                for n in notes {
                    doc.push_str("\n\n");
                    doc.push_str(&n);
                }
                let graph_name = def.page.is_some().then_some(def.qualified_name.as_str());
                let item = object_struct(
                    cx,
                    &name,
                    &doc,
                    &o.properties,
                    &owner,
                    def.page.as_deref(),
                    graph_name,
                    quote!(),
                );
                code.push_gated(&cfg, item);
            }
            TypeKind::Enum(e) => {
                let graph_name = def.page.is_some().then_some(def.qualified_name.as_str());
                let item = enum_type(&name, &doc, e, graph_name, &def.qualified_name);
                code.push_gated(&cfg, item);
            }
        }
    }
    for module in namespace_modules(cx) {
        code.push(module);
    }
    code.push(resource_enum(cx));
    let empty = cx.code();
    let unions = std::mem::replace(&mut cx.unions, empty);
    code.append(unions);
    code
}

/// `pub mod call_records { pub use super::CallRecordsMediaStream as MediaStream; ... }`: each
/// namespace below `microsoft.graph` as a module that names its types as the docs do.
fn namespace_modules(cx: &Context) -> Vec<TokenStream> {
    let mut modules: std::collections::BTreeMap<String, Vec<TokenStream>> = Default::default();
    for (key, def) in &cx.ir.types.types {
        let Some(ns) = crate::emit::namespace(def) else {
            continue;
        };
        let full = ident(&cx.names.types[key]);
        let short = ident(&type_name(&def.name));
        let cfg = cx.cfg_type(key);
        modules
            .entry(field_name(&ns.replace('.', "_")))
            .or_default()
            .push(quote!(#cfg pub use super::#full as #short;));
    }
    modules
        .into_iter()
        .map(|(module, uses)| {
            let module = ident(&module);
            let doc = format!(
                " The types of the `{module}` namespace under the names the docs give them."
            );
            quote! {
                #[doc = #doc]
                pub mod #module {
                    #(#uses)*
                }
            }
        })
        .collect()
}

/// A serde struct for an object type or a request body, with its `Inspect` impl and, for a
/// documented type, its Graph name. `types` is the path prefix of the `types` module as seen
/// from where the struct is emitted.
#[allow(clippy::too_many_arguments)]
pub fn object_struct(
    cx: &mut Context,
    name: &str,
    doc: &str,
    properties: &[Property],
    owner: &str,
    page: Option<&str>,
    graph_name: Option<&str>,
    types: TokenStream,
) -> TokenStream {
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    let mut fields = Vec::new();
    let mut inspect = Vec::new();
    for p in properties {
        let (field, renamed) = scope.claim(field_name(&p.name));
        if renamed {
            cx.collision(p.span, format!("property `{}` of `{owner}` has the same Rust name as another property; it is `{field}`", p.name));
        }
        let field = ident(&field);
        let wire = &p.name;
        let ty = cx.rust_type(&p.ty, p.collection, owner, &p.name, &types);
        let mut text = cx.rustdoc(
            &p.description,
            page,
            if types.is_empty() {
                ""
            } else {
                "super::types::"
            },
        );
        let note = match p.origin {
            PropertyOrigin::JsonOnly => Some("Not in the docs' property table; typed from the JSON representation."),
            PropertyOrigin::AnnotationOnly => Some("Named only in the docs' `optionalProperties`; its type is not documented, so any JSON is accepted."),
            PropertyOrigin::Relationship => Some("A navigation property: present only when expanded."),
            PropertyOrigin::Inherited => Some("Inherited from the base type."),
            _ => None,
        };
        for note in note.into_iter().chain(p.note.as_deref()) {
            text.push_str("\n\n");
            text.push_str(&crate::emit::docs::rustdoc(note, &|_| None));
        }
        let attrs = doc_attrs(&text);
        inspect.push(quote!(self.#field.inspect_at(at, #wire, out);));
        fields.push(quote! {
            #attrs
            #[serde(rename = #wire, default, skip_serializing_if = "super::support::Field::is_absent")]
            pub #field: super::support::Field<#ty>,
        });
    }
    let name = ident(name);
    let attrs = doc_attrs(doc);
    let graph_name = graph_name.map(|g| {
        quote! {
            impl #name {
                /// The type's name in Graph, as `@odata.type` gives it (without the `#`).
                pub const ODATA_TYPE: &'static str = #g;
            }
        }
    });
    quote! {
        #attrs
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Properties the docs do not list, and `@odata.*` annotations, kept as they arrived.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        #graph_name

        impl super::support::Inspect for #name {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                #(#inspect)*
                super::support::inspect_additional(&self.additional_properties, at, out);
            }
        }
    }
}

/// The Rust type of an Edm primitive; `support` is the path of the generated `support`
/// module as seen from where the type is written (`super::support`).
pub fn primitive(p: Primitive, support: &TokenStream) -> TokenStream {
    match p {
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        // JSON numbers are read as binary floating point; exact decimals would need
        // serde_json's `arbitrary_precision`, which changes how every number is read.
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::Json => quote!(::serde_json::Value),
        Primitive::Guid => quote!(#support::Guid),
        Primitive::DateTimeOffset => quote!(#support::DateTimeOffset),
        Primitive::Date => quote!(#support::Date),
        Primitive::TimeOfDay => quote!(#support::TimeOfDay),
        Primitive::Duration => quote!(#support::Duration),
        // Base64 for Binary; a Stream property holds a URL or the content's text.
        Primitive::String | Primitive::Binary | Primitive::Stream => quote!(::std::string::String),
    }
}

/// An enum that reads and writes strings, keeping values the docs did not list (and
/// reporting them when inspected). `described` names it in those reports.
///
/// Graph reads enum values whatever their case and sends some in another case than the
/// docs (`html` for `HTML`). Such a value is read as its documented variant, wrapped in
/// `Respelled` with the spelling that arrived, so that it is written back as it came; it
/// equals the variant (`==`, `Hash` and `Ord` compare the documented value), and
/// `documented()` gives the variant to match on.
fn enum_type(
    name: &str,
    doc: &str,
    e: &EnumType,
    graph_name: Option<&str>,
    described: &str,
) -> TokenStream {
    let mut scope = Scope::camel(&["Other", "Respelled"]);
    let variants: Vec<(Ident, &str, TokenStream)> = e
        .members
        .iter()
        .map(|m| {
            let (v, _) = scope.claim(type_name(&m.wire));
            let mut text = format!("`{}`", m.wire.replace('`', "'"));
            if !m.description.is_empty() {
                text.push_str(": ");
                text.push_str(&crate::emit::docs::rustdoc(&m.description, &|_| None));
            }
            (ident(&v), m.wire.as_str(), doc_attrs(&text))
        })
        .collect();
    let name = ident(name);
    let decl = variants.iter().map(|(v, _, d)| quote!(#d #v,));
    let to_str = variants.iter().map(|(v, w, _)| quote!(#name::#v => #w,));
    let from_str = from_str(&name, &variants);
    let attrs = doc_attrs(doc);
    let graph_name = graph_name.map(|g| {
        quote! {
            /// The enum's name in Graph.
            pub const ODATA_TYPE: &'static str = #g;
        }
    });
    quote! {
        #attrs
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#decl)*
            /// A documented value that arrived in another case (`INCOMING` for `incoming`): the
            /// variant it is read as, and the spelling that arrived, which is what is written
            /// back. It equals that variant.
            Respelled(::std::boxed::Box<#name>, ::std::string::String),
            /// A value the docs did not list; Graph adds values over time.
            Other(::std::string::String),
        }

        impl super::support::Inspect for #name {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                if let #name::Other(value) = self {
                    out.push(super::support::Fallback {
                        path: at.into(),
                        kind: super::support::FallbackKind::OtherValue,
                        detail: ::std::format!("`{value}` is not a documented value of `{}`", #described),
                    });
                }
            }
        }

        impl #name {
            #graph_name

            /// The value as it is sent on the wire: as it arrived, for a value that was read.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #name::Respelled(_, spelling) => spelling,
                    #name::Other(value) => value,
                }
            }

            /// The documented value: the variant a respelled value was read as, else `self`.
            /// Match on this to treat every spelling of a value alike.
            pub fn documented(&self) -> &Self {
                match self {
                    #name::Respelled(value, _) => value.documented(),
                    value => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        impl ::std::cmp::PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                self.documented().as_str() == other.documented().as_str()
            }
        }

        impl ::std::cmp::Eq for #name {}

        impl ::std::hash::Hash for #name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.documented().as_str(), state)
            }
        }

        impl ::std::cmp::PartialOrd for #name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(::std::cmp::Ord::cmp(self, other))
            }
        }

        impl ::std::cmp::Ord for #name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                ::std::cmp::Ord::cmp(self.documented().as_str(), other.documented().as_str())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(#name::from(value.as_str()))
            }
        }
    }
}

/// The body of an enum's `From<&str>`: one arm per documented value in lowercase, so that
/// any case reads it; a value spelled otherwise than documented becomes `Respelled`.
fn from_str(name: &Ident, variants: &[(Ident, &str, TokenStream)]) -> TokenStream {
    let other = quote!(#name::Other(::std::string::ToString::to_string(value)));
    if variants.is_empty() {
        return other;
    }
    let arms = case_groups(variants).into_iter().map(|(lower, group)| {
        let (first, _) = group[0];
        // Values that differ only in case: the exact spelling picks its own variant.
        let exact = group[1..].iter().map(|(v, w)| quote!(#w => #name::#v,));
        match group.len() {
            1 => quote!(#lower => #name::#first,),
            _ => quote!(#lower => match value { #(#exact)* _ => #name::#first },),
        }
    });
    quote! {
        let documented = match value.to_ascii_lowercase().as_str() {
            #(#arms)*
            _ => return #other,
        };
        if documented.as_str() == value {
            documented
        } else {
            #name::Respelled(::std::boxed::Box::new(documented), ::std::string::ToString::to_string(value))
        }
    }
}

/// The variants by their value in lowercase, in the order the docs list them; a value
/// listed twice is read as the first.
fn case_groups<'v>(
    variants: &'v [(Ident, &'v str, TokenStream)],
) -> Vec<(String, Vec<(&'v Ident, &'v str)>)> {
    let mut groups: Vec<(String, Vec<(&Ident, &str)>)> = Vec::new();
    for (v, wire, _) in variants {
        let lower = wire.to_ascii_lowercase();
        match groups.iter_mut().find(|(l, _)| *l == lower) {
            Some((_, group)) if group.iter().any(|(_, w)| w == wire) => {}
            Some((_, group)) => group.push((v, wire)),
            None => groups.push((lower, vec![(v, wire)])),
        }
    }
    groups
}

/// The pieces of an enum over object types told apart by `@odata.type`.
#[derive(Default)]
struct Dispatch {
    /// `Call(Box<Call>),`
    decl: Vec<TokenStream>,
    /// `"microsoft.graph.call" => read as Call, or Unread with serde's error,`
    read: Vec<TokenStream>,
    /// Serialize arms.
    write: Vec<TokenStream>,
    /// `Inspect` arms.
    inspect: Vec<TokenStream>,
    /// `odata_type()` arms.
    name: Vec<TokenStream>,
}

/// The variants of an enum over `keys` (those that are object types). The `base` of a
/// family also reports, when inspected, a derived value that was read as the base.
fn dispatch_arms(cx: &Context, keys: &[String], enum_name: &Ident, base: Option<&str>) -> Dispatch {
    let mut d = Dispatch::default();
    for key in keys {
        let Some(ty) = cx.names.types.get(key) else {
            continue;
        };
        if !matches!(
            cx.ir.types.types.get(key).map(|t| &t.kind),
            Some(TypeKind::Object(_))
        ) {
            continue;
        }
        let v = ident(ty);
        let cfg = cx.cfg_type(key);
        d.decl.push(quote!(#cfg #v(::std::boxed::Box<#v>),));
        d.read.push(quote! {
            #cfg
            #key => match <#v as ::serde::Deserialize>::deserialize(&value) {
                ::std::result::Result::Ok(typed) => ::std::result::Result::Ok(#enum_name::#v(::std::boxed::Box::new(typed))),
                ::std::result::Result::Err(e) => ::std::result::Result::Err(super::support::Unread::new(value, ::std::option::Option::Some(e))),
            },
        });
        d.write.push(quote!(#cfg #enum_name::#v(ref inner) => ::serde::Serialize::serialize(inner, serializer),));
        let qualified = &cx.ir.types.types[key].qualified_name;
        d.inspect.push(if base == Some(key.as_str()) {
            quote! {
                #cfg #enum_name::#v(ref inner) => {
                    super::support::inspect_base(&inner.additional_properties, #qualified, at, out);
                    inner.inspect(at, out)
                }
            }
        } else {
            quote!(#cfg #enum_name::#v(ref inner) => inner.inspect(at, out),)
        });
        d.name.push(quote!(#cfg #enum_name::#v(_) => #qualified,));
    }
    d
}

/// `Resource`: any documented object type, chosen by `@odata.type`; and `AnyValue`, which
/// falls back to plain JSON so that nothing is lost.
fn resource_enum(cx: &Context) -> TokenStream {
    let keys: Vec<String> = cx
        .ir
        .types
        .types
        .iter()
        .filter(|(_, t)| t.page.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    let name = format_ident!("Resource");
    let Dispatch {
        decl,
        read,
        write,
        inspect,
        name: names,
    } = dispatch_arms(cx, &keys, &name, None);
    // With features, every variant may be turned off and the arguments go unused.
    let allow_empty = match cx.features {
        Some(_) => quote!(#[allow(unused_variables)]),
        None => quote!(),
    };
    quote! {
        /// Any documented resource, told apart by its `@odata.type`.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Resource {
            #(#decl)*
        }

        impl Resource {
            /// Reads `value` as the type its `@odata.type` names; gives `value` back, with
            /// the reason, when it names no documented type or does not fit that type.
            pub fn from_value(value: ::serde_json::Value) -> ::std::result::Result<Self, super::support::Unread> {
                let ::std::option::Option::Some(kind) = super::support::odata_type(&value) else {
                    return ::std::result::Result::Err(super::support::Unread::new(value, ::std::option::Option::None));
                };
                match kind.as_str() {
                    #(#read)*
                    _ => ::std::result::Result::Err(super::support::Unread::new(value, ::std::option::Option::None)),
                }
            }

            /// The Graph name of the value's type (`microsoft.graph.call`).
            #allow_empty
            pub fn odata_type(&self) -> &'static str {
                match *self {
                    #(#names)*
                }
            }
        }

        impl super::support::Inspect for Resource {
            #allow_empty
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                match *self {
                    #(#inspect)*
                }
            }
        }

        impl ::serde::Serialize for Resource {
            #allow_empty
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                // `*self`: with every variant turned off by features, the enum is empty.
                match *self {
                    #(#write)*
                }
            }
        }

        /// JSON whose type the docs leave open: a typed [`Resource`] where its
        /// `@odata.type` names one, a list of such values, or plain JSON with the reason.
        #[derive(Debug, Clone, PartialEq)]
        pub enum AnyValue {
            Resource(Resource),
            Array(::std::vec::Vec<AnyValue>),
            Json(super::support::Unread),
        }

        impl AnyValue {
            /// Reads any JSON value, typing what can be typed.
            pub fn from_value(value: ::serde_json::Value) -> Self {
                match value {
                    ::serde_json::Value::Array(items) => AnyValue::Array(items.into_iter().map(AnyValue::from_value).collect()),
                    value => match Resource::from_value(value) {
                        ::std::result::Result::Ok(resource) => AnyValue::Resource(resource),
                        ::std::result::Result::Err(unread) => AnyValue::Json(unread),
                    },
                }
            }

            /// The typed resource, if the value is one.
            pub fn resource(&self) -> ::std::option::Option<&Resource> {
                match self {
                    AnyValue::Resource(resource) => ::std::option::Option::Some(resource),
                    _ => ::std::option::Option::None,
                }
            }

            /// The items, if the value is a list.
            pub fn items(&self) -> ::std::option::Option<&[AnyValue]> {
                match self {
                    AnyValue::Array(items) => ::std::option::Option::Some(items),
                    _ => ::std::option::Option::None,
                }
            }

            /// The Graph name of the value's type, if it was read as one.
            pub fn odata_type(&self) -> ::std::option::Option<&'static str> {
                self.resource().map(Resource::odata_type)
            }
        }

        impl super::support::Inspect for AnyValue {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                match self {
                    AnyValue::Resource(resource) => resource.inspect(at, out),
                    AnyValue::Array(items) => items.inspect(at, out),
                    AnyValue::Json(unread) => unread.inspect(at, out),
                }
            }
        }

        impl ::serde::Serialize for AnyValue {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    AnyValue::Resource(resource) => ::serde::Serialize::serialize(resource, serializer),
                    AnyValue::Array(items) => ::serde::Serialize::serialize(items, serializer),
                    AnyValue::Json(unread) => ::serde::Serialize::serialize(unread, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for AnyValue {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(AnyValue::from_value(value))
            }
        }
    }
}

/// An enum over the types of a union-typed property, chosen by `@odata.type`.
///
/// With a `base`, this is the family of a base type and its derived types: a value whose
/// `@odata.type` names none of them is read as the base, and inspecting it says so.
pub fn union_enum(cx: &Context, name: &str, keys: &[String], base: Option<&str>) -> TokenStream {
    let enum_name = ident(name);
    let Dispatch {
        decl,
        read,
        write,
        inspect,
        name: names,
    } = dispatch_arms(cx, keys, &enum_name, base);
    let listed = keys
        .iter()
        .filter_map(|k| cx.names.types.get(k))
        .map(|n| format!("[`{n}`]"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut default = quote!();
    let (doc, fallback) = match base.and_then(|b| cx.names.types.get(b)) {
        Some(base_name) => {
            let v = ident(base_name);
            let default_doc = format!(" An empty [`{base_name}`].");
            default = quote! {
                impl ::std::default::Default for #enum_name {
                    #[doc = #default_doc]
                    fn default() -> Self {
                        #enum_name::#v(::std::default::Default::default())
                    }
                }
            };
            (
                format!("[`{base_name}`] or a type derived from it ({listed}), told apart by `@odata.type`. A value that names none of them is read as [`{base_name}`]; one that does not fit is kept as JSON."),
                quote! {
                    _ => match <#v as ::serde::Deserialize>::deserialize(&value) {
                        ::std::result::Result::Ok(typed) => ::std::result::Result::Ok(#enum_name::#v(::std::boxed::Box::new(typed))),
                        ::std::result::Result::Err(e) => ::std::result::Result::Err(super::support::Unread::new(value, ::std::option::Option::Some(e))),
                    },
                },
            )
        }
        None => (
            format!("One of {listed}, told apart by `@odata.type`; anything else is kept as JSON."),
            quote!(_ => ::std::result::Result::Err(super::support::Unread::new(value, ::std::option::Option::None)),),
        ),
    };
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_name {
            #(#decl)*
            /// A value no listed type reads, kept as it arrived with the reason.
            Other(super::support::Unread),
        }

        #default

        impl #enum_name {
            /// The Graph name of the value's type, unless it was kept as JSON.
            pub fn odata_type(&self) -> ::std::option::Option<&'static str> {
                ::std::option::Option::Some(match *self {
                    #(#names)*
                    #enum_name::Other(_) => return ::std::option::Option::None,
                })
            }
        }

        impl super::support::Inspect for #enum_name {
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<super::support::Fallback>) {
                match *self {
                    #(#inspect)*
                    #enum_name::Other(ref unread) => unread.inspect(at, out),
                }
            }
        }

        impl ::serde::Serialize for #enum_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match *self {
                    #(#write)*
                    #enum_name::Other(ref unread) => ::serde::Serialize::serialize(unread, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #enum_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let kind = super::support::odata_type(&value).unwrap_or_default();
                let typed: ::std::result::Result<Self, super::support::Unread> = match kind.as_str() {
                    #(#read)*
                    #fallback
                };
                ::std::result::Result::Ok(typed.unwrap_or_else(#enum_name::Other))
            }
        }
    }
}

/// The Rust type of a property's value (without the `Field` wrapper).
pub fn value_type(
    cx: &mut Context,
    ty: &TypeRef,
    owner: &str,
    property: &str,
    types: &TokenStream,
) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => primitive(*p, &quote!(super::support)),
        TypeRef::Any => quote!(#types AnyValue),
        TypeRef::Named(key) => match (
            cx.names.types.get(key),
            cx.ir.types.types.get(key).map(|t| &t.kind),
        ) {
            (Some(_), Some(TypeKind::Object(_))) if cx.has_derived(key) => {
                let family = ident(&cx.family_name(key));
                quote!(#types #family)
            }
            (Some(name), Some(TypeKind::Object(_))) => {
                let name = ident(name);
                quote!(::std::boxed::Box<#types #name>)
            }
            (Some(name), _) => {
                let name = ident(name);
                quote!(#types #name)
            }
            (None, _) => quote!(#types AnyValue),
        },
        TypeRef::Union(keys) => {
            let name = cx.union_name(owner, property, keys);
            let name = ident(&name);
            quote!(#types #name)
        }
    }
}
