//! The read model: a scheduled post as the API shows it, with its links. The post's own
//! `publishedAt` and `errorMessage` are not stored: they follow from its links.

use super::{Caption, Design, PostSettings};
use crate::{LinkStatus, PostStatus, ScheduledPostId, ShownStatus, SocialAccountId, Timestamp};

/// One link of a post: its outcome on one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostLink {
    /// The account published to.
    pub account_id: SocialAccountId,
    /// Its publish status.
    pub status: LinkStatus,
    /// The published post's URL, once published.
    pub live_link: Option<String>,
    /// Why publishing failed.
    pub error_message: Option<String>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
}

/// A scheduled post or draft, as `GET /schedule` and `GET /schedule/:id` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledPost {
    /// Its id, minted at creation (or the import file's).
    pub id: ScheduledPostId,
    /// Its design (`designDetails`), if any.
    pub design: Option<Design>,
    /// Labels, from the import only; `None` is `null`.
    pub labels: Option<Vec<String>>,
    /// `DRAFT` or `SCHEDULED`.
    pub status: PostStatus,
    /// When it is to be published (the request's `scheduledAt`).
    pub scheduled_for: Timestamp,
    /// The settings objects as stored.
    pub settings: PostSettings,
    /// The non-blank captions, in [`CaptionKey`](super::CaptionKey) order.
    pub captions: Vec<Caption>,
    /// Its links, in `selectedAccounts` (or import file) order.
    pub links: Vec<PostLink>,
    /// When it was created; a replace keeps it.
    pub created_at: Timestamp,
    /// Last replaced at.
    pub updated_at: Timestamp,
}

impl ScheduledPost {
    /// The status every API shows: see [`PostStatus::shown`].
    #[must_use]
    pub fn shown_status(&self) -> ShownStatus {
        self.status.shown(self.links.iter().map(|link| link.status))
    }

    /// The post's `publishedAt`: see [`post_published_at`].
    #[must_use]
    pub fn published_at(&self) -> Option<Timestamp> {
        post_published_at(&self.links)
    }

    /// The post's `errorMessage`: see [`post_error_message`].
    #[must_use]
    pub fn error_message(&self) -> Option<&str> {
        post_error_message(&self.links)
    }
}

/// A post's `publishedAt` from its links: the latest link `publishedAt` once every link is
/// `PUBLISHED`; `None` while one is not, or when the post has no links (or no published link
/// has a date).
#[must_use]
pub fn post_published_at(links: &[PostLink]) -> Option<Timestamp> {
    if links
        .iter()
        .all(|link| link.status == LinkStatus::Published)
    {
        links.iter().filter_map(|link| link.published_at).max()
    } else {
        None
    }
}

/// A post's `errorMessage` from its links: the error of the first `FAILED` link in link
/// order; `None` when no link failed.
#[must_use]
pub fn post_error_message(links: &[PostLink]) -> Option<&str> {
    links
        .iter()
        .find(|link| link.status == LinkStatus::Failed)
        .and_then(|link| link.error_message.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> Timestamp {
        Timestamp::parse(raw).unwrap()
    }

    fn link(status: LinkStatus, published_at: Option<&str>, error: Option<&str>) -> PostLink {
        PostLink {
            account_id: SocialAccountId::parse("acc_1").unwrap(),
            status,
            live_link: None,
            error_message: error.map(str::to_owned),
            published_at: published_at.map(at),
        }
    }

    fn post(links: Vec<PostLink>) -> ScheduledPost {
        let now = at("2026-06-19T12:00:00Z");
        ScheduledPost {
            id: ScheduledPostId::parse("post_1").unwrap(),
            design: None,
            labels: None,
            status: PostStatus::Scheduled,
            scheduled_for: now,
            settings: PostSettings::default(),
            captions: Vec::new(),
            links,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn published_once_every_link_is_published_at_the_latest_date() {
        use LinkStatus::{Failed, Pending, Published};
        let both = post(vec![
            link(Published, Some("2026-06-20T10:05:00Z"), None),
            link(Published, Some("2026-06-20T10:01:00Z"), None),
        ]);
        assert_eq!(both.published_at(), Some(at("2026-06-20T10:05:00Z")));
        let one_pending = post(vec![
            link(Published, Some("2026-06-20T10:05:00Z"), None),
            link(Pending, None, None),
        ]);
        assert_eq!(one_pending.published_at(), None);
        let one_failed = post(vec![
            link(Published, Some("2026-06-20T10:05:00Z"), None),
            link(Failed, None, Some("boom")),
        ]);
        assert_eq!(one_failed.published_at(), None);
        assert_eq!(post(Vec::new()).published_at(), None);
        assert_eq!(post(vec![link(Published, None, None)]).published_at(), None);
    }

    #[test]
    fn the_error_is_the_first_failed_links() {
        use LinkStatus::{Draft, Failed, Published};
        let failed = post(vec![
            link(Published, Some("2026-06-20T10:05:00Z"), None),
            link(Failed, None, Some("first")),
            link(Failed, None, Some("second")),
        ]);
        assert_eq!(failed.error_message(), Some("first"));
        assert_eq!(post(vec![link(Draft, None, None)]).error_message(), None);
        assert_eq!(post(Vec::new()).error_message(), None);
        let silent = post(vec![
            link(Failed, None, None),
            link(Failed, None, Some("x")),
        ]);
        assert_eq!(silent.error_message(), None);
    }
}
