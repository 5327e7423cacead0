//! Webhooks under load: what the outbox costs `POST /schedule` and `DELETE
//! /social-account/:id` (the same runs without and with a listening endpoint, alternating, on a server
//! that delivers nothing, so only the outbox's writes differ), and the senders' sustained rate
//! and commit-to-delivery latency at a fixed 500 events a second to a local receiver.

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    reason = "figures for a report: counts far below 2^52"
)]

use super::labels;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use social_accounts_storage::Backend;

use super::load::{self, Measure};
use super::options::Options;
use super::report::Report;
use super::scripts;
use crate::dataset::{self, Sizes};
use crate::server::{self, Server};

/// Events a second of the paced run, as the issue's goal names it.
const RATE: u32 = 500;

/// A receiver on loopback that answers 204 at once (keep-alive) and notes, per event, how
/// long after its `timestamp` it arrived.
struct Receiver {
    addr: SocketAddr,
    /// Per event: whether it is a `webhook.test`, and its lateness.
    lateness_ms: Arc<Mutex<Vec<(bool, f64)>>>,
}

impl Receiver {
    fn start() -> Result<Self, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let lateness_ms = Arc::new(Mutex::new(Vec::new()));
        let seen = lateness_ms.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, &seen));
            }
        });
        Ok(Self { addr, lateness_ms })
    }

    fn count(&self) -> usize {
        self.lateness_ms.lock().map_or(0, |l| l.len())
    }

    fn tests(&self) -> usize {
        self.lateness_ms
            .lock()
            .map_or(0, |l| l.iter().filter(|(test, _)| *test).count())
    }
}

fn serve(stream: TcpStream, seen: &Mutex<Vec<(bool, f64)>>) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut length = 0;
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let arrived = Utc::now();
        let text = String::from_utf8_lossy(&body);
        if let Some(at) = text
            .split("\"timestamp\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|raw| DateTime::parse_from_rfc3339(raw).ok())
            && let Ok(mut seen) = seen.lock()
        {
            let late = (arrived - at.with_timezone(&Utc))
                .num_microseconds()
                .unwrap_or(0);
            seen.push((text.contains("\"webhook.test\""), late as f64 / 1000.0));
        }
        if writer
            .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            .is_err()
        {
            return;
        }
    }
}

/// `POST path` with a JSON body and a Bearer key; the answer's status and body.
fn post(addr: SocketAddr, path: &str, key: &str, body: &str) -> Result<(u16, String), String> {
    send(addr, "POST", path, key, body)
}

/// `PATCH path`, which must answer 200.
fn patch(addr: SocketAddr, path: &str, key: &str, body: &str) -> Result<(), String> {
    match send(addr, "PATCH", path, key, body)? {
        (200, _) => Ok(()),
        (status, answer) => Err(format!("PATCH {path}: {status} {answer}")),
    }
}

/// `method path` with a JSON body and a Bearer key; the answer's status and body.
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    key: &str,
    body: &str,
) -> Result<(u16, String), String> {
    let bearer = format!("Bearer {key}");
    server::send(
        addr,
        method,
        path,
        &[("Authorization", &bearer)],
        Some(body),
    )
}

/// Registers an endpoint of the bench's organization for every event; its id.
fn register(addr: SocketAddr, key: &str, receiver: SocketAddr) -> Result<String, String> {
    let body = format!(r#"{{"url":"http://{receiver}/hook","events":["*"]}}"#);
    let (status, answer) = post(
        addr,
        "/operator/v1/organizations/org_bench/webhooks",
        key,
        &body,
    )?;
    if status != 201 {
        return Err(format!("registering an endpoint: {status} {answer}"));
    }
    answer
        .split("\"id\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("no id in {answer}"))
}

/// Runs both parts on `backend`.
pub fn run(
    backend: Backend,
    binary: &Path,
    options: &Options,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    // Two DELETE runs: each takes its own half of the pool.
    let mut sizes = Sizes::smoke();
    sizes.delete_pool = if options.duration >= Duration::from_secs(5) {
        120_000
    } else {
        30_000
    };
    let db = crate::database::fresh(backend, work)?;
    let file = work.join(format!("{}-webhooks.json", backend.name()));
    std::fs::write(&file, dataset::main_file(&sizes, 1)).map_err(|e| e.to_string())?;
    server::seed(binary, &db.url_arg(), &file)?;
    let key = server::mint_key(binary, &db.url_arg(), "operator")?;
    let receiver = Receiver::start()?;
    let env = [("WEBHOOK_ALLOW_PRIVATE", "true"), ("BACKGROUND", "off")];
    let quiet = Server::start_with(binary, &db.url_arg(), &env)?;
    // Each route four times, without and with a listening endpoint in turn (it is disabled
    // and enabled between runs): the machine's drift falls on both sides alike.
    let endpoint = register(quiet.addr, &key, receiver.addr)?;
    let quarter = sizes.delete_pool / 4;
    let mut rows: Vec<(String, Vec<Measure>, Vec<Measure>)> = vec![
        (labels::CREATE.into(), Vec::new(), Vec::new()),
        (labels::DELETE.into(), Vec::new(), Vec::new()),
    ];
    for round in 0..4 {
        let listening = round % 2 == 1;
        let body = format!(r#"{{"enabled":{listening}}}"#);
        patch(
            quiet.addr,
            &format!("/operator/v1/webhooks/{endpoint}"),
            &key,
            &body,
        )?;
        let create = closed(&quiet, options, work, &scripts::create())?;
        let delete = closed(
            &quiet,
            options,
            work,
            &scripts::delete_from(round * quarter),
        )?;
        for (row, measure) in rows.iter_mut().zip([create, delete]) {
            if listening {
                row.2.push(measure);
            } else {
                row.1.push(measure);
            }
        }
    }
    quiet.stop()?;
    report.line(&format!(
        "\nWebhooks: the outbox's cost (wrk -c{} -d{}s, runs alternating: the endpoint disabled, then enabled and listening to every event; the server delivers nothing: BACKGROUND=off; means of two runs each).\n\n| route | req/s without | req/s with | change | p99 ms without / with | pairs (without/with, in run order) |\n| --- | ---: | ---: | ---: | ---: | --- |",
        options.connections,
        options.duration.as_secs()
    ));
    for (label, without, with) in &rows {
        let mean = |runs: &[Measure], f: fn(&Measure) -> f64| {
            runs.iter().map(f).sum::<f64>() / runs.len().max(1) as f64
        };
        let (a, b) = (mean(without, |m| m.rps), mean(with, |m| m.rps));
        let pairs: Vec<String> = without
            .iter()
            .zip(with)
            .map(|(a, b)| format!("{:.0}/{:.0}", a.rps, b.rps))
            .collect();
        report.line(&format!(
            "| {label} | {a:.0} | {b:.0} | {:+.1} % | {:.1} / {:.1} | {} |",
            (b / a - 1.0) * 100.0,
            mean(without, |m| m.p99_ms),
            mean(with, |m| m.p99_ms),
            pairs.join(", ")
        ));
        let refused: u64 = without.iter().chain(with).map(|m| m.non_2xx).sum();
        if refused > 0 {
            report.line(&format!(
                "\n{label}: {refused} answers were not 2xx (the DELETE pool ran out?): these figures do not count."
            ));
        }
    }
    // Everything queued above is delivered first, then the paced run on an empty queue.
    let queued = receiver.count();
    let sending = Server::start_with(binary, &db.url_arg(), &[("WEBHOOK_ALLOW_PRIVATE", "true")])?;
    let started = Instant::now();
    drain(&receiver, queued + written(&rows), Duration::from_mins(2));
    let backlog_rate = (receiver.count() - queued) as f64 / started.elapsed().as_secs_f64();
    paced(&sending, &receiver, &key, options, backlog_rate, report)?;
    sending.stop()
}

/// Requests of the "with" POST and DELETE runs: each wrote one event.
fn written(rows: &[(String, Vec<Measure>, Vec<Measure>)]) -> usize {
    rows.iter()
        .flat_map(|(_, _, with)| with.iter())
        .map(|m| m.requests as usize)
        .sum()
}

fn closed(
    server: &Server,
    options: &Options,
    work: &Path,
    script: &str,
) -> Result<Measure, String> {
    let path = work.join("webhooks.lua");
    std::fs::write(&path, script).map_err(|e| e.to_string())?;
    load::wrk(
        &server.url("/"),
        None,
        Some(&path),
        options.duration,
        options.connections,
    )
}

/// Waits until `count` events arrived, or `within` passed.
fn drain(receiver: &Receiver, count: usize, within: Duration) {
    let until = Instant::now() + within;
    while receiver.count() < count && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `RATE` test events a second for the run's duration (at least 5 s), each delivered; the
/// rate sustained and the lateness of each event (its commit to its arrival).
fn paced(
    server: &Server,
    receiver: &Receiver,
    key: &str,
    options: &Options,
    backlog_rate: f64,
    report: &mut Report,
) -> Result<(), String> {
    let endpoint = register(server.addr, key, receiver.addr)?;
    let seconds = options.duration.as_secs().max(5);
    let workers = 10;
    let started = Instant::now();
    let output = Command::new("hey")
        .args(["-z", &format!("{seconds}s"), "-c", &workers.to_string()])
        .args(["-q", &(RATE / workers).to_string(), "-m", "POST"])
        .args(["-H", &format!("Authorization: Bearer {key}")])
        .arg(server.url(&format!("/operator/v1/webhooks/{endpoint}/test")))
        .output()
        .map_err(|e| format!("cannot run hey: {e}"))?;
    let sent = String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.trim().strip_prefix("[202]"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
        .ok_or("hey reported no 202 answers")?;
    let until = Instant::now() + Duration::from_mins(1);
    while receiver.tests() < sent && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = started.elapsed().as_secs_f64();
    let mut lateness: Vec<f64> = receiver
        .lateness_ms
        .lock()
        .map(|seen| {
            seen.iter()
                .filter(|(test, _)| *test)
                .map(|(_, ms)| *ms)
                .collect()
        })
        .unwrap_or_default();
    lateness.sort_by(f64::total_cmp);
    report.line(&format!(
        "\nWebhook delivery: {sent} test events at {RATE}/s for {seconds} s ({workers} hey workers), each POSTed to a local receiver.\n\n| measure | value |\n| --- | ---: |\n\
         | events delivered per second (whole run) | {:.0} ({} of {sent} in {took:.2} s) |\n\
         | commit → delivered p50 / p99 (ms) | {:.1} / {:.1} |\n\
         | backlog of the outbox runs drained at (events/s) | {backlog_rate:.0} |",
        lateness.len() as f64 / took,
        lateness.len(),
        load::percentile(&lateness, 50.0),
        load::percentile(&lateness, 99.0),
    ));
    Ok(())
}
