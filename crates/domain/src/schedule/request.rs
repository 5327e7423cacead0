//! Edge validation of a `POST /schedule` or `PUT /schedule/:id` body: the request's shape, the
//! contract's edge rules 1 to 8 in order, the first failure answered with its exact message.
//!
//! Decisions where the contract is silent: a blank `designId` (empty or whitespace) is no
//! design, like `null`; other strings are kept as sent, untrimmed, and one that cannot be a
//! valid id is simply not found later (`Design not found.`). Selected account ids are kept as
//! sent too (untrimmed), so one with stray spaces belongs to no workspace. A `null` caption
//! value is a value that is not a string; `null` counts as absent only for `postContent`,
//! `selectedAccounts` and the settings keys.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{Caption, CaptionKey, PostSettings, SettingsKey};
use crate::{Platforms, PostStatus, Timestamp};

/// A request-shape failure: answered 422 `{"status":false,"message":…}` with this message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EdgeError(pub String);

fn edge(message: impl Into<String>) -> EdgeError {
    EdgeError(message.into())
}

/// A body that passed the edge rules: typed, not yet checked against the workspace or the
/// clock (that is [`check`](super::check)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRequest {
    /// `DRAFT` or `SCHEDULED`.
    pub status: PostStatus,
    /// When to publish, in UTC milliseconds.
    pub scheduled_at: Timestamp,
    /// The requested design's id as sent; `None` when absent, `null` or blank.
    pub design_id: Option<String>,
    /// The non-blank captions, in [`CaptionKey`] order whatever the JSON's key order.
    pub captions: Vec<Caption>,
    /// The selected account ids, duplicates dropped (the first occurrence keeps its place).
    pub selected_accounts: Vec<String>,
    /// The settings objects as sent; the reel default is not applied yet.
    pub settings: PostSettings,
}

/// The top-level keys every deployment accepts, besides [`SettingsKey::allowed`].
const KEYS: [&str; 5] = [
    "status",
    "scheduledAt",
    "designId",
    "postContent",
    "selectedAccounts",
];

impl PostRequest {
    /// Applies the edge rules to a request body, in the contract's order; `platforms` (the
    /// enabled ones) decide which settings and caption keys exist.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use social_accounts_domain::schedule::PostRequest;
    /// use social_accounts_domain::{CaptionKey, Platforms, PostStatus};
    ///
    /// let platforms = Platforms::contract();
    /// let body = json!({
    ///     "status": "DRAFT",
    ///     "scheduledAt": "2026-12-01T10:00:00+01:00",
    ///     "postContent": {"linkedin": "For LinkedIn", "common": "Launch day #relaunch"},
    ///     "selectedAccounts": ["acc_1", "acc_2", "acc_1"],
    /// });
    /// let request = PostRequest::parse(&body, &platforms)?;
    /// assert_eq!(request.status, PostStatus::Draft);
    /// assert_eq!(request.scheduled_at.to_string(), "2026-12-01T09:00:00.000Z");
    /// // Captions in `CaptionKey` order, with their hashtags; duplicate accounts dropped.
    /// assert_eq!(request.captions[0].key, CaptionKey::Common);
    /// assert_eq!(request.captions[0].hashtags, ["relaunch"]);
    /// assert_eq!(request.selected_accounts, ["acc_1", "acc_2"]);
    ///
    /// // The first failing edge rule answers (422), with the contract's message.
    /// let error = |body| PostRequest::parse(&body, &platforms).unwrap_err().to_string();
    /// assert_eq!(error(json!({"status": "PUBLISHED"})), "Status must be 'DRAFT' or 'SCHEDULED'");
    /// assert_eq!(error(json!({"status": "DRAFT"})), "Scheduled at is required");
    /// assert_eq!(error(json!({"title": "?"})), "Extra parameters passed in the body.");
    /// // Facebook settings exist only where Facebook is enabled.
    /// assert_eq!(
    ///     error(json!({"facebookPostSettings": {}})),
    ///     "Extra parameters passed in the body."
    /// );
    /// # Ok::<(), social_accounts_domain::EdgeError>(())
    /// ```
    pub fn parse(body: &Value, platforms: &Platforms) -> Result<Self, EdgeError> {
        let body = body
            .as_object()
            .ok_or_else(|| edge("Request body must be a JSON object"))?;
        // Rule 1.
        let settings_keys = SettingsKey::allowed(platforms);
        if body.keys().any(|key| {
            !KEYS.contains(&key.as_str()) && !settings_keys.iter().any(|s| s.as_str() == key)
        }) {
            return Err(edge("Extra parameters passed in the body."));
        }
        // Rule 2.
        let status = match given(body.get("status")) {
            None => return Err(edge("Status is required")),
            Some(value) => value
                .as_str()
                .and_then(PostStatus::parse)
                .ok_or_else(|| edge("Status must be 'DRAFT' or 'SCHEDULED'"))?,
        };
        // Rule 3.
        let scheduled_at = match given(body.get("scheduledAt")) {
            None => return Err(edge("Scheduled at is required")),
            Some(Value::String(raw)) => Timestamp::parse_request(raw)
                .map_err(|_| edge("Scheduled at is not a valid date"))?,
            Some(_) => return Err(edge("Scheduled at must be a string")),
        };
        // Rule 4.
        let design_id = match body.get("designId") {
            None | Some(Value::Null) => None,
            Some(Value::String(id)) => Some(id.clone()).filter(|id| !id.trim().is_empty()),
            Some(_) => return Err(edge("Design id must be a string")),
        };
        // Rule 5.
        let content = match body.get("postContent") {
            None | Some(Value::Null) => None,
            Some(Value::Object(content)) => Some(content),
            Some(_) => return Err(edge("Post content must be an object")),
        };
        // Rule 6.
        let accounts = match body.get("selectedAccounts") {
            None | Some(Value::Null) => None,
            Some(Value::Array(accounts)) => Some(accounts),
            Some(_) => return Err(edge("Selected accounts must be an array")),
        };
        // Rule 7 (a key that is not allowed here was refused by rule 1).
        let mut settings = PostSettings::default();
        for key in SettingsKey::EDGE_ORDER {
            if let Some(object) = settings_object(key, body.get(key.as_str()))? {
                settings.set(key, Value::Object(object.clone()));
            }
        }
        // Rule 8.
        let captions = content
            .map(|content| captions(content, platforms))
            .transpose()?
            .unwrap_or_default();
        let selected_accounts = accounts
            .map(|accounts| account_ids(accounts))
            .transpose()?
            .unwrap_or_default();
        Ok(Self {
            status,
            scheduled_at,
            design_id,
            captions,
            selected_accounts,
            settings,
        })
    }
}

/// A required value as given: `None` when absent, `null`, or an empty or blank string.
fn given(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    })
}

/// Rule 7 for one key: the object, `None` when absent or `null`, or the key's "must be an
/// object" message.
pub(crate) fn settings_object(
    key: SettingsKey,
    value: Option<&Value>,
) -> Result<Option<&Map<String, Value>>, EdgeError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => Ok(Some(object)),
        Some(_) => Err(edge(format!("{} must be an object", key.label()))),
    }
}

/// Rule 8 for `postContent`: every key one of [`CaptionKey::allowed`], then every value a
/// string; the non-blank captions in [`CaptionKey`] order.
pub(crate) fn captions(
    content: &Map<String, Value>,
    platforms: &Platforms,
) -> Result<Vec<Caption>, EdgeError> {
    let allowed = CaptionKey::allowed(platforms);
    if content
        .keys()
        .any(|key| !allowed.iter().any(|k| k.as_str() == key))
    {
        let names: Vec<_> = allowed.iter().map(|k| k.as_str()).collect();
        return Err(edge(format!(
            "Post content keys must be one of: {}",
            names.join(", ")
        )));
    }
    // A NUL character is not text any database here stores (PostgreSQL refuses it): such a
    // value is no string for this rule (decided).
    if content
        .values()
        .any(|value| value.as_str().is_none_or(|text| text.contains('\0')))
    {
        return Err(edge("Post content values must be strings"));
    }
    Ok(allowed
        .into_iter()
        .filter_map(|key| {
            let text = content.get(key.as_str()).and_then(Value::as_str)?;
            (!text.trim().is_empty()).then(|| Caption::new(key, text))
        })
        .collect())
}

/// Rule 8 for `selectedAccounts`: every element a non-blank string; duplicates dropped, the
/// first occurrence keeping its place.
pub(crate) fn account_ids(accounts: &[Value]) -> Result<Vec<String>, EdgeError> {
    let mut seen = HashSet::with_capacity(accounts.len());
    let mut ids = Vec::with_capacity(accounts.len());
    for account in accounts {
        let id = account
            .as_str()
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| edge("Selected accounts must be an array of account ids"))?;
        if seen.insert(id) {
            ids.push(id.to_owned());
        }
    }
    Ok(ids)
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
