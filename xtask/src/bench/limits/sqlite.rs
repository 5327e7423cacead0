//! The SQLite limits: each route's storage call (the statements of its transaction) in a
//! tight loop on one connection, through the storage crate, on a copy of the bench's
//! database taken before the server ran.

use crate::bench::labels;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use social_accounts_domain::audit::{Actor, ActorKind};
use social_accounts_domain::connection::{Connect, Tokens};
use social_accounts_domain::repository::{
    AccountRepository, ConnectionRepository, DeleteMode, ScheduleRepository,
};
use social_accounts_domain::schedule::{ListQuery, PostRequest};
use social_accounts_domain::{
    AccountType, Platform, Platforms, Reach, RepoError, ScheduledPostId, Scope, SocialAccountId,
    Timestamp, TokenSecret, WorkspaceId,
};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{DatabaseUrl, PoolOptions, Store, TokenCipher};

use crate::dataset::{
    self, CONNECT_WORKSPACE, EDIT_POSTS, LINKEDIN_ACCOUNTS, Sizes, WEEK, WEEK_POSTS,
};
use crate::server::TOKEN_KEY;

/// A copy of the seeded database file, removed with this handle.
pub struct Limits {
    path: PathBuf,
}

impl Drop for Limits {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// Copies `db` (no server has it open: `seed` checkpointed and closed it).
pub fn prepare(db: &TestDb, work: &Path) -> Result<Limits, String> {
    let DatabaseUrl::Sqlite(path) = db.url() else {
        return Err("not a SQLite database".into());
    };
    let copy = work.join("limit.sqlite3");
    std::fs::copy(path, &copy).map_err(|e| format!("copying {path}: {e}"))?;
    Ok(Limits { path: copy })
}

fn id<T>(
    parse: fn(&str) -> Result<T, social_accounts_domain::IdError>,
    raw: &str,
) -> Result<T, String> {
    parse(raw).map_err(|e| format!("{raw}: {e}"))
}

/// Runs `call(i)` for `duration` (at least once); calls per second.
fn timed(
    duration: Duration,
    mut call: impl FnMut(usize) -> Result<(), RepoError>,
) -> Result<f64, String> {
    let started = Instant::now();
    let mut i = 0;
    while i == 0 || started.elapsed() < duration {
        call(i).map_err(|e| e.to_string())?;
        i += 1;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    Ok(i as f64 / started.elapsed().as_secs_f64())
}

fn connect_of(external: &str) -> Result<Connect, String> {
    Ok(Connect {
        id: None,
        platform: Platform::Linkedin,
        account_type: AccountType::Personal,
        account_handle: format!("h{external}"),
        account_name: "Bench".into(),
        account_logo: None,
        external_id: format!("urn:li:person:{external}"),
        tokens: Tokens {
            access_token: TokenSecret::new("bench-access".into()),
            refresh_token: Some(TokenSecret::new("bench-refresh".into())),
            expires_at: Some(Timestamp::parse("2030-01-01T00:00:00Z").map_err(|e| e.to_string())?),
        },
    })
}

/// What the loops read and write, made once.
struct Fixture {
    store: Store,
    busy: Scope,
    deletes: Scope,
    account: SocialAccountId,
    week: ListQuery,
    posts: Vec<ScheduledPostId>,
    edits: Vec<ScheduledPostId>,
    bodies: Vec<PostRequest>,
    connect_ws: WorkspaceId,
}

impl Fixture {
    fn new(path: &Path) -> Result<Self, String> {
        let cipher = TokenCipher::from_base64(TOKEN_KEY).map_err(|e| e.to_string())?;
        let options = PoolOptions {
            max_size: 1,
            ..PoolOptions::default()
        };
        let url = DatabaseUrl::Sqlite(path.display().to_string());
        let store = Store::open(&url, &options, Some(cipher)).map_err(|e| e.to_string())?;
        let platforms = Platforms::contract();
        let scope = |w: &str| -> Result<Scope, String> {
            Ok(Scope {
                workspace: id(WorkspaceId::parse, w)?,
                platforms,
            })
        };
        let ids = |prefix: &str, n: usize| -> Result<Vec<ScheduledPostId>, String> {
            (0..n)
                .map(|i| id(ScheduledPostId::parse, &format!("{prefix}{i}")))
                .collect()
        };
        let bodies = LINKEDIN_ACCOUNTS
            .iter()
            .map(|a| {
                let json =
                    serde_json::from_str(&dataset::draft_body(a)).map_err(|e| e.to_string())?;
                PostRequest::parse(&json, &platforms).map_err(|e| e.to_string())
            })
            .collect::<Result<_, String>>()?;
        Ok(Self {
            store,
            busy: scope("ws_busy")?,
            deletes: scope("ws_delete")?,
            account: id(SocialAccountId::parse, dataset::busy_account())?,
            week: ListQuery::parse(Some(WEEK.0), Some(WEEK.1), None).map_err(|e| e.to_string())?,
            posts: ids("week_p", WEEK_POSTS)?,
            edits: ids("edit_p", EDIT_POSTS)?,
            bodies,
            connect_ws: id(WorkspaceId::parse, CONNECT_WORKSPACE)?,
        })
    }

    fn body(&self, i: usize) -> PostRequest {
        self.bodies[i % self.bodies.len()].clone()
    }

    fn reads(&self, duration: Duration) -> Result<Vec<(String, f64)>, String> {
        let (store, busy, now) = (&self.store, &self.busy, Timestamp::now);
        Ok(vec![
            (
                labels::ACCOUNT_LIST.into(),
                timed(duration, |_| store.list_accounts(busy, now()).map(drop))?,
            ),
            (
                labels::ACCOUNT_READ.into(),
                timed(duration, |_| {
                    store.read_account(busy, &self.account, now()).map(drop)
                })?,
            ),
            (
                labels::POST_READ.into(),
                timed(duration, |i| {
                    store
                        .read_post(busy, &self.posts[i % self.posts.len()])
                        .map(drop)
                })?,
            ),
            (
                labels::week(),
                timed(duration, |_| store.list_posts(busy, &self.week).map(drop))?,
            ),
        ])
    }

    fn writes(&self, duration: Duration, pool: usize) -> Result<Vec<(String, f64)>, String> {
        let (store, busy, now) = (&self.store, &self.busy, Timestamp::now);
        let embed = Actor {
            kind: ActorKind::Embed,
            key_id: None,
            request_id: None,
        };
        let operator = Actor {
            kind: ActorKind::Operator,
            ..embed.clone()
        };
        let mut out = vec![
            (
                labels::CREATE.into(),
                timed(duration, |i| {
                    store.create_post(busy, self.body(i), None, now()).map(drop)
                })?,
            ),
            (
                labels::REPLACE.into(),
                timed(duration, |i| {
                    let post = &self.edits[i % self.edits.len()];
                    store
                        .replace_post(busy, post, self.body(i), now())
                        .map(drop)
                })?,
            ),
        ];
        // Each call deletes the next account of the pool; past its end it would time
        // not-founds, so the loop stops there.
        let started = Instant::now();
        let mut gone = 0;
        while gone < pool && (gone == 0 || started.elapsed() < duration) {
            let del = id(SocialAccountId::parse, &format!("del{gone}"))?;
            store
                .delete_account(&self.deletes, &del, DeleteMode::Delete, &embed, now())
                .map_err(|e| e.to_string())?;
            gone += 1;
        }
        #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
        out.push((
            labels::DELETE.into(),
            gone as f64 / started.elapsed().as_secs_f64(),
        ));
        let connect = |c: &Connect| {
            store
                .connect(&Reach::Instance, &self.connect_ws, c, &operator, now())
                .map(drop)
        };
        let again: Vec<Connect> = (0..1000)
            .map(|i| connect_of(&format!("lim{i}")))
            .collect::<Result<_, _>>()?;
        out.push((
            labels::CONNECT.into(),
            timed(duration, |i| {
                connect(&connect_of(&format!("limnew{i}")).map_err(RepoError::internal)?)
            })?,
        ));
        for c in &again {
            connect(c).map_err(|e| e.to_string())?;
        }
        out.push((
            labels::RECONNECT.into(),
            timed(duration, |i| connect(&again[i % again.len()]))?,
        ));
        Ok(out)
    }
}

impl Limits {
    /// Every route's loop for `duration`; (label, calls per second), labels as in the table.
    pub fn measure(&self, sizes: &Sizes, duration: Duration) -> Result<Vec<(String, f64)>, String> {
        let fixture = Fixture::new(&self.path)?;
        let mut out = fixture.reads(duration)?;
        out.extend(fixture.writes(duration, sizes.delete_pool)?);
        Ok(out)
    }
}
