//! Runs the bot: `GRAPH_TOKEN` (an app token with Calls.Initiate.All), `CALLS_BOT_REDIRECT`
//! (a file with the redirect's JSON body: its targets, timeout and masking), and optionally
//! `CALLS_BOT_LISTEN` (default `127.0.0.1:8080`) and `GRAPH_BASE_URL`.

use calls_bot::Bot;
use graph_generated::support::client::{Client, StaticToken};
use graph_generated::support::BaseUrl;

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("calls-bot: {e}");
        std::process::exit(2);
    }
}

async fn run() -> Result<(), String> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let token = var("GRAPH_TOKEN")?;
    let redirect_file = var("CALLS_BOT_REDIRECT")?;
    let redirect =
        std::fs::read_to_string(&redirect_file).map_err(|e| format!("{redirect_file}: {e}"))?;
    let redirect = serde_json::from_str(&redirect).map_err(|e| format!("{redirect_file}: {e}"))?;
    let base = std::env::var("GRAPH_BASE_URL").map_or_else(|_| BaseUrl::default(), BaseUrl::new);
    let client = Client::new(StaticToken::new(token)).base_url(base);
    let listen = std::env::var("CALLS_BOT_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| format!("{listen}: {e}"))?;
    eprintln!("calls-bot: notifications to http://{listen}/api/calls");
    axum::serve(listener, Bot::new(client, redirect).router())
        .await
        .map_err(|e| e.to_string())
}
