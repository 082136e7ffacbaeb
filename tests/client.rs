//! The generated client against a local Graph (wiremock on 127.0.0.1) in the situations the
//! docs' examples do not show: paging, throttling, errors, a slow and a truncated response.
//! The contract tests of each documented request and response are in
//! `generated/tests/contract.rs`.

use futures_util::StreamExt;
use graph_docs_build_example::beta::requests::{
    CallGet, CallGetPath, CallListParticipants, CallListParticipantsPath,
};
use graph_docs_build_example::support::client::{BoxError, BoxFuture, Client, Error, TokenSource};
use graph_docs_build_example::support::{BaseUrl, Query};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

/// A token source that counts the tokens it gives.
#[derive(Clone, Default)]
struct Counted(Arc<AtomicUsize>);

impl TokenSource for Counted {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Ok(format!("token-{n}"))
        })
    }
}

fn client(server: &MockServer) -> Client {
    Client::new(Counted::default())
        .base_url(BaseUrl::new(server.uri()))
        .backoff(Duration::from_millis(10))
}

fn get_call() -> CallGet {
    CallGet::new(CallGetPath::App {
        call_id: "c1".into(),
    })
}

fn list_participants() -> CallListParticipants {
    CallListParticipants::new(CallListParticipantsPath::AppCalls {
        call_id: "c1".into(),
    })
}

const PARTICIPANTS: &str = "/beta/app/calls/c1/participants";

/// Three pages, each pointing at the next: the stream yields every item in order and asks
/// for each page once, with the query options on the first request only.
#[tokio::test]
async fn items_follow_next_links_across_three_pages() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<&str>| {
        let value: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({ "id": id }))
            .collect();
        let mut body = serde_json::json!({ "value": value });
        if let Some(next) = next {
            body["@odata.nextLink"] =
                format!("{}{PARTICIPANTS}?$skiptoken={next}", server.uri()).into();
        }
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(method("GET"))
        .and(path(PARTICIPANTS))
        .and(query_param("$top", "2"))
        .respond_with(page(&["a", "b"], Some("p2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(PARTICIPANTS))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(page(&["c", "d"], Some("p3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(PARTICIPANTS))
        .and(query_param("$skiptoken", "p3"))
        .respond_with(page(&["e"], None))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let request = list_participants();
    let items: Vec<_> = client.items(&request, &Query::new().top(2)).collect().await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|item| item.unwrap().id.value().unwrap().clone())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    server.verify().await;
}

/// A next link to another host is not followed: the token would go there.
#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(path(PARTICIPANTS))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "value": [{"id": "a"}],
            "@odata.nextLink": "https://elsewhere.example/beta/app/calls/c1/participants?$skiptoken=2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let request = list_participants();
    let items: Vec<_> = client.items(&request, &Query::new()).collect().await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(
        matches!(&items[1], Err(Error::ForeignNextLink(link)) if link.starts_with("https://elsewhere.example/")),
        "{:?}",
        items[1]
    );
}

/// A 429 with `Retry-After: 1` is sent again after a second, with the same
/// `client-request-id` and a fresh token, and the second answer is the result.
#[tokio::test]
async fn a_throttled_request_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"id": "c1", "state": "established"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let started = Instant::now();
    let call = client.send(&get_call()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After not honoured"
    );
    assert_eq!(call.id.value().map(String::as_str), Some("c1"));
    let received = server.received_requests().await.unwrap();
    let ids: Vec<_> = received
        .iter()
        .map(|r| header_of(r, "client-request-id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
    let tokens: Vec<_> = received
        .iter()
        .map(|r| header_of(r, "authorization"))
        .collect();
    assert_eq!(tokens, ["Bearer token-0", "Bearer token-1"]);
}

/// Retries are bounded: after `max_retries` the throttling error comes back, with its
/// `Retry-After`.
#[tokio::test]
async fn retries_stop_after_the_limit() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    match client(&server).max_retries(2).send(&get_call()).await {
        Err(Error::Graph(e)) => assert_eq!(e.status, 503),
        other => panic!("{other:?}"),
    }
    server.verify().await;
    // A `Retry-After` longer than the client waits ends the retries at once.
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .expect(1)
        .mount(&server)
        .await;
    match client(&server).send(&get_call()).await {
        Err(Error::Graph(e)) => assert_eq!((e.status, e.retry_after), (429, Some(3600))),
        other => panic!("{other:?}"),
    }
    server.verify().await;
}

/// Graph's error body is read whole: code, message, `innerError` and members the client
/// does not know.
#[tokio::test]
async fn a_graph_error_keeps_its_body() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "Resource 'c1' does not exist.",
        "innerError": {
            "request-id": "4ae5bfc9-9a28-4e87-a63c-3d2bd7f1f2f2",
            "date": "2019-04-25T10:00:00",
            "client-request-id": "4ae5bfc9-9a28-4e87-a63c-3d2bd7f1f2f3"
        },
        "details": [{"code": "NotFound", "target": "id"}],
        "retryable": false
    }});
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(&body))
        .mount(&server)
        .await;
    let Err(Error::Graph(e)) = client(&server).send(&get_call()).await else {
        panic!("not a Graph error")
    };
    assert_eq!(e.status, 404);
    assert_eq!(e.code(), Some("Request_ResourceNotFound"));
    assert_eq!(e.message(), Some("Resource 'c1' does not exist."));
    assert_eq!(e.request_id(), Some("4ae5bfc9-9a28-4e87-a63c-3d2bd7f1f2f2"));
    assert_eq!(
        e.to_string(),
        "Graph answered 404: Request_ResourceNotFound: Resource 'c1' does not exist."
    );
    let detail = e.error().unwrap();
    assert_eq!(detail.additional_properties["retryable"], false);
    assert_eq!(
        serde_json::to_value(e.body.as_deref().unwrap()).unwrap(),
        body
    );
}

/// An error body that is not Graph's JSON (a proxy's page) is kept as text.
#[tokio::test]
async fn an_error_that_is_not_json_is_kept_as_text() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;
    let Err(Error::Graph(e)) = client(&server).send(&get_call()).await else {
        panic!("not a Graph error")
    };
    assert_eq!((e.status, e.body.is_none()), (502, true));
    assert_eq!(e.text, "<html>Bad Gateway</html>");
}

/// A response slower than the timeout is a timeout, not a hang.
#[tokio::test]
async fn a_slow_response_times_out() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = client(&server).timeout(Duration::from_millis(200));
    let started = Instant::now();
    let result = client.send(&get_call()).await;
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

/// A success whose JSON is cut off is a clear error that keeps the bytes.
#[tokio::test]
async fn a_truncated_body_is_an_error_with_the_bytes() {
    let server = MockServer::start().await;
    let truncated = r#"{"value": [{"id": "a"}, {"id": "#;
    Mock::given(path(PARTICIPANTS))
        .respond_with(ResponseTemplate::new(200).set_body_raw(truncated, "application/json"))
        .mount(&server)
        .await;
    match client(&server).send(&list_participants()).await {
        Err(Error::Undecodable {
            status,
            message,
            body,
        }) => {
            assert_eq!(status, 200);
            assert!(message.contains("EOF"), "{message}");
            assert_eq!(body, truncated.as_bytes());
        }
        other => panic!("{other:?}"),
    }
}

/// Each request gets a fresh `client-request-id`, a version 4 UUID.
#[tokio::test]
async fn each_request_has_a_fresh_client_request_id() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/app/calls/c1"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    client.send(&get_call()).await.unwrap();
    client.send(&get_call()).await.unwrap();
    let received = server.received_requests().await.unwrap();
    let ids: Vec<_> = received
        .iter()
        .map(|r| header_of(r, "client-request-id"))
        .collect();
    assert_ne!(ids[0], ids[1]);
    for id in ids {
        let parts: Vec<&str> = id.split('-').collect();
        let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
        assert!(
            parts[2].starts_with('4') && "89ab".contains(&parts[3][..1]),
            "{id}"
        );
    }
}

fn header_of(request: &Received, name: &str) -> String {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}
