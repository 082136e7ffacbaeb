//! Items, their fields and variants, and attributes: what the modules and tests are made of.

use super::{ident, path, with_trailing_commas};
use proc_macro2::Literal;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Stmt};

/// `#[name]`.
pub fn word_attribute(name: &str) -> syn::Attribute {
    path_attribute(path([ident(name)]))
}

/// `#[a::b]`.
pub fn path_attribute(path: syn::Path) -> syn::Attribute {
    attribute(syn::Meta::Path(path))
}

/// `#[name(tokens)]`: `#[derive(Clone, PartialEq)]`.
pub fn list_attribute(name: &str, tokens: proc_macro2::TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path([ident(name)]),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[name = literal]`: `#[doc = r" A line."]`.
pub fn value_attribute(name: &str, literal: Literal) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path([ident(name)]),
        eq_token: Default::default(),
        // Read by syn, not kept as a token (see `lit`): prettyplease prints a `doc` whose
        // value is a string it can read as `///` lines.
        value: Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::new(literal),
        }),
    }))
}

fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `attrs pub name: ty`, a field of a struct.
pub fn public_field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        vis: syn::Visibility::Public(Default::default()),
        ..variant_field(attrs, name, ty)
    }
}

/// `attrs name: ty`, a field of an enum variant.
pub fn variant_field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `attrs pub struct name { fields }`.
pub fn public_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: impl IntoIterator<Item = syn::Field>,
) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields: named_fields(fields),
        semi_token: None,
    })
}

/// `attrs pub enum name { variants }`.
pub fn public_enum(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    variants: impl IntoIterator<Item = syn::Variant>,
) -> syn::Item {
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: with_trailing_commas(variants),
    })
}

/// `attrs name`, a variant of an enum.
pub fn unit_variant(attrs: Vec<syn::Attribute>, name: Ident) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: name,
        fields: syn::Fields::Unit,
        discriminant: None,
    }
}

/// `attrs name(A, B)`, a variant of an enum.
pub fn tuple_variant(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    types: impl IntoIterator<Item = syn::Type>,
) -> syn::Variant {
    let unnamed = types
        .into_iter()
        .map(|ty| syn::Field {
            ident: None,
            colon_token: None,
            ..variant_field(Vec::new(), ident("_"), ty)
        })
        .collect();
    syn::Variant {
        attrs,
        ident: name,
        fields: syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed,
        }),
        discriminant: None,
    }
}

/// `impl ty { items }`.
pub fn inherent_impl(ty: syn::Type, items: Vec<syn::ImplItem>) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(ty),
        brace_token: Default::default(),
        items,
    })
}

/// `attrs pub const name: ty = value;`, in an impl.
pub fn public_const(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    ty: syn::Type,
    value: Expr,
) -> syn::ImplItem {
    syn::ImplItem::Const(syn::ImplItemConst {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: name,
        generics: Default::default(),
        colon_token: Default::default(),
        ty,
        eq_token: Default::default(),
        expr: value,
        semi_token: Default::default(),
    })
}

/// `attrs name { fields }`, a variant of an enum.
pub fn struct_variant(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: impl IntoIterator<Item = syn::Field>,
) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: name,
        fields: named_fields(fields),
        discriminant: None,
    }
}

fn named_fields(fields: impl IntoIterator<Item = syn::Field>) -> syn::Fields {
    syn::Fields::Named(syn::FieldsNamed {
        brace_token: Default::default(),
        named: with_trailing_commas(fields),
    })
}

/// `attrs fn name() { body }`, or with `asynchronous`, `attrs async fn name() { body }`:
/// a test.
pub fn test_function(
    attrs: Vec<syn::Attribute>,
    asynchronous: bool,
    name: Ident,
    body: Vec<Stmt>,
) -> syn::Item {
    syn::Item::Fn(syn::ItemFn {
        attrs,
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig: syn::Signature {
            constness: None,
            asyncness: asynchronous.then(Default::default),
            safety: syn::Safety::Default,
            abi: None,
            fn_token: Default::default(),
            ident: name,
            generics: Default::default(),
            paren_token: Default::default(),
            inputs: Punctuated::new(),
            variadic: None,
            output: syn::ReturnType::Default,
        },
        block: Box::new(syn::Block {
            brace_token: Default::default(),
            stmts: body,
        }),
    })
}

/// `path!(tokens);`, a macro called where items go.
pub fn macro_item(path: syn::Path, tokens: proc_macro2::TokenStream) -> syn::Item {
    syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path,
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        },
        semi_token: Some(Default::default()),
    })
}
