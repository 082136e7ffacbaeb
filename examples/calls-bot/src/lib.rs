//! The core of a calls bot: Graph posts `commsNotifications` to the bot's endpoint, and each
//! incoming call it announces is redirected, with the generated `CallRedirect` sent by the
//! generated client, to the targets the bot was configured with.
//!
//! What a production bot adds is left out: validating the token Graph signs its
//! notifications with, answering calls it keeps, and logging beyond standard error.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use graph_generated::beta::requests::{CallRedirect, CallRedirectBody, CallRedirectPath};
use graph_generated::beta::types::{
    CallState, CommsNotificationChangeType, CommsNotifications, Resource,
};
use graph_generated::support::client::{Client, Error};
use std::sync::Arc;

/// The bot: the client it sends with, and the redirect it makes of every incoming call.
#[derive(Debug, Clone)]
pub struct Bot {
    client: Client,
    redirect: CallRedirectBody,
}

impl Bot {
    /// A bot that redirects each incoming call with `redirect` (its targets, timeout and
    /// masking).
    pub fn new(client: Client, redirect: CallRedirectBody) -> Bot {
        Bot { client, redirect }
    }

    /// The endpoint Graph notifies: `POST /api/calls`.
    pub fn router(self) -> Router {
        Router::new()
            .route("/api/calls", post(notified))
            .with_state(Arc::new(self))
    }

    /// Redirects the call `call_id`.
    pub async fn redirect(&self, call_id: String) -> Result<(), Error> {
        let request = CallRedirect::new(
            CallRedirectPath::AppCalls { call_id },
            self.redirect.clone(),
        );
        self.client.send(&request).await
    }
}

/// The ids of the calls that `notifications` announce as created and incoming.
pub fn incoming_calls(notifications: &CommsNotifications) -> Vec<String> {
    let created = notifications
        .value
        .value()
        .into_iter()
        .flatten()
        .filter(|n| n.change_type.value() == Some(&CommsNotificationChangeType::Created));
    created
        .filter_map(|n| {
            let Resource::Call(call) = n.resource_data.value()?.resource()? else {
                return None;
            };
            if call.state.value() != Some(&CallState::Incoming) {
                return None;
            }
            // `resource` is the call's path: `/app/calls/{id}`.
            let id = n.resource.value()?.rsplit('/').next()?;
            (!id.is_empty()).then(|| id.to_string())
        })
        .collect()
}

/// Graph wants an answer at once: each redirect is sent after the notification is accepted.
async fn notified(
    State(bot): State<Arc<Bot>>,
    Json(notifications): Json<CommsNotifications>,
) -> StatusCode {
    for call_id in incoming_calls(&notifications) {
        let bot = bot.clone();
        tokio::spawn(async move {
            if let Err(e) = bot.redirect(call_id.clone()).await {
                eprintln!("call {call_id}: redirect failed: {e}");
            }
        });
    }
    StatusCode::ACCEPTED
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(change_type: &str, state: &str) -> CommsNotifications {
        serde_json::from_value(serde_json::json!({"value": [{
            "changeType": change_type,
            "resource": "/app/calls/c1",
            "resourceData": {"@odata.type": "#microsoft.graph.call", "state": state}
        }]}))
        .unwrap()
    }

    /// Only a call that is created and incoming is redirected: each condition alone turns
    /// the others' notifications away.
    #[test]
    fn only_created_incoming_calls_are_offered() {
        assert_eq!(incoming_calls(&notification("created", "incoming")), ["c1"]);
        assert!(incoming_calls(&notification("updated", "incoming")).is_empty());
        assert!(incoming_calls(&notification("deleted", "incoming")).is_empty());
        assert!(incoming_calls(&notification("created", "establishing")).is_empty());
        let not_a_call: CommsNotifications = serde_json::from_value(serde_json::json!({
            "value": [{"changeType": "created", "resource": "/app/calls/c1",
                       "resourceData": {"@odata.type": "#microsoft.graph.participant"}}]
        }))
        .unwrap();
        assert!(incoming_calls(&not_a_call).is_empty());
    }
}
