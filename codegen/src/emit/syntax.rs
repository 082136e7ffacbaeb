//! Syntax trees made directly, for code that is made thousands of times over: syn takes
//! four to five times as long to parse an item from its tokens as it takes to make the item's
//! tree, and the contract tests of a whole reference are hundreds of thousands of tokens.
//! Each helper makes the tree that syn parses from the code in its doc comment, so that
//! prettyplease prints the same text either way.

pub use super::types::ident;
use proc_macro2::Literal;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Pat, Stmt};

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

/// `"value".into()`: how the tests hand a string to a field or parameter.
pub fn into(value: &str) -> Expr {
    method(str_lit(value), "into", [])
}

/// A path as an expression: `a::b::c`.
pub fn path_expr(path: syn::Path) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `name` as an expression.
pub fn name(name: &str) -> Expr {
    path_expr(path([ident(name)]))
}

/// A literal as quote writes it: `"text"` for a `&str`, `200u16` for a `u16`, or a raw
/// string from [`raw_string`](super::code::raw_string).
pub fn lit(literal: Literal) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(literal),
    })
}

/// `function::<T>`, where `ty` is the path of `T`.
pub fn turbofish(function: &str, ty: syn::Path) -> Expr {
    let segment = syn::PathSegment {
        ident: ident(function),
        arguments: angle_bracketed([path_type(ty)], true),
    };
    path_expr(path_of_segments([segment]))
}

fn path_of_segments(segments: impl IntoIterator<Item = syn::PathSegment>) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: segments.into_iter().collect(),
    }
}

/// `"text"`.
pub fn str_lit(text: &str) -> Expr {
    lit(Literal::string(text))
}

/// `func(args, ...)`.
pub fn call(func: Expr, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args, ...)`.
pub fn method(receiver: Expr, method: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.field`.
pub fn field(base: Expr, field: Ident) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: syn::Member::Named(field),
    })
}

/// `base.await`.
pub fn awaited(base: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `&expr`.
pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `[a, b, ...]`.
pub fn array(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `[a, b,]`: an array whose every element is followed by a comma, as quote writes a list.
pub fn array_of_lines(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: with_trailing_commas(elems),
    })
}

/// `(a, b)`: two or more elements (one would need a trailing comma).
pub fn tuple(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `Path { a: x, b: y }`, or with `trailing`, `Path { a: x, b: y, }`.
pub fn struct_expr(
    path: syn::Path,
    fields: impl IntoIterator<Item = (Ident, Expr)>,
    trailing: bool,
) -> Expr {
    let mut punctuated = Punctuated::new();
    for (name, expr) in fields {
        if !punctuated.empty_or_trailing() {
            punctuated.push_punct(Default::default());
        }
        punctuated.push_value(syn::FieldValue {
            attrs: Vec::new(),
            member: syn::Member::Named(name),
            colon_token: Some(Default::default()),
            expr,
        });
    }
    if trailing && !punctuated.empty_or_trailing() {
        punctuated.push_punct(Default::default());
    }
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields: punctuated,
        dot2_token: None,
        rest: None,
    })
}

/// `left = right`.
pub fn assign(left: Expr, right: Expr) -> Expr {
    Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: Default::default(),
        right: Box::new(right),
    })
}

/// `name`, or with `mutable`, `mut name`, as a pattern.
pub fn binding(name: &str, mutable: bool) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: ident(name),
        subpat: None,
    })
}

/// `_`.
pub fn wild() -> Pat {
    Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}

/// `pat: ty`, as a pattern.
pub fn typed(pat: Pat, ty: syn::Type) -> Pat {
    Pat::Type(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pat),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `()` as a pattern.
pub fn unit() -> Pat {
    Pat::Tuple(syn::PatTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// `let pat = init;`.
pub fn local(pat: Pat, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        modifiers: Default::default(),
        pat,
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// `expr;`.
pub fn statement(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

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
        value: lit(literal),
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

/// Each value with its comma, as quote writes them.
fn with_trailing_commas<T, P: Default>(values: impl IntoIterator<Item = T>) -> Punctuated<T, P> {
    let mut punctuated = Punctuated::new();
    for value in values {
        punctuated.push_value(value);
        punctuated.push_punct(Default::default());
    }
    punctuated
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

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{quote, ToTokens};

    /// Each helper's tree is the one syn parses from the code it documents: equal as trees
    /// (syn's `PartialEq` would need a feature the generator has no other use for), so
    /// compared by their tokens and by what prettyplease prints of them.
    fn same(made: Stmt, code: proc_macro2::TokenStream) {
        let parsed: Stmt = syn::parse2(code.clone()).expect("the code parses");
        assert_eq!(
            made.to_token_stream().to_string(),
            parsed.to_token_stream().to_string(),
            "{code}"
        );
        let print = |stmt: Stmt| {
            let item: syn::ItemFn = syn::parse_quote!(
                fn f() {}
            );
            let mut item = item;
            item.block.stmts = vec![stmt];
            prettyplease::unparse(&syn::File {
                shebang: None,
                frontmatter: None,
                attrs: Vec::new(),
                items: vec![syn::Item::Fn(item)],
            })
        };
        assert_eq!(print(made), print(parsed), "{code}");
    }

    #[test]
    fn each_helper_makes_the_tree_that_syn_parses() {
        let beta = path([ident("beta")]);
        let new = path_expr(child(&beta, &["requests", "CallGet", "new"]));
        same(
            local(
                binding("request", true),
                call(
                    new,
                    [
                        struct_expr(
                            path([ident("Path"), ident("Calls")]),
                            [(ident("call_id"), into("a\"b"))],
                            true,
                        ),
                        call(name("parsed"), [name("body")]),
                    ],
                ),
            ),
            quote!(let mut request = beta::requests::CallGet::new(
                Path::Calls { call_id: "a\"b".into(), },
                parsed(body)
            );),
        );
        same(
            local(
                binding("empty", false),
                struct_expr(path([ident("Path"), ident("Me")]), [], true),
            ),
            quote!(let empty = Path::Me {};),
        );
        same(
            local(
                binding("sent", false),
                struct_expr(
                    path([ident("Sent")]),
                    [
                        (ident("method"), str_lit("GET")),
                        (
                            ident("query"),
                            reference(array([
                                tuple([str_lit("$top"), str_lit("1")]),
                                tuple([str_lit("$skip"), str_lit("2")]),
                            ])),
                        ),
                        (ident("body"), name("None")),
                    ],
                    false,
                ),
            ),
            quote!(let sent = Sent { method: "GET", query: &[("$top", "1"), ("$skip", "2")], body: None };),
        );
        same(
            local(
                unit(),
                awaited(call(
                    name("contract"),
                    [
                        name("sent"),
                        lit(Literal::u16_suffixed(204)),
                        lit(crate::emit::code::raw_string("{\"a\": \"#\"}")),
                        reference(name("request")),
                    ],
                )),
            ),
            {
                let raw = crate::emit::code::raw_string("{\"a\": \"#\"}");
                quote!(let () = contract(sent, 204u16, #raw, &request).await;)
            },
        );
        same(
            statement(assign(
                field(field(name("request"), ident("query")), ident("filter")),
                call(name("Some"), [method(str_lit("x"), "into", [])]),
            )),
            quote!(request.query.filter = Some("x".into());),
        );
        same(
            local(
                binding("query", false),
                method(
                    call(path_expr(path([ident("Query"), ident("new")])), []),
                    "param",
                    [str_lit("$select"), str_lit("id")],
                ),
            ),
            quote!(let query = Query::new().param("$select", "id");),
        );
    }

    #[test]
    fn turbofish_calls_and_typed_patterns_are_those_syn_parses() {
        let ty = path([ident("beta"), ident("requests"), ident("CallGet")]);
        same(
            statement(call(
                turbofish("status", ty.clone()),
                [lit(Literal::u16_suffixed(200))],
            )),
            quote!(status::<beta::requests::CallGet>(200u16);),
        );
        let t: syn::Type = syn::parse_quote!(::std::vec::Vec<beta::types::Call>);
        same(
            local(
                typed(wild(), t.clone()),
                call(name("reads"), [str_lit("{}")]),
            ),
            quote!(let _: ::std::vec::Vec<beta::types::Call> = reads("{}");),
        );
        same(
            local(
                typed(binding("typed", false), t),
                call(name("reads"), [str_lit("{}")]),
            ),
            quote!(let typed: ::std::vec::Vec<beta::types::Call> = reads("{}");),
        );
    }

    #[test]
    fn types_are_those_syn_parses() {
        let string = path_type(global(&["std", "string", "String"]));
        let support = path([ident("krate"), ident("support")]);
        let nested = generic(
            child(&support, &["Page"]),
            [generic(global(&["std", "vec", "Vec"]), [string.clone()])],
        );
        for (made, code) in [
            (string, quote!(::std::string::String)),
            (
                nested,
                quote!(krate::support::Page<::std::vec::Vec<::std::string::String>>),
            ),
            (unit_type(), quote!(())),
        ] {
            same(
                local(typed(wild(), made), name("x")),
                quote!(let _: #code = x;),
            );
        }
    }

    /// As [`same`], for items.
    fn same_items(made: Vec<syn::Item>, code: proc_macro2::TokenStream) -> String {
        let parsed: syn::File = syn::parse2(code.clone()).expect("the code parses");
        let made = syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: made,
        };
        assert_eq!(
            made.to_token_stream().to_string(),
            parsed.to_token_stream().to_string(),
            "{code}"
        );
        let printed = prettyplease::unparse(&made);
        assert_eq!(printed, prettyplease::unparse(&parsed), "{code}");
        printed
    }

    #[test]
    fn items_are_those_syn_parses() {
        let doc = crate::emit::code::raw_string(" A \"widget\".");
        let name_doc = crate::emit::code::raw_string(" Its name.");
        let field = public_field(
            vec![
                value_attribute("doc", name_doc.clone()),
                list_attribute("object", quote!(rename = "displayName")),
            ],
            ident("name"),
            generic(
                path([ident("support"), ident("Field")]),
                [path_type(global(&["std", "string", "String"]))],
            ),
        );
        let printed = same_items(
            vec![
                public_struct(
                    vec![
                        value_attribute("doc", doc.clone()),
                        list_attribute("derive", quote!(Clone, PartialEq)),
                        word_attribute("non_exhaustive"),
                    ],
                    ident("Widget"),
                    [field],
                ),
                macro_item(
                    path([ident("support"), ident("object")]),
                    quote!(Widget, "microsoft.graph.widget"),
                ),
            ],
            quote! {
                #[doc = #doc]
                #[derive(Clone, PartialEq)]
                #[non_exhaustive]
                pub struct Widget {
                    #[doc = #name_doc]
                    #[object(rename = "displayName")]
                    pub name: support::Field<::std::string::String>,
                }
                support::object!(Widget, "microsoft.graph.widget");
            },
        );
        assert!(
            printed.starts_with("/// A \"widget\".\n#[derive"),
            "{printed}"
        );
        same_items(
            vec![public_struct(Vec::new(), ident("Empty"), [])],
            quote!(
                pub struct Empty {}
            ),
        );
        let doc = crate::emit::code::raw_string(" A test.");
        same_items(
            vec![
                test_function(
                    vec![
                        value_attribute("doc", doc.clone()),
                        list_attribute("cfg", quote!(feature = "beta-teams")),
                        path_attribute(path([ident("tokio"), ident("test")])),
                    ],
                    true,
                    ident("a"),
                    vec![statement(call(name("f"), []))],
                ),
                test_function(vec![word_attribute("test")], false, ident("b"), Vec::new()),
            ],
            quote! {
                #[doc = #doc]
                #[cfg(feature = "beta-teams")]
                #[tokio::test]
                async fn a() {
                    f();
                }
                #[test]
                fn b() {}
            },
        );
        let this = || path_type(path([ident("Color")]));
        let str_type = || static_reference(path_type(path([ident("str")])));
        let values = [("red", "Red"), ("dark\"blue", "DarkBlue")]
            .map(|(w, v)| tuple([str_lit(w), path_expr(path([ident("Self"), ident(v)]))]));
        same_items(
            vec![
                public_enum(
                    Vec::new(),
                    ident("Color"),
                    [
                        unit_variant(vec![word_attribute("default")], ident("Red")),
                        tuple_variant(
                            Vec::new(),
                            ident("Other"),
                            [
                                generic(global(&["std", "boxed", "Box"]), [this()]),
                                path_type(path([ident("u8")])),
                            ],
                        ),
                    ],
                ),
                inherent_impl(
                    this(),
                    vec![public_const(
                        Vec::new(),
                        ident("VALUES"),
                        static_reference(slice_type(tuple_type([str_type(), this()]))),
                        reference(array_of_lines(values)),
                    )],
                ),
            ],
            quote! {
                pub enum Color {
                    #[default]
                    Red,
                    Other(::std::boxed::Box<Color>, u8),
                }
                impl Color {
                    pub const VALUES: &'static [(&'static str, Color)] =
                        &[("red", Self::Red), ("dark\"blue", Self::DarkBlue),];
                }
            },
        );
        let string = path_type(global(&["std", "string", "String"]));
        same_items(
            vec![public_enum(
                vec![list_attribute("doc", quote!(hidden))],
                ident("CallPath"),
                [
                    struct_variant(
                        vec![list_attribute("template", quote!("/app/calls/{}"))],
                        ident("App"),
                        [variant_field(Vec::new(), ident("call_id"), string)],
                    ),
                    struct_variant(Vec::new(), ident("Me"), []),
                ],
            )],
            quote! {
                #[doc(hidden)]
                pub enum CallPath {
                    #[template("/app/calls/{}")]
                    App { call_id: ::std::string::String, },
                    Me {},
                }
            },
        );
    }

    #[test]
    fn a_wrong_tree_is_told_apart() {
        // The comparison above must be able to fail: a trailing comma the code does not
        // have, and a literal of another kind, are both seen.
        let made = local(
            binding("x", false),
            struct_expr(path([ident("A")]), [(ident("a"), str_lit("1"))], true),
        );
        let parsed: Stmt = syn::parse2(quote!(let x = A { a: "1" };)).unwrap();
        assert_ne!(
            made.to_token_stream().to_string(),
            parsed.to_token_stream().to_string()
        );
        let made = word_attribute("non_exhaustive");
        let parsed: syn::Attribute = syn::parse_quote!(#[non_exhaustive()]);
        assert_ne!(
            made.to_token_stream().to_string(),
            parsed.to_token_stream().to_string()
        );
        let made = statement(call(name("status"), [lit(Literal::u16_unsuffixed(200))]));
        let parsed: Stmt = syn::parse2(quote!(status(200u16);)).unwrap();
        assert_ne!(
            made.to_token_stream().to_string(),
            parsed.to_token_stream().to_string()
        );
    }
}
