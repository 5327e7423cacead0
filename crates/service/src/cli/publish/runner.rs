//! One claim: the command run with the claim on stdin, heartbeats while it runs, and the
//! report its exit code means (docs/publisher-api.md, "Reference worker").

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::client::Client;

/// Exit code of a retryable failure (`EX_TEMPFAIL`): reported as `network`.
pub const EXIT_RETRY: i32 = 75;
/// Exit code of a refused token (`EX_NOPERM`): reported as `auth`.
pub const EXIT_AUTH: i32 = 77;
/// The longest error message the worker reports, in characters.
const MAX_ERROR_CHARS: usize = 500;
/// How often a running command is looked at.
const POLL: Duration = Duration::from_millis(20);

/// How one claim ended, for the progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// Reported; the link's status afterwards (`PUBLISHED`, `FAILED`, `PENDING`: retried).
    Reported(String),
    /// The claim no longer held its link when reporting (409 `lease-lost`).
    Lost,
    /// Not reported: the worker was stopping and the lease ran out first, or the API could
    /// not be reached; the lease expires and the link comes back.
    Unreported(String),
    /// The command could not be started: the claim was released, the worker stops.
    Fatal(String),
}

/// What the worker runs per claim.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The command and its arguments.
    pub command: &'a [String],
    /// The claims' lease, in seconds.
    pub lease_seconds: u32,
    /// A command running longer is killed.
    pub timeout: Duration,
}

/// Runs `job` for `claim` and reports.
pub fn run(client: &Client, job: &Job<'_>, claim: &Value, stopping: &AtomicBool) -> Ended {
    let id = claim["claimId"].as_str().unwrap_or_default().to_owned();
    let (program, args) = job
        .command
        .split_first()
        .map_or(("", &[][..]), |(p, a)| (p.as_str(), a));
    let spawned = Command::new(program)
        .args(args)
        .envs(claim_env(claim))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            let _ = client.post(&format!("/claims/{id}/release"), &json!({}));
            return Ended::Fatal(format!("cannot run {program}: {error}"));
        }
    };
    let input = claim.to_string();
    let stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A command that exits without reading its input closes the pipe: not an error.
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let waited = watch(client, job, &id, &mut child, stopping);
    let _ = feeder.join();
    let out = collect(stdout);
    let err = collect(stderr);
    let label = format!(
        "{} {}",
        claim["post"]["id"].as_str().unwrap_or("?"),
        claim["account"]["platformType"].as_str().unwrap_or("?")
    );
    for line in err.lines().filter(|line| !line.trim().is_empty()) {
        eprintln!("  [{label}] {line}");
    }
    let report = match waited {
        Waited::Exited(status) => report_of(status, &out, &err),
        Waited::TimedOut => json!({
            "outcome": "FAILED",
            "errorMessage": format!("timed out after {} s", job.timeout.as_secs()),
            "errorCategory": "unknown",
            "retryable": true,
        }),
        Waited::LeaseEnding => {
            return Ended::Unreported(
                "stopping: the lease ran out before the command ended".into(),
            );
        }
    };
    send_report(client, &id, &report)
}

/// The claim's ids as environment variables of the command, for scripts that need no JSON
/// parser: `CLAIM_ID`, `POST_ID`, `SOCIAL_ACCOUNT_ID`, `PLATFORM`, `ATTEMPT`.
fn claim_env(claim: &Value) -> Vec<(&'static str, String)> {
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    vec![
        ("CLAIM_ID", text(&claim["claimId"])),
        ("POST_ID", text(&claim["post"]["id"])),
        ("SOCIAL_ACCOUNT_ID", text(&claim["account"]["id"])),
        ("PLATFORM", text(&claim["account"]["platformType"])),
        ("ATTEMPT", text(&claim["attempt"])),
    ]
}

/// How the command's run ended.
enum Waited {
    Exited(ExitStatus),
    TimedOut,
    LeaseEnding,
}

/// Waits for the command, heartbeating every third of the lease; kills it at the timeout,
/// or (once stopping, when heartbeats stop) just before the lease ends.
fn watch(
    client: &Client,
    job: &Job<'_>,
    id: &str,
    child: &mut Child,
    stopping: &AtomicBool,
) -> Waited {
    let lease = Duration::from_secs(u64::from(job.lease_seconds));
    let started = Instant::now();
    let mut lease_ends = started + lease;
    let mut beat_at = started + lease / 3;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Exited(status),
            Ok(None) => {}
            Err(_) => {
                let _ = child.kill();
                return Waited::TimedOut;
            }
        }
        let now = Instant::now();
        if now.duration_since(started) >= job.timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Waited::TimedOut;
        }
        if stopping.load(Ordering::Relaxed) {
            if now + Duration::from_secs(1) >= lease_ends {
                let _ = child.kill();
                let _ = child.wait();
                return Waited::LeaseEnding;
            }
        } else if now >= beat_at {
            beat_at = now + lease / 3;
            match client.post(&format!("/claims/{id}/heartbeat"), &json!({})) {
                Ok(answer) if answer.status == 200 => lease_ends = now + lease,
                Ok(answer) => eprintln!("heartbeat of {id} refused: {}", answer.reason()),
                Err(error) => eprintln!("heartbeat of {id} failed: {error}"),
            }
        }
        std::thread::sleep(POLL);
    }
}

/// The report an exit status means: 0 published (a JSON object on stdout may carry
/// `liveLink`), 75 a retryable network failure, 77 an auth failure, anything else final.
pub fn report_of(status: ExitStatus, stdout: &str, stderr: &str) -> Value {
    let code = status.code();
    if code == Some(0) {
        let live = serde_json::from_str::<Value>(stdout.trim())
            .ok()
            .and_then(|out| {
                out.get("liveLink")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            });
        return json!({ "outcome": "PUBLISHED", "liveLink": live });
    }
    let (category, retryable) = match code {
        Some(EXIT_RETRY) => ("network", true),
        Some(EXIT_AUTH) => ("auth", false),
        _ => ("unknown", false),
    };
    let last = stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| !line.is_empty());
    let message = last.map_or_else(
        || match code {
            Some(code) => format!("exited with status {code}"),
            None => "killed by a signal".to_owned(),
        },
        |line| line.chars().take(MAX_ERROR_CHARS).collect(),
    );
    json!({
        "outcome": "FAILED",
        "errorMessage": message,
        "errorCategory": category,
        "retryable": retryable,
    })
}

/// Reports, retrying while the API cannot be reached (the same report again gets the same
/// answer, so a retry after a lost answer is safe); a refused live link is reported without.
fn send_report(client: &Client, id: &str, report: &Value) -> Ended {
    let path = format!("/claims/{id}/report");
    let mut report = report.clone();
    let mut wait = Duration::from_secs(1);
    for _ in 0..6 {
        match client.post(&path, &report) {
            Ok(answer) if answer.status == 200 => {
                let status = answer.body["link"]["status"].as_str().unwrap_or("?");
                return Ended::Reported(status.to_owned());
            }
            Ok(answer) if answer.slug() == "lease-lost" => return Ended::Lost,
            Ok(answer) if answer.status == 400 && !report["liveLink"].is_null() => {
                eprintln!(
                    "live link refused ({}); reporting without it",
                    answer.reason()
                );
                report["liveLink"] = Value::Null;
                continue;
            }
            Ok(answer) if answer.status < 500 && answer.status != 429 => {
                return Ended::Unreported(answer.reason());
            }
            Ok(answer) => eprintln!("report of {id}: {}; retrying", answer.reason()),
            Err(error) => eprintln!("report of {id}: {error}; retrying"),
        }
        std::thread::sleep(wait);
        wait = (wait * 2).min(Duration::from_secs(8));
    }
    Ended::Unreported("the publisher API could not be reached".into())
}

/// Reads a pipe to its end on a thread of its own (a command writing much must never block
/// on a full pipe); keeps the first 1 MiB.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Option<JoinHandle<String>> {
    pipe.map(|pipe| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let _ = pipe.take(1 << 20).read_to_end(&mut kept);
            String::from_utf8_lossy(&kept).into_owned()
        })
    })
}

fn collect(reader: Option<JoinHandle<String>>) -> String {
    reader.and_then(|r| r.join().ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;

    use super::*;

    fn exited(code: i32) -> ExitStatus {
        ExitStatus::from_raw(code << 8)
    }

    #[test]
    fn exit_codes_mean_reports() {
        assert_eq!(
            report_of(exited(0), r#"{"liveLink":"https://x.test/1"}"#, ""),
            json!({"outcome": "PUBLISHED", "liveLink": "https://x.test/1"})
        );
        assert_eq!(report_of(exited(0), "done", "")["liveLink"], Value::Null);
        let retry = report_of(exited(75), "", "first\nrate limited\n\n");
        assert_eq!(retry["errorMessage"], "rate limited");
        assert_eq!(
            (
                retry["errorCategory"].as_str(),
                retry["retryable"].as_bool()
            ),
            (Some("network"), Some(true))
        );
        let auth = report_of(exited(77), "", "");
        assert_eq!(auth["errorCategory"], "auth");
        assert_eq!(auth["errorMessage"], "exited with status 77");
        let other = report_of(exited(1), "", &"x".repeat(900));
        assert_eq!(other["retryable"], false);
        assert_eq!(other["errorMessage"].as_str().map(str::len), Some(500));
        assert_eq!(
            report_of(ExitStatus::from_raw(9), "", "")["errorMessage"],
            "killed by a signal"
        );
    }
}
