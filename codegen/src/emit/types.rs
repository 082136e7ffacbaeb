//! Resource types: a struct per object type, an enum per enum type and per "Possible
//! values" list, an enum per union, and the `Resource` / `AnyValue` pair that reads any
//! documented type by its `@odata.type`.

use crate::emit::code::Split;
use crate::emit::docs::doc_attributes;
use crate::emit::naming::{field_name, type_name, Scope};
use crate::emit::support_derive::derived_wire_name;
use crate::emit::syntax;
use crate::emit::Context;
use crate::ir::model::{EnumType, Property, PropertyOrigin, TypeKind, TypeRef};
use crate::ir::typeref::Primitive;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The `types` module. With workload features, the types that one workload alone reaches
/// are its submodule (see [`Split`]); the others stay, each under the gate of the
/// workloads that reach it.
pub fn module(cx: &mut Context) -> Split {
    let mut shared = cx.code();
    // Used by every item; unused only when features turn every item off.
    shared.push(quote!(
        #[allow(unused_imports)]
        use super::support;
    ));
    let mut code = Split::new(shared, cx.print, cx.gates.clone());
    let ir = cx.ir;
    if !cx.print {
        // Code that is not printed needs only what can be reported: the fields' names.
        for def in ir.types.types.values() {
            if let TypeKind::Object(o) = &def.kind {
                object_fields(cx, &o.properties, &def.name, None, &[]);
            }
        }
        return code;
    }
    for (key, def) in &ir.types.types {
        let name = cx.names.types[key].clone();
        let features = cx.features.as_ref().map(|f| f.of_type(key));
        // Union enums found in this type's properties are compiled with it.
        cx.owner_features = features.clone();
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
                let fields = object_fields(cx, &o.properties, &owner, def.page.as_deref(), &[]);
                let item = object_struct(&name, &doc, fields, graph_name);
                code.push(features, item);
            }
            TypeKind::Enum(e) => {
                let graph_name = def.page.is_some().then_some(def.qualified_name.as_str());
                let item = enum_type(&name, &doc, e, graph_name, &def.qualified_name);
                code.push(features, item);
            }
        }
    }
    for module in namespace_modules(cx) {
        code.shared.push(module);
    }
    let (resource, rest) = resource_enum(cx);
    code.shared.push(vec![resource]);
    code.shared.push(rest);
    let empty = cx.code();
    let unions = std::mem::replace(&mut cx.unions, empty);
    code.shared.append(unions);
    code
}

/// The modules that name a namespace's types as the docs do (`call_records`).
pub fn namespace_module_names(cx: &Context) -> Vec<String> {
    let names: std::collections::BTreeSet<String> = cx
        .ir
        .types
        .types
        .values()
        .filter_map(crate::emit::namespace)
        .map(|ns| field_name(&ns.replace('.', "_")))
        .collect();
    names.into_iter().collect()
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

/// The Rust field of each property, in order, and whether it was renamed because an
/// earlier property has the same Rust name (`_2`).
pub fn field_names(properties: &[Property]) -> Vec<(String, bool)> {
    let mut scope = Scope::with_reserved(&["additional_properties"]);
    properties
        .iter()
        .map(|p| scope.claim(field_name(&p.name)))
        .collect()
}

/// The fields of an object struct: all that two structs with the same properties, docs and
/// types have in common.
pub struct ObjectFields {
    fields: Vec<syn::Field>,
    /// The text each field's doc comment was made of (see [`ObjectFields::prints_same`]).
    docs: Vec<String>,
}

impl ObjectFields {
    /// Whether these fields print as `other`'s do, told without printing them: printing
    /// bodies' fields to compare them cost more than all else that shares bodies. Fields
    /// are made alike (see `syntax::public_field`) but for their names, their docs, which
    /// are compared by the lines they make, their other attributes, printed, and their
    /// types.
    pub fn prints_same(&self, other: &ObjectFields) -> bool {
        let fields = self.fields.iter().zip(&self.docs);
        self.fields.len() == other.fields.len()
            && fields
                .zip(other.fields.iter().zip(&other.docs))
                .all(|((a, a_doc), (b, b_doc))| {
                    let (a_attrs, b_attrs) = (not_docs(a), not_docs(b));
                    a.ident == b.ident
                        && syntax::same_type(&a.ty, &b.ty)
                        && crate::emit::docs::doc_lines(a_doc)
                            .eq(crate::emit::docs::doc_lines(b_doc))
                        && a_attrs.len() == b_attrs.len()
                        && a_attrs
                            .iter()
                            .zip(&b_attrs)
                            .all(|(a, b)| syntax::prints_same(a, b))
                })
    }
}

/// The attributes of `field` other than its docs.
fn not_docs(field: &syn::Field) -> Vec<&syn::Attribute> {
    field
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("doc"))
        .collect()
}

/// The fields of the properties of `owner` (a type or a request), documented on `page`.
/// `types` is the path prefix of the `types` module as seen from where the struct is
/// emitted. A field whose name does not spell its property (see [`derived_wire_name`])
/// says which it is: `#[object(rename = "formulasR1C1")]`.
pub fn object_fields(
    cx: &mut Context,
    properties: &[Property],
    owner: &str,
    page: Option<&str>,
    types: &[&str],
) -> ObjectFields {
    let names = field_names(properties);
    for (p, (field, renamed)) in properties.iter().zip(&names) {
        if *renamed {
            cx.collision(p.span, format!("property `{}` of `{owner}` has the same Rust name as another property; it is `{field}`", p.name));
        }
    }
    // The collisions are all that code which is not printed needs.
    if !cx.print {
        return ObjectFields {
            fields: Vec::new(),
            docs: Vec::new(),
        };
    }
    let mut fields = Vec::with_capacity(properties.len());
    let mut docs = Vec::with_capacity(properties.len());
    for (p, (field, _)) in properties.iter().zip(names) {
        let wire = &p.name;
        let rename = (derived_wire_name(&field) != *wire)
            .then(|| syntax::list_attribute("object", quote!(rename = #wire)));
        let field = ident(&field);
        let ty = cx.rust_type(&p.ty, p.collection, owner, &p.name, types);
        let ty = syntax::generic(syntax::path([ident("support"), ident("Field")]), [ty]);
        let mut text = cx.rustdoc(
            &p.description,
            page,
            if types.is_empty() { "" } else { "types::" },
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
        let mut attrs = doc_attributes(&text);
        attrs.extend(rename);
        fields.push(syntax::public_field(attrs, field, ty));
        docs.push(text);
    }
    ObjectFields { fields, docs }
}

/// A struct for an object type or a request body, which derives `support::Object` (how it
/// reads and writes JSON) and, for a documented type, names its Graph name.
pub fn object_struct(
    name: &str,
    doc: &str,
    fields: ObjectFields,
    graph_name: Option<&str>,
) -> Vec<syn::Item> {
    let mut fields = fields.fields;
    fields.push(syntax::public_field(
        doc_attributes(
            "Properties the docs do not list, and `@odata.*` annotations, kept as they arrived.",
        ),
        ident("additional_properties"),
        syntax::named_type(&["support", "JsonObject"]),
    ));
    let name = ident(name);
    let mut attrs = doc_attributes(doc);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, PartialEq, support::Object),
    ));
    attrs.push(syntax::word_attribute("non_exhaustive"));
    let object = match graph_name {
        Some(g) => quote!(#name, #g),
        None => quote!(#name),
    };
    vec![
        syntax::public_struct(attrs, name, fields),
        syntax::macro_item(syntax::path([ident("support"), ident("object")]), object),
    ]
}

/// The Rust type of an Edm primitive; `support` is the path of the generated `support`
/// module as seen from where the type is written (`support`).
pub fn primitive(p: Primitive, support: &syn::Path) -> syn::Type {
    let plain = |name: &str| syntax::named_type(&[name]);
    let of_support = |name: &str| syntax::path_type(syntax::child(support, &[name]));
    match p {
        Primitive::Boolean => plain("bool"),
        Primitive::Byte => plain("u8"),
        Primitive::SByte => plain("i8"),
        Primitive::Int16 => plain("i16"),
        Primitive::Int32 => plain("i32"),
        Primitive::Int64 => plain("i64"),
        Primitive::Single => plain("f32"),
        // JSON numbers are read as binary floating point; exact decimals would need
        // serde_json's `arbitrary_precision`, which changes how every number is read.
        Primitive::Double | Primitive::Decimal => plain("f64"),
        Primitive::Json => syntax::json_value_type(),
        Primitive::Guid => of_support("Guid"),
        Primitive::DateTimeOffset => of_support("DateTimeOffset"),
        Primitive::Date => of_support("Date"),
        Primitive::TimeOfDay => of_support("TimeOfDay"),
        Primitive::Duration => of_support("Duration"),
        // Base64 for Binary; a Stream property holds a URL or the content's text.
        Primitive::String | Primitive::Binary | Primitive::Stream => syntax::string_type(),
    }
}

/// The variant of each member of a string enum, in order (`_2` when an earlier member has
/// the same Rust name).
pub fn variant_names(e: &EnumType) -> Vec<String> {
    let mut scope = Scope::camel(&["Other", "Respelled"]);
    e.members
        .iter()
        .map(|m| scope.claim(type_name(&m.wire)).0)
        .collect()
}

/// An enum that reads and writes strings, keeping values the docs did not list (and
/// reporting them when inspected), and values that arrived in another case than documented
/// (see `string_enum!` in `support`). `described` names it in those reports.
fn enum_type(
    name: &str,
    doc: &str,
    e: &EnumType,
    graph_name: Option<&str>,
    described: &str,
) -> Vec<syn::Item> {
    let name = ident(name);
    let this = || syntax::path_type(syntax::path([name.clone()]));
    let mut variants = Vec::new();
    let mut values = Vec::new();
    for (m, v) in e.members.iter().zip(variant_names(e)) {
        let mut text = format!("`{}`", m.wire.replace('`', "'"));
        if !m.description.is_empty() {
            text.push_str(": ");
            text.push_str(&crate::emit::docs::rustdoc(&m.description, &|_| None));
        }
        let v = ident(&v);
        values.push(syntax::tuple([
            syntax::str_lit(&m.wire),
            syntax::path_expr(syntax::path([ident("Self"), v.clone()])),
        ]));
        variants.push(syntax::unit_variant(doc_attributes(&text), v));
    }
    variants.push(syntax::tuple_variant(
        doc_attributes(
            "A documented value that arrived in another case (`INCOMING` for `incoming`): the\n\
             variant it is read as, and the spelling that arrived, which is what is written\n\
             back. It equals that variant.",
        ),
        ident("Respelled"),
        [syntax::boxed(this()), syntax::string_type()],
    ));
    variants.push(syntax::tuple_variant(
        doc_attributes("A value the docs did not list; Graph adds values over time."),
        ident("Other"),
        [syntax::string_type()],
    ));
    let mut attrs = doc_attributes(doc);
    attrs.push(syntax::list_attribute("derive", quote!(Debug, Clone)));
    attrs.push(syntax::word_attribute("non_exhaustive"));
    let str_type = || syntax::static_reference(syntax::named_type(&["str"]));
    let mut consts = Vec::new();
    if let Some(g) = graph_name {
        consts.push(syntax::public_const(
            doc_attributes("The enum's name in Graph."),
            ident("ODATA_TYPE"),
            str_type(),
            syntax::str_lit(g),
        ));
    }
    consts.push(syntax::public_const(
        doc_attributes(
            "The documented values, spelled as the docs spell them, in the docs' order.",
        ),
        ident("VALUES"),
        syntax::static_reference(syntax::slice_type(syntax::tuple_type([str_type(), this()]))),
        syntax::reference(syntax::array_of_lines(values)),
    ));
    vec![
        syntax::public_enum(attrs, name.clone(), variants),
        syntax::inherent_impl(this(), consts),
        syntax::macro_item(
            syntax::path([ident("support"), ident("string_enum")]),
            quote!(#name, #described),
        ),
    ]
}

/// The variants of an enum over `keys` (those that are object types), each with the
/// `@odata.type` that `#[derive(support::Dispatch)]` reads it by:
/// `#[odata("microsoft.graph.call")] Call(Box<Call>),`.
fn dispatch_variants(cx: &Context, keys: &[String]) -> Vec<syn::Variant> {
    let mut decl = Vec::new();
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
        let mut attrs: Vec<syn::Attribute> = cx.cfg_type(key).into_iter().collect();
        let key = crate::emit::code::str_literal(key);
        attrs.push(syntax::list_attribute("odata", quote!(#key)));
        let boxed = syntax::boxed(syntax::named_type(&[ty]));
        decl.push(syntax::tuple_variant(attrs, ident(ty), [boxed]));
    }
    decl
}

/// `Resource`: any documented object type, chosen by `@odata.type`; and `AnyValue`, which
/// falls back to plain JSON so that nothing is lost. The enum, a variant per type, is a
/// tree; what follows it is tokens.
fn resource_enum(cx: &Context) -> (syn::Item, TokenStream) {
    let keys: Vec<String> = cx
        .ir
        .types
        .types
        .iter()
        .filter(|(_, t)| t.page.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    let mut attrs = doc_attributes("Any documented resource, told apart by its `@odata.type`.");
    attrs.extend(dispatch_attributes());
    let resource = syntax::public_enum(attrs, ident("Resource"), dispatch_variants(cx, &keys));
    let rest = quote! {
        impl Resource {
            /// Reads `value` as the type its `@odata.type` names; gives `value` back, with
            /// the reason, when it names no documented type or does not fit that type.
            #[inline]
            pub fn from_value(value: ::serde_json::Value) -> ::std::result::Result<Self, support::Unread> {
                let ::std::option::Option::Some(kind) = support::odata_type(&value) else {
                    return ::std::result::Result::Err(support::Unread::new(value, ::std::option::Option::None));
                };
                Self::read_variant(&kind, value).unwrap_or_else(|value| ::std::result::Result::Err(support::Unread::new(value, ::std::option::Option::None)))
            }

            /// The Graph name of the value's type (`microsoft.graph.call`).
            #[inline]
            pub fn odata_type(&self) -> &'static str {
                self.typed().odata_type()
            }
        }

        impl ::std::fmt::Debug for Resource {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(self.typed(), f)
            }
        }

        impl support::Inspect for Resource {
            #[inline]
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<support::Fallback>) {
                self.typed().inspect(at, out)
            }
        }

        impl ::serde::Serialize for Resource {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                support::serialize_typed(self.typed(), serializer)
            }
        }

        /// JSON whose type the docs leave open: a typed [`Resource`] where its
        /// `@odata.type` names one, a list of such values, or plain JSON with the reason.
        #[derive(Clone, PartialEq)]
        pub enum AnyValue {
            Resource(Resource),
            Array(::std::vec::Vec<AnyValue>),
            Json(support::Unread),
        }

        impl AnyValue {
            /// Reads any JSON value, typing what can be typed.
            #[inline]
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
            #[inline]
            pub fn resource(&self) -> ::std::option::Option<&Resource> {
                match self {
                    AnyValue::Resource(resource) => ::std::option::Option::Some(resource),
                    _ => ::std::option::Option::None,
                }
            }

            /// The items, if the value is a list.
            #[inline]
            pub fn items(&self) -> ::std::option::Option<&[AnyValue]> {
                match self {
                    AnyValue::Array(items) => ::std::option::Option::Some(items),
                    _ => ::std::option::Option::None,
                }
            }

            /// The Graph name of the value's type, if it was read as one.
            #[inline]
            pub fn odata_type(&self) -> ::std::option::Option<&'static str> {
                self.resource().map(Resource::odata_type)
            }
        }

        impl ::std::fmt::Debug for AnyValue {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    AnyValue::Resource(resource) => f.debug_tuple("Resource").field(resource).finish(),
                    AnyValue::Array(items) => f.debug_tuple("Array").field(items).finish(),
                    AnyValue::Json(unread) => f.debug_tuple("Json").field(unread).finish(),
                }
            }
        }

        impl support::Inspect for AnyValue {
            #[inline]
            fn inspect(&self, at: &str, out: &mut ::std::vec::Vec<support::Fallback>) {
                match self {
                    AnyValue::Resource(resource) => resource.inspect(at, out),
                    AnyValue::Array(items) => items.inspect(at, out),
                    AnyValue::Json(unread) => unread.inspect(at, out),
                }
            }
        }

        impl ::serde::Serialize for AnyValue {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    AnyValue::Resource(resource) => ::serde::Serialize::serialize(resource, serializer),
                    AnyValue::Array(items) => ::serde::Serialize::serialize(items, serializer),
                    AnyValue::Json(unread) => ::serde::Serialize::serialize(unread, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for AnyValue {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(AnyValue::from_value(value))
            }
        }
    };
    (resource, rest)
}

/// The attributes of an enum of types told apart by `@odata.type`, after its docs.
fn dispatch_attributes() -> [syn::Attribute; 2] {
    [
        syntax::list_attribute("derive", quote!(Clone, PartialEq, support::Dispatch)),
        syntax::word_attribute("non_exhaustive"),
    ]
}

/// An enum over the types of a union-typed property, chosen by `@odata.type`.
///
/// With a `base`, this is the family of a base type and its derived types: a value whose
/// `@odata.type` names none of them is read as the base, and inspecting it says so.
pub fn union_enum(
    cx: &Context,
    name: &str,
    keys: &[String],
    base: Option<&str>,
) -> (syn::Item, TokenStream) {
    let enum_name = ident(name);
    let mut variants = dispatch_variants(cx, keys);
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
                    #[inline]
                    fn default() -> Self {
                        Self::#v(::std::default::Default::default())
                    }
                }
            };
            (
                format!("[`{base_name}`] or a type derived from it ({listed}), told apart by `@odata.type`. A value that names none of them is read as [`{base_name}`]; one that does not fit is kept as JSON."),
                quote!(support::read_as(value, Self::#v)),
            )
        }
        None => (
            format!("One of {listed}, told apart by `@odata.type`; anything else is kept as JSON."),
            quote!(::std::result::Result::Err(support::Unread::new(
                value,
                ::std::option::Option::None
            ))),
        ),
    };
    let mut attrs = doc_attributes(&doc);
    attrs.extend(dispatch_attributes());
    variants.push(syntax::tuple_variant(
        doc_attributes("A value no listed type reads, kept as it arrived with the reason."),
        ident("Other"),
        [syntax::named_type(&["support", "Unread"])],
    ));
    let enum_item = syntax::public_enum(attrs, enum_name.clone(), variants);
    let rest = quote! {
        #default

        impl #enum_name {
            /// Reads `value` as the type `kind` (its `@odata.type`, lowercased) names.
            #[inline]
            fn read(kind: &str, value: ::serde_json::Value) -> ::std::result::Result<Self, support::Unread> {
                Self::read_variant(kind, value).unwrap_or_else(|value| #fallback)
            }
        }

        support::family!(#enum_name);
    };
    (enum_item, rest)
}

/// The Rust type of a property's value (without the `Field` wrapper). `types` is the path
/// of the `types` module from where the type is written: empty inside it, `["types"]`
/// beside it.
pub fn value_type(
    cx: &mut Context,
    ty: &TypeRef,
    owner: &str,
    property: &str,
    types: &[&str],
) -> syn::Type {
    let in_types = |name: &str| syntax::path_type(in_module(types, name));
    match ty {
        TypeRef::Primitive(p) => primitive(*p, &syntax::path([ident("support")])),
        TypeRef::Any => in_types("AnyValue"),
        TypeRef::Named(key) => match (
            cx.names.types.get(key),
            cx.ir.types.types.get(key).map(|t| &t.kind),
        ) {
            (Some(_), Some(TypeKind::Object(_))) if cx.has_derived(key) => {
                in_types(&cx.family_name(key))
            }
            (Some(name), Some(TypeKind::Object(_))) => syntax::boxed(in_types(name)),
            (Some(name), _) => in_types(name),
            (None, _) => in_types("AnyValue"),
        },
        TypeRef::Union(keys) => in_types(&cx.union_name(owner, property, keys)),
    }
}

/// `name` in the module at `module` (a path of segments, empty for here).
pub fn in_module(module: &[&str], name: &str) -> syn::Path {
    syntax::path(module.iter().chain([&name]).map(|s| ident(s)))
}
