//! The real binary: an event committed by an instance killed at once is delivered by the next
//! one; an instance killed in the middle of an attempt leaves it to the next after its lease;
//! two instances deliver every event, none twice.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use social_accounts_domain::KeyKind;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::helpers::receiver::{Receiver, Reply};
use crate::helpers::{ServeProcess, TestApp, send_body};
use crate::publisher::{KEY_P, PUBLISH_WORLD};

/// A server over `PUBLISH_WORLD` for the processes to share, and an instance operator key.
fn shared(backend: Backend) -> (TestApp, String) {
    let app = TestApp::builder(TestDb::migrated(backend)).start();
    app.seed(PUBLISH_WORLD);
    let key = app.mint(KeyKind::Operator, None, None);
    (app, key)
}

fn start(app: &TestApp, background: &str) -> ServeProcess {
    ServeProcess::start(
        &app.db.url_arg(),
        &[],
        &[
            ("TOKEN_ENCRYPTION_KEY", app.db.cipher_key()),
            ("RATE_LIMIT_PER_SECOND", "0"),
            ("WEBHOOK_ALLOW_PRIVATE", "true"),
            ("WEBHOOK_TIMEOUT_MS", "1000"),
            ("BACKGROUND", background),
        ],
    )
}

fn operator(addr: SocketAddr, key: &str, method: &str, path: &str, body: Option<&str>) -> Value {
    let bearer = format!("Bearer {key}");
    let response = send_body(
        addr,
        method,
        &format!("/operator/v1{path}"),
        &[("authorization", &bearer)],
        body,
    );
    assert!(
        response.status < 300,
        "{} {}",
        response.status,
        response.body
    );
    response.json()
}

/// An endpoint for `event` only (the sweeps' events are other tests' concern).
fn register(addr: SocketAddr, key: &str, url: &str, event: &str) -> String {
    let body = format!(r#"{{"url": "{url}", "events": ["{event}"]}}"#);
    operator(
        addr,
        key,
        "POST",
        "/organizations/org_p/webhooks",
        Some(&body),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn killed_instances_lose_nothing(backend: Backend) {
    let (app, key) = shared(backend);
    let hooks = Receiver::start();
    // Committed, then killed before any background work: the next instance delivers it.
    let first = start(&app, "off");
    let webhook = register(
        first.addr,
        &key,
        &hooks.url(),
        "social_account.disconnected",
    );
    let gone = send_body(
        first.addr,
        "DELETE",
        "/social-account/acc_ig",
        &[("embed-api-key", KEY_P)],
        None,
    );
    assert_eq!(gone.status, 200, "{}", gone.body);
    drop(first); // SIGKILL
    assert!(hooks.received().is_empty());
    // Killed in the middle of the attempt (the receiver holds it): the next instance sends
    // it again once its lease (timeout + 5 s) ends.
    hooks.script(&[Reply::Pause(Duration::from_secs(30))]);
    let second = start(&app, "on");
    let first_try = hooks.wait_for(1, Duration::from_secs(10));
    assert_eq!(first_try.len(), 1, "the second instance sent it");
    drop(second); // SIGKILL, mid-attempt
    let third = start(&app, "on");
    let received = hooks.wait_for(2, Duration::from_secs(20));
    assert_eq!(received.len(), 2, "delivered again after the lease");
    assert_eq!(
        received[0].header("webhook-id"),
        received[1].header("webhook-id")
    );
    assert_eq!(received[1].json()["type"], "social_account.disconnected");
    let log = operator(
        third.addr,
        &key,
        "GET",
        &format!("/webhooks/{webhook}/deliveries"),
        None,
    );
    let deliveries = log["data"].as_array().unwrap();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0]["status"], "succeeded");
    assert_eq!(deliveries[0]["attempts"], 2);
}

fn two_instances_deliver_every_event_once(backend: Backend) {
    const EVENTS: usize = 300;
    let (app, key) = shared(backend);
    let hooks = Receiver::start();
    let instances = [start(&app, "on"), start(&app, "on")];
    let webhook = register(instances[0].addr, &key, &hooks.url(), "webhook.test");
    for i in 0..EVENTS {
        let addr = instances[i % 2].addr;
        operator(
            addr,
            &key,
            "POST",
            &format!("/webhooks/{webhook}/test"),
            None,
        );
    }
    let received = hooks.wait_for(EVENTS, Duration::from_secs(60));
    // A little longer: a second copy would come now if one were due.
    std::thread::sleep(Duration::from_millis(500));
    let received = hooks.received().len().max(received.len());
    let mut copies: HashMap<String, usize> = HashMap::new();
    for request in hooks.received() {
        *copies
            .entry(request.header("webhook-id").to_owned())
            .or_default() += 1;
    }
    assert_eq!(copies.len(), EVENTS, "every event delivered");
    assert_eq!(
        received,
        EVENTS,
        "none twice: {:?}",
        copies.values().filter(|n| **n > 1).count()
    );
}

social_accounts_storage::on_both_backends!(
    killed_instances_lose_nothing,
    two_instances_deliver_every_event_once,
);
