//! The publisher API's metrics: links claimed, reports by outcome, lease expiries, and the
//! due backlog (read from the database when `/metrics` is scraped).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use social_accounts_domain::repository::Backlog;
use social_accounts_domain::{LinkStatus, Timestamp};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

/// The publisher's counters and gauges.
#[derive(Debug, Default)]
pub struct PublishMetrics {
    claimed: Counter,
    reports: Family<OutcomeLabels, Counter>,
    expiries: Counter,
    due: Gauge,
    oldest_due_age: Gauge,
}

impl PublishMetrics {
    /// Adds them to `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "publish_claimed_links",
            "Links handed out by claims",
            self.claimed.clone(),
        );
        registry.register(
            "publish_reports",
            "Reports by outcome: published, retry (failed, to be tried again), failed (for good)",
            self.reports.clone(),
        );
        registry.register(
            "publish_lease_expiries",
            "Leases that ended without a report",
            self.expiries.clone(),
        );
        registry.register(
            "publish_due_links",
            "Links due now and not held by a live lease",
            self.due.clone(),
        );
        registry.register(
            "publish_oldest_due_age_seconds",
            "How long the oldest due link has been due (0 when none is)",
            self.oldest_due_age.clone(),
        );
    }

    /// A claim took `links` links, `expired` of them after an expired lease.
    pub fn claimed(&self, links: usize, expired: u64) {
        self.claimed.inc_by(links as u64);
        self.expiries.inc_by(expired);
    }

    /// A report left its link with `status`.
    pub fn reported(&self, status: LinkStatus) {
        let outcome = match status {
            LinkStatus::Published => "published",
            LinkStatus::Failed => "failed",
            LinkStatus::Pending | LinkStatus::Draft => "retry",
        };
        self.reports.get_or_create(&OutcomeLabels { outcome }).inc();
    }

    /// The sweep ended `count` expired leases.
    pub fn expired(&self, count: u64) {
        self.expiries.inc_by(count);
    }

    /// The backlog as read at `now`.
    pub fn backlog(&self, backlog: Backlog, now: Timestamp) {
        self.due.set(i64::try_from(backlog.due).unwrap_or(i64::MAX));
        let age = backlog
            .oldest
            .map_or(0, |oldest| now.millis_since(oldest).max(0) / 1000);
        self.oldest_due_age.set(age);
    }
}
