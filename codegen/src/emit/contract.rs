//! Contract tests, run with the generated crate's `client` feature: each request example
//! whose page also shows the response goes through `support::client` to a local Graph on
//! 127.0.0.1 (wiremock). The local Graph answers only the documented method, path, query and
//! JSON body, with the documented status and body; the client must return what the
//! documented body reads as, typed as the request's `Response`.

use crate::emit::code::{raw_string, Printed};
use crate::emit::naming::{field_name, Scope};
use crate::emit::tests::{expected_path, new_request, test_cfg};
use crate::emit::types::ident;
use crate::emit::{syntax, Context, ResponseBody};
use crate::ir::model::{Example, ExampleTarget, TypeRef};
use crate::ir::typeref::Primitive;
use crate::parse::page::ExampleRole;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The start of the contract test file: the helpers that start a local Graph.
pub fn header(krate: &TokenStream) -> TokenStream {
    quote! {
        //! Contract tests for the `client` feature: each request example in the docs whose
        //! page shows its response is sent by `support::client::Client` to a local Graph
        //! (wiremock on 127.0.0.1). The local Graph answers only the documented method,
        //! path, query, headers and JSON body, with the documented status and body, and the
        //! client must return what the documented body reads as.
        #![cfg(feature = "client")]

        use #krate::support::client::{Client, StaticToken};
        use #krate::support::{BaseUrl, Query, Request};
        use wiremock::matchers;

        const TOKEN: &str = "contract-test-token";

        /// What the docs show a request sending.
        struct Sent {
            method: &'static str,
            path: &'static str,
            query: &'static [(&'static str, &'static str)],
            body: ::std::option::Option<&'static str>,
        }

        /// A local Graph that answers `sent`, and nothing else, once with `status` and
        /// `answer`. The same for every request type: compiled once.
        async fn local_graph(
            sent: Sent,
            status: u16,
            answer: ::std::option::Option<&'static str>,
        ) -> wiremock::MockServer {
            let server = wiremock::MockServer::start().await;
            let mut mock = wiremock::Mock::given(matchers::method(sent.method))
                .and(matchers::path(sent.path))
                .and(matchers::header("authorization", ::std::format!("Bearer {TOKEN}").as_str()))
                .and(matchers::header_exists("client-request-id"));
            for (name, value) in sent.query {
                mock = mock.and(matchers::query_param(*name, *value));
            }
            if let ::std::option::Option::Some(json) = sent.body {
                let json: ::serde_json::Value = ::serde_json::from_str(json).expect("the docs' request body is JSON");
                mock = mock
                    .and(matchers::header("content-type", "application/json"))
                    .and(matchers::body_json(json));
            }
            let mut template = wiremock::ResponseTemplate::new(status);
            if let ::std::option::Option::Some(body) = answer {
                template = template.set_body_raw(body, "application/json");
            }
            mock.respond_with(template).expect(1).mount(&server).await;
            server
        }

        /// Sends `request` with `query` to a local Graph that answers `sent` (see
        /// [`local_graph`]), and fails unless the client read what the documented `answer`
        /// (or an empty body) reads as; returns what it read, or fails with what the local
        /// Graph received.
        async fn contract<R: Request>(
            sent: Sent,
            status: u16,
            answer: ::std::option::Option<&'static str>,
            request: &R,
            query: &Query,
        ) -> R::Response
        where
            R::Response: ::std::cmp::PartialEq + ::std::fmt::Debug,
        {
            let documented = R::read_response(answer.unwrap_or_default().as_bytes())
                .expect("the documented response reads");
            let server = local_graph(sent, status, answer).await;
            let client = Client::new(StaticToken::new(TOKEN))
                .base_url(BaseUrl::new(server.uri()))
                .max_retries(0);
            let response = match client.send_with(request, query).await {
                ::std::result::Result::Ok(value) => value,
                ::std::result::Result::Err(e) => {
                    let received = server.received_requests().await.unwrap_or_default();
                    panic!("{e}\nthe local Graph received: {received:#?}")
                }
            };
            server.verify().await;
            assert_eq!(response, documented);
            response
        }

        /// The docs' JSON `body` read as the request's body type.
        fn parsed<T: ::serde::de::DeserializeOwned>(body: &str) -> T {
            ::serde_json::from_str(body).expect("the body reads as its type")
        }
    }
}

/// One contract test per request example with a documented response, printed into `tests`.
/// `krate` is the path of the version's module (`graph_generated::beta`).
pub fn items(cx: &Context, krate: &syn::Path, scope: &mut Scope, tests: &mut Printed) {
    let prefix = if cx.ir.version.is_empty() {
        String::new()
    } else {
        format!("{}_", cx.ir.version)
    };
    let by_id: BTreeMap<&str, &Example> =
        cx.ir.examples.iter().map(|e| (e.id.as_str(), e)).collect();
    for ex in &cx.ir.examples {
        if ex.role != ExampleRole::Request {
            continue;
        }
        // `x_request_2` is answered by `x_response_2`.
        let Some(answer) = by_id.get(ex.id.replacen("_request_", "_response_", 1).as_str()) else {
            continue;
        };
        if let Some(body) = contract(cx, ex, answer, krate) {
            let (name, _) = scope.claim(field_name(&format!("{prefix}{}", ex.id)));
            let name = ident(&name);
            let doc = format!(
                " Request example at {} and its response",
                cx.sources.location(ex.span)
            );
            let mut attrs = vec![syntax::value_attribute("doc", raw_string(&doc))];
            attrs.extend(test_cfg(cx, ex));
            attrs.push(syntax::path_attribute(syntax::path([
                ident("tokio"),
                ident("test"),
            ])));
            tests.push(vec![syntax::test_function(attrs, true, name, body)]);
        }
    }
}

/// The statements of one contract test; `None` when the pair cannot make one: an untested
/// or ambiguous request, a body whose numbers the types widen, or a response that is not
/// the request's documented `Response`. `krate` is the path of the version's module.
fn contract(
    cx: &Context,
    ex: &Example,
    answer: &Example,
    krate: &syn::Path,
) -> Option<Vec<syn::Stmt>> {
    let req = ex.request.as_ref()?;
    if ex.untested.is_some() || !ex.float_paths.is_empty() {
        return None;
    }
    let r = cx.ir.requests.get(&req.request)?;
    let has_body = crate::emit::requests::takes_body(cx, r);
    let request_json = match (&ex.target, &ex.json, has_body) {
        (
            Some(ExampleTarget::RequestBody { .. } | ExampleTarget::Type { .. }),
            Some(json),
            true,
        ) => Some(serde_json::to_string_pretty(json).ok()?),
        (_, None, false) => None,
        _ => return None,
    };
    let response = cx.response_body(r);
    let response_json = match (&response, &answer.target, &answer.json) {
        (ResponseBody::None, Some(ExampleTarget::NoBody) | None, None) => None,
        (ResponseBody::Any, _, Some(json)) => Some(serde_json::to_string_pretty(json).ok()?),
        (ResponseBody::Json { ty, shape }, Some(ExampleTarget::Type { ty: t, .. }), Some(json))
            if ty == t && *shape == answer.shape && answer.untested.is_none() =>
        {
            Some(serde_json::to_string_pretty(json).ok()?)
        }
        _ => return None,
    };
    let status = answer.status.or(r.response_status).unwrap_or(200);
    // A redirect's target is not in the docs: there is nothing to follow it to.
    if (300..400).contains(&status) {
        return None;
    }
    let (variant, params) = cx
        .names
        .paths()
        .variants
        .get(&req.request)?
        .get(req.path_index)?;
    let args = &req.args;
    let version = crate::emit::requests::api_version(&cx.ir.name);
    let path = format!(
        "/{version}{}",
        expected_path(r.paths.get(req.path_index)?, args)
    );
    let query: Vec<(String, String)> = req
        .query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(decode_pair)
        .collect();
    // A documented parameter that is a string goes through its typed field; the others, and
    // OData's options, through `Query`.
    let typed: BTreeMap<String, String> = crate::emit::requests::query_fields(r)
        .into_iter()
        .zip(crate::emit::requests::documented_query(r))
        .filter(|(_, q)| !q.collection && q.ty == TypeRef::Primitive(Primitive::String))
        .map(|(wire_field, _)| wire_field)
        .collect();
    let (typed_pairs, other_pairs): (Vec<_>, Vec<_>) =
        query.iter().partition(|(n, _)| typed.contains_key(n));
    let mut body = Vec::new();
    // Each documented body is written once, and both sides of the exchange read it.
    // let body = r#"..."#;
    if let Some(json) = &request_json {
        body.push(syntax::local(
            syntax::binding("body", false),
            syntax::lit(raw_string(json)),
        ));
    }
    // let answer = r#"..."#;
    if let Some(json) = &response_json {
        body.push(syntax::local(
            syntax::binding("answer", false),
            syntax::lit(raw_string(json)),
        ));
    }
    // let [mut] request = krate::requests::Name::new(... [, parsed(body)]);
    let parsed_body = request_json
        .is_some()
        .then(|| syntax::call(syntax::name("parsed"), [syntax::name("body")]));
    body.push(syntax::local(
        syntax::binding("request", !typed_pairs.is_empty()),
        new_request(cx, krate, r, (variant, params), args, parsed_body),
    ));
    // request.query.field = Some("value".into());
    for (n, v) in &typed_pairs {
        let target = syntax::field(
            syntax::field(syntax::name("request"), syntax::ident("query")),
            syntax::ident(&typed[n]),
        );
        body.push(syntax::statement(syntax::assign(
            target,
            syntax::call(syntax::name("Some"), [syntax::into(v)]),
        )));
    }
    // let query = Query::new().param("name", "value")...;
    let mut query_value = syntax::call(
        syntax::path_expr(syntax::path([syntax::ident("Query"), syntax::ident("new")])),
        [],
    );
    for (n, v) in &other_pairs {
        query_value = syntax::method(
            query_value,
            "param",
            [syntax::str_lit(n), syntax::str_lit(v)],
        );
    }
    body.push(syntax::local(syntax::binding("query", false), query_value));
    // let sent = Sent { method: "GET", path: "/v1.0/...", query: &[("name", "value"), ...], body: Some(body) };
    let some_or_none = |name: &str, present: bool| match present {
        true => syntax::call(syntax::name("Some"), [syntax::name(name)]),
        false => syntax::name("None"),
    };
    let pairs = query
        .iter()
        .map(|(n, v)| syntax::tuple([syntax::str_lit(n), syntax::str_lit(v)]));
    let sent = syntax::struct_expr(
        syntax::path([syntax::ident("Sent")]),
        [
            (syntax::ident("method"), syntax::str_lit(&r.method)),
            (syntax::ident("path"), syntax::str_lit(&path)),
            (
                syntax::ident("query"),
                syntax::reference(syntax::array(pairs)),
            ),
            (
                syntax::ident("body"),
                some_or_none("body", request_json.is_some()),
            ),
        ],
        false,
    );
    body.push(syntax::local(syntax::binding("sent", false), sent));
    // [let () =] contract(sent, 200u16, Some(answer), &request, &query).await;
    let exchange = syntax::awaited(syntax::call(
        syntax::name("contract"),
        [
            syntax::name("sent"),
            syntax::lit(proc_macro2::Literal::u16_suffixed(status)),
            some_or_none("answer", response_json.is_some()),
            syntax::reference(syntax::name("request")),
            syntax::reference(syntax::name("query")),
        ],
    ));
    // Only `()` matches `()`: a request that returned anything else fails to build.
    body.push(match response {
        ResponseBody::None => syntax::local(syntax::unit(), exchange),
        _ => syntax::statement(exchange),
    });
    Some(body)
}

/// `name=value` from the docs, percent-decoded: the client encodes it again when it sends it.
fn decode_pair(pair: &str) -> (String, String) {
    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
    (percent_decode(name), percent_decode(value))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded_once() {
        assert_eq!(
            decode_pair("$filter=startswith(displayName,%27a%27)"),
            (
                "$filter".to_string(),
                "startswith(displayName,'a')".to_string()
            )
        );
        assert_eq!(decode_pair("$top"), ("$top".to_string(), String::new()));
        // A `%` that starts no escape is kept.
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%E2%82%AC %zz"), "€ %zz");
    }
}
