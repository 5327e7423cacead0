//! Concurrent operator requests over two instances (this process's server and a `serve`
//! process) on one database: connects racing disconnects leave no orphan and no lost event,
//! racing connects of one platform account make one account, one idempotency key makes one
//! organization.

use std::net::SocketAddr;

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use super::{all_events, connect, linkedin};
use crate::fixtures::KEY_A1;
use crate::helpers::{Response, ServeProcess, TestApp, draft, send_body};

/// A second instance on `app`'s database.
fn twin(app: &TestApp) -> ServeProcess {
    ServeProcess::start(
        &app.db.url_arg(),
        &[],
        &[
            ("TOKEN_ENCRYPTION_KEY", app.db.cipher_key()),
            ("RATE_LIMIT_PER_SECOND", "0"),
            ("KEY_CACHE_TTL_MS", "0"),
        ],
    )
}

/// One request of a race: `(method, path, headers, body)`.
type Call = (&'static str, String, Vec<(String, String)>, Option<String>);

/// Sends every call at once, alternating between `addrs`; the responses in call order.
fn race(addrs: &[SocketAddr], calls: &[Call]) -> Vec<Response> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = calls
            .iter()
            .enumerate()
            .map(|(i, (method, path, headers, body))| {
                let addr = addrs[i % addrs.len()];
                scope.spawn(move || {
                    let headers: Vec<(&str, &str)> = headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    send_body(addr, method, path, &headers, body.as_deref())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn bearer(key: &str) -> Vec<(String, String)> {
    vec![("authorization".to_owned(), format!("Bearer {key}"))]
}

fn count_of(events: &[Value], action: &str, id: &str) -> usize {
    events
        .iter()
        .filter(|e| e["action"] == action && e["target"]["id"] == id)
        .count()
}

fn connects_racing_disconnects_leave_no_orphan(backend: Backend) {
    let app = TestApp::spawn(backend);
    let other = twin(&app);
    let addrs = [app.addr, other.addr];
    let operator = app.operator();
    let body = linkedin("urn:li:person:race", "racer");
    let id = connect(&operator, "ws_a1", &body, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..3 {
        let mut post = draft();
        post["selectedAccounts"] = json!([id]);
        app.created_id(&post);
    }
    let mut calls: Vec<Call> = Vec::new();
    for i in 0..48 {
        calls.push(match i % 4 {
            0 | 1 => (
                "POST",
                "/operator/v1/workspaces/ws_a1/social-accounts".to_owned(),
                bearer(operator.key()),
                Some(body.to_string()),
            ),
            2 => (
                "DELETE",
                format!("/operator/v1/social-accounts/{id}"),
                bearer(operator.key()),
                None,
            ),
            _ => (
                "DELETE",
                format!("/social-account/{id}"),
                vec![("embed-api-key".to_owned(), KEY_A1.to_owned())],
                None,
            ),
        });
    }
    let responses = race(&addrs, &calls);
    let statuses: Vec<(usize, u16)> = responses
        .iter()
        .enumerate()
        .map(|(i, r)| (i % 4, r.status))
        .collect();
    for (kind, status) in &statuses {
        let allowed: &[u16] = match kind {
            0 | 1 => &[200, 201],
            2 => &[200, 404, 409],
            _ => &[200, 400, 404],
        };
        assert!(allowed.contains(status), "{statuses:?}");
    }
    assert_eq!(app.db.orphan_links(), 0);
    assert!(app.db.usage_drift().is_empty());
    let held = app.db.count(
        "SELECT COUNT(*) AS n FROM social_accounts WHERE external_id = 'urn:li:person:race'",
    );
    assert!(held <= 1, "{held} accounts for one platform account");
    // Every answered write has its event, none more: nothing lost, nothing doubled.
    events_match(&all_events(&operator), &id, &statuses);
    // What is left is whole: the Embed API and the operator agree on it.
    if held == 1 {
        let left = operator
            .get("/workspaces/ws_a1/social-accounts?platformType=linkedin")
            .json();
        let left_id = left["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["externalId"] == "urn:li:person:race")
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .unwrap();
        assert_eq!(
            app.get(&format!("/social-account/{left_id}"), KEY_A1)
                .status,
            200
        );
        assert_eq!(app.db.tokens_of(&left_id).0, "access-token-of-racer");
    }
}

/// The trail has one event per answered write of the race on account `id`: `statuses` are
/// `(kind, status)`, kinds 0 and 1 connects, 2 and 3 disconnects.
fn events_match(events: &[Value], id: &str, statuses: &[(usize, u16)]) {
    let ok = |kinds: &[usize], status: u16| {
        statuses
            .iter()
            .filter(|(k, s)| kinds.contains(k) && *s == status)
            .count()
    };
    let new_ids: Vec<&str> = events
        .iter()
        .filter(|e| e["action"] == "social_account.connected" && e["target"]["id"] != id)
        .map(|e| e["target"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(new_ids.len(), ok(&[0, 1], 201), "{statuses:?}");
    let disconnects = ok(&[2, 3], 200);
    assert!(
        disconnects <= 1,
        "one account id, deleted at most once: {statuses:?}"
    );
    assert_eq!(
        count_of(events, "social_account.disconnected", id),
        disconnects
    );
    let reconnected: usize = std::iter::once(id)
        .chain(new_ids.iter().copied())
        .map(|account| count_of(events, "social_account.reconnected", account))
        .sum();
    assert_eq!(reconnected, ok(&[0, 1], 200), "{statuses:?}");
}

fn racing_connects_of_one_account_make_one(backend: Backend) {
    let app = TestApp::spawn(backend);
    let other = twin(&app);
    let operator = app.operator();
    let body = linkedin("urn:li:person:twice", "twice").to_string();
    let calls: Vec<Call> = (0..24)
        .map(|_| {
            (
                "POST",
                "/operator/v1/workspaces/ws_a1/social-accounts".to_owned(),
                bearer(operator.key()),
                Some(body.clone()),
            )
        })
        .collect();
    let responses = race(&[app.addr, other.addr], &calls);
    let mut statuses: Vec<u16> = responses.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        23,
        "{statuses:?}"
    );
    let ids: std::collections::BTreeSet<String> = responses
        .iter()
        .map(|r| r.json()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let id = ids.into_iter().next().unwrap();
    let events = all_events(&operator);
    assert_eq!(count_of(&events, "social_account.connected", &id), 1);
    assert_eq!(count_of(&events, "social_account.reconnected", &id), 23);
}

fn one_idempotency_key_makes_one_organization(backend: Backend) {
    let app = TestApp::spawn(backend);
    let other = twin(&app);
    let operator = app.operator();
    let body = json!({ "name": "Once", "mainPlan": "free" }).to_string();
    let mut headers = bearer(operator.key());
    headers.push(("idempotency-key".to_owned(), "create-once".to_owned()));
    let calls: Vec<Call> = (0..20)
        .map(|_| {
            (
                "POST",
                "/operator/v1/organizations".to_owned(),
                headers.clone(),
                Some(body.clone()),
            )
        })
        .collect();
    let responses = race(&[app.addr, other.addr], &calls);
    let created: Vec<&Response> = responses.iter().filter(|r| r.status == 201).collect();
    assert!(!created.is_empty());
    assert!(
        responses.iter().all(|r| matches!(r.status, 201 | 409)),
        "{:?}",
        responses.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        created.iter().all(|r| r.body == created[0].body),
        "one answer, replayed"
    );
    for conflict in responses.iter().filter(|r| r.status == 409) {
        crate::helpers::problem(conflict, 409, "conflict");
    }
    assert_eq!(
        app.db
            .count("SELECT COUNT(*) AS n FROM organizations WHERE name = 'Once'"),
        1
    );
    let replay = operator.post_once(
        "/organizations",
        "create-once",
        &serde_json::from_str(&body).unwrap(),
    );
    assert_eq!((replay.status, &replay.body), (201, &created[0].body));
}

social_accounts_storage::on_both_backends!(
    connects_racing_disconnects_leave_no_orphan,
    racing_connects_of_one_account_make_one,
    one_idempotency_key_makes_one_organization,
);
