//! The operator API (`/operator/v1`) over HTTP on both backends: every row of its table with
//! exact status and problem type, isolation between organizations, key kinds, connect,
//! reconnect and refresh as the Embed API sees them, the audit trail, hostile input, races.
//! Every answer is also checked against `/operator/v1/openapi.json` by the client
//! (`helpers::Bearer`).

mod accounts;
mod audit;
mod connect;
mod document;
mod input;
mod keys;
mod organizations;
mod races;

use serde_json::{Value, json};

use crate::helpers::Bearer;

/// A LinkedIn connect for workspace `ws_a1` of the world, with `external` as its platform id.
pub fn linkedin(external: &str, handle: &str) -> Value {
    json!({
        "platformType": "linkedin",
        "accountType": "personal",
        "accountHandle": handle,
        "accountName": format!("Name of {handle}"),
        "externalId": external,
        "accessToken": format!("access-token-of-{handle}"),
        "refreshToken": format!("refresh-token-of-{handle}"),
        "tokenExpiresAt": "2099-01-01T00:00:00Z",
    })
}

/// Connects `body` to `ws`; the account's id (201 or 200 asserted by the caller's `status`).
#[track_caller]
pub fn connect(operator: &Bearer<'_>, ws: &str, body: &Value, status: u16) -> Value {
    let response = operator.send("POST", &format!("/workspaces/{ws}/social-accounts"), body);
    assert_eq!(response.status, status, "{}", response.body);
    response.json()
}

/// Every audit event the instance has, oldest first (through the API, paging to the end).
pub fn all_events(operator: &Bearer<'_>) -> Vec<Value> {
    let mut events = Vec::new();
    let mut path = "/audit-events?limit=100".to_owned();
    loop {
        let page = operator.get(&path);
        assert_eq!(page.status, 200, "{}", page.body);
        let page = page.json();
        events.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["nextCursor"].as_str() {
            Some(cursor) => path = format!("/audit-events?limit=100&cursor={cursor}"),
            None => return events,
        }
    }
}

/// The actions of `events`, in order.
pub fn actions(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}
