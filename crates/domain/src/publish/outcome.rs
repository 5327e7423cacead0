//! A publisher's report on one claim, and the words the API uses for outcomes.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// Why publishing failed, as the publisher classifies it. Only [`ErrorCategory::Auth`]
    /// changes what the service does (the account's token is marked expired).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ErrorCategory {
        /// The platform refused the token: final at once, the account needs reauthorization.
        Auth = "auth",
        /// The platform's rate limit.
        RateLimit = "rate_limit",
        /// The post itself was refused (too long, bad media, ...).
        Content = "content",
        /// The platform failed.
        Platform = "platform",
        /// The platform could not be reached.
        Network = "network",
        /// Anything else.
        Unknown = "unknown",
    }
}

wire_enum! {
    /// How a link's previous counted attempt ended, as the next claim's `previousAttempt`
    /// tells the publisher.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum PreviousOutcome {
        /// Its lease ran out without a report: the post may be live already, the publisher
        /// should check the platform before posting again.
        LeaseExpired = "lease_expired",
        /// It was reported as a retryable failure.
        Failed = "failed",
    }
}

/// A checked report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Published; the post's URL on the platform when the publisher knows it.
    Published {
        /// An absolute http(s) URL.
        live_link: Option<String>,
    },
    /// Publishing failed.
    Failed {
        /// What went wrong, for people (1 to 1000 characters).
        error_message: String,
        /// Its kind.
        category: ErrorCategory,
        /// Whether another attempt may succeed.
        retryable: bool,
    },
}

impl Report {
    /// The report as stored with its claim: a repeat of the same report compares equal
    /// (and gets the same answer), any other does not (409).
    #[must_use]
    pub fn canonical(&self) -> String {
        let value = match self {
            Report::Published { live_link } => {
                serde_json::json!({ "outcome": "PUBLISHED", "liveLink": live_link })
            }
            Report::Failed {
                error_message,
                category,
                retryable,
            } => serde_json::json!({
                "outcome": "FAILED",
                "errorMessage": error_message,
                "errorCategory": category.as_str(),
                "retryable": retryable,
            }),
        };
        value.to_string()
    }
}

/// What a released claim stores in place of a report: a release repeated is the same
/// release, a report after it is another outcome.
pub const RELEASED: &str = "\"released\"";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_reports_tell_repeats_from_changes() {
        let published = Report::Published { live_link: None };
        assert_eq!(
            published.canonical(),
            r#"{"outcome":"PUBLISHED","liveLink":null}"#
        );
        let failed = |retryable| Report::Failed {
            error_message: "429".into(),
            category: ErrorCategory::RateLimit,
            retryable,
        };
        assert_eq!(failed(true).canonical(), failed(true).canonical());
        assert_ne!(failed(true).canonical(), failed(false).canonical());
        assert_ne!(published.canonical(), RELEASED);
        assert_eq!(
            ErrorCategory::names(),
            "auth, rate_limit, content, platform, network, unknown"
        );
    }
}
