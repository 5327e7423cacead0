//! A scheduled post's own status; each of its links has a [`LinkStatus`](crate::LinkStatus).

use crate::wire_enum::wire_enum;

wire_enum! {
    /// A scheduled post's own status.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum PostStatus {
        /// Not scheduled yet.
        Draft = "DRAFT",
        /// To be published at its `scheduledAt`; its links are `PENDING` until then.
        Scheduled = "SCHEDULED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(PostStatus::names(), "DRAFT, SCHEDULED");
        assert_eq!(PostStatus::parse("SCHEDULED"), Some(PostStatus::Scheduled));
        assert_eq!(PostStatus::parse("draft"), None);
    }
}
