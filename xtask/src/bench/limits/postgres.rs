//! The PostgreSQL limits: each route's statements captured from the server's statement log
//! while a throwaway `serve` answers the route's requests one at a time, then run by pgbench on
//! a copy of the database taken right after, at the pool's concurrency.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use social_accounts_storage::DatabaseUrl;
use social_accounts_storage::testing::TestDb;

use crate::server::{self, Server};

use super::pg_log::PgLog;
use super::pgbench::{self, Script};
use super::probes::{Probe, Request};

/// The service's default pool (`DB_POOL_SIZE`): pgbench runs as many clients.
pub const POOL: u32 = 8;

fn psql(url: &str, sql: &str) -> Result<(), String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, url])
        .output()
        .map_err(|e| format!("cannot run psql: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "psql {sql:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A copy of the bench's database for pgbench to write to, dropped with this handle.
pub struct Limits {
    admin: String,
    name: String,
    url: String,
    scripts: Vec<(String, Vec<Script>)>,
}

impl Drop for Limits {
    fn drop(&mut self) {
        let _ = psql(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

fn send(server: &Server, request: &Request) -> Result<(), String> {
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let (status, body) = server::send(
        server.addr,
        request.method,
        &request.path,
        &headers,
        request.body.as_deref(),
    )?;
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(format!(
            "{} {}: {status} {body}",
            request.method, request.path
        ))
    }
}

/// Sends `request` and returns the statements it ran.
fn captured(
    server: &Server,
    log: &PgLog,
    database: &str,
    request: &Request,
) -> Result<Vec<super::pg_log::Logged>, String> {
    let from = log.end()?;
    send(server, request)?;
    // The server writes a statement's line before running it; the answer came after.
    std::thread::sleep(Duration::from_millis(20));
    // A new pooled connection's setup (diesel's `SET`s, the worker pool's session bounds,
    // which that pool opens in the background) and idle pings are not the request's.
    let statements: Vec<_> = log
        .since(from, database)?
        .into_iter()
        .filter(|s| {
            !s.sql.starts_with("SET TIME ZONE")
                && !s.sql.starts_with("SET CLIENT_ENCODING")
                && !s.sql.starts_with("SET lock_timeout")
                && s.sql != "SELECT 1"
        })
        .collect();
    if statements.is_empty() {
        return Err(format!(
            "{} {}: nothing in the statement log (is log_statement settable, is this the server's log?)",
            request.method, request.path
        ));
    }
    Ok(statements)
}

/// Captures every probe's statements on `db` (a `serve` with `log_statement = 'all'` for its
/// database only, its background work off), then copies the database for pgbench.
pub fn prepare(binary: &Path, db: &TestDb, probes: &[Probe]) -> Result<Limits, String> {
    let log = PgLog::find()?;
    let (admin, database) = db
        .url()
        .sibling("postgres")
        .map(|(url, name)| (url, name.to_owned()))
        .ok_or("not a PostgreSQL database")?;
    let DatabaseUrl::Postgres(admin) = admin else {
        return Err("not a PostgreSQL database".into());
    };
    psql(
        &admin,
        &format!("ALTER DATABASE {database} SET log_statement = 'all'"),
    )?;
    let capture = (|| {
        let server = Server::start_with(binary, &db.url_arg(), &[("BACKGROUND", "off")])?;
        let mut scripts = Vec::new();
        for (p, probe) in probes.iter().enumerate() {
            let mut variants = Vec::new();
            for (v, variant) in probe.variants.iter().enumerate() {
                for request in &variant.setup {
                    send(&server, request)?;
                }
                if variant.setup.is_empty() {
                    send(&server, &variant.pair[0])?;
                }
                let first = captured(&server, &log, &database, &variant.pair[0])?;
                let second = captured(&server, &log, &database, &variant.pair[1])?;
                let tag = format!("r{p}v{v}");
                variants.push(pgbench::script(&tag, &first, &second, &variant.unique)?);
            }
            scripts.push((probe.label.clone(), variants));
        }
        server.stop()?;
        Ok::<_, String>(scripts)
    })();
    psql(
        &admin,
        &format!("ALTER DATABASE {database} RESET log_statement"),
    )?;
    let scripts = capture?;
    let name = format!("{database}_limit");
    // The capture server's connections may take a moment to go.
    let mut copied = Err(String::new());
    for _ in 0..50 {
        copied = psql(
            &admin,
            &format!("CREATE DATABASE {name} TEMPLATE {database}"),
        );
        if copied.is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    copied?;
    let url = db
        .url()
        .sibling(&name)
        .and_then(|(url, _)| match url {
            DatabaseUrl::Postgres(url) => Some(url),
            DatabaseUrl::Sqlite(_) => None,
        })
        .ok_or("no URL for the copy")?;
    Ok(Limits {
        admin,
        name,
        url,
        scripts,
    })
}

impl Limits {
    /// pgbench of every captured route for `duration`; (label, transactions per second).
    /// A delete run that got past the pool's end (`delete_pool` accounts) is an error: it
    /// would have timed not-founds.
    pub fn measure(
        &self,
        work: &Path,
        duration: Duration,
        delete_pool: usize,
    ) -> Result<Vec<(String, f64)>, String> {
        let mut out = Vec::new();
        for (i, (label, scripts)) in self.scripts.iter().enumerate() {
            // The delete's counter names accounts (`del{k}` upwards); the others' only keep
            // their new ids apart.
            let base = if label.starts_with("DELETE") {
                0
            } else {
                (i as u64 + 1) * 1_000_000_000
            };
            let run = pgbench::run(work, &self.url, scripts, POOL, duration, base)?;
            let highest = (run.transactions / u64::from(POOL) + 1) * u64::from(POOL) * 2;
            if base == 0 && highest > delete_pool as u64 {
                return Err(format!(
                    "{label}: pgbench deleted up to del{highest}, past the pool of {delete_pool} (a larger pool or a shorter run)"
                ));
            }
            out.push((label.clone(), run.tps));
        }
        Ok(out)
    }
}
