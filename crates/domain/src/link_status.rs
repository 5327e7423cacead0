//! Publish status of one scheduled post on one account.

use std::fmt;

/// The publish status of a scheduled post's link to an account. The declaration order is the
/// order usage entries are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkStatus {
    /// Not yet scheduled.
    Draft,
    /// Waiting to be published.
    Pending,
    /// Published.
    Published,
    /// Publishing failed (an extension of the hosted API's three statuses).
    Failed,
}

impl LinkStatus {
    /// Every status, in usage order.
    pub const ALL: [LinkStatus; 4] = [
        LinkStatus::Draft,
        LinkStatus::Pending,
        LinkStatus::Published,
        LinkStatus::Failed,
    ];

    /// The wire name (`DRAFT`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Draft => "DRAFT",
            LinkStatus::Pending => "PENDING",
            LinkStatus::Published => "PUBLISHED",
            LinkStatus::Failed => "FAILED",
        }
    }

    /// Parses a wire name; exact, uppercase.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

impl fmt::Display for LinkStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_names() {
        let names: Vec<_> = LinkStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["DRAFT", "PENDING", "PUBLISHED", "FAILED"]);
        assert!(LinkStatus::Draft < LinkStatus::Failed);
        assert_eq!(LinkStatus::parse("PENDING"), Some(LinkStatus::Pending));
        assert_eq!(LinkStatus::parse("pending"), None);
    }
}
