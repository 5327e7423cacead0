//! The publisher API's bodies, each its own OpenAPI schema. A claim's account carries its
//! tokens: the only body of the service that ever does.

use serde::Serialize;
use serde_json::Value;
use social_accounts_domain::publish::{Claim, ClaimedAccount, ClaimedPost, PreviousAttempt};
use social_accounts_domain::repository::Reported;
use social_accounts_domain::schedule::{Caption, Design};
use social_accounts_domain::{ClaimId, Timestamp};
use utoipa::ToSchema;

use super::openapi as components;

fn time(at: Option<Timestamp>) -> Option<String> {
    at.map(|t| t.to_string())
}

/// `POST /claims`'s answer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Claims)]
pub struct ClaimsView {
    /// Oldest `scheduledAt` first, then post id, then link order; empty when nothing is due.
    claims: Vec<ClaimView>,
}

impl ClaimsView {
    /// The view of `claims`.
    pub fn new(claims: Vec<Claim>) -> Self {
        Self {
            claims: claims.into_iter().map(ClaimView::new).collect(),
        }
    }
}

/// One claimed link.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Claim)]
pub struct ClaimView {
    claim_id: String,
    #[schema(format = DateTime)]
    lease_expires_at: String,
    #[schema(minimum = 1)]
    attempt: u32,
    #[schema(required)]
    previous_attempt: Option<PreviousAttemptView>,
    post: ClaimedPostView,
    account: ClaimedAccountView,
}

impl ClaimView {
    fn new(claim: Claim) -> Self {
        Self {
            claim_id: claim.claim_id.into_string(),
            lease_expires_at: claim.lease_expires_at.to_string(),
            attempt: claim.attempt,
            previous_attempt: claim.previous_attempt.map(PreviousAttemptView::new),
            post: ClaimedPostView::new(claim.post),
            account: ClaimedAccountView::new(claim.account),
        }
    }
}

/// How the link's previous counted attempt ended.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = PreviousAttempt)]
pub struct PreviousAttemptView {
    #[schema(schema_with = components::previous_outcome)]
    outcome: &'static str,
    #[schema(required)]
    error_message: Option<String>,
}

impl PreviousAttemptView {
    fn new(previous: PreviousAttempt) -> Self {
        Self {
            outcome: previous.outcome.as_str(),
            error_message: previous.error_message,
        }
    }
}

/// The post as the account's platform publishes it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ClaimedPost)]
pub struct ClaimedPostView {
    id: String,
    workspace_id: String,
    #[schema(format = DateTime)]
    scheduled_for: String,
    #[schema(required)]
    labels: Option<Vec<String>>,
    #[schema(required)]
    design_details: Option<DesignView>,
    /// `postSettings` (reel video settings), as stored.
    #[schema(required, value_type = Option<Object>)]
    post_settings: Option<Value>,
    /// The account platform's settings object (`linkedinPostSettings`, ...), as stored.
    #[schema(required, value_type = Option<Object>)]
    settings: Option<Value>,
    /// The platform's caption, else the `common` one.
    #[schema(required)]
    caption: Option<CaptionView>,
}

impl ClaimedPostView {
    fn new(post: ClaimedPost) -> Self {
        Self {
            id: post.id.into_string(),
            workspace_id: post.workspace_id.into_string(),
            scheduled_for: post.scheduled_for.to_string(),
            labels: post.labels,
            design_details: post.design.map(DesignView::new),
            post_settings: post.post_settings,
            settings: post.settings,
            caption: post.caption.map(CaptionView::new),
        }
    }
}

/// The post's design.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ClaimedDesign)]
pub struct DesignView {
    id: String,
    name: String,
    design_type: String,
    source: String,
}

impl DesignView {
    fn new(design: Design) -> Self {
        Self {
            id: design.id.into_string(),
            name: design.name,
            design_type: design.design_type,
            source: design.source,
        }
    }
}

/// A caption and its hashtags.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ClaimedCaption)]
pub struct CaptionView {
    text: String,
    hashtags: Vec<String>,
}

impl CaptionView {
    fn new(caption: Caption) -> Self {
        Self {
            text: caption.text,
            hashtags: caption.hashtags,
        }
    }
}

/// The account to publish with, and its tokens.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ClaimedAccount)]
pub struct ClaimedAccountView {
    id: String,
    #[schema(schema_with = components::platform)]
    platform_type: &'static str,
    #[schema(schema_with = components::account_type)]
    account_type: &'static str,
    account_handle: String,
    /// `null` for accounts imported before the operator API.
    #[schema(required)]
    external_id: Option<String>,
    access_token: String,
    #[schema(required)]
    refresh_token: Option<String>,
    #[schema(required, format = DateTime)]
    token_expires_at: Option<String>,
}

impl ClaimedAccountView {
    fn new(account: ClaimedAccount) -> Self {
        Self {
            id: account.id.into_string(),
            platform_type: account.platform.as_str(),
            account_type: account.account_type.as_str(),
            account_handle: account.handle,
            external_id: account.external_id,
            access_token: account.access_token.expose().to_owned(),
            refresh_token: account.refresh_token.map(|t| t.expose().to_owned()),
            token_expires_at: time(account.token_expires_at),
        }
    }
}

/// A heartbeat's answer.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Heartbeat)]
pub struct HeartbeatView {
    #[schema(format = DateTime)]
    lease_expires_at: String,
}

impl HeartbeatView {
    /// The lease's new end.
    pub fn new(at: Timestamp) -> Self {
        Self {
            lease_expires_at: at.to_string(),
        }
    }
}

/// A release's answer.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Released)]
pub struct ReleasedView {
    claim_id: String,
    /// Always `true`.
    released: bool,
}

impl ReleasedView {
    /// `claim` was given back.
    pub fn new(claim: ClaimId) -> Self {
        Self {
            claim_id: claim.into_string(),
            released: true,
        }
    }
}

/// A report's answer: the link as written, and its post's status.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Reported)]
pub struct ReportedView {
    link: ReportedLinkView,
    post: PostStatusView,
}

/// The reported link.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ReportedLink)]
pub struct ReportedLinkView {
    post_id: String,
    social_account_id: String,
    #[schema(schema_with = components::link_status)]
    status: &'static str,
    #[schema(required)]
    live_link: Option<String>,
    #[schema(required)]
    error_message: Option<String>,
    #[schema(required, format = DateTime)]
    published_at: Option<String>,
    /// Counted attempts so far.
    attempts: u32,
    /// A retried link is not claimed before this.
    #[schema(required, format = DateTime)]
    next_attempt_at: Option<String>,
}

/// A post's id and status, as every API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReportedPost)]
pub struct PostStatusView {
    id: String,
    #[schema(schema_with = components::post_status)]
    status: &'static str,
}

impl ReportedView {
    /// The view of a written report.
    pub fn new(reported: Reported) -> Self {
        let post_id = reported.post_id.into_string();
        Self {
            link: ReportedLinkView {
                post_id: post_id.clone(),
                social_account_id: reported.link.account_id.into_string(),
                status: reported.link.status.as_str(),
                live_link: reported.link.live_link,
                error_message: reported.link.error_message,
                published_at: time(reported.link.published_at),
                attempts: reported.attempts,
                next_attempt_at: time(reported.next_attempt_at),
            },
            post: PostStatusView {
                id: post_id,
                status: reported.post_status.as_str(),
            },
        }
    }
}
