//! Publish status of one scheduled post on one account.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// The publish status of a scheduled post's link to an account. The declaration order is
    /// the order usage entries are listed in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum LinkStatus {
        /// Not yet scheduled.
        Draft = "DRAFT",
        /// Waiting to be published.
        Pending = "PENDING",
        /// Published on the platform (with its live link, when known).
        Published = "PUBLISHED",
        /// Publishing failed (an extension of the hosted API's three statuses).
        Failed = "FAILED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_names() {
        let names: Vec<_> = LinkStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["DRAFT", "PENDING", "PUBLISHED", "FAILED"]);
        assert_eq!(LinkStatus::names(), "DRAFT, PENDING, PUBLISHED, FAILED");
        assert!(LinkStatus::Draft < LinkStatus::Failed);
        assert_eq!(LinkStatus::parse("PENDING"), Some(LinkStatus::Pending));
        assert_eq!(LinkStatus::parse("pending"), None);
    }
}
