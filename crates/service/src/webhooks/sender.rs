//! The sender: threads of every `serve` with `BACKGROUND=on` claim due deliveries under a
//! lease (so N instances send each attempt once), send them signed one after the other, and
//! record the batch in one transaction with when to try each failure again.

use std::io::Read;
use std::time::{Duration, Instant};

use social_accounts_domain::Timestamp;
use social_accounts_domain::publish::Jitter;
use social_accounts_domain::repository::{Attempt, DueDelivery, Outcome, WebhookRepository};
use social_accounts_domain::webhooks::{RetrySchedule, signature_header};

use super::client::{NOT_ALLOWED, agent};
use crate::http::state::AppState;

/// Deliveries one claim takes.
const BATCH: u32 = 32;
/// How long an idle sender waits before it looks again.
const IDLE: Duration = Duration::from_millis(100);
/// How much of an answer is kept (the delivery log shows the first KiB).
const KEPT: u64 = 1024;

/// What the sender needs besides the store.
#[derive(Debug, Clone)]
pub struct Options {
    /// `WEBHOOK_TIMEOUT_MS`: an attempt's whole budget, connection to last byte.
    pub timeout: Duration,
    /// `WEBHOOK_RETRY_SCHEDULE`.
    pub schedule: RetrySchedule,
    /// `WEBHOOK_ALLOW_PRIVATE`.
    pub allow_private: bool,
    /// How many sender threads.
    pub threads: usize,
}

impl Options {
    /// A claim's lease: two attempts' worth and a margin. Attempts of a batch start only while
    /// one more fits in what is left ([`Options::last_start`]); the rest are given back, so
    /// no attempt outlives its lease and none is ever sent twice at once.
    pub fn lease(&self) -> Duration {
        self.timeout * 2 + Duration::from_secs(5)
    }

    /// How long after the claim an attempt may still start: the timeout and 3 s (with
    /// [`Options::lease`], 2 s before the lease ends if it runs its whole timeout).
    fn last_start(&self) -> Duration {
        self.timeout + Duration::from_secs(3)
    }
}

/// Starts the sender threads, for as long as the process runs.
pub fn start(state: &AppState, options: &Options) {
    let agent = agent(options.timeout, options.allow_private);
    for index in 0..options.threads.max(1) {
        let (state, options, agent) = (state.clone(), options.clone(), agent.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("webhook-sender-{index}"))
            .spawn(move || {
                loop {
                    if send_due(&state, &options, &agent) == 0 {
                        std::thread::sleep(IDLE);
                    }
                }
            });
        if let Err(error) = spawned {
            tracing::error!(%error, "webhook_sender.not_started");
        }
    }
}

/// Claims one batch, sends it and records it; how many were claimed.
pub fn send_due(state: &AppState, options: &Options, agent: &ureq::Agent) -> usize {
    let claimed_at = Instant::now();
    let claimed = match state
        .store
        .claim_deliveries(BATCH, options.lease(), state.clock.now())
    {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "webhook_sender.claim_failed");
            return 0;
        }
    };
    let count = claimed.len();
    let results: Vec<(DueDelivery, Outcome)> = claimed
        .into_iter()
        .map(|delivery| {
            if claimed_at.elapsed() > options.last_start() {
                return (delivery, Outcome::NotAttempted);
            }
            let attempt = send(agent, &delivery, state.clock.now());
            let next = if attempt.succeeded {
                None
            } else {
                let draw = Jitter::new(rand::random_range(-1.0..=1.0));
                options
                    .schedule
                    .wait_after(delivery.attempt, draw)
                    .map(|wait| state.clock.now().plus(wait))
            };
            state.metrics.webhooks.attempted(&attempt, next.is_some());
            (delivery, Outcome::Attempted { attempt, next })
        })
        .collect();
    match state.store.record_attempts(&results, state.clock.now()) {
        Ok(held) => {
            for ((delivery, outcome), held) in results.iter().zip(held) {
                log(delivery, outcome, held);
            }
        }
        Err(error) => tracing::warn!(%error, "webhook.record_failed"),
    }
    count
}

fn log(delivery: &DueDelivery, outcome: &Outcome, held: bool) {
    match outcome {
        _ if !held => tracing::warn!(delivery = %delivery.id, "webhook.lease_lost"),
        Outcome::Attempted { attempt, .. } => tracing::info!(
            delivery = %delivery.id,
            event = %delivery.event_id,
            event_type = delivery.event_type.as_str(),
            attempt = delivery.attempt,
            status = attempt.response_status,
            succeeded = attempt.succeeded,
            "webhook.attempted"
        ),
        Outcome::NotAttempted => {
            tracing::debug!(delivery = %delivery.id, "webhook.given_back");
        }
    }
}

/// One attempt: the signed request, and what came of it.
pub fn send(agent: &ureq::Agent, delivery: &DueDelivery, now: Timestamp) -> Attempt {
    let timestamp = now.as_utc().timestamp();
    let id = delivery.event_id.as_str();
    let signature = signature_header(&delivery.secrets, id, timestamp, &delivery.body);
    let sent = agent
        .post(&delivery.url)
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .content_type("application/json")
        .send(delivery.body.as_bytes());
    match sent {
        Ok(mut response) => {
            let status = response.status();
            let mut kept = Vec::new();
            // A body that fails halfway still leaves what was read.
            let _partial = response
                .body_mut()
                .as_reader()
                .take(KEPT)
                .read_to_end(&mut kept);
            let mut body = String::from_utf8_lossy(&kept).into_owned();
            if status.is_redirection() {
                body = format!("redirect not followed: {body}");
            }
            Attempt {
                at: now,
                succeeded: status.is_success(),
                response_status: Some(status.as_u16()),
                response_body: Some(body),
            }
        }
        Err(error) => Attempt {
            at: now,
            succeeded: false,
            response_status: None,
            response_body: Some(describe(&error)),
        },
    }
}

/// What the delivery log says of an attempt that got no answer.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::Io(io) if io.to_string() == NOT_ALLOWED => NOT_ALLOWED.to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_owned()
        }
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        other => format!("request failed: {other}"),
    }
}
