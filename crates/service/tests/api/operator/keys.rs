//! `/organizations/{org}/api-keys` and `/api-keys/{id}`: minting every kind, listing without
//! the secret, revoking (within the key cache's TTL), and kinds that never stand in for
//! each other.

use std::time::Duration;

use serde_json::{Value, json};
use social_accounts_domain::KeyKind;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::fixtures::KEY_A1;
use crate::helpers::{ManualClock, TestApp, invalid_fields, problem};

const UNKNOWN_KEY: &str = r#"{"status":false,"message":"Unable to find embed details, please check your Embed API key and make sure to use the key for API."}"#;

fn keys_are_minted_listed_and_revoked(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator_of("org_a");
    let created = operator.send(
        "POST",
        "/organizations/org_a/api-keys",
        &json!({ "kind": "embed", "workspaceId": "ws_a2", "name": "for A2", "expiresAt": "2099-01-01T00:00:00Z" }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let body = created.json();
    let key = body["key"].as_str().unwrap().to_owned();
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(key.starts_with(body["prefix"].as_str().unwrap()), "{body}");
    assert_eq!(
        (&body["kind"], &body["organizationId"], &body["workspaceId"]),
        (&json!("embed"), &json!("org_a"), &json!("ws_a2"))
    );
    assert_eq!(body["expiresAt"], "2099-01-01T00:00:00.000Z");
    assert_eq!(
        (&body["lastUsedAt"], &body["revokedAt"]),
        (&Value::Null, &Value::Null)
    );

    // The key calls the Embed API for its workspace.
    let seen = app.get("/social-account", &key);
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(seen.body.contains("acc_other"), "{}", seen.body);

    // Listed, never with the secret.
    let listed = operator.get("/organizations/org_a/api-keys");
    assert!(!listed.body.contains(&key), "{}", listed.body);
    let rows = listed.json()["data"].as_array().unwrap().clone();
    let row = rows.iter().find(|k| k["id"] == id.as_str()).unwrap();
    let mut expected = body.clone();
    expected.as_object_mut().unwrap().remove("key");
    expected["lastUsedAt"] = row["lastUsedAt"].clone();
    assert_eq!(row, &expected);
    assert!(row["lastUsedAt"].is_string(), "its use was recorded: {row}");
    assert_eq!(
        rows.len(),
        5,
        "the world's three org_a keys, the operator's and this one"
    );

    let revoked = operator.delete(&format!("/api-keys/{id}"));
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let at = revoked.json()["revokedAt"].clone();
    assert!(at.is_string(), "{}", revoked.body);
    app.get("/social-account", &key).assert(401, UNKNOWN_KEY);
    // Revoking again answers the key as it is, revoked at the first time.
    let again = operator.delete(&format!("/api-keys/{id}"));
    assert_eq!((again.status, &again.json()["revokedAt"]), (200, &at));
    problem(&operator.delete("/api-keys/nope"), 404, "not-found");
    // A key never revokes itself (a backend holding one key would lock itself out).
    let own = crate::helpers::key_id(&app.db.store(), operator.key()).into_string();
    problem(
        &operator.delete(&format!("/api-keys/{own}")),
        409,
        "conflict",
    );
    assert_eq!(operator.get("/organizations/org_a").status, 200);
    problem(
        &operator.get("/organizations/org_nope/api-keys"),
        404,
        "not-found",
    );
}

fn every_kind_can_be_minted_for_an_organization(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let mint = |kind: &str| {
        let created = operator.send(
            "POST",
            "/organizations/org_free/api-keys",
            &json!({ "kind": kind, "name": kind }),
        );
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.json()["workspaceId"], Value::Null);
        created.json()["key"].as_str().unwrap().to_owned()
    };
    let org_operator = app.operator_with(&mint("operator"));
    let own = org_operator.get("/organizations");
    assert_eq!(own.json()["data"][0]["id"], "org_free");
    let publisher = app.operator_with(&mint("publisher"));
    problem(&publisher.get("/organizations"), 403, "forbidden");
    // An embed key without a workspace exists (as `keys create` makes one) but calls nothing.
    let embed = mint("embed");
    assert_eq!(app.get("/social-account", &embed).status, 401);
}

fn bad_key_requests_name_every_field(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let path = "/organizations/org_a/api-keys";
    for (body, fields) in [
        (json!({}), vec!["kind", "name"]),
        (json!({ "kind": "root", "name": 3 }), vec!["kind", "name"]),
        (
            json!({ "kind": "operator", "workspaceId": "ws_a1", "name": "x" }),
            vec!["workspaceId"],
        ),
        (
            json!({ "kind": "embed", "name": "x", "expiresAt": "2020-01-01T00:00:00Z" }),
            vec!["expiresAt"],
        ),
        (
            json!({ "kind": "embed", "name": "x", "expiresAt": "tomorrow" }),
            vec!["expiresAt"],
        ),
        (
            json!({ "kind": "embed", "name": "x", "workspaceId": "ws_free" }),
            vec!["workspaceId"],
        ),
        (
            json!({ "kind": "embed", "name": "x", "workspaceId": "ws_nope" }),
            vec!["workspaceId"],
        ),
        (
            json!({ "kind": "embed", "name": "x", "key": "sak_chosen" }),
            vec!["key"],
        ),
    ] {
        let response = operator.send("POST", path, &body);
        assert_eq!(invalid_fields(&response), fields, "{body}");
    }
    let listed = operator.get(path).json();
    assert_eq!(
        listed["data"].as_array().map(Vec::len),
        Some(3),
        "none was made"
    );
}

fn kinds_are_never_interchangeable(backend: Backend) {
    let app = TestApp::spawn(backend);
    // An Embed API key and publisher keys on the operator API: 403, whatever the header.
    for key in [
        KEY_A1.to_owned(),
        app.mint(KeyKind::Publisher, None, None),
        app.mint(KeyKind::Publisher, Some("org_a"), None),
    ] {
        problem(
            &app.operator_with(&key).get("/organizations"),
            403,
            "forbidden",
        );
    }
    // The operator API takes a Bearer key only: `embed-api-key` is not read.
    let operator = app.operator();
    let response = app.request(
        "GET",
        "/operator/v1/organizations",
        &[("embed-api-key", operator.key())],
    );
    crate::helpers::problem(&response, 401, "unauthorized");
    for key in ["", "sak_unknownunknownunknown", "key with spaces"] {
        problem(
            &app.operator_with(key).get("/organizations"),
            401,
            "unauthorized",
        );
    }
    problem(
        &app.request("GET", "/operator/v1/organizations", &[]),
        401,
        "unauthorized",
    );
    // And an operator key on the Embed API is an unknown key, byte for byte.
    app.request(
        "GET",
        "/social-account",
        &[("embed-api-key", operator.key())],
    )
    .assert(401, UNKNOWN_KEY);
}

fn revocation_reaches_cached_operator_keys_within_the_ttl(backend: Backend) {
    let clock = ManualClock::new();
    let app = TestApp::builder(TestDb::migrated(backend))
        .key_cache(Duration::from_secs(2))
        .clock(clock.clone())
        .start();
    app.seed(crate::fixtures::WORLD);
    let instance = app.operator();
    let doomed = app.operator_of("org_a");
    assert_eq!(doomed.get("/organizations").status, 200);
    let keys = instance.get("/organizations/org_a/api-keys").json();
    let id = keys["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "operator")
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .unwrap();
    assert_eq!(instance.delete(&format!("/api-keys/{id}")).status, 200);
    // Within the bound the remembered key still works (the cache is really used) ...
    clock.advance(Duration::from_millis(1999));
    assert_eq!(doomed.get("/organizations").status, 200);
    // ... and once it has passed, it does not.
    clock.advance(Duration::from_millis(2));
    problem(&doomed.get("/organizations"), 401, "unauthorized");
}

social_accounts_storage::on_both_backends!(
    keys_are_minted_listed_and_revoked,
    every_kind_can_be_minted_for_an_organization,
    bad_key_requests_name_every_field,
    kinds_are_never_interchangeable,
    revocation_reaches_cached_operator_keys_within_the_ttl,
);
