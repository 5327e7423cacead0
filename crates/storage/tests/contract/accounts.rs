use social_accounts_domain::repository::{AccountRepository, DeleteMode, DeleteOutcome};
use social_accounts_domain::{AccessTokenStatus, Actor, LinkStatus, Timestamp, Usage};
use social_accounts_storage::Backend;

use crate::fixtures::{acc, world};

use social_accounts_storage::testing::{count, scope};

fn list_is_scoped_and_ordered(backend: Backend) {
    let (_db, store) = world(backend);
    let list = store
        .list_accounts(&scope("ws_a1"), Timestamp::now())
        .unwrap();
    let ids: Vec<_> = list.iter().map(|a| a.id.as_str()).collect();
    // Oldest first, ties broken by id; acc_ig was created "now", so last.
    assert_eq!(ids, ["acc_a", "acc_b", "acc_late", "acc_ig"]);
    let statuses: Vec<_> = list.iter().map(|a| a.access_token_status).collect();
    assert_eq!(
        statuses,
        [
            AccessTokenStatus::Active,
            AccessTokenStatus::Expired,
            AccessTokenStatus::Active,
            AccessTokenStatus::Revoked
        ]
    );
    assert!(
        store
            .list_accounts(&scope("ws_b1"), Timestamp::now())
            .unwrap()
            .is_empty()
    );
}

/// The bounded list is the list when it fits, and nothing (read no further) when it does not.
fn a_bounded_list_is_the_list_or_nothing(backend: Backend) {
    let (_db, store) = world(backend);
    let now = Timestamp::now();
    let full = store.list_accounts(&scope("ws_a1"), now).unwrap();
    assert_eq!(full.len(), 4);
    for most in [4, 5, 100] {
        let bounded = store
            .list_accounts_up_to(&scope("ws_a1"), now, most)
            .unwrap();
        assert_eq!(bounded.as_ref(), Some(&full), "at most {most}");
    }
    assert_eq!(
        store.list_accounts_up_to(&scope("ws_a1"), now, 3).unwrap(),
        None
    );
    assert_eq!(
        store.list_accounts_up_to(&scope("ws_a1"), now, 0).unwrap(),
        None
    );
    assert_eq!(
        store.list_accounts_up_to(&scope("ws_b1"), now, 0).unwrap(),
        Some(Vec::new())
    );
}

fn read_counts_usage_in_status_order(backend: Backend) {
    let (_db, store) = world(backend);
    let (account, usage) = store
        .read_account(&scope("ws_a1"), &acc("acc_a"), Timestamp::now())
        .unwrap()
        .expect("acc_a not found");
    assert_eq!(account.organization_id.as_str(), "org_a");
    assert_eq!(
        account.account_logo.as_deref(),
        Some("https://example.com/a.png")
    );
    assert_eq!(
        usage,
        Usage::from_counts([
            (LinkStatus::Pending, 2),
            (LinkStatus::Published, 1),
            (LinkStatus::Failed, 1)
        ])
    );
    let (_, usage) = store
        .read_account(&scope("ws_a1"), &acc("acc_ig"), Timestamp::now())
        .ok()
        .flatten()
        .expect("acc_ig");
    assert!(usage.is_empty());
}

fn another_workspace_sees_nothing(backend: Backend) {
    let (_db, store) = world(backend);
    let now = Timestamp::now();
    assert_eq!(
        store.read_account(&scope("ws_a2"), &acc("acc_a"), now),
        Ok(None)
    );
    assert_eq!(
        store.delete_account(
            &scope("ws_a2"),
            &acc("acc_a"),
            DeleteMode::Delete,
            &Actor::cli(),
            Timestamp::now()
        ),
        Ok(DeleteOutcome::NotFound)
    );
    assert!(
        store
            .read_account(&scope("ws_a1"), &acc("acc_a"), now)
            .ok()
            .flatten()
            .is_some(),
        "acc_a must be untouched"
    );
}

fn delete_removes_account_and_links_but_keeps_posts(backend: Backend) {
    let (db, store) = world(backend);
    let outcome = store.delete_account(
        &scope("ws_a1"),
        &acc("acc_a"),
        DeleteMode::Delete,
        &Actor::cli(),
        Timestamp::now(),
    );
    let expected = Usage::from_counts([
        (LinkStatus::Pending, 2),
        (LinkStatus::Published, 1),
        (LinkStatus::Failed, 1),
    ]);
    assert_eq!(outcome, Ok(DeleteOutcome::Deleted(expected)));
    let mut conn = db.connect();
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts WHERE social_account_id = 'acc_a'"
        ),
        0
    );
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) AS n FROM scheduled_posts"),
        5,
        "posts stay, even p2 with no account left"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts"
        ),
        2
    );
    assert_eq!(
        store.delete_account(
            &scope("ws_a1"),
            &acc("acc_a"),
            DeleteMode::Delete,
            &Actor::cli(),
            Timestamp::now()
        ),
        Ok(DeleteOutcome::NotFound)
    );
    assert_eq!(
        store.read_account(&scope("ws_a1"), &acc("acc_a"), Timestamp::now()),
        Ok(None)
    );
}

fn dry_run_changes_nothing(backend: Backend) {
    let (db, store) = world(backend);
    let outcome = store.delete_account(
        &scope("ws_a1"),
        &acc("acc_b"),
        DeleteMode::DryRun,
        &Actor::cli(),
        Timestamp::now(),
    );
    assert_eq!(
        outcome,
        Ok(DeleteOutcome::WouldDelete(Usage::from_counts([(
            LinkStatus::Published,
            1
        )])))
    );
    assert_eq!(
        count(
            &mut db.connect(),
            "SELECT COUNT(*) AS n FROM scheduled_post_accounts"
        ),
        6
    );
    assert!(
        store
            .read_account(&scope("ws_a1"), &acc("acc_b"), Timestamp::now())
            .ok()
            .flatten()
            .is_some()
    );
    assert_eq!(
        store.delete_account(
            &scope("ws_a2"),
            &acc("acc_b"),
            DeleteMode::DryRun,
            &Actor::cli(),
            Timestamp::now()
        ),
        Ok(DeleteOutcome::NotFound)
    );
}

fn tokens_are_encrypted_at_rest(backend: Backend) {
    let (db, _store) = world(backend);
    let rows = social_accounts_storage::testing::sealed_tokens(&mut db.connect());
    assert_eq!(rows.len(), 5);
    for (access, refresh) in rows {
        let mut bytes = access;
        bytes.extend(refresh.unwrap_or_default());
        assert!(
            !bytes.windows(6).any(|w| w == b"secret"),
            "a token is stored in plain text"
        );
    }
}

fn foreign_keys_hold_after_deletes(backend: Backend) {
    let (db, store) = world(backend);
    for id in ["acc_a", "acc_b", "acc_late"] {
        assert!(matches!(
            store.delete_account(
                &scope("ws_a1"),
                &acc(id),
                DeleteMode::Delete,
                &Actor::cli(),
                Timestamp::now()
            ),
            Ok(DeleteOutcome::Deleted(_))
        ));
    }
    let mut conn = db.connect();
    assert_eq!(db.orphan_links(), 0);
    if backend == Backend::Sqlite {
        assert_eq!(
            count(
                &mut conn,
                "SELECT COUNT(*) AS n FROM pragma_foreign_key_check"
            ),
            0
        );
    }
}

/// The platform half of a scope is applied in the same statements as the workspace half: an
/// account of a platform the scope does not serve is not listed, not read, not deleted (dry
/// run or not), not counted by a bounded list, and not linked by a post.
fn another_platform_is_as_invisible_as_another_workspace(backend: Backend) {
    use social_accounts_domain::repository::ScheduleRepository;
    use social_accounts_domain::schedule::{PostRequest, RuleViolation};
    use social_accounts_domain::{Platforms, Scope};

    let (_db, store) = world(backend);
    let instagram = Scope {
        platforms: Platforms::parse("instagram").unwrap(),
        ..scope("ws_a1")
    };
    let now = Timestamp::now();
    let listed: Vec<_> = store
        .list_accounts(&instagram, now)
        .unwrap()
        .into_iter()
        .map(|a| a.id.into_string())
        .collect();
    assert_eq!(listed, ["acc_ig"]);
    assert_eq!(
        store
            .list_accounts_up_to(&instagram, now, 1)
            .unwrap()
            .map(|l| l.len()),
        Some(1),
        "four LinkedIn accounts do not count against the bound"
    );
    assert_eq!(store.read_account(&instagram, &acc("acc_a"), now), Ok(None));
    for mode in [DeleteMode::DryRun, DeleteMode::Delete] {
        assert_eq!(
            store.delete_account(
                &instagram,
                &acc("acc_a"),
                mode,
                &Actor::cli(),
                Timestamp::now()
            ),
            Ok(DeleteOutcome::NotFound)
        );
    }
    assert!(
        store
            .read_account(&scope("ws_a1"), &acc("acc_a"), now)
            .unwrap()
            .is_some()
    );
    let body = serde_json::json!({
        "status": "DRAFT",
        "scheduledAt": "2099-01-01T00:00:00Z",
        "postContent": {"common": "Hi"},
        "selectedAccounts": ["acc_a"],
        "linkedinPostSettings": {"postType": "image"},
    });
    let request = PostRequest::parse(&body, &Platforms::all()).unwrap();
    assert_eq!(
        store
            .create_post(&instagram, request.clone(), None, now)
            .unwrap(),
        Err(RuleViolation::not_your_account())
    );
    let linkedin = Scope {
        platforms: Platforms::parse("linkedin").unwrap(),
        ..scope("ws_a1")
    };
    let created = store.create_post(&linkedin, request, None, now).unwrap();
    assert!(created.is_ok(), "{created:?}");
}

social_accounts_storage::on_both_backends!(
    another_platform_is_as_invisible_as_another_workspace,
    list_is_scoped_and_ordered,
    a_bounded_list_is_the_list_or_nothing,
    read_counts_usage_in_status_order,
    another_workspace_sees_nothing,
    delete_removes_account_and_links_but_keeps_posts,
    dry_run_changes_nothing,
    tokens_are_encrypted_at_rest,
    foreign_keys_hold_after_deletes,
);
