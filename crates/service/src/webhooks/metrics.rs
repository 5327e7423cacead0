//! The sender's metrics: attempts by outcome.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;
use social_accounts_domain::repository::Attempt;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

/// The sender's counters.
#[derive(Debug, Default)]
pub struct WebhookMetrics {
    attempts: Family<OutcomeLabels, Counter>,
}

impl WebhookMetrics {
    /// Adds them to `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "webhook_attempts",
            "Delivery attempts by outcome: succeeded, retry (failed, to be tried again), failed (for good)",
            self.attempts.clone(),
        );
    }

    /// An attempt came to `attempt`; `retried` when another follows.
    pub fn attempted(&self, attempt: &Attempt, retried: bool) {
        let outcome = match (attempt.succeeded, retried) {
            (true, _) => "succeeded",
            (false, true) => "retry",
            (false, false) => "failed",
        };
        self.attempts
            .get_or_create(&OutcomeLabels { outcome })
            .inc();
    }
}
