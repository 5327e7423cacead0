use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2};
use crate::helpers::TestApp;

fn reads_an_account_with_usage_in_status_order(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.get("/social-account/cmqi7jyir0003v0m91hxnyyaq", KEY_A1).assert(
        200,
        concat!(
            r#"{"success":true,"data":{"socialAccount":{"id":"cmqi7jyir0003v0m91hxnyyaq","organizationId":"org_a","workspaceId":"ws_a1","#,
            r#""platformType":"linkedin","accountHandle":"postnitroai-co","accountName":"PostNitro","accountLogo":"https://example.com/logo.png","#,
            r#""accessTokenStatus":"active","tokenExpiresAt":"2099-09-01T00:00:00.000Z","createdAt":"2026-05-01T12:00:00.000Z","#,
            r#""updatedAt":"2026-05-02T08:30:00.250Z","accountType":"organization"},"#,
            r#""usage":[{"status":"PENDING","_count":3},{"status":"PUBLISHED","_count":1},{"status":"FAILED","_count":1}]}}"#
        ),
    );
}

fn expiry_in_the_past_reads_expired(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.get("/social-account/acc_b", KEY_A1).assert(
        200,
        concat!(
            r#"{"success":true,"data":{"socialAccount":{"id":"acc_b","organizationId":"org_a","workspaceId":"ws_a1","#,
            r#""platformType":"linkedin","accountHandle":"b","accountName":"B","accountLogo":null,"#,
            r#""accessTokenStatus":"expired","tokenExpiresAt":"2020-01-01T00:00:00.000Z","createdAt":"2026-05-01T12:00:00.000Z","#,
            r#""updatedAt":"2026-05-01T12:00:00.000Z","accountType":"personal"},"usage":[{"status":"DRAFT","_count":1}]}}"#
        ),
    );
}

fn no_links_no_expiry(backend: Backend) {
    let app = TestApp::spawn(backend);
    let response = app.get("/social-account/acc_th", KEY_A1);
    assert_eq!(response.status, 200);
    let body = response.json();
    assert_eq!(body["data"]["usage"], serde_json::json!([]));
    assert_eq!(
        body["data"]["socialAccount"]["tokenExpiresAt"],
        serde_json::Value::Null
    );
    assert_eq!(
        body["data"]["socialAccount"]["createdAt"],
        "2026-03-01T00:00:00.000Z"
    );
    let fields = body["data"]["socialAccount"].as_object().map(|o| o.len());
    assert_eq!(fields, Some(12), "eleven contract fields plus accountType");
}

fn another_workspaces_account_is_not_found(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.get("/social-account/acc_other", KEY_A1).assert(
        404,
        r#"{"success":false,"message":"Social account not found"}"#,
    );
    app.get("/social-account/never-existed", KEY_A1).assert(
        404,
        r#"{"success":false,"message":"Social account not found"}"#,
    );
    assert_eq!(app.get("/social-account/acc_other", KEY_A2).status, 200);
}

fn read_failure_is_the_500_envelope(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.break_accounts_table();
    app.request("GET", "/social-account/acc_b", &[("embed-api-key", KEY_A1), ("x-request-id", "req-read-500")]).assert(
        500,
        r#"{"success":false,"message":"Error fetching Social Account","error":"database error: query failed (request id req-read-500)"}"#,
    );
}

social_accounts_storage::on_both_backends!(
    reads_an_account_with_usage_in_status_order,
    expiry_in_the_past_reads_expired,
    no_links_no_expiry,
    another_workspaces_account_is_not_found,
    read_failure_is_the_500_envelope,
);
