//! A scheduled post's status: the one it is stored with ([`PostStatus`], what a request may
//! set) and the one every API shows ([`ShownStatus`]), which follows from its links once
//! publishing is over.

use crate::LinkStatus;
use crate::wire_enum::wire_enum;

wire_enum! {
    /// A scheduled post's own status, as a request sets it and storage keeps it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum PostStatus {
        /// Not scheduled yet.
        Draft = "DRAFT",
        /// To be published at its `scheduledAt`; its links are `PENDING` until then.
        Scheduled = "SCHEDULED",
    }
}

wire_enum! {
    /// A post's status as every API shows it ([`PostStatus::shown`]): the stored one, or, for
    /// a `SCHEDULED` post whose links are all done, how publishing went.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ShownStatus {
        /// Not scheduled yet.
        Draft = "DRAFT",
        /// Scheduled; at least one link is still to be published (or it has none).
        Scheduled = "SCHEDULED",
        /// Every link was published.
        Published = "PUBLISHED",
        /// Every link failed for good.
        Failed = "FAILED",
        /// Some links were published and the others failed for good.
        PartiallyFailed = "PARTIALLY_FAILED",
    }
}

impl PostStatus {
    /// The status every API shows for a post stored with `self` whose links have `links`:
    /// once a `SCHEDULED` post has links and every one is `PUBLISHED` or `FAILED`, it is
    /// `PUBLISHED` (all published), `FAILED` (all failed) or `PARTIALLY_FAILED`; otherwise the
    /// stored status. The one place this is decided: views of every API call it, so links set
    /// by a publisher, the CLI or the import all count.
    ///
    /// ```
    /// use social_accounts_domain::{LinkStatus, PostStatus, ShownStatus};
    /// use LinkStatus::{Failed, Pending, Published};
    ///
    /// assert_eq!(PostStatus::Scheduled.shown([Published, Failed]), ShownStatus::PartiallyFailed);
    /// assert_eq!(PostStatus::Scheduled.shown([Published, Pending]), ShownStatus::Scheduled);
    /// assert_eq!(PostStatus::Scheduled.shown([]), ShownStatus::Scheduled);
    /// ```
    #[must_use]
    pub fn shown(self, links: impl IntoIterator<Item = LinkStatus>) -> ShownStatus {
        if self == PostStatus::Draft {
            return ShownStatus::Draft;
        }
        let (mut published, mut failed, mut open) = (0_usize, 0_usize, 0_usize);
        for status in links {
            match status {
                LinkStatus::Published => published += 1,
                LinkStatus::Failed => failed += 1,
                LinkStatus::Draft | LinkStatus::Pending => open += 1,
            }
        }
        match (published, failed, open) {
            (_, _, 1..) | (0, 0, 0) => ShownStatus::Scheduled,
            (_, 0, 0) => ShownStatus::Published,
            (0, _, 0) => ShownStatus::Failed,
            _ => ShownStatus::PartiallyFailed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkStatus::{Draft, Failed, Pending, Published};

    #[test]
    fn names() {
        assert_eq!(PostStatus::names(), "DRAFT, SCHEDULED");
        assert_eq!(PostStatus::parse("SCHEDULED"), Some(PostStatus::Scheduled));
        assert_eq!(PostStatus::parse("draft"), None);
        assert_eq!(PostStatus::parse("PUBLISHED"), None);
        assert_eq!(
            ShownStatus::names(),
            "DRAFT, SCHEDULED, PUBLISHED, FAILED, PARTIALLY_FAILED"
        );
    }

    #[test]
    fn a_scheduled_post_shows_how_publishing_went_once_every_link_is_done() {
        let scheduled = PostStatus::Scheduled;
        assert_eq!(scheduled.shown([Published]), ShownStatus::Published);
        assert_eq!(
            scheduled.shown([Published, Published]),
            ShownStatus::Published
        );
        assert_eq!(scheduled.shown([Failed, Failed]), ShownStatus::Failed);
        assert_eq!(
            scheduled.shown([Failed, Published]),
            ShownStatus::PartiallyFailed
        );
        assert_eq!(
            scheduled.shown([Published, Pending]),
            ShownStatus::Scheduled
        );
        assert_eq!(scheduled.shown([Failed, Pending]), ShownStatus::Scheduled);
        // A post without links has nothing to publish: it stays as stored.
        assert_eq!(scheduled.shown([]), ShownStatus::Scheduled);
    }

    #[test]
    fn a_draft_stays_a_draft() {
        assert_eq!(PostStatus::Draft.shown([Draft]), ShownStatus::Draft);
        // Links set by hand on a draft (the CLI can) do not make it published.
        assert_eq!(PostStatus::Draft.shown([Published]), ShownStatus::Draft);
        assert_eq!(PostStatus::Draft.shown([]), ShownStatus::Draft);
    }
}
