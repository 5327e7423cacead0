//! The operator API's bodies for webhook endpoints, each read with every offending field
//! reported.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{EndpointUrl, EventFilter, EventType};
use crate::operator::{FieldError, Fields};

/// `POST /organizations/{org}/webhooks`, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEndpoint {
    /// Where events are sent.
    pub url: EndpointUrl,
    /// Which events.
    pub filter: EventFilter,
    /// The operator's own note (1–255 characters).
    pub description: Option<String>,
}

/// `PATCH /webhooks/{id}`, read: each field present is changed; `description: null` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndpointPatch {
    /// A new URL.
    pub url: Option<EndpointUrl>,
    /// A new filter.
    pub filter: Option<EventFilter>,
    /// Enable or disable (a disabled endpoint gets no new deliveries; pending ones wait).
    pub enabled: Option<bool>,
    /// `Some(None)` clears the description.
    pub description: Option<Option<String>>,
}

impl EndpointPatch {
    /// Whether the patch changes nothing (answered with the endpoint as it is, no event).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// `{ "url", "events": ["*"] | [type, …], "description"? }`.
pub fn new_endpoint(body: &Value, allow_private: bool) -> Result<NewEndpoint, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let url = url(&mut fields, allow_private);
    let absent = |name| body.get(name).is_none_or(Value::is_null);
    if absent("events") {
        fields.refuse("events", "is required");
    }
    let filter = fields
        .optional_array("events")
        .and_then(|items| filter(&mut fields, items));
    let description = fields.optional_text("description");
    if absent("url") {
        fields.refuse("url", "is required");
    }
    fields.finish()?;
    match (url, filter) {
        (Some(url), Some(filter)) => Ok(NewEndpoint {
            url,
            filter,
            description,
        }),
        _ => Err(vec![FieldError::new("", "is incomplete")]),
    }
}

/// Any of `url`, `events`, `enabled`, `description` (only `description` may be `null`).
pub fn endpoint_patch(body: &Value, allow_private: bool) -> Result<EndpointPatch, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    fields.refuse_null(&["url", "events", "enabled"]);
    let url = url(&mut fields, allow_private);
    let filter = fields
        .optional_array("events")
        .and_then(|items| filter(&mut fields, items));
    let enabled = fields.optional_bool("enabled");
    let cleared = fields.sent("description") && body.get("description").is_some_and(Value::is_null);
    let description = fields.optional_text("description");
    fields.finish()?;
    Ok(EndpointPatch {
        url,
        filter,
        enabled,
        description: if cleared {
            Some(None)
        } else {
            description.map(Some)
        },
    })
}

fn url(fields: &mut Fields<'_>, allow_private: bool) -> Option<EndpointUrl> {
    let raw = fields.optional_string("url")?;
    EndpointUrl::parse(raw, allow_private)
        .map_err(|message| fields.refuse("url", message))
        .ok()
}

/// `["*"]` alone, or 1–20 distinct known types.
fn filter(fields: &mut Fields<'_>, items: &[Value]) -> Option<EventFilter> {
    if items.is_empty() {
        fields.refuse("events", "must name at least one event type, or \"*\"");
        return None;
    }
    if items.len() == 1 && items[0] == "*" {
        return Some(EventFilter::All);
    }
    let mut kinds = BTreeSet::new();
    let mut ok = true;
    for (index, item) in items.iter().enumerate() {
        let field = format!("events.{index}");
        match item.as_str() {
            Some("*") => {
                fields.refuse(&field, "\"*\" must be the only item");
                ok = false;
            }
            Some(name) => match EventType::parse(name) {
                Some(kind) if kinds.insert(kind) => {}
                Some(_) => {
                    fields.refuse(&field, "is listed twice");
                    ok = false;
                }
                None => {
                    fields.refuse(
                        &field,
                        format!("must be \"*\" or one of: {}", EventType::names()),
                    );
                    ok = false;
                }
            },
            None => {
                fields.refuse(&field, "must be a string");
                ok = false;
            }
        }
    }
    ok.then_some(EventFilter::Only(kinds))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields_of(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_new_endpoint_reads_url_events_and_description() -> Result<(), Vec<FieldError>> {
        let body = json!({"url": "https://hooks.example.com/in", "events": ["link.failed", "link.published"], "description": "ops"});
        let endpoint = new_endpoint(&body, false)?;
        assert_eq!(endpoint.url.as_str(), "https://hooks.example.com/in");
        assert_eq!(endpoint.filter.names(), ["link.published", "link.failed"]);
        assert_eq!(endpoint.description.as_deref(), Some("ops"));
        let all = new_endpoint(
            &json!({"url": "https://a.example/", "events": ["*"]}),
            false,
        )?;
        assert_eq!(all.filter, EventFilter::All);
        Ok(())
    }

    #[test]
    fn every_offending_field_is_reported() {
        let errors = new_endpoint(
            &json!({"url": "http://127.0.0.1/", "events": ["*", "nope", 3], "extra": 1}),
            false,
        )
        .err()
        .unwrap_or_default();
        assert_eq!(
            fields_of(&errors),
            ["url", "events.0", "events.1", "events.2", "extra"]
        );
        let errors = new_endpoint(&json!({}), false).err().unwrap_or_default();
        assert_eq!(fields_of(&errors), ["events", "url"]);
        let errors = new_endpoint(&json!({"url": "https://a.example/", "events": []}), false)
            .err()
            .unwrap_or_default();
        assert_eq!(fields_of(&errors), ["events"]);
        let errors = new_endpoint(
            &json!({"url": "https://a.example/", "events": ["link.failed", "link.failed"]}),
            false,
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors, [FieldError::new("events.1", "is listed twice")]);
    }

    #[test]
    fn a_patch_changes_what_it_names_and_clears_the_description_with_null()
    -> Result<(), Vec<FieldError>> {
        let patch = endpoint_patch(&json!({"enabled": false, "description": null}), false)?;
        assert_eq!(patch.enabled, Some(false));
        assert_eq!(patch.description, Some(None));
        assert!(endpoint_patch(&json!({}), false)?.is_empty());
        let errors = endpoint_patch(&json!({"url": null, "enabled": "no"}), false)
            .err()
            .unwrap_or_default();
        assert_eq!(fields_of(&errors), ["url", "enabled"]);
        Ok(())
    }
}
