use super::*;
use proc_macro2::Literal;
use quote::{quote, ToTokens};
use syn::Stmt;

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
        (string_type(), quote!(::std::string::String)),
        (json_value_type(), quote!(::serde_json::Value)),
        (
            boxed(vec_of(named_type(&["types", "Call"]))),
            quote!(::std::boxed::Box<::std::vec::Vec<types::Call>>),
        ),
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

/// Types compared by their trees are equal exactly when they print the same, for every pair
/// of the kinds of types the generator makes and of some it does not.
#[test]
fn types_are_the_same_when_they_print_the_same() {
    let named = |segments: &[&str]| named_type(segments);
    let field = |of: syn::Type| generic(path([ident("support"), ident("Field")]), [of]);
    // A path that ends in `::`, which no parser makes, but a tree may hold.
    let mut open_ended = path([ident("A")]);
    open_ended.segments.push_punct(Default::default());
    let types: Vec<syn::Type> = vec![
        named(&["types", "A"]),
        named(&["types", "B"]),
        named(&["A"]),
        named(&["std", "string", "String"]),
        string_type(),
        vec_of(named(&["types", "A"])),
        vec_of(named(&["types", "B"])),
        boxed(named(&["types", "A"])),
        field(vec_of(named(&["types", "A"]))),
        field(boxed(named(&["types", "A"]))),
        field(named(&["types", "A"])),
        generic(
            path([ident("support"), ident("Field")]),
            [named(&["types", "A"]), named(&["types", "B"])],
        ),
        static_reference(named(&["types", "A"])),
        static_reference(named(&["types", "B"])),
        slice_type(named(&["types", "A"])),
        tuple_type([named(&["types", "A"]), unit_type()]),
        syn::parse_quote!(Vec<A>),
        syn::parse_quote!(Vec::<A>),
        syn::parse_quote!(Vec<A,>),
        syn::parse_quote!(<A as B>::C),
        syn::parse_quote!(Field<'static, A>),
        path_type(open_ended),
    ];
    for a in &types {
        for b in &types {
            let printed = a.to_token_stream().to_string() == b.to_token_stream().to_string();
            assert_eq!(
                same_type(a, b),
                printed,
                "{} and {}",
                a.to_token_stream(),
                b.to_token_stream()
            );
        }
    }
}
