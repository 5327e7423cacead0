use social_accounts_storage::Backend;
use social_accounts_storage::migrations::{applied, has_pending, revert_last, run_pending};
use social_accounts_storage::testing::TestDb;

fn every_migration_up_down_up(backend: Backend) {
    let db = TestDb::new(backend);
    let mut conn = db.connect();
    let first = run_pending(&mut conn).unwrap();
    assert!(!first.is_empty());
    assert_eq!(has_pending(&mut conn).ok(), Some(false));
    let mut reverted = Vec::new();
    while let Some(name) = revert_last(&mut conn).unwrap() {
        reverted.push(name);
    }
    reverted.reverse();
    assert_eq!(reverted, first, "every migration reverts");
    assert_eq!(applied(&mut conn).map(|a| a.len()).ok(), Some(0));
    assert_eq!(run_pending(&mut conn).unwrap(), first, "and applies again");
    // A store on the re-migrated database works.
    assert_eq!(db.store().is_empty(), Ok(true));
}

fn migrating_twice_applies_nothing(backend: Backend) {
    let db = TestDb::migrated(backend);
    assert_eq!(db.store().migrate().map(|v| v.len()).ok(), Some(0));
}

const USAGE_COUNTERS: &str = "20261127000002";
const OPERATOR_API: &str = "20261203000000";
const PUBLISHER_API: &str = "20261204000000";
const WEBHOOKS: &str = "20261205000000";

/// The operator API's migration over a populated database (reverted, then applied again):
/// every key there was is an Embed API key of its organization, every account's tokens were
/// last set when the account last changed, and nothing reads differently.
fn operator_api_migration_keeps_what_was_there(backend: Backend) {
    use social_accounts_domain::repository::AccountRepository;
    use social_accounts_domain::{SocialAccountId, Timestamp};

    let db = TestDb::migrated(backend);
    let store = db.store();
    crate::fixtures::import(&store, crate::fixtures::WORLD);
    let workspace = social_accounts_storage::testing::scope("ws_a1");
    let account = SocialAccountId::parse("acc_a").unwrap();
    let before = store.read_account(&workspace, &account, Timestamp::now());
    let mut conn = db.connect();
    for name in [WEBHOOKS, PUBLISHER_API, OPERATOR_API] {
        assert_eq!(revert_last(&mut conn).unwrap().as_deref(), Some(name));
    }
    assert_eq!(
        run_pending(&mut conn).unwrap(),
        [OPERATOR_API, PUBLISHER_API, WEBHOOKS]
    );
    let count = |sql| social_accounts_storage::testing::count(&mut db.connect(), sql);
    let keys = count("SELECT COUNT(*) AS n FROM api_keys");
    assert!(keys > 0);
    assert_eq!(
        count(
            "SELECT COUNT(*) AS n FROM api_keys WHERE kind = 'embed' AND organization_id IS NOT NULL"
        ),
        keys
    );
    let accounts = count("SELECT COUNT(*) AS n FROM social_accounts");
    assert_eq!(
        count(
            "SELECT COUNT(*) AS n FROM social_accounts WHERE token_updated_at = updated_at AND external_id IS NULL"
        ),
        accounts
    );
    let after = db
        .store()
        .read_account(&workspace, &account, Timestamp::now());
    assert_eq!(after, before);
}

/// The usage counters' migration counts the links already stored: reverted and applied again
/// over a populated database, every counter equals a recount and reads as before.
fn usage_counters_are_backfilled(backend: Backend) {
    use social_accounts_domain::repository::AccountRepository;
    use social_accounts_domain::{SocialAccountId, Timestamp};

    let db = TestDb::migrated(backend);
    let store = db.store();
    crate::fixtures::import(&store, crate::fixtures::WORLD);
    let workspace = social_accounts_storage::testing::scope("ws_a1");
    let account = SocialAccountId::parse("acc_a").unwrap();
    let before = store
        .read_account(&workspace, &account, Timestamp::now())
        .unwrap();
    assert!(before.as_ref().is_some_and(|(_, usage)| usage.total() > 0));

    let mut conn = db.connect();
    for name in [WEBHOOKS, PUBLISHER_API, OPERATOR_API, USAGE_COUNTERS] {
        assert_eq!(revert_last(&mut conn).unwrap().as_deref(), Some(name));
    }
    assert_eq!(
        run_pending(&mut conn).unwrap(),
        [USAGE_COUNTERS, OPERATOR_API, PUBLISHER_API, WEBHOOKS]
    );
    assert_eq!(db.usage_drift(), []);
    let after = db
        .store()
        .read_account(&workspace, &account, Timestamp::now())
        .unwrap();
    assert_eq!(after, before);
}

social_accounts_storage::on_both_backends!(
    operator_api_migration_keeps_what_was_there,
    usage_counters_are_backfilled,
    every_migration_up_down_up,
    migrating_twice_applies_nothing
);
