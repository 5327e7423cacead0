//! `/organizations`, `/organizations/{org}` and `/organizations/{org}/workspaces`: provisioning
//! with instance and organization keys, plan changes the Embed API sees, pages.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_FREE};
use crate::helpers::{TestApp, invalid_fields, problem};

/// `body` without its `createdAt`, which the server sets.
fn without_created_at(mut body: Value) -> Value {
    let at = body["createdAt"].take();
    assert!(at.as_str().is_some_and(|t| t.ends_with('Z')), "{at}");
    body
}

fn organizations_are_created_read_listed_and_changed(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let created = operator.send(
        "POST",
        "/organizations",
        &json!({ "id": "org_new", "name": "New", "mainPlan": "paid", "apiCreditsAddon": true }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let expected = json!({
        "id": "org_new", "name": "New", "mainPlan": "paid", "apiCreditsAddon": true,
        "embedSubscription": "inactive", "createdAt": null,
    });
    assert_eq!(without_created_at(created.json()), expected);
    let read = operator.get("/organizations/org_new");
    assert_eq!((read.status, read.json()), (200, created.json()));

    let changed = operator.send(
        "PATCH",
        "/organizations/org_new",
        &json!({ "name": "Renamed", "embedSubscription": "active" }),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let mut now = created.json();
    now["name"] = json!("Renamed");
    now["embedSubscription"] = json!("active");
    assert_eq!(changed.json(), now);

    let again = operator.send(
        "POST",
        "/organizations",
        &json!({ "id": "org_new", "name": "Twice", "mainPlan": "free" }),
    );
    problem(&again, 409, "conflict");
    problem(&operator.get("/organizations/org_nope"), 404, "not-found");
    problem(
        &operator.send("PATCH", "/organizations/org_nope", &json!({ "name": "x" })),
        404,
        "not-found",
    );
    // Without an id, one is minted.
    let minted = operator.send(
        "POST",
        "/organizations",
        &json!({ "name": "Minted", "mainPlan": "free" }),
    );
    assert_eq!(minted.status, 201, "{}", minted.body);
    assert_eq!(minted.json()["id"].as_str().map(str::len), Some(25));

    let listed = operator.get("/organizations?limit=100").json();
    let ids: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert!(
        ids.contains(&"org_new") && ids.contains(&"org_a"),
        "{ids:?}"
    );
    assert_eq!(listed["nextCursor"], Value::Null);
}

fn an_organization_key_sees_only_its_organization(backend: Backend) {
    let app = TestApp::spawn(backend);
    let own = app.operator_of("org_free");
    let listed = own.get("/organizations").json();
    assert_eq!(listed["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["data"][0]["id"], "org_free");
    assert_eq!(own.get("/organizations/org_free").status, 200);
    let key_a1 = crate::helpers::key_id(&app.db.store(), KEY_A1).into_string();
    let revoke = format!("/api-keys/{key_a1}");
    let tokens = json!({ "accessToken": "stolen" });
    // Everything of org_a, which exists, is answered as if it did not.
    for (method, path, body) in [
        ("GET", "/organizations/org_a", None),
        (
            "PATCH",
            "/organizations/org_a",
            Some(json!({ "name": "x" })),
        ),
        ("GET", "/organizations/org_a/workspaces", None),
        (
            "POST",
            "/organizations/org_a/workspaces",
            Some(json!({ "name": "x" })),
        ),
        ("GET", "/organizations/org_a/api-keys", None),
        (
            "POST",
            "/organizations/org_a/api-keys",
            Some(json!({ "kind": "embed", "name": "x" })),
        ),
        ("DELETE", revoke.as_str(), None),
        ("GET", "/organizations/org_a/audit-events", None),
        ("GET", "/workspaces/ws_a1/social-accounts", None),
        (
            "POST",
            "/workspaces/ws_a1/social-accounts",
            Some(super::linkedin("urn:li:person:9", "intruder")),
        ),
        ("GET", "/social-accounts/acc_b", None),
        (
            "PATCH",
            "/social-accounts/acc_b",
            Some(json!({ "accountName": "x" })),
        ),
        ("PUT", "/social-accounts/acc_b/tokens", Some(tokens)),
        ("DELETE", "/social-accounts/acc_b", None),
        ("DELETE", "/social-accounts/acc_b?dryRun=true", None),
    ] {
        let response = match body {
            Some(body) => own.send(method, path, &body),
            None => own.send_raw(method, path, &[], None),
        };
        problem(&response, 404, "not-found");
    }
    // Creating an organization, or reading the whole instance's trail, is an instance key's.
    problem(
        &own.send(
            "POST",
            "/organizations",
            &json!({ "name": "Mine", "mainPlan": "free" }),
        ),
        403,
        "forbidden",
    );
    problem(&own.get("/audit-events"), 403, "forbidden");
    // Nothing of org_a changed.
    let instance = app.operator();
    assert_eq!(instance.get("/organizations/org_a").json()["name"], "A");
    assert_eq!(
        instance.get("/social-accounts/acc_b").json()["accountName"],
        "B"
    );
    assert_eq!(app.get("/social-account/acc_b", KEY_A1).status, 200);
    let workspaces = instance.get("/organizations/org_a/workspaces").json();
    assert_eq!(workspaces["data"].as_array().map(Vec::len), Some(2));
}

fn a_plan_change_moves_the_embed_api_402(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    assert_eq!(app.get("/social-account", KEY_FREE).status, 402);
    let upgraded = operator.send(
        "PATCH",
        "/organizations/org_free",
        &json!({ "mainPlan": "paid", "apiCreditsAddon": true }),
    );
    assert_eq!(upgraded.status, 200, "{}", upgraded.body);
    assert_eq!(app.get("/social-account", KEY_FREE).status, 200);
    let downgraded = operator.send(
        "PATCH",
        "/organizations/org_free",
        &json!({ "apiCreditsAddon": false }),
    );
    assert_eq!(downgraded.json()["mainPlan"], "paid");
    assert_eq!(app.get("/social-account", KEY_FREE).status, 402);
}

fn workspaces_are_created_and_listed(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let created = operator.send(
        "POST",
        "/organizations/org_a/workspaces",
        &json!({ "id": "ws_new", "name": "New" }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(
        without_created_at(created.json()),
        json!({ "id": "ws_new", "organizationId": "org_a", "name": "New", "createdAt": null })
    );
    problem(
        &operator.send(
            "POST",
            "/organizations/org_free/workspaces",
            &json!({ "id": "ws_new", "name": "Taken" }),
        ),
        409,
        "conflict",
    );
    problem(
        &operator.send(
            "POST",
            "/organizations/org_nope/workspaces",
            &json!({ "name": "x" }),
        ),
        404,
        "not-found",
    );
    assert_eq!(
        invalid_fields(&operator.send(
            "POST",
            "/organizations/org_a/workspaces",
            &json!({ "id": "bad id!", "name": "" }),
        )),
        ["id", "name"]
    );
    let listed = app
        .operator_of("org_a")
        .get("/organizations/org_a/workspaces");
    let ids: Vec<Value> = listed.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].clone())
        .collect();
    assert_eq!(ids, [json!("ws_a1"), json!("ws_a2"), json!("ws_new")]);
    problem(
        &operator.get("/organizations/org_nope/workspaces"),
        404,
        "not-found",
    );
}

fn pages_neither_skip_nor_repeat(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    for i in 0..7 {
        let body = json!({ "id": format!("org_page_{i}"), "name": "P", "mainPlan": "free" });
        assert_eq!(operator.send("POST", "/organizations", &body).status, 201);
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut path = "/organizations?limit=3".to_owned();
    let mut pages = 0;
    loop {
        let page = operator.get(&path).json();
        pages += 1;
        let rows = page["data"].as_array().unwrap();
        assert!(rows.len() <= 3);
        seen.extend(rows.iter().map(|o| {
            (
                o["createdAt"].as_str().unwrap().to_owned(),
                o["id"].as_str().unwrap().to_owned(),
            )
        }));
        match page["nextCursor"].as_str() {
            Some(cursor) => path = format!("/organizations?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!((seen.len(), pages), (12, 4), "{seen:?}");
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "oldest first, ties by id, none twice");

    // A cursor with one character changed, a made-up one, or a bad limit: 400, naming it.
    let first = operator.get("/organizations?limit=1").json();
    let cursor = first["nextCursor"].as_str().unwrap().to_owned();
    let last = cursor.chars().last().unwrap();
    let flipped = format!(
        "{}{}",
        &cursor[..cursor.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    for bad in [flipped.as_str(), "00", "zz", "' OR 1=1 --", ""] {
        let path = format!("/organizations?cursor={}", bad.replace(' ', "%20"));
        assert_eq!(invalid_fields(&operator.get(&path)), ["cursor"], "{bad:?}");
    }
    for bad in ["0", "101", "-1", "ten", "1.5"] {
        let path = format!("/organizations?limit={bad}");
        assert_eq!(invalid_fields(&operator.get(&path)), ["limit"], "{bad:?}");
    }
    assert_eq!(
        invalid_fields(&operator.get("/organizations?limit=0&cursor=00")),
        ["limit", "cursor"]
    );
}

social_accounts_storage::on_both_backends!(
    organizations_are_created_read_listed_and_changed,
    an_organization_key_sees_only_its_organization,
    a_plan_change_moves_the_embed_api_402,
    workspaces_are_created_and_listed,
    pages_neither_skip_nor_repeat,
);
