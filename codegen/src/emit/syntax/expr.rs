//! Expressions, patterns and statements: the bodies of the tests.

use super::{angle_bracketed, ident, path, path_of_segments, path_type, with_trailing_commas};
use proc_macro2::Literal;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Pat, Stmt};

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
/// string from [`raw_string`](crate::emit::code::raw_string). Kept as the token it is
/// (`Lit::Verbatim`), which prettyplease prints as it prints a string or a number: syn would
/// copy and read it again to tell its kind, and the examples' JSON is megabytes of it.
pub fn lit(literal: Literal) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Verbatim(literal),
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

/// `"text"`.
pub fn str_lit(text: &str) -> Expr {
    lit(crate::emit::code::str_literal(text))
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
