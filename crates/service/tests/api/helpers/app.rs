//! `TestApp`: the real server on a free port over a throwaway database, built like `serve`
//! builds it (`AppState::new`), with a clock tests move; and what many feature tests share
//! about it (the Schedule API's world, a draft, a broken table).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use diesel::connection::SimpleConnection;
use serde_json::{Value, json};
use social_accounts_domain::import::ImportBatch;
use social_accounts_domain::repository::ImportRepository;
use social_accounts_domain::{Actor, Platforms, Timestamp};
use social_accounts_service::http::clock::{Clock, SystemClock};
use social_accounts_service::http::server::{self, ServerOptions};
use social_accounts_service::http::state::{AppState, StateOptions};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, Store};

use super::http::{Response, send, send_body};
use crate::fixtures::{KEY_A1, LINKEDIN, SCHEDULE};

/// A running service over its own database.
pub struct TestApp {
    pub db: TestDb,
    pub addr: SocketAddr,
    /// The server's state: what background work (the webhook sender, the sweeps) runs on
    /// when a test drives it by hand.
    pub state: AppState,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
    platforms: Platforms,
}

/// How to start a [`TestApp`]: `TestApp::builder(db).key_cache(ttl).start()`.
pub struct TestAppBuilder {
    db: TestDb,
    store: Option<Store>,
    key_cache_ttl: Duration,
    rate_limit: Option<(u32, u32)>,
    platforms: Platforms,
    clock: Arc<dyn Clock>,
    publish_policy: social_accounts_domain::publish::Policy,
    webhook_allow_private: bool,
}

/// A clock that moves only when told to: both its instants and its wall time.
#[derive(Debug)]
pub struct ManualClock(Mutex<(Instant, Timestamp)>);

impl ManualClock {
    pub fn new() -> Arc<Self> {
        Arc::new(Self(Mutex::new((Instant::now(), Timestamp::now()))))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap();
        now.0 += by;
        now.1 = Timestamp::from_utc(now.1.as_utc() + chrono::TimeDelta::from_std(by).unwrap());
    }
}

impl Clock for ManualClock {
    fn instant(&self) -> Instant {
        self.0.lock().unwrap().0
    }

    fn now(&self) -> Timestamp {
        self.0.lock().unwrap().1
    }
}

impl TestAppBuilder {
    /// Publish with `policy` (default: 5 attempts).
    /// `WEBHOOK_ALLOW_PRIVATE` (on by default in tests).
    pub fn webhook_allow_private(mut self, allow: bool) -> Self {
        self.webhook_allow_private = allow;
        self
    }

    pub fn publish_policy(mut self, policy: social_accounts_domain::publish::Policy) -> Self {
        self.publish_policy = policy;
        self
    }

    /// Measure the key cache's TTL with `clock` (default: the real one).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Remember verified keys for `ttl` (default: never, so revocations show at once).
    pub fn key_cache(mut self, ttl: Duration) -> Self {
        self.key_cache_ttl = ttl;
        self
    }

    /// Serve through `store` (own pool settings) instead of a default one.
    pub fn store(mut self, store: Store) -> Self {
        self.store = Some(store);
        self
    }

    /// Limit each key to `per_second` with bursts of `burst` (default: off).
    pub fn rate_limit(mut self, per_second: u32, burst: u32) -> Self {
        self.rate_limit = Some((per_second, burst));
        self
    }

    /// Serve these platforms (default: the contract's four).
    pub fn platforms(mut self, platforms: Platforms) -> Self {
        self.platforms = platforms;
        self
    }

    /// Starts the server.
    pub fn start(self) -> TestApp {
        let store = self.store.unwrap_or_else(|| self.db.store());
        let state = AppState::new(
            store,
            StateOptions {
                key_cache_ttl: self.key_cache_ttl,
                rate_limit: self.rate_limit.unwrap_or((0, 0)),
                platforms: self.platforms,
                clock: self.clock,
                token_warning_days: social_accounts_domain::health::DEFAULT_WARNING_DAYS,
                publish_policy: self.publish_policy,
                webhook_allow_private: self.webhook_allow_private,
                worker_reads: 2,
            },
        );
        TestApp::start(self.db, state, self.platforms)
    }
}

impl TestApp {
    /// A server over a migrated database holding `fixtures::WORLD`.
    pub fn spawn(backend: Backend) -> Self {
        let app = Self::builder(TestDb::migrated(backend)).start();
        app.seed(crate::fixtures::WORLD);
        app
    }

    /// The world of the HTTP tests plus designs and a TikTok account (the Schedule API's).
    pub fn with_schedule(backend: Backend) -> Self {
        let app = Self::spawn(backend);
        app.seed(SCHEDULE);
        app
    }

    /// A server over `db`, configured by the builder.
    pub fn builder(db: TestDb) -> TestAppBuilder {
        TestAppBuilder {
            db,
            store: None,
            key_cache_ttl: Duration::ZERO,
            rate_limit: None,
            platforms: Platforms::contract(),
            clock: Arc::new(SystemClock),
            publish_policy: social_accounts_domain::publish::Policy::default(),
            // Tests' receivers listen on loopback.
            webhook_allow_private: true,
        }
    }

    fn start(db: TestDb, state: AppState, platforms: Platforms) -> Self {
        let kept = state.clone();
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let system = actix_web::rt::System::new();
            system.block_on(async move {
                let options = ServerOptions {
                    bind: "127.0.0.1:0".into(),
                    workers: 2,
                    shutdown_timeout: Duration::from_secs(5),
                };
                let (server, addrs) = server::start(state, &options).unwrap();
                let _ = tx.send((server.handle(), addrs[0]));
                let _ = server.await;
            });
        });
        let (handle, addr) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("server did not start");
        Self {
            db,
            addr,
            state: kept,
            handle,
            thread: Some(thread),
            platforms,
        }
    }

    pub fn seed(&self, text: &str) {
        let batch = ImportBatch::from_json(text, Timestamp::now(), &self.platforms).unwrap();
        self.db.store().import(&batch, &Actor::cli()).unwrap();
    }

    /// Sends `method path` with `headers`; the path goes on the wire byte for byte.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        send(self.addr, method, path, headers)
    }

    pub fn get(&self, path: &str, key: &str) -> Response {
        self.request("GET", path, &[("embed-api-key", key)])
    }

    pub fn delete(&self, path: &str, key: &str) -> Response {
        self.request("DELETE", path, &[("embed-api-key", key)])
    }

    /// `method path` with a JSON body and the key.
    pub fn send_json(&self, method: &str, path: &str, key: &str, body: &str) -> Response {
        send_body(
            self.addr,
            method,
            path,
            &[("embed-api-key", key)],
            Some(body),
        )
    }
}

impl TestApp {
    /// `POST /schedule` with `body` as `KEY_A1`.
    pub fn create_post(&self, body: &Value) -> Response {
        self.send_json("POST", "/schedule", KEY_A1, &body.to_string())
    }

    /// The id of a post created from `body` (which must be accepted).
    pub fn created_id(&self, body: &Value) -> String {
        let response = self.create_post(body);
        assert_eq!(response.status, 200, "{}", response.body);
        response.json()["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Makes every account query fail (the table is renamed away), leaving keys working.
    pub fn break_accounts_table(&self) {
        self.db
            .connect()
            .batch_execute("ALTER TABLE social_accounts RENAME TO social_accounts_gone")
            .unwrap();
    }
}

/// A draft for the LinkedIn page, with a caption: the smallest post every rule accepts.
pub fn draft() -> Value {
    json!({
        "status": "DRAFT",
        "scheduledAt": "2099-06-20T10:00:00Z",
        "postContent": { "common": "Launch day #relaunch" },
        "selectedAccounts": [LINKEDIN],
        "linkedinPostSettings": { "postType": "image" },
    })
}

impl Drop for TestApp {
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The record id of an API key given in plain text (to revoke it).
pub fn key_id(store: &Store, key: &str) -> social_accounts_domain::ApiKeyId {
    use social_accounts_domain::repository::KeyRepository;
    let hash = social_accounts_domain::ApiKeySecret::parse(key)
        .unwrap()
        .hash();
    store
        .find_key(&hash, Timestamp::now())
        .unwrap()
        .unwrap_or_else(|| panic!("no live key {key:?}"))
        .key_id
}
