//! `social-accounts publish … -- CMD`: the reference worker. It claims due links through the
//! publisher API (over HTTP only: it may run on another machine), runs CMD once per claim,
//! heartbeats, reports by exit code, and on SIGTERM (or SIGINT) claims nothing more, lets
//! running commands finish within their lease, releases what it had not started, exits 0.
//! Progress goes to stderr.

mod client;
mod runner;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Value, json};
use social_accounts_domain::{Platform, Platforms};

use self::client::Client;
use self::runner::{Ended, Job};
use super::CommandError;
use crate::settings::PublishArgs;

/// How long an idle worker waits before claiming again.
const IDLE: Duration = Duration::from_millis(250);

/// At most one progress line per this interval (and one at the end).
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// What the worker has done, for the progress line.
#[derive(Debug, Default)]
struct Counts {
    printed: Mutex<Option<std::time::Instant>>,
    claimed: AtomicU64,
    published: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    lost: AtomicU64,
    unreported: AtomicU64,
    released: AtomicU64,
}

impl Counts {
    fn line(&self) -> String {
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        format!(
            "claimed {} · published {} · failed {} · retrying {} · lost {} · unreported {} · released {}",
            n(&self.claimed),
            n(&self.published),
            n(&self.failed),
            n(&self.retried),
            n(&self.lost),
            n(&self.unreported),
            n(&self.released),
        )
    }

    /// Prints the progress line unless one was printed within [`PROGRESS_EVERY`].
    fn progress(&self) {
        let mut printed = self.printed.lock().unwrap_or_else(PoisonError::into_inner);
        if printed.is_none_or(|at| at.elapsed() >= PROGRESS_EVERY) {
            *printed = Some(std::time::Instant::now());
            eprintln!("{}", self.line());
        }
    }

    fn count(&self, ended: &Ended) {
        let counter = match ended {
            Ended::Reported(status) if status == "PUBLISHED" => &self.published,
            Ended::Reported(status) if status == "PENDING" => &self.retried,
            Ended::Reported(_) => &self.failed,
            Ended::Lost => &self.lost,
            Ended::Unreported(_) | Ended::Fatal(_) => &self.unreported,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Runs the worker until SIGTERM, SIGINT, a fatal error, or (with `--until-idle`) nothing due.
pub fn run(args: &PublishArgs, platforms: Option<&Platforms>) -> Result<(), CommandError> {
    let key = PublishArgs::key().ok_or(
        "set PUBLISHER_KEY to a publisher key (`social-accounts keys create --kind publisher`)",
    )?;
    if !(args.api_url.starts_with("http://") || args.api_url.starts_with("https://")) {
        return Err(format!(
            "--api-url must start with http:// or https://: {}",
            args.api_url
        )
        .into());
    }
    let stopping = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stopping))?;
    }
    let client = Client::new(&args.api_url, &key);
    let counts = Counts::default();
    let running = AtomicUsize::new(0);
    let fatal: Mutex<Option<String>> = Mutex::new(None);
    let job = Job {
        command: &args.command,
        lease_seconds: args.lease_seconds,
        timeout: Duration::from_secs(args.timeout_secs),
    };
    let concurrency = usize::try_from(args.concurrency).unwrap_or(1);
    let mut request = json!({ "leaseSeconds": args.lease_seconds });
    if let Some(platforms) = platforms {
        let names: Vec<&str> = platforms.iter().map(Platform::as_str).collect();
        request["platforms"] = json!(names);
    }
    eprintln!(
        "publishing from {} with {concurrency} at a time: {}",
        args.api_url,
        args.command.join(" ")
    );
    std::thread::scope(|scope| -> Result<(), CommandError> {
        let mut failures = 0_u32;
        while !stopping.load(Ordering::Relaxed) {
            let free = concurrency.saturating_sub(running.load(Ordering::Acquire));
            if free == 0 {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            request["limit"] = json!(free);
            let claims = match claim(&client, &request, &stopping, &mut failures) {
                Ok(Some(claims)) => claims,
                Ok(None) => continue,
                Err(error) => return Err(error),
            };
            if claims.is_empty() {
                if args.until_idle && running.load(Ordering::Acquire) == 0 {
                    break;
                }
                pause(&stopping, 0);
                continue;
            }
            counts
                .claimed
                .fetch_add(claims.len() as u64, Ordering::Relaxed);
            eprintln!("{}", counts.line());
            for claim in claims {
                if stopping.load(Ordering::Relaxed) {
                    release(&client, &claim, &counts);
                    continue;
                }
                running.fetch_add(1, Ordering::AcqRel);
                let (client, job, counts, running, stopping, fatal) =
                    (&client, &job, &counts, &running, &stopping, &fatal);
                scope.spawn(move || {
                    let ended = runner::run(client, job, &claim, stopping);
                    if let Ended::Fatal(why) = &ended {
                        *fatal.lock().unwrap_or_else(PoisonError::into_inner) = Some(why.clone());
                        stopping.store(true, Ordering::Relaxed);
                    }
                    if let Ended::Unreported(why) = &ended {
                        eprintln!("claim {} not reported: {why}", claim["claimId"]);
                    }
                    counts.count(&ended);
                    counts.progress();
                    running.fetch_sub(1, Ordering::AcqRel);
                });
            }
        }
        Ok(())
    })?;
    eprintln!("stopped: {}", counts.line());
    match fatal.into_inner().unwrap_or_else(PoisonError::into_inner) {
        Some(why) => Err(why.into()),
        None => Ok(()),
    }
}

/// One claim request: the claims, `None` after a failure worth retrying (having paused),
/// or an error that stops the worker (a refused key or body).
fn claim(
    client: &Client,
    request: &Value,
    stopping: &AtomicBool,
    failures: &mut u32,
) -> Result<Option<Vec<Value>>, CommandError> {
    match client.post("/claims", request) {
        Ok(answer) if answer.status == 200 => {
            *failures = 0;
            Ok(Some(
                answer.body["claims"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            ))
        }
        Ok(answer) if matches!(answer.status, 400 | 401 | 403) => {
            stopping.store(true, Ordering::Relaxed);
            Err(format!("the publisher API refused the claim: {}", answer.reason()).into())
        }
        Ok(answer) => {
            *failures += 1;
            eprintln!("claim refused: {}; retrying", answer.reason());
            pause(stopping, *failures);
            Ok(None)
        }
        Err(error) => {
            *failures += 1;
            eprintln!("{error}; retrying");
            pause(stopping, *failures);
            Ok(None)
        }
    }
}

/// Gives back a claim not started (shutting down).
fn release(client: &Client, claim: &Value, counts: &Counts) {
    let id = claim["claimId"].as_str().unwrap_or_default();
    match client.post(&format!("/claims/{id}/release"), &json!({})) {
        Ok(answer) if answer.status == 200 => {
            counts.released.fetch_add(1, Ordering::Relaxed);
        }
        Ok(answer) => eprintln!("release of {id} refused: {}", answer.reason()),
        Err(error) => eprintln!("release of {id} failed: {error}"),
    }
}

/// Waits before claiming again: the idle interval, longer after failures (at most 5 s);
/// wakes early when stopping.
fn pause(stopping: &AtomicBool, failures: u32) {
    let wait = if failures == 0 {
        IDLE
    } else {
        (IDLE * 2_u32.saturating_pow(failures.min(5))).min(Duration::from_secs(5))
    };
    let until = std::time::Instant::now() + wait;
    while std::time::Instant::now() < until && !stopping.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(10));
    }
}
