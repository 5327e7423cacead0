//! `TestApp`: the real server on a free port over a throwaway database, and a raw HTTP/1.1
//! client (raw so hostile paths reach the server exactly as written).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use social_accounts_domain::import::ImportBatch;
use social_accounts_domain::repository::ImportRepository;
use social_accounts_domain::{Platforms, Timestamp};
use social_accounts_service::http::clock::{Clock, SystemClock};
use social_accounts_service::http::key_cache::KeyCache;
use social_accounts_service::http::middleware::rate_limit::KeyRateLimit;
use social_accounts_service::http::server::{self, ServerOptions};
use social_accounts_service::http::state::AppState;
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, Store};

/// A running service over its own database.
pub struct TestApp {
    pub db: TestDb,
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
    platforms: Platforms,
}

/// A response as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Exact status and exact body bytes.
    #[track_caller]
    pub fn assert(&self, status: u16, body: &str) {
        assert_eq!(
            (self.status, self.body.as_str()),
            (status, body),
            "unexpected response"
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// How to start a [`TestApp`]: `TestApp::builder(db).key_cache(ttl).start()`.
pub struct TestAppBuilder {
    db: TestDb,
    store: Option<Store>,
    key_cache_ttl: Duration,
    rate_limit: Option<(u32, u32)>,
    platforms: Platforms,
    clock: Arc<dyn Clock>,
}

/// A clock that moves only when told to.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<std::time::Instant>);

impl ManualClock {
    pub fn new() -> Arc<Self> {
        Arc::new(Self(std::sync::Mutex::new(std::time::Instant::now())))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> std::time::Instant {
        *self.0.lock().unwrap()
    }
}

impl TestAppBuilder {
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
        let state = AppState {
            store: self.store.unwrap_or_else(|| self.db.store()),
            key_cache: Arc::new(KeyCache::new(self.key_cache_ttl)),
            rate_limit: self
                .rate_limit
                .and_then(|(rate, burst)| KeyRateLimit::new(rate, burst))
                .map(Arc::new),
            metrics: Arc::default(),
            platforms: self.platforms.clone(),
            clock: self.clock,
        };
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

    /// A server over `db`, configured by the builder.
    pub fn builder(db: TestDb) -> TestAppBuilder {
        TestAppBuilder {
            db,
            store: None,
            key_cache_ttl: Duration::ZERO,
            rate_limit: None,
            platforms: Platforms::contract(),
            clock: Arc::new(SystemClock),
        }
    }

    fn start(db: TestDb, state: AppState, platforms: Platforms) -> Self {
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
            handle,
            thread: Some(thread),
            platforms,
        }
    }

    pub fn seed(&self, text: &str) {
        let batch = ImportBatch::from_json(text, Timestamp::now(), &self.platforms).unwrap();
        self.db.store().import(&batch).unwrap();
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

impl Drop for TestApp {
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One HTTP/1.1 exchange with `Connection: close`.
pub fn send(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    send_body(addr, method, path, headers, None)
}

/// Sends `method path` with `headers` and, if given, `body` (with its `content-length`).
pub fn send_body(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        ));
    } else {
        request.push_str("\r\n");
    }
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    // Read exactly one response (headers, then content-length bytes): a server that refused a
    // request without reading its body may keep the connection open for a while.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = stream
            .read(&mut chunk)
            .unwrap_or_else(|e| panic!("read: {e}"));
        raw.extend_from_slice(&chunk[..n]);
        let complete = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|end| {
                let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok());
                length.is_some_and(|len| raw.len() >= end + 4 + len)
            });
        if n == 0 || complete {
            break;
        }
    }
    let text = String::from_utf8(raw).unwrap_or_else(|e| panic!("response is not UTF-8: {e}"));
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("malformed response: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// `count` concurrent DELETEs of one account, spread over `addrs`; their statuses.
pub fn delete_race(addrs: &[SocketAddr], count: usize, id: &str, key: &str) -> Vec<u16> {
    let path = format!("/social-account/{id}");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .map(|i| {
                let (addr, path) = (addrs[i % addrs.len()], path.as_str());
                scope.spawn(move || send(addr, "DELETE", path, &[("embed-api-key", key)]).status)
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The address in `serve`'s "social-accounts listening on http://ADDR" line, if this is it.
pub fn listening_address(line: &str) -> Option<SocketAddr> {
    line.strip_prefix("social-accounts listening on http://")
        .and_then(|a| a.parse().ok())
}

/// Reads a spawned `serve`'s stdout up to its listening line.
pub fn wait_for_address(stdout: impl Read) -> SocketAddr {
    use std::io::{BufRead, BufReader};
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| listening_address(&line))
        .expect("serve printed no address")
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

/// Settings a test may find in its own environment: a spawned binary gets them only when the
/// test passes them.
const CHOSEN_BY_TESTS: [&str; 6] = [
    "DATABASE_URL",
    "TOKEN_ENCRYPTION_KEY",
    "TOKEN_KEY_FILE",
    "PLATFORMS",
    "RUST_LOG",
    "NO_COLOR",
];

fn binary(database_url: &str, env: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_social-accounts"));
    command.args(["--database-url", database_url]);
    for name in CHOSEN_BY_TESTS {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command
}

/// `social-accounts --database-url URL ARGS…` run to its end, with `env` as its settings.
pub fn run_binary(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    binary(database_url, env)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run social-accounts: {e}"))
}

/// A process's output stream as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The real binary's `serve` on a free port, killed when dropped, with `env` as its settings
/// (see [`run_binary`]).
pub struct ServeProcess {
    child: std::process::Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl ServeProcess {
    /// `social-accounts --database-url URL serve --bind 127.0.0.1:0 ARGS…`, log discarded.
    pub fn start(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn(database_url, args, env, std::process::Stdio::null())
    }

    /// As [`ServeProcess::start`], keeping the log for [`ServeProcess::stop_and_read_log`].
    pub fn start_logging(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn(database_url, args, env, std::process::Stdio::piped())
    }

    fn spawn(
        database_url: &str,
        args: &[&str],
        env: &[(&str, &str)],
        stderr: std::process::Stdio,
    ) -> Self {
        let mut command = binary(database_url, env);
        command.args(["serve", "--bind", "127.0.0.1:0"]).args(args);
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start serve: {e}"));
        let addr = wait_for_address(child.stdout.take().expect("no stdout"));
        Self { child, addr }
    }

    /// Stops it and returns what it logged (started with [`ServeProcess::start_logging`]).
    pub fn stop_and_read_log(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            stderr.read_to_string(&mut log).expect("unreadable log");
        }
        log
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
