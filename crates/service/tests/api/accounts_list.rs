use social_accounts_storage::Backend;

use crate::fixtures::{KEY_A1, KEY_A2, KEY_EMBED};
use crate::helpers::TestApp;

fn lists_by_platform_in_connection_order(backend: Backend) {
    let app = TestApp::spawn(backend);
    // acc_b and cmqi… were connected at the same instant: the tie goes by id. acc_b's token
    // expired in 2020 although stored as active; acc_ig is revoked whatever its expiry.
    app.get("/social-account", KEY_A1).assert(
        200,
        concat!(
            r#"{"success":true,"data":{"socialAccounts":{"linkedin":["#,
            r#"{"id":"acc_b","platformType":"linkedin","accountHandle":"b","accountType":"personal","accountName":"B","accountLogo":null,"accessTokenStatus":"expired"},"#,
            r#"{"id":"cmqi7jyir0003v0m91hxnyyaq","platformType":"linkedin","accountHandle":"postnitroai-co","accountType":"organization","accountName":"PostNitro","accountLogo":"https://example.com/logo.png","accessTokenStatus":"active"}],"#,
            r#""instagram":[{"id":"acc_ig","platformType":"instagram","accountHandle":"ig","accountType":"creator","accountName":"IG","accountLogo":null,"accessTokenStatus":"revoked"}],"#,
            r#""tiktok":[],"#,
            r#""threads":[{"id":"acc_th","platformType":"threads","accountHandle":"th","accountType":"personal","accountName":"TH","accountLogo":null,"accessTokenStatus":"active"}]}}}"#
        ),
    );
}

fn a_workspace_sees_only_its_own(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.get("/social-account", KEY_A2).assert(
        200,
        concat!(
            r#"{"success":true,"data":{"socialAccounts":{"linkedin":[],"instagram":[],"tiktok":["#,
            r#"{"id":"acc_other","platformType":"tiktok","accountHandle":"o","accountType":"business","accountName":"Other","accountLogo":null,"accessTokenStatus":"active"}"#,
            r#"],"threads":[]}}}"#
        ),
    );
}

fn an_empty_workspace_gets_four_empty_arrays(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.get("/social-account", KEY_EMBED)
        .assert(200, r#"{"success":true,"data":{"socialAccounts":{"linkedin":[],"instagram":[],"tiktok":[],"threads":[]}}}"#);
}

/// Past 100 accounts the list is read on the blocking pool instead of the worker: the same
/// answer, every account, in connection order.
fn a_long_list_is_whole(backend: Backend) {
    let app = TestApp::spawn(backend);
    let accounts: Vec<String> = (0..150)
        .map(|i| {
            format!(
                r#"{{"id":"long{i:03}","workspaceId":"ws_embed","platformType":"threads","accountHandle":"h{i}","accountType":"personal","accountName":"N{i}","accessTokenStatus":"active","createdAt":"2026-01-01T00:00:00Z","accessToken":"t"}}"#
            )
        })
        .collect();
    app.seed(&format!(r#"{{"socialAccounts":[{}]}}"#, accounts.join(",")));
    let body = app.get("/social-account", KEY_EMBED).json();
    let ids: Vec<&str> = body["data"]["socialAccounts"]["threads"]
        .as_array()
        .map(|list| list.iter().filter_map(|a| a["id"].as_str()).collect())
        .unwrap_or_default();
    let expected: Vec<String> = (0..150).map(|i| format!("long{i:03}")).collect();
    assert_eq!(ids, expected);
}

fn list_failure_is_the_500_envelope(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.break_accounts_table();
    app.request("GET", "/social-account", &[("embed-api-key", KEY_A1), ("x-request-id", "req-list-500")]).assert(
        500,
        r#"{"success":false,"message":"Error fetching Social Accounts","error":"database error: query failed (request id req-list-500)"}"#,
    );
}

social_accounts_storage::on_both_backends!(
    lists_by_platform_in_connection_order,
    a_workspace_sees_only_its_own,
    an_empty_workspace_gets_four_empty_arrays,
    a_long_list_is_whole,
    list_failure_is_the_500_envelope,
);
