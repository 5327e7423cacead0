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

/// Designs and posts with every field go in and come back as written; a design or account
/// of another workspace, or an unknown design, is refused at its field.
fn designs_and_full_posts(backend: Backend) {
    use social_accounts_domain::repository::ScheduleRepository;
    use social_accounts_domain::{LinkStatus, ScheduledPostId, WorkspaceId};

    let (_db, store) = world(backend);
    let file = r#"{
      "designs": [
        { "id": "d1", "workspaceId": "ws_a1", "name": "Q3", "designType": "carousel", "source": "editor" },
        { "id": "d2", "workspaceId": "ws_b1", "name": "B", "designType": "image", "source": "upload" }
      ],
      "scheduledPosts": [
        { "id": "full", "workspaceId": "ws_a1", "status": "SCHEDULED",
          "scheduledAt": "2026-12-01T09:00:00+01:00", "createdAt": "2026-11-01T00:00:00Z",
          "designId": "d1", "labels": ["a", "b"],
          "postContent": { "linkedin": "In #linkedin", "common": "All" },
          "linkedinPostSettings": { "postType": "document", "postTitle": "Results" },
          "socialAccounts": [
            { "socialAccountId": "acc_b", "status": "FAILED", "errorMessage": "Boom" },
            { "socialAccountId": "acc_a", "status": "PUBLISHED", "liveLink": "https://example.com/1",
              "publishedAt": "2026-12-01T08:00:05Z" } ] }
      ]
    }"#;
    let report = social_accounts_storage::testing::import_json(&store, file).unwrap();
    assert_eq!(
        (report.designs, report.scheduled_posts, report.links),
        (2, 1, 2)
    );
    let post = store
        .read_post(
            &WorkspaceId::parse("ws_a1").unwrap(),
            &ScheduledPostId::parse("full").unwrap(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(post.scheduled_for.to_string(), "2026-12-01T08:00:00.000Z");
    assert_eq!(post.created_at.to_string(), "2026-11-01T00:00:00.000Z");
    assert_eq!(post.design.as_ref().map(|d| d.name.as_str()), Some("Q3"));
    assert_eq!(post.labels, Some(vec!["a".to_owned(), "b".to_owned()]));
    let captions: Vec<(&str, &str)> = post
        .captions
        .iter()
        .map(|c| (c.key.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(captions, [("common", "All"), ("linkedin", "In #linkedin")]);
    let links: Vec<(&str, LinkStatus, Option<&str>)> = post
        .links
        .iter()
        .map(|l| (l.account_id.as_str(), l.status, l.error_message.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("acc_b", LinkStatus::Failed, Some("Boom")),
            ("acc_a", LinkStatus::Published, None)
        ]
    );
    assert_eq!(post.error_message(), Some("Boom"));
    for (text, expected) in [
        (
            r#"{"scheduledPosts": [{"workspaceId": "ws_a1", "status": "DRAFT", "designId": "d2"}]}"#,
            "scheduledPosts[0].designId: design \"d2\" is in workspace \"ws_b1\", not in the post's workspace \"ws_a1\"",
        ),
        (
            r#"{"scheduledPosts": [{"workspaceId": "ws_a1", "status": "DRAFT", "designId": "d9"}]}"#,
            "scheduledPosts[0].designId: no design \"d9\" in this file or the database",
        ),
        (
            r#"{"designs": [{"workspaceId": "ws_zz", "name": "n", "designType": "t", "source": "s"}]}"#,
            "designs[0].workspaceId: no workspace \"ws_zz\" in this file or the database",
        ),
        (
            r#"{"designs": [{"id": "d1", "workspaceId": "ws_a1", "name": "n", "designType": "t", "source": "s"}]}"#,
            "designs[0].id: design \"d1\" already exists",
        ),
    ] {
        assert_eq!(import_error(&store, text), expected);
    }
}

social_accounts_storage::on_both_backends!(
    imports_the_world,
    all_or_nothing,
    references_must_exist,
    designs_and_full_posts
);
