//! The checks of a `scheduledPosts[]` record: history, shaped as the API shapes a post.
//!
//! Checked here, with the API's own validators: the types of every field, the caption keys
//! and values (`postContent`, the API's rule 8), each settings object (an object, allowed
//! where the deployment enables its platform, its fields by the same table as the API's
//! rule 6, in the same order), each link's fields. Not checked: the API's rules of time and
//! completeness (a future `scheduledAt`, a non-empty post, a design for LinkedIn, required
//! settings objects): history is imported as it was. Checked by the storage, against the
//! database: the design and every account in the post's workspace.
//!
//! Decisions where the contract is silent:
//! - `scheduledAt` is read as the API reads it ([`Timestamp::parse_request`]); when absent
//!   it is the record's `createdAt`, else the import's `now`. `createdAt` and the other
//!   dates are RFC 3339, as everywhere in the file.
//! - A blank or `null` `designId` is no design, as in the API; any other must be a valid id.
//! - `labels`: each 1 to 255 characters, not blank.
//! - A link's `liveLink` and `publishedAt` are only for a `PUBLISHED` link, its `errorMessage`
//!   (1 to 1000 characters) only for a `FAILED` one: what a publisher's report can produce.
//!   Link statuses are given, not derived, and a `FAILED` link may have no message.
//! - The post's own `publishedAt` and `errorMessage` follow from its links; when the file gives
//!   one (not `null`) it must be exactly what the links give, else the field is named.
//! - The reel default applies (`postSettings` `{"videoDuration": 30}` for a reel without it).

use std::collections::HashSet;

use serde_json::Value;

use super::file::{LinkRecord, ScheduledPostRecord};
use super::validate::{At, enabled_platform};
use super::{ImportError, NewScheduledPost, PostStatus};
use crate::schedule::{
    Caption, MAX_ERROR_LEN, PostLink, PostSettings, SettingsKey, SettingsViolation, WEB_URL_RULE,
    captions, check_object, is_web_url, post_error_message, post_published_at, settings_object,
};
use crate::{
    DesignId, LinkStatus, Platforms, ScheduledPostId, SocialAccountId, Timestamp, WorkspaceId,
};

impl ScheduledPostRecord {
    pub(super) fn validate(
        mut self,
        at: &At<'_>,
        now: Timestamp,
        platforms: &Platforms,
    ) -> Result<NewScheduledPost, ImportError> {
        let id = match self.id.as_deref() {
            Some(raw) => at.id("id", raw, ScheduledPostId::parse)?,
            None => ScheduledPostId::mint(),
        };
        let workspace_id = at.id("workspaceId", &self.workspace_id, WorkspaceId::parse)?;
        let status = PostStatus::parse(&self.status).ok_or_else(|| {
            at.error(
                "status",
                format!(
                    "{:?} is not a post status (expected one of: {})",
                    self.status,
                    PostStatus::names()
                ),
            )
        })?;
        let created_at = at
            .timestamp("createdAt", self.created_at.as_deref())?
            .unwrap_or(now);
        let scheduled_at = match self.scheduled_at.as_deref() {
            None => created_at,
            Some(raw) => {
                Timestamp::parse_request(raw).map_err(|e| at.error("scheduledAt", e.to_string()))?
            }
        };
        let design_id = self
            .design_id
            .as_deref()
            .filter(|raw| !raw.trim().is_empty())
            .map(|raw| at.id("designId", raw, DesignId::parse))
            .transpose()?;
        let labels = self
            .labels
            .take()
            .map(|labels| {
                labels
                    .into_iter()
                    .enumerate()
                    .map(|(i, label)| at.text(&format!("labels[{i}]"), label))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let captions = post_content(at, self.post_content.take(), platforms)?;
        let settings = settings(at, self.take_settings(), status, platforms)?;
        let links = links(at, self.social_accounts)?;
        if let Some(raw) = self.published_at.as_deref() {
            let given = at.timestamp("publishedAt", Some(raw))?;
            let derived = post_published_at(&links);
            if given != derived {
                let derived = derived.map_or_else(|| "null".to_owned(), |t| t.to_string());
                return Err(at.error(
                    "publishedAt",
                    format!(
                        "must agree with the links, which give {derived} (the latest link \
                         publishedAt once every link is PUBLISHED)"
                    ),
                ));
            }
        }
        if let Some(given) = self.error_message.as_deref() {
            let derived = post_error_message(&links);
            if Some(given) != derived {
                let derived = derived.map_or_else(|| "null".to_owned(), |e| format!("{e:?}"));
                return Err(at.error(
                    "errorMessage",
                    format!(
                        "must agree with the links, which give {derived} (the errorMessage of \
                         the first FAILED link)"
                    ),
                ));
            }
        }
        Ok(NewScheduledPost {
            id,
            workspace_id,
            status,
            scheduled_at,
            design_id,
            labels,
            captions,
            settings,
            links,
            created_at,
        })
    }
}

/// `postContent` as the API's rules 5 and 8 check it.
fn post_content(
    at: &At<'_>,
    content: Option<Value>,
    platforms: &Platforms,
) -> Result<Vec<Caption>, ImportError> {
    match content {
        None => Ok(Vec::new()),
        Some(Value::Object(content)) => {
            captions(&content, platforms).map_err(|e| at.error("postContent", e.0))
        }
        Some(_) => Err(at.error("postContent", "Post content must be an object")),
    }
}

/// The settings objects, in the order of the API's rule 6: each allowed where the deployment
/// enables its platform, an object, and valid by its fields for a post with `status`.
fn settings(
    at: &At<'_>,
    mut given: [(SettingsKey, Option<Value>); SettingsKey::ALL.len()],
    status: PostStatus,
    platforms: &Platforms,
) -> Result<PostSettings, ImportError> {
    let allowed = SettingsKey::allowed(platforms);
    let mut settings = PostSettings::default();
    for key in SettingsKey::RULE_ORDER {
        let Some(value) = given
            .iter_mut()
            .find(|(k, _)| *k == key)
            .and_then(|(_, value)| value.take())
        else {
            continue;
        };
        let name = key.as_str();
        if !allowed.contains(&key) {
            let platform = key.platform().map_or("", |p| p.as_str());
            let message = enabled_platform(platform, platforms)
                .err()
                .unwrap_or_default();
            return Err(at.error(name, message));
        }
        settings_object(key, Some(&value)).map_err(|e| at.error(name, e.0))?;
        check_object(key, &value, status).map_err(|violation| settings_error(at, violation))?;
        settings.set(key, value);
    }
    Ok(settings.with_reel_default())
}

/// A settings rule broken, at `scheduledPosts[i].<object>.<field>`.
fn settings_error(at: &At<'_>, violation: SettingsViolation) -> ImportError {
    let path = match &violation.field {
        Some(field) => format!("{}.{field}", violation.object),
        None => violation.object.to_string(),
    };
    at.error(&path, violation.problem)
}

/// The links in file order: each account once, a known status, and the outcome fields only
/// where a publisher's report would set them.
fn links(at: &At<'_>, records: Vec<LinkRecord>) -> Result<Vec<PostLink>, ImportError> {
    let mut seen = HashSet::new();
    let mut links = Vec::with_capacity(records.len());
    for (i, link) in records.into_iter().enumerate() {
        let field = |name: &str| format!("socialAccounts[{i}].{name}");
        let account_id = SocialAccountId::parse(&link.social_account_id)
            .map_err(|e| at.error(&field("socialAccountId"), e.to_string()))?;
        if !seen.insert(account_id.clone()) {
            return Err(at.error(
                &field("socialAccountId"),
                format!("account {account_id} appears twice in this post"),
            ));
        }
        let status = LinkStatus::parse(&link.status).ok_or_else(|| {
            at.error(
                &field("status"),
                format!(
                    "{:?} is not a link status (expected one of: {})",
                    link.status,
                    LinkStatus::names()
                ),
            )
        })?;
        let only_for = |name: &str, wanted: LinkStatus| {
            at.error(
                &field(name),
                format!("is only for a {wanted} link (this one is {status})"),
            )
        };
        if let Some(live_link) = &link.live_link {
            if status != LinkStatus::Published {
                return Err(only_for("liveLink", LinkStatus::Published));
            }
            if !is_web_url(live_link) {
                return Err(at.error(&field("liveLink"), WEB_URL_RULE));
            }
        }
        if let Some(error) = &link.error_message {
            if status != LinkStatus::Failed {
                return Err(only_for("errorMessage", LinkStatus::Failed));
            }
            if error.trim().is_empty() || error.chars().count() > MAX_ERROR_LEN {
                return Err(at.error(
                    &field("errorMessage"),
                    format!("must be 1 to {MAX_ERROR_LEN} characters"),
                ));
            }
        }
        if link.published_at.is_some() && status != LinkStatus::Published {
            return Err(only_for("publishedAt", LinkStatus::Published));
        }
        links.push(PostLink {
            account_id,
            status,
            live_link: link.live_link,
            error_message: link.error_message,
            published_at: at.timestamp(&field("publishedAt"), link.published_at.as_deref())?,
        });
    }
    Ok(links)
}
