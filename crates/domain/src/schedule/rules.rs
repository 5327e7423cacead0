//! The business rules of a create or replace (the contract's rules 1 to 6, in order), run on
//! a [`PostRequest`] once the storage has looked up its design and accounts. The same shape
//! and ownership rules, without those of time and completeness, check imported history
//! ([`check_history`]).
//!
//! Rule 6 walks the settings objects in the contract's table order (Instagram, TikTok,
//! LinkedIn, Threads, Facebook, Pinterest, then `postSettings`); for each, a required object
//! that is missing is reported, and a present one is checked field by field
//! ([`check_object`]). A present object is always checked, required or not, also when no
//! selected account is on its platform.

use std::collections::HashMap;

use super::settings_rules::{SettingsViolation, check_object, required_object};
use super::{Caption, Design, PostRequest, PostSettings, SettingsKey};
use crate::{DesignId, LinkStatus, Platform, PostStatus, SocialAccountId, Timestamp};

/// A business rule broken: answered 400 `{"success":false,"message":m,"error":m}` with this
/// message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RuleViolation(pub String);

impl From<SettingsViolation> for RuleViolation {
    fn from(violation: SettingsViolation) -> Self {
        Self(violation.to_string())
    }
}

fn violation(message: &str) -> RuleViolation {
    RuleViolation(message.to_owned())
}

impl RuleViolation {
    /// Rule 3: a selected account is not one of the caller's. Also what a link to an account
    /// deleted while the post was being written is refused with.
    #[must_use]
    pub fn not_your_account() -> Self {
        violation("Selected accounts must belong to your workspace")
    }
}

/// A post that passed every rule: what the storage writes (a create, or a replace of the
/// post's fields, captions and all its links).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// `DRAFT` or `SCHEDULED`.
    pub status: PostStatus,
    /// When to publish.
    pub scheduled_at: Timestamp,
    /// The design, found in the caller's workspace.
    pub design_id: Option<DesignId>,
    /// The non-blank captions, in [`CaptionKey`](super::CaptionKey) order.
    pub captions: Vec<Caption>,
    /// The settings objects as sent, with the reel default applied.
    pub settings: PostSettings,
    /// One link per selected account, in `selectedAccounts` order.
    pub accounts: Vec<SocialAccountId>,
    /// Every link's status: `DRAFT` for a draft, else `PENDING`.
    pub link_status: LinkStatus,
}

/// Applies the business rules in order, the first failure winning. `design` is the design the
/// storage found for `request.design_id` in the caller's workspace (`None` when none was
/// asked for or none was found; one with another id counts as not found); `accounts` are the
/// selected accounts it found in that workspace, with their platforms, in any order.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use social_accounts_domain::schedule::{Design, PostRequest, check};
/// use social_accounts_domain::{
///     DesignId, LinkStatus, Platform, Platforms, SocialAccountId, Timestamp,
/// };
///
/// let now = Timestamp::parse("2026-06-19T12:00:00Z")?;
/// let design = Design {
///     id: DesignId::parse("design_1")?,
///     name: "Q3 carousel".to_owned(),
///     design_type: "carousel".to_owned(),
///     source: "editor".to_owned(),
/// };
/// // What the storage found of the selected accounts in the caller's workspace.
/// let found = [(SocialAccountId::parse("acc_1")?, Platform::Linkedin)];
/// let request = |changes: serde_json::Value| {
///     let mut body = json!({
///         "status": "SCHEDULED",
///         "scheduledAt": "2026-06-20T10:00:00Z",
///         "postContent": {"common": "Launch day #relaunch"},
///         "selectedAccounts": ["acc_1"],
///     });
///     for (key, value) in changes.as_object().into_iter().flatten() {
///         body[key] = value.clone();
///     }
///     PostRequest::parse(&body, &Platforms::contract())
/// };
///
/// // The first broken rule answers (400), in the contract's order.
/// let refused = check(request(json!({}))?, now, None, &found).unwrap_err();
/// assert_eq!(refused.to_string(), "A design is required to schedule to LinkedIn");
/// let with_design = request(json!({"designId": "design_1"}))?;
/// let refused = check(with_design, now, Some(&design), &found).unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "linkedinPostSettings is required when a LinkedIn account is selected"
/// );
/// let past = request(json!({"scheduledAt": "2026-06-19T11:59:59Z"}))?;
/// let refused = check(past, now, None, &found).unwrap_err();
/// assert_eq!(refused.to_string(), "Scheduled at is in the past");
///
/// let complete = request(json!({
///     "designId": "design_1",
///     "linkedinPostSettings": {"postType": "carousel"},
/// }))?;
/// let post = check(complete, now, Some(&design), &found)?;
/// assert_eq!(post.design_id, Some(design.id));
/// assert_eq!(post.accounts, [SocialAccountId::parse("acc_1")?]);
/// assert_eq!(post.link_status, LinkStatus::Pending);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(
    request: PostRequest,
    now: Timestamp,
    design: Option<&Design>,
    accounts: &[(SocialAccountId, Platform)],
) -> Result<NewPost, RuleViolation> {
    check_rules(request, Some(now), design, accounts)
}

/// The rules for history (the import): the design and every account must be found, and
/// present settings objects must pass their field rules; there is no rule of time or
/// completeness (a past `scheduledAt`, no caption, no design for LinkedIn, a missing
/// required settings object are all accepted).
pub fn check_history(
    request: PostRequest,
    design: Option<&Design>,
    accounts: &[(SocialAccountId, Platform)],
) -> Result<NewPost, RuleViolation> {
    check_rules(request, None, design, accounts)
}

/// The rules; `now` is `None` for history, which skips those of time and completeness.
fn check_rules(
    request: PostRequest,
    now: Option<Timestamp>,
    design: Option<&Design>,
    accounts: &[(SocialAccountId, Platform)],
) -> Result<NewPost, RuleViolation> {
    let complete = now.is_some();
    // Rule 1.
    if now.is_some_and(|now| request.scheduled_at <= now) {
        return Err(violation("Scheduled at is in the past"));
    }
    // Rule 2.
    let design = match &request.design_id {
        None => None,
        Some(id) => Some(
            design
                .filter(|design| design.id.as_str() == id)
                .ok_or_else(|| violation("Design not found."))?,
        ),
    };
    // Rule 3.
    let found: HashMap<&str, (&SocialAccountId, Platform)> = accounts
        .iter()
        .map(|(id, platform)| (id.as_str(), (id, *platform)))
        .collect();
    let mut linked = Vec::with_capacity(request.selected_accounts.len());
    let mut platforms = Vec::new();
    for id in &request.selected_accounts {
        let (account, platform) = found
            .get(id.as_str())
            .ok_or_else(RuleViolation::not_your_account)?;
        linked.push((*account).clone());
        if !platforms.contains(platform) {
            platforms.push(*platform);
        }
    }
    // Rule 4.
    if complete && design.is_none() && request.captions.is_empty() {
        return Err(violation(
            "Post content must be a non-empty caption when no design is attached",
        ));
    }
    // Rule 5.
    if complete
        && request.status == PostStatus::Scheduled
        && design.is_none()
        && let Some(platform) = Platform::ALL
            .into_iter()
            .find(|platform| platform.facts().design_to_schedule && platforms.contains(platform))
    {
        return Err(RuleViolation(format!(
            "A design is required to schedule to {}",
            platform.display_name()
        )));
    }
    // Rule 6.
    for key in SettingsKey::RULE_ORDER {
        match request.settings.get(key) {
            Some(object) => check_object(key, object, request.status)?,
            None if complete => {
                if let Some(missing) = required_object(key, &platforms, design.is_some()) {
                    return Err(missing.into());
                }
            }
            None => {}
        }
    }
    Ok(NewPost {
        status: request.status,
        scheduled_at: request.scheduled_at,
        design_id: design.map(|design| design.id.clone()),
        captions: request.captions,
        settings: request.settings.with_reel_default(),
        accounts: linked,
        link_status: match request.status {
            PostStatus::Draft => LinkStatus::Draft,
            PostStatus::Scheduled => LinkStatus::Pending,
        },
    })
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
