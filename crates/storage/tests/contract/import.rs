use social_accounts_domain::import::ImportReport;
use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::fixtures::{WORLD, world};

fn import_error(store: &social_accounts_storage::Store, text: &str) -> String {
    match social_accounts_storage::testing::import_json(store, text) {
        Ok(report) => panic!("import succeeded: {report}"),
        Err(e) => e.to_string(),
    }
}

fn imports_the_world(backend: Backend) {
    let db = TestDb::migrated(backend);
    let report = crate::fixtures::import(&db.store(), WORLD);
    assert_eq!(
        report,
        ImportReport {
            organizations: 2,
            workspaces: 3,
            api_keys: 1,
            social_accounts: 5,
            designs: 0,
            scheduled_posts: 5,
            links: 6
        }
    );
}

fn all_or_nothing(backend: Backend) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    // The last post links an account of another workspace: nothing before it may remain.
    let bad = WORLD.replace(
        r#"{ "socialAccountId": "acc_other", "status": "PENDING" } ] }"#,
        r#"{ "socialAccountId": "acc_other", "status": "PENDING" } ] },
        { "id": "p6", "workspaceId": "ws_a1", "status": "DRAFT", "socialAccounts": [
          { "socialAccountId": "acc_other", "status": "DRAFT" } ] }"#,
    );
    assert_ne!(bad, WORLD);
    let error = import_error(&store, &bad);
    assert!(error.starts_with("scheduledPosts[5].socialAccounts[0].socialAccountId: social account \"acc_other\" is in workspace \"ws_a2\""), "{error}");
    assert_eq!(
        store.is_empty(),
        Ok(true),
        "a failed import must write nothing"
    );
    // The same file without the bad post goes in whole.
    assert_eq!(crate::fixtures::import(&store, WORLD).links, 6);
}

fn references_must_exist(backend: Backend) {
    let (_db, store) = world(backend);
    let cases = [
        (
            r#"{"workspaces": [{"id": "w9", "organizationId": "org_zz", "name": "n"}]}"#,
            "workspaces[0].organizationId: no organization \"org_zz\"",
        ),
        (
            r#"{"socialAccounts": [{"workspaceId": "ws_zz", "platformType": "threads", "accountHandle": "h", "accountType": "personal", "accountName": "n", "accessToken": "t"}]}"#,
            "socialAccounts[0].workspaceId: no workspace \"ws_zz\"",
        ),
        (
            r#"{"scheduledPosts": [{"id": "p9", "workspaceId": "ws_a1", "status": "DRAFT", "socialAccounts": [{"socialAccountId": "nope", "status": "DRAFT"}]}]}"#,
            "scheduledPosts[0].socialAccounts[0].socialAccountId: no social account \"nope\"",
        ),
        (
            r#"{"apiKeys": [{"organizationId": "org_a", "workspaceId": "ws_b1", "key": "another-key-123"}]}"#,
            "apiKeys[0].workspaceId",
        ),
        (
            r#"{"apiKeys": [{"organizationId": "org_a", "key": "key-a1-0123456789"}]}"#,
            "apiKeys[0].key: this key already exists",
        ),
        (
            r#"{"organizations": [{"id": "org_a", "name": "again", "mainPlan": "free"}]}"#,
            "organizations[0].id: organization \"org_a\" already exists",
        ),
    ];
    for (text, expected) in cases {
        let error = import_error(&store, text);
        assert!(
            error.starts_with(expected),
            "{error} does not start with {expected}"
        );
    }
}

social_accounts_storage::on_both_backends!(
    imports_the_world,
    all_or_nothing,
    references_must_exist
);
