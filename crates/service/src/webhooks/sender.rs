//! The sender: threads of every `serve` with `BACKGROUND=on` claim due deliveries under a
//! lease (so N instances send each attempt once), send them signed, and record each attempt
//! with when to try again.

use std::io::Read;
use std::time::Duration;

use social_accounts_domain::Timestamp;
use social_accounts_domain::publish::Jitter;
use social_accounts_domain::repository::{Attempt, DueDelivery, WebhookRepository};
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

/// Claims one batch and sends it; how many were claimed.
pub fn send_due(state: &AppState, options: &Options, agent: &ureq::Agent) -> usize {
    // The lease outlives the attempt's timeout, so an attempt under way is never claimed again.
    let lease = options.timeout + Duration::from_secs(5);
    let claimed = match state
        .store
        .claim_deliveries(BATCH, lease, state.clock.now())
    {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "webhook_sender.claim_failed");
            return 0;
        }
    };
    for delivery in &claimed {
        let attempt = send(agent, delivery, state.clock.now());
        let now = state.clock.now();
        let next = if attempt.succeeded {
            None
        } else {
            let draw = Jitter::new(rand::random_range(-1.0..=1.0));
            options
                .schedule
                .wait_after(delivery.attempt, draw)
                .map(|wait| now.plus(wait))
        };
        state.metrics.webhooks.attempted(&attempt, next.is_some());
        match state.store.record_attempt(delivery, &attempt, next) {
            Ok(true) => tracing::info!(
                delivery = %delivery.id,
                event = %delivery.event_id,
                event_type = delivery.event_type.as_str(),
                attempt = delivery.attempt,
                status = attempt.response_status,
                succeeded = attempt.succeeded,
                "webhook.attempted"
            ),
            Ok(false) => tracing::warn!(delivery = %delivery.id, "webhook.lease_lost"),
            Err(error) => tracing::warn!(%error, delivery = %delivery.id, "webhook.record_failed"),
        }
    }
    claimed.len()
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
                succeeded: status.is_success(),
                response_status: Some(status.as_u16()),
                response_body: Some(body),
            }
        }
        Err(error) => Attempt {
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
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_owned()
        }
        other => format!("request failed: {other}"),
    }
}
