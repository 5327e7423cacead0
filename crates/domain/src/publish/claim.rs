//! What a claim hands a publisher: the link's post as its platform publishes it, and the
//! account with its tokens (the only place a token ever leaves the service).

use serde_json::Value;

use super::PreviousOutcome;
use crate::schedule::{Caption, CaptionKey, Design, ScheduledPost, SettingsKey};
use crate::{
    AccountType, ClaimId, Platform, ScheduledPostId, SocialAccountId, Timestamp, TokenSecret,
    WorkspaceId,
};

/// The longest lease a claim or heartbeat may ask for, in seconds.
pub const MAX_LEASE_SECONDS: u32 = 3600;
/// The shortest lease, in seconds.
pub const MIN_LEASE_SECONDS: u32 = 10;
/// The lease when none is asked for, in seconds.
pub const DEFAULT_LEASE_SECONDS: u32 = 120;
/// The most links one claim takes.
pub const MAX_CLAIM_LIMIT: u32 = 100;
/// Links one claim takes when the request does not say.
pub const DEFAULT_CLAIM_LIMIT: u32 = 10;

/// `POST /claims`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRequest {
    /// At most this many links (1 to [`MAX_CLAIM_LIMIT`]).
    pub limit: u32,
    /// Each lease lasts this many seconds ([`MIN_LEASE_SECONDS`] to [`MAX_LEASE_SECONDS`]).
    pub lease_seconds: u32,
    /// Only links of accounts on these platforms; `None`: every served platform.
    pub platforms: Option<Vec<Platform>>,
}

/// What the previous counted attempt of a claimed link came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousAttempt {
    /// Lease expired, or a retryable failure.
    pub outcome: PreviousOutcome,
    /// The failure's message (`None` after an expired lease).
    pub error_message: Option<String>,
}

/// One claimed link: held by this claim until `lease_expires_at`.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// What heartbeats, reports and releases name.
    pub claim_id: ClaimId,
    /// The lease ends then unless a heartbeat extends it.
    pub lease_expires_at: Timestamp,
    /// Which counted attempt this is (1 for the first).
    pub attempt: u32,
    /// How the previous counted attempt ended; `None` on the first.
    pub previous_attempt: Option<PreviousAttempt>,
    /// The post to publish.
    pub post: ClaimedPost,
    /// The account to publish it with.
    pub account: ClaimedAccount,
}

/// A post as one platform publishes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedPost {
    /// The post's id.
    pub id: ScheduledPostId,
    /// Its workspace.
    pub workspace_id: WorkspaceId,
    /// When it was to be published.
    pub scheduled_for: Timestamp,
    /// Its labels, if any.
    pub labels: Option<Vec<String>>,
    /// The design it publishes, if any.
    pub design: Option<Design>,
    /// Its `postSettings` (reel video settings), if any.
    pub post_settings: Option<Value>,
    /// The account platform's settings object (`linkedinPostSettings`, ...), if any.
    pub settings: Option<Value>,
    /// The platform's caption, else the `common` one, if any.
    pub caption: Option<Caption>,
}

impl ClaimedPost {
    /// `post` (of `workspace_id`) as it goes out on `platform`.
    #[must_use]
    pub fn of(post: &ScheduledPost, workspace_id: WorkspaceId, platform: Platform) -> Self {
        let caption_for = |key: CaptionKey| post.captions.iter().find(|c| c.key == key);
        Self {
            id: post.id.clone(),
            workspace_id,
            scheduled_for: post.scheduled_for,
            labels: post.labels.clone(),
            design: post.design.clone(),
            post_settings: post.settings.get(SettingsKey::Post).cloned(),
            settings: post.settings.get(SettingsKey::Platform(platform)).cloned(),
            caption: caption_for(CaptionKey::Platform(platform))
                .or_else(|| caption_for(CaptionKey::Common))
                .cloned(),
        }
    }
}

/// The account a link publishes with, tokens opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedAccount {
    /// The account's id.
    pub id: SocialAccountId,
    /// Its platform.
    pub platform: Platform,
    /// Its kind.
    pub account_type: AccountType,
    /// Its handle.
    pub handle: String,
    /// The platform's id of it (`None` for accounts imported before the operator API).
    pub external_id: Option<String>,
    /// The OAuth access token.
    pub access_token: TokenSecret,
    /// The refresh token, if one was given.
    pub refresh_token: Option<TokenSecret>,
    /// When the access token expires, if known.
    pub token_expires_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LinkStatus;
    use crate::schedule::{PostLink, PostSettings};
    use serde_json::json;

    fn post(captions: Vec<Caption>) -> ScheduledPost {
        let now = Timestamp::parse("2026-12-03T10:00:00Z").unwrap();
        ScheduledPost {
            id: ScheduledPostId::parse("post_1").unwrap(),
            design: None,
            labels: None,
            status: crate::PostStatus::Scheduled,
            scheduled_for: now,
            settings: PostSettings::new([
                (
                    SettingsKey::Platform(Platform::Linkedin),
                    json!({"postType": "image"}),
                ),
                (SettingsKey::Post, json!({"videoDuration": 3})),
            ]),
            captions,
            links: vec![PostLink {
                account_id: SocialAccountId::parse("acc_1").unwrap(),
                status: LinkStatus::Pending,
                live_link: None,
                error_message: None,
                published_at: None,
            }],
            created_at: now,
            updated_at: now,
        }
    }

    fn ws() -> WorkspaceId {
        WorkspaceId::parse("ws_1").unwrap()
    }

    #[test]
    fn the_platforms_caption_and_settings_else_the_common_caption() {
        let both = post(vec![
            Caption::new(CaptionKey::Common, "for all"),
            Caption::new(CaptionKey::Platform(Platform::Linkedin), "for #linkedin"),
        ]);
        let linkedin = ClaimedPost::of(&both, ws(), Platform::Linkedin);
        assert_eq!(
            linkedin.caption.map(|c| c.text).as_deref(),
            Some("for #linkedin")
        );
        assert_eq!(linkedin.settings, Some(json!({"postType": "image"})));
        assert_eq!(linkedin.post_settings, Some(json!({"videoDuration": 3})));
        let instagram = ClaimedPost::of(&both, ws(), Platform::Instagram);
        assert_eq!(
            instagram.caption.map(|c| c.text).as_deref(),
            Some("for all")
        );
        assert_eq!(instagram.settings, None);
        assert_eq!(
            ClaimedPost::of(&post(Vec::new()), ws(), Platform::Tiktok).caption,
            None
        );
    }
}
