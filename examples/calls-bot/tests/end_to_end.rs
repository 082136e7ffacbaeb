//! The bot end to end, with the docs' own examples from `call-redirect.md` ("Forward a
//! call"): the incoming-call notification is posted to the bot, and a local Graph must
//! receive the redirect request the docs show, once; the later notifications of the same
//! call (redirecting, terminated) redirect nothing.

use calls_bot::Bot;
use codegen::ir::model::Example;
use codegen::parse::page::ExampleRole;
use graph_generated::support::client::{Client, StaticToken};
use graph_generated::support::BaseUrl;
use std::path::Path;
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The examples of "Forward a call" in `docs-input/beta/api/call-redirect.md`, read by the
/// generator.
fn forward_a_call() -> Vec<Example> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
    let corpus = codegen::ir::load(&docs, &mut Vec::new()).expect("docs-input is readable");
    corpus
        .versions
        .into_iter()
        .flat_map(|v| v.examples)
        .filter(|e| e.page == "beta/api/call-redirect.md")
        .filter(|e| e.title.as_deref() == Some("Forward a call"))
        .collect()
}

fn state_of(notification: &serde_json::Value) -> &str {
    notification["value"][0]["resourceData"]["state"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_docs_incoming_call_is_redirected_as_the_docs_show() {
    let examples = forward_a_call();
    let notifications: Vec<serde_json::Value> = examples
        .iter()
        .filter(|e| e.role == ExampleRole::Example)
        .filter_map(|e| e.json.as_ref().map(|j| j.to_value()))
        .collect();
    let states: Vec<&str> = notifications.iter().map(state_of).collect();
    assert_eq!(states, ["incoming", "redirecting", "terminated"]);
    let request = examples
        .iter()
        .find(|e| e.role == ExampleRole::Request)
        .expect("the docs show the redirect request");
    let redirect_path = &request.request.as_ref().expect("a request line").path;
    let redirect_body = request.json.as_ref().expect("a JSON body").to_value();

    // The local Graph accepts exactly the documented redirect, once.
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/beta{redirect_path}")))
        .and(header("content-type", "application/json"))
        .and(body_json(&redirect_body))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&graph)
        .await;

    // The bot, configured with the documented redirect's targets and options.
    let client = Client::new(StaticToken::new("bot-token")).base_url(BaseUrl::new(graph.uri()));
    let bot = Bot::new(client, serde_json::from_value(redirect_body).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/api/calls", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, bot.router()).await });

    let notifier = reqwest::Client::new();
    for notification in &notifications {
        let answer = notifier
            .post(&endpoint)
            .header("content-type", "application/json")
            .body(notification.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 202, "{}", state_of(notification));
    }
    // The redirect goes out after the bot answers Graph.
    let deadline = Instant::now() + Duration::from_secs(10);
    while graph.received_requests().await.unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    graph.verify().await;
}
