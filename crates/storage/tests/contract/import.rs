use social_accounts_domain::Actor;
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
    use social_accounts_domain::{LinkStatus, ScheduledPostId};

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
            &social_accounts_storage::testing::scope("ws_a1"),
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

/// A replace answers with the post as stored (it builds its answer from what it wrote instead
/// of reading it back): the imported labels and creation time kept, design, captions, settings
/// and links as sent.
fn a_replace_answers_what_it_stored(backend: Backend) {
    use social_accounts_domain::repository::{ReplaceOutcome, ScheduleRepository};
    use social_accounts_domain::schedule::PostRequest;
    use social_accounts_domain::{Platforms, ScheduledPostId, Timestamp};

    let (_db, store) = world(backend);
    let file = r#"{
      "designs": [{ "id": "d1", "workspaceId": "ws_a1", "name": "Q3", "designType": "carousel", "source": "editor" }],
      "scheduledPosts": [
        { "id": "kept", "workspaceId": "ws_a1", "status": "DRAFT", "createdAt": "2026-11-01T00:00:00Z",
          "labels": ["a"], "socialAccounts": [{ "socialAccountId": "acc_a", "status": "DRAFT" }] }
      ]
    }"#;
    social_accounts_storage::testing::import_json(&store, file).unwrap();
    let body = serde_json::json!({
        "status": "SCHEDULED", "scheduledAt": "2099-01-01T10:00:00.5Z", "designId": "d1",
        "postContent": { "linkedin": "Hello #there", "common": "All" },
        "selectedAccounts": ["acc_b", "acc_a"],
        "linkedinPostSettings": { "postType": "document", "postTitle": "Results" },
    });
    let request = PostRequest::parse(&body, &Platforms::contract()).unwrap();
    let (ws, id) = (
        social_accounts_storage::testing::scope("ws_a1"),
        ScheduledPostId::parse("kept").unwrap(),
    );
    let now = Timestamp::now();
    let outcome = store.replace_post(&ws, &id, request, now).unwrap();
    let ReplaceOutcome::Replaced(answered) = outcome else {
        panic!("not replaced: {outcome:?}");
    };
    let stored = store.read_post(&ws, &id).unwrap().unwrap();
    assert_eq!(*answered, stored);
    assert_eq!(stored.labels, Some(vec!["a".to_owned()]));
    assert_eq!(stored.created_at.to_string(), "2026-11-01T00:00:00.000Z");
    assert_eq!(stored.updated_at, now);
    assert_eq!(stored.design.map(|d| d.name), Some("Q3".to_owned()));
    assert_eq!(stored.links.len(), 2);
}

/// Changes the account ids and post ids of [`big_file`].
type Edit = fn(&mut Vec<String>, &mut Vec<String>);

/// A file of `accounts` accounts and `posts` posts (one link each) in a new workspace, with
/// `edit` applied to the list of account ids and post ids before writing.
fn big_file(
    accounts: usize,
    posts: usize,
    edit: impl Fn(&mut Vec<String>, &mut Vec<String>),
) -> String {
    let mut account_ids: Vec<String> = (0..accounts).map(|i| format!("acc_{i}")).collect();
    let mut post_ids: Vec<String> = (0..posts).map(|i| format!("post_{i}")).collect();
    edit(&mut account_ids, &mut post_ids);
    let accounts: Vec<String> = account_ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "workspaceId": "ws_big", "platformType": "threads", "accountHandle": "h", "accountType": "personal", "accountName": "n", "accessToken": "t"}}"#))
        .collect();
    let posts: Vec<String> = post_ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!(r#"{{"id": "{id}", "workspaceId": "ws_big", "status": "DRAFT", "postContent": {{"common": "p{i}"}}, "socialAccounts": [{{"socialAccountId": "acc_{}", "status": "DRAFT"}}]}}"#, i % 3))
        .collect();
    format!(
        r#"{{"organizations": [{{"id": "org_big", "name": "Big", "mainPlan": "paid"}}],
            "workspaces": [{{"id": "ws_big", "organizationId": "org_big", "name": "w"}}],
            "socialAccounts": [{}], "scheduledPosts": [{}]}}"#,
        accounts.join(","),
        posts.join(",")
    )
}

/// Rows are written a thousand at a time, yet a repeated id is named at its record, whether
/// its first use is in the same batch or an earlier one, and nothing is left behind.
fn duplicates_are_named_across_batches(backend: Backend) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    let cases: [(Edit, &str); 4] = [
        (
            |accounts, _| accounts[1200] = "acc_5".into(),
            "socialAccounts[1200].id: social account \"acc_5\" already exists",
        ),
        (
            |accounts, _| accounts[7] = "acc_3".into(),
            "socialAccounts[7].id: social account \"acc_3\" already exists",
        ),
        (
            |_, posts| posts[2100] = "post_10".into(),
            "scheduledPosts[2100].id: scheduled post \"post_10\" already exists",
        ),
        (
            |_, posts| posts[2500] = "post_2400".into(),
            "scheduledPosts[2500].id: scheduled post \"post_2400\" already exists",
        ),
    ];
    for (edit, expected) in cases {
        assert_eq!(import_error(&store, &big_file(1500, 2600, edit)), expected);
        assert_eq!(
            store.is_empty(),
            Ok(true),
            "a failed import must write nothing"
        );
    }
    let report =
        social_accounts_storage::testing::import_json(&store, &big_file(1500, 2600, |_, _| {}))
            .expect("the file without duplicates imports");
    assert_eq!(
        (report.social_accounts, report.scheduled_posts, report.links),
        (1500, 2600, 2600)
    );
    assert_eq!(db.count("SELECT COUNT(*) AS n FROM post_captions"), 2600);
}

/// Posts from a source a chunk at a time: progress is heard per batch, counting up to the
/// totals, and a source failing after some chunks are written leaves nothing.
fn posts_from_a_source(backend: Backend) {
    use social_accounts_domain::import::{ImportBatch, ImportError, PostSink, PostSource};
    use social_accounts_domain::repository::ImportRepository;
    use social_accounts_domain::{Platforms, Timestamp};

    struct Failing<'a>(&'a [social_accounts_domain::import::NewScheduledPost]);
    impl PostSource for Failing<'_> {
        fn for_each_chunk(
            &mut self,
            chunk_len: usize,
            sink: &mut PostSink<'_>,
        ) -> Result<(), ImportError> {
            let mut posts = self.0;
            posts.for_each_chunk(chunk_len, sink)?;
            Err(ImportError::field(
                "scheduledPosts",
                9999,
                "id",
                "the source broke",
            ))
        }
    }

    let db = TestDb::migrated(backend);
    let store = db.store();
    let batch = ImportBatch::from_json(
        &big_file(30, 2600, |_, _| {}),
        Timestamp::now(),
        &Platforms::all(),
    )
    .expect("valid file");
    let error = store
        .import_from(
            &batch,
            &mut Failing(&batch.scheduled_posts),
            &mut |_| {},
            &Actor::cli(),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "scheduledPosts[9999].id: the source broke"
    );
    assert_eq!(
        store.is_empty(),
        Ok(true),
        "a failed import must write nothing"
    );

    let mut heard = Vec::new();
    let report = store
        .import_from(
            &batch,
            &mut batch.scheduled_posts.as_slice(),
            &mut |step| heard.push((step.section, step.written)),
            &Actor::cli(),
        )
        .expect("imports");
    assert_eq!(report.scheduled_posts, 2600);
    assert_eq!(
        heard,
        [
            ("organizations", 1),
            ("workspaces", 1),
            ("apiKeys", 0),
            ("socialAccounts", 30),
            ("scheduledPosts", 1000),
            ("scheduledPosts", 2000),
            ("scheduledPosts", 2600),
        ]
    );
}

social_accounts_storage::on_both_backends!(
    duplicates_are_named_across_batches,
    posts_from_a_source,
    imports_the_world,
    all_or_nothing,
    references_must_exist,
    designs_and_full_posts,
    a_replace_answers_what_it_stored
);
