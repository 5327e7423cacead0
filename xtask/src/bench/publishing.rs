//! The publisher API under load: 8 clients each claiming 50 links at a time and reporting
//! every one (links published per second, claim and report latency), how late a link due
//! during that load is claimed, and the reference worker's rate with a no-op command (it
//! starts a process per link).

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "figures for a report: counts far below 2^52, a rank within its list"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use social_accounts_storage::Backend;

use super::report::Report;
use crate::server::{self, Server};
use crate::{database, dataset};

/// Clients claiming at once, and links per claim.
const CLIENTS: usize = 8;
const PER_CLAIM: usize = 50;
/// Links that come due while the clients poll, the backlog drained, come one every 4 ms (250 a
/// second); their lateness is measured. How many of each: `Options::publishing`.
const COMING_EVERY_MS: i64 = 4;

/// Runs the publishing bench on `backend`.
pub fn run(
    backend: Backend,
    binary: &Path,
    work: &Path,
    (backlog, coming, worker_links): (usize, usize, usize),
    report: &mut Report,
) -> Result<(), String> {
    let db = database::fresh(backend, work)?;
    let file = work.join(format!("{}-publish.json", backend.name()));
    std::fs::write(&file, dataset::publish_file("pub", backlog, &[])).map_err(|e| e.to_string())?;
    server::seed(binary, &db.url_arg(), &file)?;
    let key = server::mint_key(binary, &db.url_arg(), "publisher")?;
    let server = Server::start(binary, &db.url_arg())?;
    let started = Instant::now();
    let drained = drain(server.addr, &key, backlog, false)?;
    let took = started.elapsed();
    // Links coming due from 3 s on, seeded while the server runs.
    let start = Utc::now() + chrono::Duration::seconds(3);
    let soon: Vec<String> = (0..coming)
        .map(|i| {
            let at = start
                + chrono::Duration::milliseconds(COMING_EVERY_MS * i64::try_from(i).unwrap_or(0));
            at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
        })
        .collect();
    let soon_file = work.join(format!("{}-publish-soon.json", backend.name()));
    std::fs::write(&soon_file, dataset::publish_file("soon", 0, &soon))
        .map_err(|e| e.to_string())?;
    server::seed(binary, &db.url_arg(), &soon_file)?;
    let late = drain(server.addr, &key, coming, true)?;
    let mut claims: Vec<f64> = drained
        .iter()
        .flat_map(|s| s.claims.iter().copied())
        .collect();
    let mut reports: Vec<f64> = drained
        .iter()
        .flat_map(|s| s.reports.iter().copied())
        .collect();
    let mut lateness: Vec<f64> = late
        .iter()
        .flat_map(|s| s.lateness.iter().copied())
        .collect();
    report.line(&format!(
        "\nPublisher API: {CLIENTS} clients claiming {PER_CLAIM} at a time and reporting each link: {backlog} links due; then {coming} links coming due at {} a second while they poll (every 50 ms when idle).\n\n\
         | measure | value |\n| --- | ---: |\n\
         | links published per second | {:.0} ({backlog} in {:.2} s) |\n\
         | claim latency p50 / p99 (ms) | {:.2} / {:.2} ({} claims) |\n\
         | report latency p50 / p99 (ms) | {:.2} / {:.2} |\n\
         | due → claimed p50 / p99 (ms), links coming due | {:.0} / {:.0} ({} links) |",
        1000 / COMING_EVERY_MS,
        backlog as f64 / took.as_secs_f64(),
        took.as_secs_f64(),
        percentile(&mut claims, 0.50),
        percentile(&mut claims, 0.99),
        claims.len(),
        percentile(&mut reports, 0.50),
        percentile(&mut reports, 0.99),
        percentile(&mut lateness, 0.50),
        percentile(&mut lateness, 0.99),
        lateness.len(),
    ));
    let worker_file = work.join(format!("{}-publish-worker.json", backend.name()));
    std::fs::write(
        &worker_file,
        dataset::publish_file("wrk", worker_links, &[]),
    )
    .map_err(|e| e.to_string())?;
    server::seed(binary, &db.url_arg(), &worker_file)?;
    let began = Instant::now();
    let status = Command::new(binary)
        .args([
            "publish",
            "--api-url",
            &format!("http://{}", server.addr),
            "--until-idle",
            "--concurrency",
            "8",
            "--",
            "true",
        ])
        .env("PUBLISHER_KEY", &key)
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run the worker: {e}"))?;
    let worker_took = began.elapsed();
    if !status.success() {
        return Err(format!("the reference worker failed: {status}"));
    }
    report.line(&format!(
        "| reference worker, `-- true`, --concurrency 8 (links/s) | {:.0} ({worker_links} in {:.2} s) |",
        worker_links as f64 / worker_took.as_secs_f64(),
        worker_took.as_secs_f64()
    ));
    server.stop()
}

/// Latencies in milliseconds: of claims, of reports, and from due to claimed.
#[derive(Default)]
struct Samples {
    claims: Vec<f64>,
    reports: Vec<f64>,
    lateness: Vec<f64>,
}

/// [`CLIENTS`] clients claiming and reporting until `total` links are done.
fn drain(addr: SocketAddr, key: &str, total: usize, late: bool) -> Result<Vec<Samples>, String> {
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| scope.spawn(|| client(addr, key, total, &done, late)))
            .collect();
        clients
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|_| Err("a client panicked".into())))
            .collect()
    })
}

/// One client: claims and reports until `total` links are done by all; with `late`, how long
/// after its `scheduledFor` each link was claimed.
fn client(
    addr: SocketAddr,
    key: &str,
    total: usize,
    done: &AtomicUsize,
    late: bool,
) -> Result<Samples, String> {
    let mut http = Http::connect(addr)?;
    let authorization = format!("Bearer {key}");
    let mut samples = Samples::default();
    let claim_body = format!(r#"{{"limit":{PER_CLAIM},"leaseSeconds":600}}"#);
    while done.load(Ordering::Relaxed) < total {
        let sent = Instant::now();
        let (status, body) = http.post("/publisher/v1/claims", &authorization, &claim_body)?;
        samples.claims.push(sent.elapsed().as_secs_f64() * 1e3);
        if status != 200 {
            return Err(format!("claim answered {status}: {body}"));
        }
        let now = Utc::now();
        let ids = values_of(&body, "claimId");
        for due in values_of(&body, "scheduledFor")
            .into_iter()
            .filter(|_| late)
        {
            if let Ok(due) = DateTime::parse_from_rfc3339(&due) {
                samples
                    .lateness
                    .push((now - due.with_timezone(&Utc)).num_milliseconds() as f64);
            }
        }
        if ids.is_empty() {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        }
        for id in ids {
            let sent = Instant::now();
            let (status, body) = http.post(
                &format!("/publisher/v1/claims/{id}/report"),
                &authorization,
                r#"{"outcome":"PUBLISHED"}"#,
            )?;
            samples.reports.push(sent.elapsed().as_secs_f64() * 1e3);
            if status != 200 {
                return Err(format!("report answered {status}: {body}"));
            }
            done.fetch_add(1, Ordering::Relaxed);
        }
    }
    Ok(samples)
}

/// Every string value of `"name":"…"` in `json` (ids and timestamps: no escapes in them).
fn values_of(json: &str, name: &str) -> Vec<String> {
    let needle = format!("\"{name}\":\"");
    json.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &json[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

fn percentile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((values.len() - 1) as f64 * q).round() as usize;
    values[rank.min(values.len() - 1)]
}

/// A keep-alive HTTP/1.1 connection that posts JSON.
struct Http {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Http {
    fn connect(addr: SocketAddr) -> Result<Self, String> {
        let stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let writer = stream.try_clone().map_err(|e| e.to_string())?;
        Ok(Self {
            reader: BufReader::new(stream),
            writer,
        })
    }

    fn post(
        &mut self,
        path: &str,
        authorization: &str,
        body: &str,
    ) -> Result<(u16, String), String> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {authorization}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.writer
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut line = String::new();
        self.reader
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("no status in {line:?}"))?;
        let mut length = 0;
        loop {
            line.clear();
            self.reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad length {value:?}"))?;
            }
        }
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| e.to_string())?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}
