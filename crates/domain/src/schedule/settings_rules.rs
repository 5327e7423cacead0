//! The checks of the settings objects, driven by the table in `settings_table`: one row per
//! settings key with its fields' kinds and "required when" conditions, and its cross-field
//! rules. A platform's object is a row there, never a code path of its own here.
//!
//! Within one object the checks run in this order: an unknown key (the first in byte order of
//! the keys, so the answer does not depend on the JSON's key order); then every field in table
//! order (a present field's type and value, then its length; an absent field's requirement);
//! then the cross-field rules. A field typed "string or null" is the only one that takes
//! `null`; anywhere else `null` is a wrong value, not an absent field.
//!
//! Defaults are documented, not filled in: objects are kept as sent, so a Facebook object
//! without `showEndCard` is stored without it and the publisher reads the default (`true`;
//! `useSlideTitles` and `useSlideDescriptions` `false`). The one default the API does apply,
//! `postSettings` of a reel, is [`PostSettings::with_reel_default`](super::PostSettings).

use std::fmt;

use serde_json::{Map, Value};

use super::SettingsKey;
use super::settings_table::{Cross, Field, object};
use crate::{Platform, PostStatus};

/// A settings rule broken: which object, which field (`None`: the object itself) and what.
/// Displays as the API's message, `instagramPostSettings.postType must be one of: ...`; the
/// import shows `field` in its path instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SettingsViolation {
    /// The settings object.
    pub object: SettingsKey,
    /// The field inside it, or `None` for the object as a whole.
    pub field: Option<String>,
    /// What is wrong: `must be a boolean`, `is not allowed`, ...
    pub problem: String,
}

impl fmt::Display for SettingsViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}.{field} {}", self.object, self.problem),
            None => write!(f, "{} {}", self.object, self.problem),
        }
    }
}

/// Why the object under `key` is required for a post whose accounts are on `selected`
/// platforms, with or without a design; `None` when it is not required.
pub(crate) fn required_object(
    key: SettingsKey,
    selected: &[Platform],
    has_design: bool,
) -> Option<SettingsViolation> {
    let platform = key.platform()?;
    let needs_design = object(key).needs_design;
    if !selected.contains(&platform) || (needs_design && !has_design) {
        return None;
    }
    let name = platform.with_article();
    let problem = if needs_design {
        format!("is required when {name} account is selected and a design is attached")
    } else {
        format!("is required when {name} account is selected")
    };
    Some(SettingsViolation {
        object: key,
        field: None,
        problem,
    })
}

/// Checks one present settings object against its row of the table, for a post with
/// `status`: unknown keys, then the fields in order, then the cross-field rules.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use social_accounts_domain::schedule::check_object;
/// use social_accounts_domain::{Platform, PostStatus, SettingsKey};
///
/// let tiktok = SettingsKey::Platform(Platform::Tiktok);
/// let linkedin = SettingsKey::Platform(Platform::Linkedin);
/// let tiktok = |object| check_object(tiktok, &object, PostStatus::Scheduled);
/// let error = |object| tiktok(object).unwrap_err().to_string();
/// assert_eq!(
///     error(json!({"postType": "image"})),
///     "tiktokPostSettings.postType must be one of: carousel, reel"
/// );
/// assert_eq!(
///     error(json!({"postType": "reel", "privacyLevel": "SELF_ONLY", "colour": "red"})),
///     "tiktokPostSettings.colour is not allowed"
/// );
/// // A draft may leave out what a scheduled post must give.
/// let document = json!({"postType": "document"});
/// assert!(check_object(linkedin, &document, PostStatus::Draft).is_ok());
/// assert_eq!(
///     check_object(linkedin, &document, PostStatus::Scheduled)
///         .unwrap_err()
///         .to_string(),
///     "linkedinPostSettings.postTitle must be 5 to 90 characters for a scheduled document"
/// );
/// ```
pub fn check_object(
    key: SettingsKey,
    value: &Value,
    status: PostStatus,
) -> Result<(), SettingsViolation> {
    let violation = |field: Option<&str>, problem: String| SettingsViolation {
        object: key,
        field: field.map(str::to_owned),
        problem,
    };
    let Some(map) = value.as_object() else {
        return Err(violation(None, "must be an object".to_owned()));
    };
    let spec = object(key);
    if let Some(unknown) = map
        .keys()
        .filter(|name| !spec.fields.iter().any(|f| f.name == name.as_str()))
        .min()
    {
        return Err(violation(Some(unknown), "is not allowed".to_owned()));
    }
    let scheduled = status == PostStatus::Scheduled;
    let post_type = map.get("postType").and_then(Value::as_str);
    for field in spec.fields {
        check_field(field, map, scheduled, post_type)
            .map_err(|problem| violation(Some(field.name), problem))?;
    }
    for (when, rule) in spec.cross {
        if when.holds(scheduled, post_type)
            && let Some((field, problem)) = check_cross(rule, map)
        {
            return Err(violation(Some(field), problem));
        }
    }
    Ok(())
}

fn check_field(
    field: &Field,
    map: &Map<String, Value>,
    scheduled: bool,
    post_type: Option<&str>,
) -> Result<(), String> {
    let value = map.get(field.name);
    match value {
        Some(value) => {
            if let Some(problem) = field.kind.check(value) {
                return Err(problem);
            }
        }
        None if field.required.holds(scheduled, post_type) => {
            return Err(format!("is required{}", field.required.suffix()));
        }
        None => {}
    }
    if let Some(length) = field.length
        && length.when.holds(scheduled, post_type)
    {
        let count = value
            .and_then(Value::as_str)
            .map_or(0, |text| text.trim().chars().count());
        if !(length.min..=length.max).contains(&count) {
            let range = if length.min == 0 {
                format!("at most {}", length.max)
            } else {
                format!("{} to {}", length.min, length.max)
            };
            return Err(format!(
                "must be {range} characters{}",
                length.when.suffix()
            ));
        }
    }
    Ok(())
}

fn check_cross(rule: &Cross, map: &Map<String, Value>) -> Option<(&'static str, String)> {
    let is_true = |name: &str| map.get(name) == Some(&Value::Bool(true));
    match *rule {
        Cross::TrueNeedsAnyTrue { field, any } => (is_true(field)
            && !any.iter().any(|other| is_true(other)))
        .then(|| (field, format!("needs {} to be true", any.join(" or ")))),
        Cross::TrueExcludes {
            field,
            other,
            value,
        } => (is_true(field) && map.get(other).and_then(Value::as_str) == Some(value))
            .then(|| (field, format!("cannot be true when {other} is {value}"))),
    }
}

#[cfg(test)]
#[path = "settings_rules_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "settings_fields_tests.rs"]
mod field_tests;
