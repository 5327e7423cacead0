//! A state-machine test: random seeds, lists, reads, deletes, key revocations; posts created,
//! replaced, deleted and reported on (CLI); accounts connected, refreshed, revoked; links
//! claimed and reported by publishers; over three workspaces, compared after every step with
//! an in-memory model (accounts, usage, posts and links, isolation, no orphans, revoked keys,
//! reconnects, token status; no link claimed twice, reports only from live claims).

mod connections;
mod ops;
mod posts;
mod publish;

use ops::{Op, op};
use proptest::prelude::*;
use social_accounts_domain::repository::{
    AccountRepository, DeleteMode, DeleteOutcome, KeyRepository,
};
use social_accounts_domain::{
    Actor, ApiKeySecret, LinkStatus, Reach, Scope, SocialAccountId, Timestamp, Usage,
};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, DbConnection, Store};

const WORKSPACES: usize = 3;

struct Account {
    id: String,
    ws: usize,
    links: Vec<LinkStatus>,
    deleted: bool,
    /// The platform account connected (`None`: seeded, as an import makes them).
    external: Option<usize>,
    /// Its token marked revoked by an operator.
    revoked: bool,
}

#[derive(Default)]
struct Model {
    accounts: Vec<Account>,
    revoked: [bool; WORKSPACES],
    posts: usize,
    api_posts: Vec<posts::Post>,
    /// The last access token given to an account by a connect or a refresh, by index.
    tokens: std::collections::HashMap<usize, String>,
    /// Steps run so far (names tokens and handles).
    steps: usize,
    /// Claims held on API posts' links, and how many seeded links are held.
    holds: Vec<publish::Hold>,
    seeded_holds: usize,
}

impl Model {
    /// The index of the `pick`-th account ever made, if any.
    fn pick(&self, pick: usize) -> Option<usize> {
        (!self.accounts.is_empty()).then(|| pick % self.accounts.len())
    }

    /// An account's usage: its seeded links and those of live posts made through the store.
    fn usage(&self, index: usize) -> Usage {
        let seeded = self.accounts[index].links.iter().copied();
        Usage::from_counts(
            seeded
                .chain(posts::statuses_of(self, index))
                .map(|s| (s, 1)),
        )
    }
}

pub(super) fn ws_scope(ws: usize) -> Scope {
    social_accounts_storage::testing::scope(&format!("ws{ws}"))
}

fn key(ws: usize) -> ApiKeySecret {
    ApiKeySecret::parse(&format!("model-key-{ws}-0123456789")).unwrap()
}

fn import(store: &Store, json: &str) {
    social_accounts_storage::testing::import_json(store, json).unwrap();
}

fn setup(store: &Store) {
    let workspaces: Vec<String> = (0..WORKSPACES)
        .map(|w| format!(r#"{{"id":"ws{w}","organizationId":"org","name":"w"}}"#))
        .collect();
    let designs: Vec<String> = (0..WORKSPACES)
        .map(|w| format!(r#"{{"id":"design{w}","workspaceId":"ws{w}","name":"d","designType":"carousel","source":"editor"}}"#))
        .collect();
    let keys: Vec<String> = (0..WORKSPACES)
        .map(|w| format!(r#"{{"organizationId":"org","workspaceId":"ws{w}","key":"model-key-{w}-0123456789"}}"#))
        .collect();
    import(
        store,
        &format!(
            r#"{{"organizations":[{{"id":"org","name":"o","mainPlan":"paid","apiCreditsAddon":true}}],"workspaces":[{}],"apiKeys":[{}],"designs":[{}]}}"#,
            workspaces.join(","),
            keys.join(","),
            designs.join(",")
        ),
    );
}

fn seed(store: &Store, model: &mut Model, ws: usize, accounts: usize, links: usize) {
    let mut json_accounts = Vec::new();
    let mut json_posts = Vec::new();
    for _ in 0..accounts {
        let id = format!("acc{}", model.accounts.len());
        json_accounts.push(format!(
            r#"{{"id":"{id}","workspaceId":"ws{ws}","platformType":"linkedin","accountHandle":"h","accountType":"personal","accountName":"n","accessToken":"t"}}"#
        ));
        let mut statuses = Vec::new();
        for l in 0..links {
            let status = LinkStatus::ALL[(l + model.posts) % LinkStatus::ALL.len()];
            json_posts.push(format!(
                r#"{{"id":"post{}","workspaceId":"ws{ws}","status":"SCHEDULED","socialAccounts":[{{"socialAccountId":"{id}","status":"{}"}}]}}"#,
                model.posts,
                status.as_str()
            ));
            model.posts += 1;
            statuses.push(status);
        }
        model.accounts.push(Account {
            id,
            ws,
            links: statuses,
            deleted: false,
            external: None,
            revoked: false,
        });
    }
    import(
        store,
        &format!(
            r#"{{"socialAccounts":[{}],"scheduledPosts":[{}]}}"#,
            json_accounts.join(","),
            json_posts.join(",")
        ),
    );
}

/// Everything the model says must hold now.
fn check(store: &Store, db: &TestDb, conn: &mut DbConnection, model: &Model) {
    let now = Timestamp::now();
    for ws in 0..WORKSPACES {
        let mut listed: Vec<String> = store
            .list_accounts(&ws_scope(ws), now)
            .unwrap()
            .into_iter()
            .map(|a| a.id.into_string())
            .collect();
        let mut expected: Vec<String> = model
            .accounts
            .iter()
            .filter(|a| a.ws == ws && !a.deleted)
            .map(|a| a.id.clone())
            .collect();
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected, "list of ws{ws}");
        let live = store.find_key(&key(ws).hash(), now).unwrap().is_some();
        assert_eq!(live, !model.revoked[ws], "key of ws{ws}");
    }
    assert_eq!(
        social_accounts_storage::testing::count(
            conn,
            social_accounts_storage::testing::ORPHAN_LINKS
        ),
        0,
        "orphan links"
    );
    let usage = store.check_usage().unwrap();
    assert_eq!(usage.drift, [], "usage counters against a recount");
    posts::check(store, model);
    connections::check(store, db, model);
}

/// The workspace's list has the model's live accounts of it.
fn list(store: &Store, model: &Model, ws: usize) {
    let count = store
        .list_accounts(&ws_scope(ws), Timestamp::now())
        .map(|l| l.len())
        .unwrap();
    assert_eq!(
        count,
        model
            .accounts
            .iter()
            .filter(|a| a.ws == ws && !a.deleted)
            .count()
    );
}

fn run(backend: Backend, ops: &[Op]) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    let mut conn = db.connect();
    setup(&store);
    let mut model = Model::default();
    for op in ops {
        match *op {
            Op::Seed {
                ws,
                accounts,
                links,
            } => seed(&store, &mut model, ws, accounts, links),
            Op::List { ws } => list(&store, &model, ws),
            Op::Read { ws, pick } if !model.accounts.is_empty() => {
                let index = pick % model.accounts.len();
                let account = &model.accounts[index];
                let id = SocialAccountId::parse(&account.id).unwrap();
                let found = store
                    .read_account(&ws_scope(ws), &id, Timestamp::now())
                    .unwrap();
                let visible = account.ws == ws && !account.deleted;
                assert_eq!(
                    found.as_ref().map(|(_, usage)| usage.clone()),
                    visible.then(|| model.usage(index)),
                    "read {} as ws{ws}",
                    account.id
                );
            }
            Op::Delete { ws, pick, dry_run } if !model.accounts.is_empty() => {
                let index = pick % model.accounts.len();
                let account = &model.accounts[index];
                let id = SocialAccountId::parse(&account.id).unwrap();
                let mode = if dry_run {
                    DeleteMode::DryRun
                } else {
                    DeleteMode::Delete
                };
                let outcome = store
                    .delete_account(&ws_scope(ws), &id, mode, &Actor::cli(), Timestamp::now())
                    .unwrap();
                let expected = match (account.ws == ws && !account.deleted, dry_run) {
                    (false, _) => DeleteOutcome::NotFound,
                    (true, true) => DeleteOutcome::WouldDelete(model.usage(index)),
                    (true, false) => DeleteOutcome::Deleted(model.usage(index)),
                };
                assert_eq!(outcome, expected, "delete {} as ws{ws}", account.id);
                if matches!(expected, DeleteOutcome::Deleted(_)) {
                    model.accounts[index].deleted = true;
                }
            }
            Op::Revoke { ws } => {
                if let Some(record) = store.find_key(&key(ws).hash(), Timestamp::now()).unwrap() {
                    let revoked = store.revoke_key(
                        &Reach::Instance,
                        &record.key_id,
                        &Actor::cli(),
                        Timestamp::now(),
                    );
                    assert!(matches!(revoked, Ok(Some(_))), "{revoked:?}");
                }
                model.revoked[ws] = true;
            }
            Op::CreatePost {
                ws,
                ref picks,
                draft,
            } => posts::create(&store, &mut model, ws, picks, draft),
            Op::ReplacePost {
                ws,
                pick,
                ref picks,
                draft,
            } => posts::replace(&store, &mut model, (ws, pick), picks, draft),
            Op::DeletePost { ws, pick } => posts::delete(&store, &mut model, ws, pick),
            Op::Report {
                pick,
                link,
                published,
            } => posts::report(&store, &mut model, pick, link, published),
            Op::Connect { ws, external } => connections::connect(&store, &mut model, ws, external),
            Op::Refresh { pick } => connections::refresh(&store, &mut model, pick),
            Op::RevokeToken { pick } => connections::revoke(&store, &mut model, pick),
            Op::Claim(limit) => publish::claim(&store, &mut model, limit),
            Op::PublishReport(pick, ok) => publish::report(&store, &mut model, pick, ok),
            Op::Read { .. } | Op::Delete { .. } => {}
        }
        model.steps += 1;
        check(&store, &db, &mut conn, &model);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn sqlite_matches_the_model(ops in proptest::collection::vec(op(), 1..30)) {
        run(Backend::Sqlite, &ops);
    }

    #[test]
    fn postgres_matches_the_model(ops in proptest::collection::vec(op(), 1..30)) {
        run(Backend::Postgres, &ops);
    }
}
