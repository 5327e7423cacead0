//! The audit trail: one event per write, in the write's transaction, from the operator API,
//! the Embed API's disconnect and the CLI, never with a token, key or secret in it; listed
//! per organization (or for the whole instance) oldest first.

use serde_json::{Value, json};
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use super::{actions, all_events, linkedin};
use crate::fixtures::{KEY_A1, LINKEDIN, SECRETS};
use crate::helpers::{Bearer, Response, TestApp, invalid_fields, run_binary};

/// Asserts `event` was made by `response`'s request, with the operator key `key_id`.
#[track_caller]
fn made_by(event: &Value, response: &Response, key_id: &str, action: &str) {
    assert_eq!(event["action"], action, "{event}");
    assert_eq!(
        event["actor"],
        json!({ "kind": "operator", "keyId": key_id }),
        "{event}"
    );
    assert_eq!(
        event["requestId"].as_str(),
        response.header("x-request-id"),
        "{event}"
    );
}

/// One request of every kind of write in organization `org_t`, each with the action it must
/// leave; the embed key minted and the account connected on the way.
fn one_write_of_each_kind(
    operator: &Bearer<'_>,
) -> (Vec<(Response, &'static str)>, String, String) {
    let mut writes: Vec<(Response, &'static str)> = Vec::new();
    let mut write = |response: Response, action: &'static str| {
        assert!(response.status < 300, "{action}: {}", response.body);
        writes.push((response, action));
        writes.last().map(|(r, _)| r.json()).unwrap()
    };
    write(
        operator.send(
            "POST",
            "/organizations",
            &json!({ "id": "org_t", "name": "T", "mainPlan": "free" }),
        ),
        "organization.created",
    );
    write(
        operator.send("PATCH", "/organizations/org_t", &json!({ "name": "T2" })),
        "organization.updated",
    );
    write(
        operator.send(
            "POST",
            "/organizations/org_t/workspaces",
            &json!({ "id": "ws_t", "name": "W" }),
        ),
        "workspace.created",
    );
    let minted = write(
        operator.send(
            "POST",
            "/organizations/org_t/api-keys",
            &json!({ "kind": "embed", "workspaceId": "ws_t", "name": "k" }),
        ),
        "api_key.created",
    );
    let secret = minted["key"].as_str().unwrap().to_owned();
    write(
        operator.delete(&format!("/api-keys/{}", minted["id"].as_str().unwrap())),
        "api_key.revoked",
    );
    let account = write(
        operator.send(
            "POST",
            "/workspaces/ws_t/social-accounts",
            &linkedin("urn:li:person:1", "t"),
        ),
        "social_account.connected",
    );
    let id = account["id"].as_str().unwrap().to_owned();
    write(
        operator.send(
            "POST",
            "/workspaces/ws_t/social-accounts",
            &linkedin("urn:li:person:1", "t"),
        ),
        "social_account.reconnected",
    );
    write(
        operator.send(
            "PATCH",
            &format!("/social-accounts/{id}"),
            &json!({ "accountName": "N" }),
        ),
        "social_account.updated",
    );
    write(
        operator.send(
            "PUT",
            &format!("/social-accounts/{id}/tokens"),
            &json!({ "accessToken": "secret-refreshed" }),
        ),
        "social_account.tokens_refreshed",
    );
    // A dry run and an empty change write nothing.
    assert_eq!(
        operator
            .delete(&format!("/social-accounts/{id}?dryRun=true"))
            .status,
        200
    );
    assert_eq!(
        operator
            .send("PATCH", &format!("/social-accounts/{id}"), &json!({}))
            .status,
        200
    );
    write(
        operator.delete(&format!("/social-accounts/{id}")),
        "social_account.disconnected",
    );

    (writes, secret, id)
}

fn every_write_leaves_one_event_without_secrets(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let key_id = crate::helpers::key_id(&app.db.store(), operator.key()).into_string();
    let before = all_events(&operator).len();
    let (writes, secret, id) = one_write_of_each_kind(&operator);

    let events = all_events(&operator);
    let new = &events[before..];
    assert_eq!(
        actions(new),
        writes.iter().map(|(_, action)| *action).collect::<Vec<_>>()
    );
    for (event, (response, action)) in new.iter().zip(&writes) {
        made_by(event, response, &key_id, action);
        assert_eq!(event["organizationId"], "org_t", "{event}");
    }
    assert_eq!(new[0]["workspaceId"], Value::Null);
    assert_eq!(
        new[5]["target"],
        json!({ "type": "social_account", "id": id })
    );
    assert_eq!(new[5]["workspaceId"], "ws_t");
    let trail = serde_json::to_string(&events).unwrap();
    for secret in [
        secret.as_str(),
        operator.key(),
        "access-token-of-t",
        "refresh-token-of-t",
        "secret-refreshed",
    ]
    .iter()
    .chain(SECRETS)
    {
        assert!(!trail.contains(secret), "{secret} in the audit trail");
    }

    // The organization's own list has its events only, oldest first; `since` starts later.
    let own = app
        .operator_of("org_t")
        .get("/organizations/org_t/audit-events")
        .json();
    let own = own["data"].as_array().unwrap();
    // The trail's events, then the one of the key just minted to read it.
    assert_eq!(&own[..new.len()], new);
    assert_eq!(own.len(), new.len() + 1);
    assert_eq!(own[new.len()]["actor"]["kind"], "cli");
    let since = own[3]["at"].as_str().unwrap();
    let later = operator.get(&format!("/organizations/org_t/audit-events?since={since}"));
    let later = later.json()["data"].as_array().unwrap().clone();
    assert!(later.iter().all(|e| e["at"].as_str() >= Some(since)));
    assert!(
        later.len() < own.len() && later.last() == own.last(),
        "{later:?}"
    );
    assert_eq!(
        invalid_fields(&operator.get("/organizations/org_t/audit-events?since=yesterday")),
        ["since"]
    );
}

fn the_embed_api_disconnect_is_audited(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let deleted = app.delete(&format!("/social-account/{LINKEDIN}"), KEY_A1);
    assert_eq!(deleted.status, 200);
    let key_id = crate::helpers::key_id(&app.db.store(), KEY_A1).into_string();
    let events = operator.get("/organizations/org_a/audit-events").json();
    let last = events["data"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last,
        json!({
            "id": last["id"], "at": last["at"], "organizationId": "org_a", "workspaceId": "ws_a1",
            "actor": { "kind": "embed", "keyId": key_id },
            "action": "social_account.disconnected",
            "target": { "type": "social_account", "id": LINKEDIN },
            "requestId": deleted.header("x-request-id"),
            "details": { "PENDING": 3, "PUBLISHED": 1, "FAILED": 1 },
        })
    );
    // A dry run is not a change.
    let dry = app.delete("/social-account/acc_b?dryRun=true", KEY_A1);
    assert_eq!(dry.status, 200);
    let after = operator.get("/organizations/org_a/audit-events").json();
    assert_eq!(after["data"].as_array().unwrap().last(), Some(&last));
}

fn cli_writes_are_audited(backend: Backend) {
    let db = TestDb::migrated(backend);
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec![("TOKEN_ENCRYPTION_KEY", db.cipher_key())];
        all.extend_from_slice(env);
        let output = run_binary(&db.url_arg(), args, &all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    };
    let dir = tempfile::tempdir().unwrap();
    let world = dir.path().join("world.json");
    std::fs::write(&world, crate::fixtures::WORLD).unwrap();
    run(&["seed", "--file", world.to_str().unwrap()], &[]);
    let key = run(
        &[
            "keys",
            "create",
            "--organization",
            "org_a",
            "--workspace",
            "ws_a1",
        ],
        &[],
    );
    let listed = run(&["keys", "list", "--organization", "org_a"], &[]);
    let key_id = listed
        .lines()
        .find(|l| l.contains(&key[..12]))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    run(&["keys", "revoke", &key_id], &[]);
    run(
        &[
            "links",
            "set-status",
            "--post",
            "p2",
            "--account",
            LINKEDIN,
            "--status",
            "PUBLISHED",
            "--live-link",
            "https://example.com/p2",
        ],
        &[],
    );
    let new_key = social_accounts_storage::TokenCipher::generate_key();
    run(
        &["tokens", "rotate-key"],
        &[("NEW_TOKEN_ENCRYPTION_KEY", &new_key)],
    );

    let app = TestApp::builder(db).start();
    let events = all_events(&app.operator());
    let cli: Vec<&Value> = events
        .iter()
        .filter(|e| e["actor"]["kind"] == "cli")
        .collect();
    let summary: Vec<(&str, &Value, &Value)> = cli
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                &e["organizationId"],
                &e["details"],
            )
        })
        .collect();
    let counts = json!({
        "organizations": 5, "workspaces": 6, "apiKeys": 7, "socialAccounts": 5,
        "designs": 0, "scheduledPosts": 6, "links": 7,
    });
    assert_eq!(
        summary,
        [
            ("import.completed", &Value::Null, &counts),
            ("api_key.created", &json!("org_a"), &json!({})),
            ("api_key.revoked", &json!("org_a"), &json!({})),
            ("link.reported", &json!("org_a"), &json!({})),
            (
                "tokens.rotated",
                &Value::Null,
                &json!({ "socialAccounts": 5, "idempotencyAnswers": 0, "webhookEndpoints": 0 })
            ),
            // The key this test reads the trail with, minted as `keys create` does.
            ("api_key.created", &Value::Null, &json!({})),
        ]
    );
    assert!(
        cli.iter()
            .all(|e| e["actor"]["keyId"].is_null() && e["requestId"].is_null())
    );
    let trail = serde_json::to_string(&events).unwrap();
    assert!(
        !trail.contains(&key) && !trail.contains(&new_key) && !trail.contains(app.db.cipher_key())
    );
}

social_accounts_storage::on_both_backends!(
    every_write_leaves_one_event_without_secrets,
    the_embed_api_disconnect_is_audited,
    cli_writes_are_audited,
);
