//! `GET /operator/v1/openapi.json`: the operator API's own document (the Embed API's
//! `/openapi.json` stays its alone), every route of the table in it, request bodies as precise
//! as the rules allow.

use serde_json::{Value, json};
use social_accounts_storage::Backend;

use crate::helpers::TestApp;
use crate::helpers::schema::violations;

/// The routes of the operator table, as the document spells them.
const OPERATIONS: &[(&str, &str)] = &[
    ("post", "/operator/v1/organizations"),
    ("get", "/operator/v1/organizations"),
    ("get", "/operator/v1/organizations/{org}"),
    ("patch", "/operator/v1/organizations/{org}"),
    ("post", "/operator/v1/organizations/{org}/workspaces"),
    ("get", "/operator/v1/organizations/{org}/workspaces"),
    ("post", "/operator/v1/organizations/{org}/api-keys"),
    ("get", "/operator/v1/organizations/{org}/api-keys"),
    ("get", "/operator/v1/organizations/{org}/audit-events"),
    ("get", "/operator/v1/audit-events"),
    ("delete", "/operator/v1/api-keys/{id}"),
    ("post", "/operator/v1/workspaces/{ws}/social-accounts"),
    ("get", "/operator/v1/workspaces/{ws}/social-accounts"),
    ("get", "/operator/v1/social-accounts/{id}"),
    ("patch", "/operator/v1/social-accounts/{id}"),
    ("put", "/operator/v1/social-accounts/{id}/tokens"),
    ("delete", "/operator/v1/social-accounts/{id}"),
    ("post", "/operator/v1/organizations/{org}/webhooks"),
    ("get", "/operator/v1/organizations/{org}/webhooks"),
    ("get", "/operator/v1/webhooks/{id}"),
    ("patch", "/operator/v1/webhooks/{id}"),
    ("delete", "/operator/v1/webhooks/{id}"),
    ("post", "/operator/v1/webhooks/{id}/rotate-secret"),
    ("post", "/operator/v1/webhooks/{id}/test"),
    ("get", "/operator/v1/webhooks/{id}/deliveries"),
    (
        "post",
        "/operator/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
    ),
];

fn body_schema(doc: &Value, name: &str) -> Value {
    let mut root = doc["components"]["schemas"][name].clone();
    root["components"] = doc["components"].clone();
    root
}

fn the_document_is_the_operator_apis_own(backend: Backend) {
    let app = TestApp::spawn(backend);
    let response = app.request("GET", "/operator/v1/openapi.json", &[]);
    assert_eq!(response.status, 200, "unauthenticated, like /openapi.json");
    let doc = response.json();
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..4]), Some("3.1."));
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(|method| (method.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut expected: Vec<(String, String)> = OPERATIONS
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    documented.sort();
    expected.sort();
    assert_eq!(documented, expected);
    assert_eq!(doc["security"], json!([{ "operator_key": [] }]));
    let embed = app.request("GET", "/openapi.json", &[]).json();
    let embed_paths = serde_json::to_string(&embed["paths"]).unwrap();
    assert!(!embed_paths.contains("/operator/"), "{embed_paths}");
}

fn a_connect_body_is_valid_only_for_its_platform(backend: Backend) {
    let app = TestApp::spawn(backend);
    let doc = app.request("GET", "/operator/v1/openapi.json", &[]).json();
    let schema = body_schema(&doc, "Connect");
    let body = |platform: &str, kind: &str| {
        let mut body = super::linkedin("urn:1", "h");
        body["platformType"] = json!(platform);
        body["accountType"] = json!(kind);
        body
    };
    for (platform, kind) in [
        ("linkedin", "personal"),
        ("linkedin", "organization"),
        ("instagram", "creator"),
        ("tiktok", "business"),
    ] {
        assert_eq!(
            violations(&schema, &body(platform, kind)),
            Vec::<String>::new()
        );
    }
    for (platform, kind) in [
        ("linkedin", "creator"),
        ("facebook", "page"),
        ("myspace", "personal"),
    ] {
        assert!(
            !violations(&schema, &body(platform, kind)).is_empty(),
            "{platform} {kind}"
        );
    }
    let mut extra = body("linkedin", "personal");
    extra["accessTokenStatus"] = json!("active");
    assert!(!violations(&schema, &extra).is_empty(), "closed");
    // A change may not null what cannot be removed; the logo it may.
    let patch = body_schema(&doc, "AccountPatch");
    assert!(violations(&patch, &json!({ "accountLogo": null })).is_empty());
    assert!(!violations(&patch, &json!({ "accountName": null })).is_empty());
}

social_accounts_storage::on_both_backends!(
    the_document_is_the_operator_apis_own,
    a_connect_body_is_valid_only_for_its_platform,
);
