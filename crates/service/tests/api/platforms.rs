//! `PLATFORMS`: the list holds exactly the enabled keys in their order; accounts of a platform
//! that is not enabled are invisible (left out of the list, 404 on read and delete, never
//! deleted), and the OpenAPI document shows the enabled set.

use social_accounts_domain::repository::AccountRepository;
use social_accounts_domain::{Platforms, SocialAccountId, Timestamp};
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::fixtures::{KEY_A1, WORLD};
use crate::helpers::TestApp;

/// A Facebook page and a Pinterest board in `ws_a1`, one link each.
const NEW_PLATFORMS: &str = r#"{
  "socialAccounts": [
    { "id": "acc_fb", "workspaceId": "ws_a1", "platformType": "facebook", "accountHandle": "fb",
      "accountType": "page", "accountName": "FB", "accessTokenStatus": "active",
      "accessToken": "secret-fb", "createdAt": "2026-01-01T00:00:00.000Z" },
    { "id": "acc_pin", "workspaceId": "ws_a1", "platformType": "pinterest", "accountHandle": "pin",
      "accountType": "board", "accountName": "PIN", "accessTokenStatus": "active",
      "accessToken": "secret-pin", "createdAt": "2026-01-01T00:00:00.000Z" }
  ],
  "scheduledPosts": [
    { "id": "p_new", "workspaceId": "ws_a1", "status": "SCHEDULED", "socialAccounts": [
      { "socialAccountId": "acc_fb", "status": "PENDING" },
      { "socialAccountId": "acc_pin", "status": "FAILED" } ] }
  ]
}"#;

fn app_with(backend: Backend, platforms: &str) -> TestApp {
    let app = TestApp::builder(TestDb::migrated(backend))
        .platforms(Platforms::parse(platforms).unwrap())
        .start();
    // Imported with every platform enabled, as an operator might have done before narrowing it.
    for file in [WORLD, NEW_PLATFORMS] {
        social_accounts_storage::testing::import_json(&app.db.store(), file).unwrap();
    }
    app
}

fn six_platforms_in_the_order_given(backend: Backend) {
    let app = app_with(
        backend,
        "linkedin,instagram,tiktok,threads,facebook,pinterest",
    );
    let list = app.get("/social-account", KEY_A1).json();
    let groups = list["data"]["socialAccounts"].as_object().unwrap();
    assert_eq!(
        groups.keys().collect::<Vec<_>>(),
        [
            "linkedin",
            "instagram",
            "tiktok",
            "threads",
            "facebook",
            "pinterest"
        ]
    );
    let body = app.get("/social-account", KEY_A1).body;
    assert!(body.contains(
        r#""facebook":[{"id":"acc_fb","platformType":"facebook","accountHandle":"fb","accountType":"page","accountName":"FB","accountLogo":null,"accessTokenStatus":"active"}]"#
    ), "{body}");
    assert!(body.contains(
        r#""pinterest":[{"id":"acc_pin","platformType":"pinterest","accountHandle":"pin","accountType":"board","accountName":"PIN","accountLogo":null,"accessTokenStatus":"active"}]"#
    ), "{body}");
    let read = app.get("/social-account/acc_pin", KEY_A1).json();
    assert_eq!(
        read["data"]["usage"],
        serde_json::json!([{"status": "FAILED", "_count": 1}])
    );
}

fn a_custom_order_and_subset(backend: Backend) {
    let app = app_with(backend, "threads,facebook");
    let body = app.get("/social-account", KEY_A1).body;
    assert_eq!(
        body,
        concat!(
            r#"{"success":true,"data":{"socialAccounts":{"threads":[{"id":"acc_th","platformType":"threads","accountHandle":"th","accountType":"personal","accountName":"TH","accountLogo":null,"accessTokenStatus":"active"}],"#,
            r#""facebook":[{"id":"acc_fb","platformType":"facebook","accountHandle":"fb","accountType":"page","accountName":"FB","accountLogo":null,"accessTokenStatus":"active"}]}}}"#
        )
    );
}

fn accounts_of_disabled_platforms_are_invisible(backend: Backend) {
    let app = app_with(backend, "linkedin,instagram,tiktok,threads");
    let body = app.get("/social-account", KEY_A1).body;
    assert!(
        !body.contains("acc_fb") && !body.contains("facebook"),
        "{body}"
    );
    let not_found = r#"{"success":false,"message":"Social account not found"}"#;
    app.get("/social-account/acc_fb", KEY_A1)
        .assert(404, not_found);
    app.request(
        "DELETE",
        "/social-account/acc_pin",
        &[("embed-api-key", KEY_A1)],
    )
    .assert(404, not_found);
    app.request(
        "DELETE",
        "/social-account/acc_pin?dryRun=true",
        &[("embed-api-key", KEY_A1)],
    )
    .assert(404, not_found);
    // Still there, links and all: enabling the platform shows it again.
    let kept = app
        .db
        .store()
        .read_account(
            &social_accounts_storage::testing::scope("ws_a1"),
            &SocialAccountId::parse("acc_pin").unwrap(),
            Timestamp::now(),
        )
        .unwrap()
        .map(|(_, usage)| usage.total());
    assert_eq!(kept, Some(1));
}

fn openapi_shows_the_enabled_set(backend: Backend) {
    let app = app_with(backend, "tiktok,pinterest");
    let doc = app.request("GET", "/openapi.json", &[]).json();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["PlatformType"]["enum"],
        serde_json::json!(["tiktok", "pinterest"])
    );
    assert_eq!(
        schemas["AccountType"]["enum"],
        serde_json::json!(["personal", "business", "board"])
    );
    assert_eq!(
        schemas["SocialAccounts"]["required"],
        serde_json::json!(["tiktok", "pinterest"])
    );
}

social_accounts_storage::on_both_backends!(
    six_platforms_in_the_order_given,
    a_custom_order_and_subset,
    accounts_of_disabled_platforms_are_invisible,
    openapi_shows_the_enabled_set,
);
