//! Endpoints through the operator API: registered with a secret shown once, read, changed,
//! rotated with an overlap, deleted; bad bodies name every field; private URLs refused unless
//! allowed; another organization's endpoints do not exist for its key.

use serde_json::json;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use super::register;
use crate::helpers::{TestApp, invalid_fields, problem};
use crate::publisher::world;

fn an_endpoint_is_registered_read_changed_rotated_and_deleted(backend: Backend) {
    let (app, _clock) = world(backend);
    let operator = app.operator_of("org_p");
    let created = operator.send(
        "POST",
        "/organizations/org_p/webhooks",
        &json!({"url": "https://hooks.example.com/in", "events": ["link.failed", "link.published"], "description": "ops"}),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let body = created.json();
    let id = body["id"].as_str().unwrap().to_owned();
    let secret = body["secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("whsec_") && secret.len() == 50,
        "{secret}"
    );
    let at = body["createdAt"].clone();
    let shown = json!({
        "id": id, "organizationId": "org_p", "url": "https://hooks.example.com/in",
        "events": ["link.published", "link.failed"], "description": "ops", "enabled": true,
        "previousSecretExpiresAt": null, "createdAt": at, "updatedAt": at,
    });
    // The secret is in the creation's answer only.
    let read = operator.get(&format!("/webhooks/{id}"));
    assert_eq!((read.status, read.json()), (200, shown.clone()));
    assert!(!read.body.contains(&secret));
    let listed = operator.get("/organizations/org_p/webhooks");
    assert_eq!(listed.json(), json!({"data": [shown], "nextCursor": null}));
    // A change; an empty one changes nothing.
    let changed = operator.send(
        "PATCH",
        &format!("/webhooks/{id}"),
        &json!({"enabled": false, "events": ["*"], "description": null}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let changed = changed.json();
    assert_eq!(
        (
            &changed["enabled"],
            &changed["events"],
            &changed["description"]
        ),
        (&json!(false), &json!(["*"]), &json!(null))
    );
    let same = operator.send("PATCH", &format!("/webhooks/{id}"), &json!({}));
    assert_eq!(same.json(), changed);
    // A rotation: a new secret; the old one signs for 24 more hours.
    let rotated = operator.send("POST", &format!("/webhooks/{id}/rotate-secret"), &json!({}));
    assert_eq!(rotated.status, 200, "{}", rotated.body);
    let rotated = rotated.json();
    assert_ne!(rotated["secret"], secret.as_str());
    let until = rotated["previousSecretExpiresAt"].as_str().unwrap();
    let updated = rotated["updatedAt"].as_str().unwrap();
    let hours = (chrono::DateTime::parse_from_rfc3339(until).unwrap()
        - chrono::DateTime::parse_from_rfc3339(updated).unwrap())
    .num_hours();
    assert_eq!(hours, 24);
    // Gone: the answer is the endpoint as it was, then 404 everywhere.
    let deleted = operator.delete(&format!("/webhooks/{id}"));
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(deleted.json()["id"], id.as_str());
    problem(&operator.get(&format!("/webhooks/{id}")), 404, "not-found");
    problem(
        &operator.delete(&format!("/webhooks/{id}")),
        404,
        "not-found",
    );
    // Each change is one audit event naming the endpoint.
    for action in [
        "webhook.created",
        "webhook.updated",
        "webhook.secret_rotated",
        "webhook.deleted",
    ] {
        assert_eq!(
            app.db.count(&format!(
                "SELECT COUNT(*) AS n FROM audit_events WHERE action = '{action}' AND target_id = '{id}'"
            )),
            1,
            "{action}"
        );
    }
    // No secret is stored in the clear or written to the audit trail.
    assert_eq!(
        app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM audit_events WHERE details LIKE '%{}%'",
            &secret[6..20]
        )),
        0
    );
}

fn bad_endpoints_name_every_field(backend: Backend) {
    let (app, _clock) = world(backend);
    let operator = app.operator_of("org_p");
    let bad = operator.send(
        "POST",
        "/organizations/org_p/webhooks",
        &json!({"url": "ftp://hooks.example.com/", "events": ["*", "nope"], "extra": 1}),
    );
    assert_eq!(
        invalid_fields(&bad),
        ["url", "events.0", "events.1", "extra"]
    );
    let missing = operator.send("POST", "/organizations/org_p/webhooks", &json!({}));
    assert_eq!(invalid_fields(&missing), ["events", "url"]);
    let (id, _) = register(&operator, "org_p", "https://hooks.example.com/in", &["*"]);
    let patch = operator.send(
        "PATCH",
        &format!("/webhooks/{id}"),
        &json!({"enabled": null, "events": []}),
    );
    assert_eq!(invalid_fields(&patch), ["enabled", "events"]);
    let status = operator.get(&format!("/webhooks/{id}/deliveries?status=sent"));
    assert_eq!(invalid_fields(&status), ["status"]);
}

fn private_addresses_are_refused_unless_allowed(backend: Backend) {
    let app = TestApp::builder(TestDb::migrated(backend))
        .webhook_allow_private(false)
        .start();
    app.seed(crate::publisher::PUBLISH_WORLD);
    let operator = app.operator_of("org_p");
    for url in [
        "http://hooks.example.com/in",
        "https://127.0.0.1/in",
        "https://10.0.0.7/in",
        "https://[::1]/in",
        "https://localhost/in",
        "https://169.254.169.254/latest",
    ] {
        let refused = operator.send(
            "POST",
            "/organizations/org_p/webhooks",
            &json!({"url": url, "events": ["*"]}),
        );
        assert_eq!(invalid_fields(&refused), ["url"], "{url}");
    }
    register(&operator, "org_p", "https://hooks.example.com/in", &["*"]);
}

fn another_organizations_endpoints_do_not_exist(backend: Backend) {
    let (app, _clock) = world(backend);
    let (id, _) = register(
        &app.operator_of("org_p"),
        "org_p",
        "https://a.example/",
        &["*"],
    );
    let other = app.operator_of("org_q");
    for path in [
        format!("/webhooks/{id}"),
        format!("/webhooks/{id}/deliveries"),
        "/organizations/org_p/webhooks".to_owned(),
    ] {
        problem(&other.get(&path), 404, "not-found");
    }
    problem(&other.delete(&format!("/webhooks/{id}")), 404, "not-found");
    for action in ["rotate-secret", "test"] {
        problem(
            &other.send("POST", &format!("/webhooks/{id}/{action}"), &json!({})),
            404,
            "not-found",
        );
    }
    problem(
        &other.send(
            "POST",
            "/organizations/org_p/webhooks",
            &json!({"url": "https://a.example/", "events": ["*"]}),
        ),
        404,
        "not-found",
    );
    // The instance key sees both.
    assert_eq!(app.operator().get(&format!("/webhooks/{id}")).status, 200);
}

social_accounts_storage::on_both_backends!(
    an_endpoint_is_registered_read_changed_rotated_and_deleted,
    bad_endpoints_name_every_field,
    private_addresses_are_refused_unless_allowed,
    another_organizations_endpoints_do_not_exist,
);
