//! Webhooks over HTTP on both backends: endpoints through the operator API, every event from
//! its cause and from nothing else, signed deliveries checked by an independent verifier,
//! retries on every kind of failure with the same `webhook-id`, the delivery log and manual
//! retry, isolation between organizations, the expiry sweep, and (as processes) a SIGKILL
//! right after a commit and two instances sharing the work. The sender and the sweeps are
//! driven by hand here, on the server's own state and clock.

mod delivery;
mod endpoints;
mod events;
mod instances;

use std::time::Duration;

use serde_json::{Value, json};
use social_accounts_domain::webhooks::RetrySchedule;
use social_accounts_service::webhooks::{client, sender};

use crate::helpers::receiver::{Received, Receiver};
use crate::helpers::{Bearer, TestApp};

/// Registers an endpoint of `org` at `url` for `events`; its id and secret (201 asserted).
#[track_caller]
pub fn register(operator: &Bearer<'_>, org: &str, url: &str, events: &[&str]) -> (String, String) {
    let response = operator.send(
        "POST",
        &format!("/organizations/{org}/webhooks"),
        &json!({ "url": url, "events": events }),
    );
    assert_eq!(response.status, 201, "{}", response.body);
    let body = response.json();
    (
        body["id"].as_str().unwrap().to_owned(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

/// Sender options: a short timeout and `schedule`.
pub fn options(schedule: &str) -> sender::Options {
    sender::Options {
        timeout: Duration::from_millis(500),
        schedule: RetrySchedule::parse(schedule).unwrap(),
        allow_private: true,
        threads: 1,
    }
}

/// Runs the sender until nothing is due; how many attempts it made.
pub fn deliver(app: &TestApp, options: &sender::Options) -> usize {
    let agent = client::agent(options.timeout, options.allow_private);
    let mut attempts = 0;
    loop {
        let sent = sender::send_due(&app.state, options, &agent);
        if sent == 0 {
            return attempts;
        }
        attempts += sent;
    }
}

/// The event types received, in arrival order.
pub fn types(received: &[Received]) -> Vec<String> {
    received
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_owned())
        .collect()
}

/// An endpoint's deliveries through the operator API (every page).
pub fn deliveries(operator: &Bearer<'_>, webhook: &str, status: Option<&str>) -> Vec<Value> {
    let filter = status.map_or(String::new(), |s| format!("&status={s}"));
    let page = operator.get(&format!("/webhooks/{webhook}/deliveries?limit=100{filter}"));
    assert_eq!(page.status, 200, "{}", page.body);
    page.json()["data"].as_array().unwrap().clone()
}

/// A fresh receiver.
pub fn receiver() -> Receiver {
    Receiver::start()
}
