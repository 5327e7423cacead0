//! How a report or an expired lease changes a link: attempt accounting, the retry backoff
//! and the attempt limit. Pure: the time and the jitter are given.

use std::time::Duration;

use super::{ErrorCategory, PreviousOutcome, Report};
use crate::{LinkStatus, Timestamp};

/// What a link fails with when its last allowed attempt's lease expires unreported.
pub const DID_NOT_COMPLETE: &str = "Publishing did not complete";

/// The first retry waits this long; each further one twice as long as the one before.
const FIRST_BACKOFF: Duration = Duration::from_secs(30);

/// No retry waits longer than this (before jitter).
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// The publishing rules a deployment sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// `PUBLISH_MAX_ATTEMPTS`: claims a link may be counted before it fails for good
    /// (at least 1).
    pub max_attempts: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self { max_attempts: 5 }
    }
}

/// A draw in `[-1, 1]` that spreads retries: `-1` waits 10 % less, `1` 10 % more. Given by
/// the caller (a random source in the service, a fixed value in tests).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jitter(f64);

impl Jitter {
    /// A draw, clamped into `[-1, 1]` (NaN counts as 0).
    #[must_use]
    pub fn new(draw: f64) -> Self {
        Self(if draw.is_nan() {
            0.0
        } else {
            draw.clamp(-1.0, 1.0)
        })
    }

    /// No jitter.
    #[must_use]
    pub fn none() -> Self {
        Self(0.0)
    }

    /// The draw, in `[-1, 1]`.
    #[must_use]
    pub fn value(self) -> f64 {
        self.0
    }
}

/// The wait after the `attempt`-th attempt failed retryably: 30 s × 2^(attempt−1), at most
/// one hour, then ±10 % by `jitter`.
///
/// ```
/// use std::time::Duration;
/// use social_accounts_domain::publish::{Jitter, backoff};
///
/// assert_eq!(backoff(1, Jitter::none()), Duration::from_secs(30));
/// assert_eq!(backoff(3, Jitter::none()), Duration::from_secs(120));
/// assert_eq!(backoff(30, Jitter::none()), Duration::from_secs(3600));
/// assert_eq!(backoff(1, Jitter::new(1.0)), Duration::from_secs(33));
/// ```
#[must_use]
pub fn backoff(attempt: u32, jitter: Jitter) -> Duration {
    let doublings = attempt.saturating_sub(1).min(16);
    let base = FIRST_BACKOFF
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF);
    base.mul_f64(1.0 + 0.1 * jitter.0)
}

/// A link after a report: every field a report writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChange {
    /// `PUBLISHED`, `FAILED` (for good) or still `PENDING` (to be retried).
    pub status: LinkStatus,
    /// The post's URL on the platform, once published.
    pub live_link: Option<String>,
    /// The failure, for a failed or retried link.
    pub error_message: Option<String>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
    /// A retried link is not due before this.
    pub next_attempt_at: Option<Timestamp>,
    /// What the next claim's `previousAttempt` says (a retried link's `failed`).
    pub previous_outcome: Option<PreviousOutcome>,
    /// Whether the account's token is to be marked `expired` (an `auth` failure).
    pub token_expired: bool,
}

/// How `report`, on the link's `attempt`-th counted attempt, changes it at `now`. A
/// retryable failure other than `auth` before the last allowed attempt keeps the link
/// `PENDING` until the backoff has passed; any other failure is final; `auth` also marks the
/// account's token expired.
#[must_use]
pub fn after_report(
    report: &Report,
    attempt: u32,
    policy: Policy,
    now: Timestamp,
    jitter: Jitter,
) -> LinkChange {
    match report {
        Report::Published { live_link } => LinkChange {
            status: LinkStatus::Published,
            live_link: live_link.clone(),
            error_message: None,
            published_at: Some(now),
            next_attempt_at: None,
            previous_outcome: None,
            token_expired: false,
        },
        Report::Failed {
            error_message,
            category,
            retryable,
        } => {
            let auth = *category == ErrorCategory::Auth;
            let retry = *retryable && !auth && attempt < policy.max_attempts;
            LinkChange {
                status: if retry {
                    LinkStatus::Pending
                } else {
                    LinkStatus::Failed
                },
                live_link: None,
                error_message: Some(error_message.clone()),
                published_at: None,
                next_attempt_at: retry.then(|| now.plus(backoff(attempt, jitter))),
                previous_outcome: retry.then_some(PreviousOutcome::Failed),
                token_expired: auth,
            }
        }
    }
}

/// What an expired, unreported lease does to its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryChange {
    /// Due again; the next claim says `previousAttempt: lease_expired`.
    DueAgain,
    /// The last allowed attempt: the link fails with [`DID_NOT_COMPLETE`].
    Failed,
}

/// What the expiry of a lease does to a link that has been claimed `attempts` times.
///
/// ```
/// use social_accounts_domain::publish::{ExpiryChange, Policy, after_expiry};
///
/// let policy = Policy { max_attempts: 3 };
/// assert_eq!(after_expiry(2, policy), ExpiryChange::DueAgain);
/// assert_eq!(after_expiry(3, policy), ExpiryChange::Failed);
/// ```
#[must_use]
pub fn after_expiry(attempts: u32, policy: Policy) -> ExpiryChange {
    if attempts >= policy.max_attempts {
        ExpiryChange::Failed
    } else {
        ExpiryChange::DueAgain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2026-12-03T10:00:00Z").unwrap()
    }

    fn failed(category: ErrorCategory, retryable: bool) -> Report {
        Report::Failed {
            error_message: "boom".into(),
            category,
            retryable,
        }
    }

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour_with_ten_percent_jitter() {
        let plain: Vec<u64> = (1..=9)
            .map(|attempt| backoff(attempt, Jitter::none()).as_secs())
            .collect();
        assert_eq!(plain, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(0, Jitter::none()), Duration::from_secs(30));
        assert_eq!(backoff(u32::MAX, Jitter::none()), MAX_BACKOFF);
        assert_eq!(backoff(2, Jitter::new(-1.0)), Duration::from_secs(54));
        assert_eq!(backoff(2, Jitter::new(7.0)), Duration::from_secs(66));
        assert_eq!(backoff(2, Jitter::new(f64::NAN)), Duration::from_secs(60));
    }

    #[test]
    fn published_records_the_time_and_the_link() {
        let change = after_report(
            &Report::Published {
                live_link: Some("https://x.test/1".into()),
            },
            1,
            Policy::default(),
            now(),
            Jitter::none(),
        );
        assert_eq!(change.status, LinkStatus::Published);
        assert_eq!(change.published_at, Some(now()));
        assert_eq!(change.live_link.as_deref(), Some("https://x.test/1"));
        assert!(!change.token_expired);
    }

    #[test]
    fn a_retryable_failure_waits_out_its_backoff_until_the_last_attempt() {
        let policy = Policy { max_attempts: 3 };
        let retry = after_report(
            &failed(ErrorCategory::Network, true),
            2,
            policy,
            now(),
            Jitter::none(),
        );
        assert_eq!(retry.status, LinkStatus::Pending);
        assert_eq!(
            retry.next_attempt_at,
            Some(Timestamp::parse("2026-12-03T10:01:00Z").unwrap())
        );
        assert_eq!(retry.previous_outcome, Some(PreviousOutcome::Failed));
        assert_eq!(retry.error_message.as_deref(), Some("boom"));
        let last = after_report(
            &failed(ErrorCategory::Network, true),
            3,
            policy,
            now(),
            Jitter::none(),
        );
        assert_eq!(last.status, LinkStatus::Failed);
        assert_eq!(last.next_attempt_at, None);
    }

    #[test]
    fn a_final_failure_and_auth_end_it_at_once() {
        let policy = Policy::default();
        let final_one = after_report(
            &failed(ErrorCategory::Content, false),
            1,
            policy,
            now(),
            Jitter::none(),
        );
        assert_eq!(final_one.status, LinkStatus::Failed);
        assert!(!final_one.token_expired);
        let auth = after_report(
            &failed(ErrorCategory::Auth, true),
            1,
            policy,
            now(),
            Jitter::none(),
        );
        assert_eq!(auth.status, LinkStatus::Failed);
        assert!(auth.token_expired);
    }

    #[test]
    fn the_last_allowed_expiry_fails_the_link() {
        let policy = Policy { max_attempts: 1 };
        assert_eq!(after_expiry(0, policy), ExpiryChange::DueAgain);
        assert_eq!(after_expiry(1, policy), ExpiryChange::Failed);
        assert_eq!(after_expiry(5, Policy::default()), ExpiryChange::Failed);
    }
}
