//! `POST /workspaces/{ws}/social-accounts`: a connect makes an account the Embed API lists at
//! once; a connect of the same platform account again is a reconnect that keeps its id, its
//! links and its usage; the import's rules refuse what the import refuses.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use super::{connect, linkedin};
use crate::fixtures::{KEY_A1, LINKEDIN};
use crate::helpers::{TestApp, draft, invalid_fields, problem};

fn a_connect_makes_an_account_the_embed_api_lists(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let body = connect(&operator, "ws_a1", &linkedin("urn:li:person:1", "ada"), 201);
    let id = body["id"].as_str().unwrap().to_owned();
    let at = body["createdAt"].clone();
    let seconds = body["health"]["expiresInSeconds"].clone();
    assert_eq!(
        body,
        json!({
            "id": id, "organizationId": "org_a", "workspaceId": "ws_a1",
            "platformType": "linkedin", "accountType": "personal", "accountHandle": "ada",
            "accountName": "Name of ada", "accountLogo": null, "externalId": "urn:li:person:1",
            "accessTokenStatus": "active", "tokenExpiresAt": "2099-01-01T00:00:00.000Z",
            "tokenUpdatedAt": at, "health": { "state": "ok", "expiresInSeconds": seconds },
            "createdAt": at, "updatedAt": at,
        })
    );
    let listed = app.get("/social-account", KEY_A1);
    assert!(listed.body.contains(&id), "{}", listed.body);
    let read = app.get(&format!("/social-account/{id}"), KEY_A1).json();
    assert_eq!(read["data"]["socialAccount"]["accountHandle"], "ada");
    assert_eq!(
        app.db.tokens_of(&id),
        (
            "access-token-of-ada".to_owned(),
            Some("refresh-token-of-ada".to_owned())
        )
    );
    // The same platform account in another workspace, or another platform's account with the
    // same id there, is another account.
    let elsewhere = connect(&operator, "ws_a2", &linkedin("urn:li:person:1", "ada"), 201);
    assert_ne!(elsewhere["id"], body["id"]);
    let mut threads = linkedin("urn:li:person:1", "ada");
    threads["platformType"] = json!("threads");
    let other_platform = connect(&operator, "ws_a1", &threads, 201);
    assert_ne!(other_platform["id"], body["id"]);
    // An id may be given, once.
    let mut chosen = linkedin("urn:li:person:2", "bob");
    chosen["id"] = json!("acc_chosen");
    assert_eq!(
        connect(&operator, "ws_a1", &chosen, 201)["id"],
        "acc_chosen"
    );
}

fn a_reconnect_keeps_the_id_the_links_and_the_usage(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let first = connect(&operator, "ws_a1", &linkedin("urn:li:person:1", "ada"), 201);
    let id = first["id"].as_str().unwrap().to_owned();
    let mut post = draft();
    post["selectedAccounts"] = json!([id]);
    let post_id = app.created_id(&post);
    let usage = |app: &TestApp| {
        app.get(&format!("/social-account/{id}"), KEY_A1).json()["data"]["usage"].clone()
    };
    assert_eq!(usage(&app), json!([{ "status": "DRAFT", "_count": 1 }]));
    // The token is revoked, then the person logs in again with a new name and tokens.
    operator.send(
        "PATCH",
        &format!("/social-accounts/{id}"),
        &json!({ "accessTokenStatus": "revoked" }),
    );
    let mut again = linkedin("urn:li:person:1", "ada-lovelace");
    again["accountType"] = json!("organization");
    again["accountLogo"] = json!("https://example.com/ada.png");
    again["tokenExpiresAt"] = Value::Null;
    again.as_object_mut().unwrap().remove("refreshToken");
    let second = connect(&operator, "ws_a1", &again, 200);
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["createdAt"], first["createdAt"]);
    assert_eq!(
        (
            &second["accountHandle"],
            &second["accountType"],
            &second["accountLogo"]
        ),
        (
            &json!("ada-lovelace"),
            &json!("organization"),
            &json!("https://example.com/ada.png")
        )
    );
    assert_eq!(
        (
            &second["accessTokenStatus"],
            &second["tokenExpiresAt"],
            &second["health"]["state"]
        ),
        (&json!("active"), &Value::Null, &json!("ok"))
    );
    assert!(second["updatedAt"].as_str() >= first["updatedAt"].as_str());
    assert_eq!(second["tokenUpdatedAt"], second["updatedAt"]);
    assert_eq!(
        app.db.tokens_of(&id),
        ("access-token-of-ada-lovelace".to_owned(), None)
    );
    // Every link kept: the post still goes out through it.
    assert_eq!(usage(&app), json!([{ "status": "DRAFT", "_count": 1 }]));
    let post = app.get(&format!("/schedule/{post_id}"), KEY_A1);
    assert!(post.body.contains(&id), "{}", post.body);
    let accounts = operator.get("/workspaces/ws_a1/social-accounts?platformType=linkedin");
    let count = accounts.json()["data"].as_array().map(Vec::len);
    assert_eq!(count, Some(3), "the world's two and this one, once");
    // A reconnect naming the account's own id is a reconnect; naming another's is a conflict.
    let mut named = linkedin("urn:li:person:1", "ada");
    named["id"] = json!(id);
    assert_eq!(connect(&operator, "ws_a1", &named, 200)["id"], json!(id));
    named["id"] = json!("acc_b");
    problem(
        &operator.send("POST", "/workspaces/ws_a1/social-accounts", &named),
        409,
        "conflict",
    );
    assert_eq!(app.db.tokens_of(&id).0, "access-token-of-ada");
}

fn a_connect_naming_an_older_account_adopts_it(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let usage_before =
        operator.get(&format!("/social-accounts/{LINKEDIN}")).json()["usage"].clone();
    assert_eq!(usage_before.as_array().map(Vec::len), Some(3));
    // The imported LinkedIn page has no external id: a connect naming it gives it one.
    let mut body = linkedin("urn:li:organization:42", "postnitro");
    body["accountType"] = json!("organization");
    body["id"] = json!(LINKEDIN);
    let adopted = connect(&operator, "ws_a1", &body, 200);
    assert_eq!(
        (
            &adopted["id"],
            &adopted["externalId"],
            &adopted["createdAt"]
        ),
        (
            &json!(LINKEDIN),
            &json!("urn:li:organization:42"),
            &json!("2026-05-01T12:00:00.000Z")
        )
    );
    let read = operator.get(&format!("/social-accounts/{LINKEDIN}")).json();
    assert_eq!(read["usage"], usage_before, "every link kept");
    // From now on its external id finds it.
    body.as_object_mut().unwrap().remove("id");
    assert_eq!(
        connect(&operator, "ws_a1", &body, 200)["id"],
        json!(LINKEDIN)
    );
    // An older account of another platform, or of another workspace, is not adopted.
    for other in ["acc_th", "acc_other"] {
        let mut body = linkedin("urn:li:person:77", "x");
        body["id"] = json!(other);
        problem(
            &operator.send("POST", "/workspaces/ws_a1/social-accounts", &body),
            409,
            "conflict",
        );
    }
}

fn a_connect_follows_the_import_rules(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let path = "/workspaces/ws_a1/social-accounts";
    let with = |changes: Value| {
        let mut body = linkedin("urn:li:person:7", "eve");
        for (name, value) in changes.as_object().unwrap() {
            body[name] = value.clone();
        }
        body
    };
    for (body, fields) in [
        (
            json!({}),
            vec![
                "platformType",
                "accountType",
                "accountHandle",
                "accountName",
                "externalId",
                "accessToken",
            ],
        ),
        (
            with(json!({ "platformType": "facebook" })),
            vec!["platformType"],
        ),
        (
            with(json!({ "platformType": "myspace" })),
            vec!["platformType"],
        ),
        (
            with(json!({ "accountType": "creator" })),
            vec!["accountType"],
        ),
        (
            with(json!({ "accountHandle": "   " })),
            vec!["accountHandle"],
        ),
        (
            with(json!({ "accountName": "x".repeat(256) })),
            vec!["accountName"],
        ),
        (
            with(json!({ "accountName": "nul\u{0}inside" })),
            vec!["accountName"],
        ),
        (
            with(json!({ "accountLogo": "not a url" })),
            vec!["accountLogo"],
        ),
        (with(json!({ "externalId": 42 })), vec!["externalId"]),
        (with(json!({ "accessToken": "" })), vec!["accessToken"]),
        (
            with(json!({ "tokenExpiresAt": "2099-13-01" })),
            vec!["tokenExpiresAt"],
        ),
        (with(json!({ "id": "bad id" })), vec!["id"]),
        (
            with(json!({ "accessTokenStatus": "active" })),
            vec!["accessTokenStatus"],
        ),
    ] {
        let response = operator.send("POST", path, &body);
        assert_eq!(invalid_fields(&response), fields, "{body}");
    }
    // The message says what to do.
    let disabled = operator.send("POST", path, &with(json!({ "platformType": "facebook" })));
    let message = disabled.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("PLATFORMS"), "{message}");
    assert!(
        !disabled.body.contains("access-token-of"),
        "{}",
        disabled.body
    );
    // An id another account has: 409, nothing changed.
    problem(
        &operator.send("POST", path, &with(json!({ "id": "acc_other" }))),
        409,
        "conflict",
    );
    problem(
        &operator.send(
            "POST",
            "/workspaces/ws_nope/social-accounts",
            &with(json!({})),
        ),
        404,
        "not-found",
    );
    assert_eq!(
        app.db.count("SELECT COUNT(*) AS n FROM social_accounts"),
        5,
        "the world's five, nothing more"
    );
}

fn a_keyed_connect_is_answered_once(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let path = "/workspaces/ws_a1/social-accounts";
    let body = linkedin("urn:li:person:8", "kay");
    let first = operator.post_once(path, "connect-kay-1", &body);
    assert_eq!(first.status, 201, "{}", first.body);
    let replay = operator.post_once(path, "connect-kay-1", &body);
    assert_eq!(
        (replay.status, replay.body.as_str()),
        (201, first.body.as_str())
    );
    // Without the key the same body is a reconnect: 200, the same account.
    let plain = connect(&operator, "ws_a1", &body, 200);
    assert_eq!(plain["id"], first.json()["id"]);
    // The key with another body, or on another endpoint, is refused.
    let other = linkedin("urn:li:person:9", "kay");
    assert_eq!(
        invalid_fields(&operator.post_once(path, "connect-kay-1", &other)),
        ["Idempotency-Key"]
    );
    assert_eq!(
        invalid_fields(&operator.post_once(
            "/workspaces/ws_a2/social-accounts",
            "connect-kay-1",
            &body
        )),
        ["Idempotency-Key"]
    );
    assert_eq!(
        invalid_fields(&operator.post_once(path, &"k".repeat(256), &body)),
        ["Idempotency-Key"]
    );
    // A refused body leaves the key free.
    let refused = operator.post_once(path, "connect-kay-2", &json!({}));
    assert_eq!(refused.status, 400);
    assert_eq!(
        operator.post_once(path, "connect-kay-2", &other).status,
        201
    );
    assert_eq!(
        app.db
            .count("SELECT COUNT(*) AS n FROM social_accounts WHERE account_handle = 'kay'"),
        2
    );
}

social_accounts_storage::on_both_backends!(
    a_connect_makes_an_account_the_embed_api_lists,
    a_reconnect_keeps_the_id_the_links_and_the_usage,
    a_connect_naming_an_older_account_adopts_it,
    a_connect_follows_the_import_rules,
    a_keyed_connect_is_answered_once,
);
