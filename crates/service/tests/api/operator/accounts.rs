//! `/workspaces/{ws}/social-accounts` (list), `/social-accounts/{id}` (read, change,
//! disconnect) and `/social-accounts/{id}/tokens` (refresh): what the operator sees, and the
//! Embed API seeing each change at once.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, LINKEDIN};
use crate::helpers::{TestApp, invalid_fields, problem};

fn ids(response: &crate::helpers::Response) -> Vec<String> {
    assert_eq!(response.status, 200, "{}", response.body);
    response.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

fn an_account_reads_with_usage_and_health(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let read = operator.get(&format!("/social-accounts/{LINKEDIN}"));
    assert_eq!(read.status, 200, "{}", read.body);
    let embed = app
        .get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
        .json();
    let body = read.json();
    let seconds = body["health"]["expiresInSeconds"].as_i64().unwrap();
    assert!(seconds > 60 * 60 * 24 * 365 * 70, "{seconds}");
    assert_eq!(
        body,
        json!({
            "id": LINKEDIN, "organizationId": "org_a", "workspaceId": "ws_a1",
            "platformType": "linkedin", "accountType": "organization",
            "accountHandle": "postnitroai-co", "accountName": "PostNitro",
            "accountLogo": "https://example.com/logo.png", "externalId": null,
            "accessTokenStatus": "active", "tokenExpiresAt": "2099-09-01T00:00:00.000Z",
            // Imported before this API: the token was last set when the account was.
            "tokenUpdatedAt": "2026-05-02T08:30:00.250Z",
            "health": { "state": "ok", "expiresInSeconds": seconds },
            "createdAt": "2026-05-01T12:00:00.000Z", "updatedAt": "2026-05-02T08:30:00.250Z",
            "usage": embed["data"]["usage"],
        })
    );
    assert_eq!(body["usage"].as_array().map(Vec::len), Some(3));
    // Not active (expired by date, or revoked): the operator has to ask for a new login.
    for id in ["acc_b", "acc_ig"] {
        let health = &operator.get(&format!("/social-accounts/{id}")).json()["health"];
        assert_eq!(health["state"], "reauth_required", "{id}");
    }
    problem(&operator.get("/social-accounts/acc_nope"), 404, "not-found");
    assert!(!read.body.contains("secret-"), "no token in {}", read.body);
}

fn lists_filter_by_platform_status_and_expiry(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let list =
        |query: &str| ids(&operator.get(&format!("/workspaces/ws_a1/social-accounts{query}")));
    // Oldest first, ties by id.
    assert_eq!(list(""), ["acc_th", "acc_ig", "acc_b", LINKEDIN]);
    assert_eq!(list("?platformType=linkedin"), ["acc_b", LINKEDIN]);
    assert_eq!(list("?accessTokenStatus=active"), ["acc_th", LINKEDIN]);
    assert_eq!(list("?accessTokenStatus=expired"), ["acc_b"]);
    assert_eq!(list("?accessTokenStatus=revoked"), ["acc_ig"]);
    assert_eq!(list("?expiringWithinDays=30"), Vec::<String>::new());
    let mut soon = super::linkedin("urn:li:person:soon", "soon");
    let in_three_days = chrono::Utc::now() + chrono::TimeDelta::days(3);
    soon["tokenExpiresAt"] = json!(in_three_days.to_rfc3339());
    let connected = super::connect(&operator, "ws_a1", &soon, 201);
    assert_eq!(connected["health"]["state"], "expiring");
    let id = connected["id"].as_str().unwrap();
    assert_eq!(list("?expiringWithinDays=30"), [id]);
    assert_eq!(list("?expiringWithinDays=2"), Vec::<String>::new());
    assert_eq!(
        list("?platformType=linkedin&accessTokenStatus=active&limit=1"),
        [LINKEDIN]
    );
    assert_eq!(
        invalid_fields(&operator.get(
            "/workspaces/ws_a1/social-accounts?platformType=myspace&accessTokenStatus=gone&expiringWithinDays=-1"
        )),
        ["platformType", "accessTokenStatus", "expiringWithinDays"]
    );
    assert_eq!(
        ids(&operator.get("/workspaces/ws_a2/social-accounts")),
        ["acc_other"]
    );
    problem(
        &operator.get("/workspaces/ws_nope/social-accounts"),
        404,
        "not-found",
    );
}

fn changes_show_in_the_embed_api_at_once(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let path = format!("/social-accounts/{LINKEDIN}");
    let before = operator.get(&path).json();
    let changed = operator.send(
        "PATCH",
        &path,
        &json!({ "accountHandle": "renamed", "accountName": "Renamed", "accountLogo": null }),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let body = changed.json();
    assert_eq!(
        (
            &body["accountHandle"],
            &body["accountName"],
            &body["accountLogo"]
        ),
        (&json!("renamed"), &json!("Renamed"), &Value::Null)
    );
    assert_ne!(body["updatedAt"], before["updatedAt"]);
    assert_eq!(
        body["tokenUpdatedAt"], before["tokenUpdatedAt"],
        "no token changed"
    );
    let embed = app
        .get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
        .json();
    assert_eq!(
        (
            &embed["data"]["socialAccount"]["accountHandle"],
            &embed["data"]["socialAccount"]["accountLogo"]
        ),
        (&json!("renamed"), &Value::Null)
    );

    let revoked = operator.send("PATCH", &path, &json!({ "accessTokenStatus": "revoked" }));
    assert_eq!(revoked.json()["health"]["state"], "reauth_required");
    let embed = app
        .get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
        .json();
    assert_eq!(
        embed["data"]["socialAccount"]["accessTokenStatus"],
        "revoked"
    );

    // An empty change changes nothing.
    let same = operator.send("PATCH", &path, &json!({}));
    assert_eq!((same.status, same.json()), (200, revoked.json()));

    for (body, fields) in [
        (
            json!({ "accessTokenStatus": "expired" }),
            vec!["accessTokenStatus"],
        ),
        (json!({ "accountHandle": "" }), vec!["accountHandle"]),
        (json!({ "accountName": null }), vec!["accountName"]),
        (
            json!({ "accountLogo": 7, "externalId": "x", "platformType": "tiktok" }),
            vec!["accountLogo", "externalId", "platformType"],
        ),
    ] {
        assert_eq!(
            invalid_fields(&operator.send("PATCH", &path, &body)),
            fields,
            "{body}"
        );
    }
    assert_eq!(
        operator.get(&path).json()["updatedAt"],
        revoked.json()["updatedAt"]
    );
    problem(
        &operator.send("PATCH", "/social-accounts/acc_nope", &json!({})),
        404,
        "not-found",
    );
}

fn refreshed_tokens_are_sealed_and_reactivate(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let before = operator.get("/social-accounts/acc_ig").json();
    assert_eq!(before["accessTokenStatus"], "revoked");
    let refreshed = operator.send(
        "PUT",
        "/social-accounts/acc_ig/tokens",
        &json!({ "accessToken": "fresh-access", "refreshToken": "fresh-refresh", "tokenExpiresAt": "2099-02-01T00:00:00Z" }),
    );
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let body = refreshed.json();
    assert_eq!(body["accessTokenStatus"], "active");
    assert_eq!(body["tokenExpiresAt"], "2099-02-01T00:00:00.000Z");
    assert_eq!(body["health"]["state"], "ok");
    assert_ne!(body["tokenUpdatedAt"], before["tokenUpdatedAt"]);
    assert_eq!(body["tokenUpdatedAt"], body["updatedAt"]);
    assert!(!refreshed.body.contains("fresh-"), "{}", refreshed.body);
    assert_eq!(
        app.db.tokens_of("acc_ig"),
        ("fresh-access".to_owned(), Some("fresh-refresh".to_owned()))
    );
    let embed = app.get("/social-account/acc_ig", KEY_A1).json();
    assert_eq!(
        embed["data"]["socialAccount"]["accessTokenStatus"],
        "active"
    );

    // Without a refresh token or an expiry, both are cleared: the new login has none.
    let bare = operator.send(
        "PUT",
        "/social-accounts/acc_ig/tokens",
        &json!({ "accessToken": "bare-access" }),
    );
    assert_eq!(bare.json()["tokenExpiresAt"], Value::Null);
    assert_eq!(app.db.tokens_of("acc_ig"), ("bare-access".to_owned(), None));

    for (body, fields) in [
        (json!({}), vec!["accessToken"]),
        (json!({ "accessToken": "" }), vec!["accessToken"]),
        (
            json!({ "accessToken": "a", "tokenExpiresAt": "soon", "scope": "all" }),
            vec!["tokenExpiresAt", "scope"],
        ),
    ] {
        let response = operator.send("PUT", "/social-accounts/acc_ig/tokens", &body);
        assert_eq!(invalid_fields(&response), fields, "{body}");
    }
    assert_eq!(
        app.db.tokens_of("acc_ig").0,
        "bare-access",
        "refused bodies change nothing"
    );
    problem(
        &operator.send(
            "PUT",
            "/social-accounts/acc_nope/tokens",
            &json!({ "accessToken": "a" }),
        ),
        404,
        "not-found",
    );
}

fn disconnect_is_the_embed_api_delete(backend: Backend) {
    let app = TestApp::spawn(backend);
    let operator = app.operator();
    let path = format!("/social-accounts/{LINKEDIN}");
    let removed = json!({ "removedLinks": [
        { "status": "PENDING", "_count": 3 },
        { "status": "PUBLISHED", "_count": 1 },
        { "status": "FAILED", "_count": 1 },
    ]});
    let dry = operator.delete(&format!("{path}?dryRun=true"));
    assert_eq!((dry.status, dry.json()), (200, removed.clone()));
    assert_eq!(
        app.get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
            .status,
        200
    );
    let gone = operator.delete(&path);
    assert_eq!((gone.status, gone.json()), (200, removed));
    problem(&operator.get(&path), 404, "not-found");
    problem(&operator.delete(&path), 404, "not-found");
    assert_eq!(
        app.get(&format!("/social-account/{LINKEDIN}"), KEY_A1)
            .status,
        404
    );
    assert_eq!(app.db.count("SELECT COUNT(*) AS n FROM scheduled_posts"), 6);
    assert_eq!(app.db.orphan_links(), 0);
    assert!(app.db.usage_drift().is_empty());
    assert_eq!(
        invalid_fields(&operator.delete("/social-accounts/acc_b?dryRun=maybe")),
        ["dryRun"]
    );
}

social_accounts_storage::on_both_backends!(
    an_account_reads_with_usage_and_health,
    lists_filter_by_platform_status_and_expiry,
    changes_show_in_the_embed_api_at_once,
    refreshed_tokens_are_sealed_and_reactivate,
    disconnect_is_the_embed_api_delete,
);
