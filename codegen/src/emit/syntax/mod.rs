//! Syntax trees made directly, for code that is made thousands of times over: syn takes
//! four to five times as long to parse an item from its tokens as it takes to make the item's
//! tree, and a whole reference is tens of MB of code. Each helper makes the tree that syn
//! parses from the code in its doc comment, so that prettyplease prints the same text
//! either way. Here are paths and types; `expr` has the expressions and statements of
//! the tests, `item` the items of the modules and their attributes.

mod expr;
mod item;
#[cfg(test)]
mod tests;

pub use super::types::ident;
pub use expr::*;
pub use item::*;
use syn::punctuated::Punctuated;
use syn::Ident;

/// `a::b::c`.
pub fn path(segments: impl IntoIterator<Item = Ident>) -> syn::Path {
    path_of_segments(segments.into_iter().map(syn::PathSegment::from))
}

/// `base::a::b`: `base` followed by `segments`.
pub fn child(base: &syn::Path, segments: &[&str]) -> syn::Path {
    let mut path = base.clone();
    path.segments
        .extend(segments.iter().map(|s| syn::PathSegment::from(ident(s))));
    path
}

/// `::a::b`: a path from the root of another crate (`::std::string::String`).
pub fn global(segments: &[&str]) -> syn::Path {
    syn::Path {
        leading_colon: Some(Default::default()),
        ..path(segments.iter().map(|s| ident(s)))
    }
}

/// `path` as a type.
pub fn path_type(path: syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `a::b`, a type named by its path's segments.
pub fn named_type(segments: &[&str]) -> syn::Type {
    path_type(path(segments.iter().map(|s| ident(s))))
}

/// `::std::string::String`.
pub fn string_type() -> syn::Type {
    path_type(global(&["std", "string", "String"]))
}

/// `::serde_json::Value`.
pub fn json_value_type() -> syn::Type {
    path_type(global(&["serde_json", "Value"]))
}

/// `::std::vec::Vec<T>`.
pub fn vec_of(elem: syn::Type) -> syn::Type {
    generic(global(&["std", "vec", "Vec"]), [elem])
}

/// `::std::boxed::Box<T>`.
pub fn boxed(elem: syn::Type) -> syn::Type {
    generic(global(&["std", "boxed", "Box"]), [elem])
}

/// `path<A, B>`: the type `path` whose last segment takes `args`.
pub fn generic(mut path: syn::Path, args: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = angle_bracketed(args, false);
    }
    path_type(path)
}

/// `&'static T`.
pub fn static_reference(elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: Some(syn::Lifetime::new(
            "'static",
            proc_macro2::Span::call_site(),
        )),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `[T]`.
pub fn slice_type(elem: syn::Type) -> syn::Type {
    syn::Type::Slice(syn::TypeSlice {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elem: Box::new(elem),
    })
}

/// `(A, B)`: two or more types.
pub fn tuple_type(elems: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    syn::Type::Tuple(syn::TypeTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `()` as a type.
pub fn unit_type() -> syn::Type {
    syn::Type::Tuple(syn::TypeTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// Whether `a` and `b` print the same, told from their trees where they are paths with
/// type arguments, as the generator makes its types; any other part is printed to be
/// compared.
pub fn same_type(a: &syn::Type, b: &syn::Type) -> bool {
    match (a, b) {
        (syn::Type::Path(a), syn::Type::Path(b))
            if a.qself.is_none()
                && b.qself.is_none()
                && a.attrs.is_empty()
                && b.attrs.is_empty() =>
        {
            same_path(&a.path, &b.path)
        }
        _ => prints_same(a, b),
    }
}

fn same_path(a: &syn::Path, b: &syn::Path) -> bool {
    a.leading_colon.is_some() == b.leading_colon.is_some()
        && a.segments.len() == b.segments.len()
        && a.segments.trailing_punct() == b.segments.trailing_punct()
        && a.segments.iter().zip(&b.segments).all(|(a, b)| {
            a.ident == b.ident
                && match (&a.arguments, &b.arguments) {
                    (syn::PathArguments::None, syn::PathArguments::None) => true,
                    (
                        syn::PathArguments::AngleBracketed(a),
                        syn::PathArguments::AngleBracketed(b),
                    ) if a.colon2_token.is_none() && b.colon2_token.is_none() => {
                        a.args.len() == b.args.len()
                            && a.args.trailing_punct() == b.args.trailing_punct()
                            && a.args.iter().zip(&b.args).all(|pair| match pair {
                                (syn::GenericArgument::Type(a), syn::GenericArgument::Type(b)) => {
                                    same_type(a, b)
                                }
                                (a, b) => prints_same(a, b),
                            })
                    }
                    (a, b) => prints_same(a, b),
                }
        })
}

/// Whether `a` and `b` print the same, printed to be compared.
pub fn prints_same(a: &impl quote::ToTokens, b: &impl quote::ToTokens) -> bool {
    a.to_token_stream().to_string() == b.to_token_stream().to_string()
}

/// `<A, B>`, or with `turbofish`, `::<A, B>`.
fn angle_bracketed(
    args: impl IntoIterator<Item = syn::Type>,
    turbofish: bool,
) -> syn::PathArguments {
    syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: turbofish.then(Default::default),
        lt_token: Default::default(),
        args: args.into_iter().map(syn::GenericArgument::Type).collect(),
        gt_token: Default::default(),
    })
}

fn path_of_segments(segments: impl IntoIterator<Item = syn::PathSegment>) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: segments.into_iter().collect(),
    }
}

/// Each value with its comma, as quote writes them.
fn with_trailing_commas<T, P: Default>(values: impl IntoIterator<Item = T>) -> Punctuated<T, P> {
    let mut punctuated = Punctuated::new();
    for value in values {
        punctuated.push_value(value);
        punctuated.push_punct(Default::default());
    }
    punctuated
}
