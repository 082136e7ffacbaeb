//! Requests to `http::Request` and `http::Response` back, with no HTTP client: what any
//! client (hyper, ureq, a test harness) can send and read.

use graph_docs_build_example::beta::requests::{
    CallGet, CallGetPath, CallRedirect, CallRedirectPath, CallRedirectResponse,
};
use graph_docs_build_example::support::{BaseUrl, Query, Request, ResponseError};

fn redirect() -> CallRedirect {
    CallRedirect::new(
        CallRedirectPath::AppCalls {
            call_id: "c/1".into(),
        },
        serde_json::from_str(r#"{"targets": [], "timeout": 99, "maskCallee": true}"#).unwrap(),
    )
}

fn get() -> CallGet {
    CallGet::new(CallGetPath::App {
        call_id: "c1".into(),
    })
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn a_request_with_a_body_becomes_an_http_request() {
    let sent = redirect()
        .to_http(&BaseUrl::new("http://127.0.0.1:8080/"), &Query::new())
        .unwrap();
    assert_eq!(sent.method(), http::Method::POST);
    assert_eq!(
        sent.uri().to_string(),
        "http://127.0.0.1:8080/beta/app/calls/c%2F1/redirect"
    );
    assert_eq!(sent.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(sent.body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"targets": [], "timeout": 99, "maskCallee": true})
    );
}

#[test]
fn a_get_goes_to_the_global_service_with_its_query_and_no_body() {
    let sent = get()
        .to_http(&BaseUrl::default(), &Query::new().select(["id", "state"]))
        .unwrap();
    assert_eq!(sent.method(), http::Method::GET);
    assert_eq!(
        sent.uri().to_string(),
        "https://graph.microsoft.com/beta/app/calls/c1?$select=id%2Cstate"
    );
    assert!(sent.headers().get("content-type").is_none());
    assert!(sent.headers().get("consistencylevel").is_none());
    assert!(sent.body().is_empty());
    // `$search` and `$count` need eventual consistency on directory objects.
    let sent = get()
        .to_http(&BaseUrl::new(BaseUrl::CHINA), &Query::new().count(true))
        .unwrap();
    assert!(sent
        .uri()
        .to_string()
        .starts_with("https://microsoftgraph.chinacloudapi.cn/beta/"));
    assert_eq!(sent.headers()["consistencylevel"], "eventual");
}

#[test]
fn responses_read_as_the_documented_type() {
    // `CallRedirectResponse` is `()`: only `()` matches the pattern.
    let (): CallRedirectResponse = CallRedirect::from_http(&response(202, "")).unwrap();
    let call =
        CallGet::from_http(&response(200, r#"{"id": "c1", "state": "established"}"#)).unwrap();
    assert_eq!(call.id.value().map(String::as_str), Some("c1"));
    // An empty body is not a call.
    match CallGet::from_http(&response(200, "")) {
        Err(ResponseError::Undecodable {
            status: 200, body, ..
        }) => assert!(body.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_status_reads_as_a_graph_error() {
    let body = r#"{"error": {"code": "itemNotFound", "message": "gone"}}"#;
    let Err(ResponseError::Graph(e)) = CallGet::from_http(&response(404, body)) else {
        panic!("not a Graph error")
    };
    assert_eq!(
        (e.status, e.code(), e.message()),
        (404, Some("itemNotFound"), Some("gone"))
    );
    // Even for a request that expects no body.
    let Err(ResponseError::Graph(e)) = CallRedirect::from_http(&response(400, "no")) else {
        panic!("not a Graph error")
    };
    assert_eq!((e.status, e.text.as_str()), (400, "no"));
}
