//! Round-trip tests generated from the docs' own JSON examples: each example is read into
//! its type and written back, and the two JSON values must be equal (every key, `null`,
//! `@odata.*` and number, in any key order). Request examples also rebuild their method and
//! path; response examples check their status against the request's.

use crate::emit::code::{raw_string, str_literal, Printed};
use crate::emit::naming::{field_name, Scope};
use crate::emit::report::Untested;
use crate::emit::requests::request_name;
use crate::emit::types::ident;
use crate::emit::{syntax, Context, ResponseBody};
use crate::ir::model::{Example, ExampleTarget, FallbackKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// One test per example of a version, printed into `tests`; returns the examples that got
/// none with the reason, for the report. Where code is not printed there is no report: only
/// what making the tests reports is kept, and nothing is returned. `krate` is the path of the
/// version's module (`graph_generated::beta`).
pub fn items(
    cx: &mut Context,
    krate: &syn::Path,
    scope: &mut Scope,
    tests: &mut Printed,
) -> Vec<Untested> {
    let mut untested = Vec::new();
    let prefix = if cx.ir.version.is_empty() {
        String::new()
    } else {
        format!("{}_", cx.ir.version)
    };
    for ex in &cx.ir.examples {
        match test(cx, ex, krate) {
            // Code that is not printed needs only what `test` reports, and no report of
            // what is untested.
            _ if !cx.print => {}
            Ok(body) => {
                let location = cx.sources.location(ex.span);
                let (name, _) = scope.claim(field_name(&format!("{prefix}{}", ex.id)));
                let name = ident(&name);
                let doc = format!(
                    " {} example at {location}{}",
                    role(ex),
                    ex.title
                        .as_ref()
                        .map(|t| format!(" (\"{t}\")"))
                        .unwrap_or_default()
                );
                let mut attrs = vec![syntax::value_attribute("doc", raw_string(&doc))];
                attrs.extend(test_cfg(cx, ex));
                attrs.push(syntax::word_attribute("test"));
                tests.push(vec![syntax::test_function(
                    attrs,
                    false,
                    name,
                    body.statements,
                )]);
            }
            Err(reason) => untested.push(Untested {
                version: cx.ir.version.clone(),
                id: ex.id.clone(),
                at: cx.sources.location(ex.span),
                reason,
                json: ex.json_body,
            }),
        }
    }
    untested
}

/// A scope for test names, with the helpers' names taken (of both test files).
pub fn scope() -> Scope {
    Scope::with_reserved(&[
        "round_trip",
        "difference",
        "understood",
        "reads",
        "sends",
        "status",
        "no_body",
        "local_graph",
        "contract",
        "parsed",
        "FallbackKind",
        "Inspect",
        "Request",
        "Response",
    ])
}

/// The start of the test file, before the tests: what it checks, the examples without a
/// test, and the helpers. `krate` names the generated crate.
pub fn header(untested: &[Untested], krate: &TokenStream) -> TokenStream {
    let listed: Vec<String> = untested
        .iter()
        .map(|u| format!(" - {}: {}", u.at, u.reason))
        .collect();
    let untested_doc = if listed.is_empty() {
        vec![" Every example on the pages has a test.".to_string()]
    } else {
        listed
    };
    let untested_doc = untested_doc.iter().map(|line| str_literal(line));
    let tokens = quote! {
        //! Round-trip tests for the JSON examples in the docs.
        //!
        //! Each test reads an example into its type, writes it back, and compares the two
        //! exactly (numbers keep their kind); then it inspects the typed value and expects
        //! exactly the fallbacks the docs call for: every undocumented key by its path, every
        //! value outside an enum's list, every value kept as plain JSON. A documented key read
        //! into the wrong field, an enum value read as `Other` or a derived type read as its
        //! base fails the test, even though the JSON would still come back unchanged.
        //!
        //! Examples without a test, and why:
        #(#![doc = #untested_doc])*

        #[allow(unused_imports)] // every test may be turned off by features
        use #krate::support::{FallbackKind, Inspect, Request};

        /// What a request reads a successful response as.
        #[allow(dead_code)]
        type Response<R> = <R as Request>::Response;

        /// Reads `text` into `T` and back without loss (see [`round_trip`]), and fails unless
        /// inspecting it finds exactly the `expected` fallbacks (see [`understood`]).
        #[allow(dead_code)]
        #[track_caller]
        fn reads<T>(text: &str, floats: &[&str], expected: &[(&str, FallbackKind)]) -> T
        where
            T: ::serde::de::DeserializeOwned + ::serde::Serialize + Inspect,
        {
            let typed = round_trip(text, floats);
            understood(&typed, expected);
            typed
        }

        /// Fails unless `request` has the `method` and builds the `path` of the example.
        #[allow(dead_code)]
        #[track_caller]
        fn sends<R: Request>(request: &R, method: &str, path: &str) {
            assert_eq!(R::METHOD.as_str(), method);
            assert_eq!(request.path(), path);
        }

        /// Fails unless `R` expects the status `code` on success.
        #[allow(dead_code)]
        #[track_caller]
        fn status<R: Request>(code: u16) {
            assert_eq!(R::EXPECTED_STATUS, Some(code));
        }

        /// Fails unless `R` reads an empty body; only a request whose `Response` is `()`
        /// compiles.
        #[allow(dead_code)]
        #[track_caller]
        fn no_body<R: Request<Response = ()>>() {
            R::read_response(b"").unwrap()
        }

        /// Reads `text` into `T`, writes it back, and fails unless nothing was lost or changed.
        /// `floats` are the paths of integers that a `Double` property writes back as `2.0`.
        #[allow(dead_code)]
        #[track_caller]
        fn round_trip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(text: &str, floats: &[&str]) -> T {
            let original: ::serde_json::Value = ::serde_json::from_str(text).expect("example is JSON");
            let typed: T = ::serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("example does not fit its type: {e}"));
            let back = ::serde_json::to_value(&typed).expect("typed value serialises");
            if let Some(at) = difference(&original, &back, "$", floats) {
                panic!("round trip changed the example at {at}\noriginal: {original:#}\nback: {back:#}");
            }
            typed
        }

        /// Fails unless inspecting `typed` finds exactly the `expected` fallbacks.
        #[allow(dead_code)]
        #[track_caller]
        fn understood<T: Inspect>(typed: &T, expected: &[(&str, FallbackKind)]) {
            let fallbacks = typed.fallbacks();
            let mut found: Vec<(&str, FallbackKind)> = fallbacks.iter().map(|f| (f.path.as_str(), f.kind)).collect();
            found.sort();
            let mut expected = expected.to_vec();
            expected.sort();
            if found != expected {
                let listed: Vec<String> = fallbacks.iter().map(|f| format!("  {f}")).collect();
                panic!("the types did not read the example as the docs describe it\nexpected: {expected:?}\nfound:\n{}", listed.join("\n"));
            }
        }

        /// Where two JSON values differ: every key, `null` and number, numbers of the same kind
        /// (an integer is no float) except at the `floats` paths.
        #[allow(dead_code)]
        fn difference(a: &::serde_json::Value, b: &::serde_json::Value, at: &str, floats: &[&str]) -> Option<String> {
            use ::serde_json::Value;
            match (a, b) {
                (Value::Object(x), Value::Object(y)) => {
                    for key in x.keys().chain(y.keys()) {
                        match (x.get(key), y.get(key)) {
                            (Some(p), Some(q)) => {
                                if let Some(d) = difference(p, q, &format!("{at}.{key}"), floats) {
                                    return Some(d);
                                }
                            }
                            _ => return Some(format!("{at}.{key} (present on one side only)")),
                        }
                    }
                    None
                }
                (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                    x.iter().zip(y).enumerate().find_map(|(i, (p, q))| difference(p, q, &format!("{at}[{i}]"), floats))
                }
                (Value::Number(x), Value::Number(y)) if floats.contains(&at) => {
                    let widened = !x.is_f64() && y.is_f64() && x.as_f64() == y.as_f64();
                    (!widened).then(|| format!("{at} (an integer that a `Double` writes as a float)"))
                }
                _ => (a != b).then(|| at.to_string()),
            }
        }
    };
    tokens
}

/// The features a test needs: its page's request's when it builds or checks one (the
/// request's feature reaches every type on its page), else its type's.
pub(crate) fn test_cfg(cx: &Context, ex: &Example) -> Option<syn::Attribute> {
    let page_request = cx.request_of_page(&ex.page).map(|r| r.name.as_str());
    let uses_request = ex.request.is_some()
        || ex.status.is_some()
        || matches!(ex.target, Some(ExampleTarget::RequestBody { .. }));
    match (page_request, &ex.target) {
        (Some(r), _) if uses_request => cx.cfg_request(r),
        (
            _,
            Some(ExampleTarget::Type {
                ty: TypeRef::Named(key),
                ..
            }),
        ) => cx.cfg_type(key),
        _ => None,
    }
}

/// Whether a response example of `ty` reads as its page's request's `Response`: when the
/// two agree, so that the association is tested too.
fn reads_as_response(cx: &Context, ex: &Example, ty: &TypeRef) -> bool {
    ex.role == crate::parse::page::ExampleRole::Response
        && cx.request_of_page(&ex.page).is_some_and(|r| {
            matches!(cx.response_body(r), ResponseBody::Json { ty: rty, shape }
                if rty == *ty && shape == ex.shape)
        })
}

/// The type that the test of `ex` names itself: that of a tested JSON example of a type,
/// unless it reads as its request's `Response`.
fn own_type<'e>(cx: &Context, ex: &'e Example) -> Option<&'e TypeRef> {
    if ex.untested.is_some() || ex.json.is_none() {
        return None;
    }
    match &ex.target {
        Some(ExampleTarget::Type { ty, .. }) if !reads_as_response(cx, ex, ty) => Some(ty),
        _ => None,
    }
}

/// Names the families that the tests read their examples as, in the order the tests would
/// name them, and so emits their enums where the tests would have: the tests can then be
/// made by a context of their own, on another thread, that names nothing.
pub fn claim_families(cx: &mut Context) {
    let ir = cx.ir;
    for ex in &ir.examples {
        if let Some(ty) = own_type(cx, ex) {
            // Only the naming is wanted; the paths of the type are the tests' business.
            let anywhere = syntax::path([ident("types")]);
            cx.document_type(ty, &anywhere, &anywhere);
        }
    }
}

fn role(ex: &Example) -> &'static str {
    match ex.role {
        crate::parse::page::ExampleRole::Request => "Request",
        crate::parse::page::ExampleRole::Response => "Response",
        _ => "JSON",
    }
}

/// The statements of the test of `ex`, made as syntax trees (see [`syntax`]), or why it
/// has none. Where code is not printed, only the decisions are made (see [`Checks`]).
fn test(cx: &mut Context, ex: &Example, krate: &syn::Path) -> Result<Checks, String> {
    if let Some(reason) = &ex.untested {
        return Err(reason.clone());
    }
    let target = ex
        .target
        .as_ref()
        .ok_or("no documented type for the example")?;
    // Code that is not printed needs the decisions below, not the example's text.
    let json = ex.json.as_ref().map(|j| {
        cx.print
            .then(|| raw_string(&serde_json::to_string_pretty(j).unwrap_or_default()))
    });
    let mut body = Checks {
        print: cx.print,
        statements: Vec::new(),
        count: 0,
    };
    let floats = &ex.float_paths;
    // (path, FallbackKind::Kind)
    let expected: Vec<syn::Expr> = ex
        .fallbacks
        .iter()
        .filter(|_| cx.print)
        .map(|f| {
            let kind = match f.kind {
                FallbackKind::UnknownKey => "UnknownKey",
                FallbackKind::OtherValue => "OtherValue",
                FallbackKind::ReadAsBase => "ReadAsBase",
                FallbackKind::Json => "Json",
            };
            syntax::tuple([
                syntax::str_lit(&f.path),
                syntax::path_expr(syntax::path([ident("FallbackKind"), ident(kind)])),
            ])
        })
        .collect();
    let response_of = cx
        .request_of_page(&ex.page)
        .filter(|_| ex.role == crate::parse::page::ExampleRole::Response)
        .map(|r| (request_name(cx, &r.name), cx.response_body(r)));
    let request = match &ex.request {
        Some(req) => Some((
            req,
            cx.ir
                .requests
                .get(&req.request)
                .ok_or("request not found")?,
        )),
        None => None,
    };
    let in_requests = |name: &str| syntax::child(krate, &["requests", name]);
    // Whether the example's request takes its body: then the typed body is kept for it.
    let body_taken = request.is_some_and(|(_, r)| crate::emit::requests::takes_body(cx, r));
    let typed = match (target, &json) {
        (ExampleTarget::Type { ty, .. }, Some(text)) => {
            let t = match response_of {
                Some((request, _)) if reads_as_response(cx, ex, ty) => {
                    let request = syntax::path_type(in_requests(&request));
                    syntax::generic(syntax::path([ident("Response")]), [request])
                }
                // What `own_type` gives: `claim_families` names it before the tests are made.
                _ => {
                    let support = syntax::child(krate, &["support"]);
                    let t = cx
                        .document_type(ty, &syntax::child(krate, &["types"]), &support)
                        .ok_or("the example's type is not emitted")?;
                    crate::emit::shaped(ex.shape, t, &support)
                }
            };
            body.push(|| [reads(t, text.clone(), floats, &expected, body_taken)]);
            true
        }
        (ExampleTarget::RequestBody { request }, Some(text)) => {
            let body_ty = format!("{}Body", request_name(cx, request));
            body.push(|| {
                let t = syntax::path_type(in_requests(&body_ty));
                [reads(t, text.clone(), floats, &expected, body_taken)]
            });
            true
        }
        (ExampleTarget::NoBody, None) => {
            if let Some((request, ResponseBody::None)) = response_of {
                // no_body::<krate::requests::Name>();
                body.push(|| {
                    let check = syntax::turbofish("no_body", in_requests(&request));
                    [syntax::statement(syntax::call(check, []))]
                });
            }
            false
        }
        (_, None) => return Err("the example has no JSON body".into()),
        (ExampleTarget::NoBody, Some(_)) => {
            return Err("annotated as having no body, but has one".into())
        }
    };
    if let Some((req, r)) = request {
        let cx = &*cx;
        body.push(|| {
            let (variant, params) = &cx.names.paths().variants[&req.request][req.path_index];
            let args = &req.args;
            let body_arg = match (body_taken, typed) {
                (false, _) => None,
                (true, true) => Some(syntax::name("typed")),
                (true, false) => {
                    let mut default =
                        syntax::path(["std", "default", "Default", "default"].map(ident));
                    default.leading_colon = Some(Default::default());
                    Some(syntax::call(syntax::path_expr(default), []))
                }
            };
            let request = syntax::local(
                syntax::binding("request", false),
                new_request(cx, krate, r, (variant, params), args, body_arg),
            );
            // sends(&request, "METHOD", "/path");
            let sends = syntax::statement(syntax::call(
                syntax::name("sends"),
                [
                    syntax::reference(syntax::name("request")),
                    syntax::str_lit(&r.method),
                    syntax::str_lit(&expected_path(&r.paths[req.path_index], args)),
                ],
            ));
            [request, sends]
        });
    }
    if let Some(status) = ex.status {
        let page_request = cx.request_of_page(&ex.page);
        if let Some(r) = page_request {
            match r.response_status {
                Some(expected) if expected == status => {
                    // status::<krate::requests::Name>(200u16);
                    let name = request_name(cx, &r.name);
                    body.push(|| {
                        let check = syntax::turbofish("status", in_requests(&name));
                        let code = syntax::lit(proc_macro2::Literal::u16_suffixed(status));
                        [syntax::statement(syntax::call(check, [code]))]
                    });
                }
                // The docs disagree with themselves; the body is still checked.
                Some(expected) => cx.diags.push(
                    crate::diag::Diagnostic::new(
                        crate::diag::Code::ExampleMismatch,
                        Some(ex.span),
                        format!("the example's status {status} is not the documented {expected}"),
                    )
                    .label("status not checked"),
                ),
                None => {}
            }
        }
    }
    if body.count == 0 {
        return Err("nothing to check: no body, no request path and no documented status".into());
    }
    Ok(body)
}

/// `krate::requests::Name::new(krate::requests::NamePath::Variant { param: "arg".into(), ...
/// } [, body])`: the request `r` as a test builds it, as a user does, since request types
/// are `#[non_exhaustive]`, on the path `variant` (its name and its parameters' fields).
pub(crate) fn new_request(
    cx: &Context,
    krate: &syn::Path,
    r: &crate::ir::model::Request,
    (variant, params): (&str, &[String]),
    args: &[String],
    body: Option<syn::Expr>,
) -> syn::Expr {
    let name = request_name(cx, &r.name);
    let path = syntax::struct_expr(
        syntax::child(krate, &["requests", &format!("{name}Path"), variant]),
        params
            .iter()
            .zip(args)
            .map(|(p, a)| (ident(p), syntax::into(a))),
        true,
    );
    let new = syntax::child(krate, &["requests", &name, "new"]);
    syntax::call(syntax::path_expr(new), std::iter::once(path).chain(body))
}

/// `let typed: T = reads(r#"..."#, &[floats], &[expected]);`: the statement that reads the
/// example `text` as `t`, keeping the value as `typed` when the example's request takes it
/// as its body (`_` otherwise).
fn reads(
    t: syn::Type,
    text: Option<proc_macro2::Literal>,
    floats: &[String],
    expected: &[syn::Expr],
    keep: bool,
) -> syn::Stmt {
    let pattern = match keep {
        true => syntax::binding("typed", false),
        false => syntax::wild(),
    };
    // The text is made whenever code is printed, which is when this runs.
    let text = syntax::lit(text.unwrap_or_else(|| proc_macro2::Literal::string("")));
    let call = syntax::call(
        syntax::name("reads"),
        [
            text,
            syntax::reference(syntax::array(floats.iter().map(|f| syntax::str_lit(f)))),
            syntax::reference(syntax::array(expected.iter().cloned())),
        ],
    );
    syntax::local(syntax::typed(pattern, t), call)
}

/// The statements of one test; when code is not printed, only how many checks there would be.
struct Checks {
    print: bool,
    statements: Vec<syn::Stmt>,
    count: usize,
}

impl Checks {
    fn push<S: IntoIterator<Item = syn::Stmt>>(&mut self, statements: impl FnOnce() -> S) {
        self.count += 1;
        if self.print {
            self.statements.extend(statements());
        }
    }
}

/// The path the request type must produce: the template with each argument encoded the
/// way RFC 3986 requires (written independently of the generated `encode_segment`).
pub(crate) fn expected_path(template: &crate::ir::model::PathTemplate, args: &[String]) -> String {
    let mut args = args.iter();
    let mut out = String::new();
    for segment in &template.segments {
        match segment {
            crate::ir::model::Segment::Literal(l) => out.push_str(l),
            crate::ir::model::Segment::Param(_) => {
                for c in args.next().map(String::as_str).unwrap_or("").chars() {
                    if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                        out.push(c);
                    } else {
                        let mut buf = [0u8; 4];
                        for b in c.encode_utf8(&mut buf).bytes() {
                            out.push_str(&format!("%{b:02X}"));
                        }
                    }
                }
            }
        }
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}
