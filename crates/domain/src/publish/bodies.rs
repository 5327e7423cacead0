//! The publisher API's request bodies, each read with every offending field reported.

use serde_json::Value;

use super::claim::{
    DEFAULT_CLAIM_LIMIT, DEFAULT_LEASE_SECONDS, MAX_CLAIM_LIMIT, MAX_LEASE_SECONDS,
    MIN_LEASE_SECONDS,
};
use super::{ClaimRequest, ErrorCategory, Report};
use crate::Platforms;
use crate::account_rules;
use crate::operator::{FieldError, Fields};
use crate::schedule::{MAX_ERROR_LEN, WEB_URL_RULE, is_web_url};

/// `POST /claims`: `{ "limit"?, "leaseSeconds"?, "platforms"? }`; `platforms` must name
/// served platforms (no duplicates needed, none refused for it).
pub fn claim(body: &Value, served: &Platforms) -> Result<ClaimRequest, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let limit = fields.optional_integer("limit", 1, MAX_CLAIM_LIMIT);
    let lease = fields.optional_integer("leaseSeconds", MIN_LEASE_SECONDS, MAX_LEASE_SECONDS);
    let platforms = fields.optional_array("platforms").map(|items| {
        let mut chosen = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("platforms.{i}");
            match item.as_str() {
                Some(raw) => match account_rules::served_platform(raw, served) {
                    Ok(platform) => chosen.push(platform),
                    Err(message) => fields.refuse(&field, message),
                },
                None => fields.refuse(&field, "must be a string"),
            }
        }
        chosen
    });
    fields.finish()?;
    Ok(ClaimRequest {
        limit: limit.unwrap_or(DEFAULT_CLAIM_LIMIT),
        lease_seconds: lease.unwrap_or(DEFAULT_LEASE_SECONDS),
        platforms,
    })
}

/// `POST /claims/{id}/heartbeat`: `{ "leaseSeconds"? }`; `None` keeps the claim's own lease
/// length.
pub fn heartbeat(body: &Value) -> Result<Option<u32>, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let lease = fields.optional_integer("leaseSeconds", MIN_LEASE_SECONDS, MAX_LEASE_SECONDS);
    fields.finish()?;
    Ok(lease)
}

/// `POST /claims/{id}/release`: no body, or an empty object.
pub fn release(body: &Value) -> Result<(), Vec<FieldError>> {
    Fields::of(body)?.finish()
}

/// `POST /claims/{id}/report`: `{ "outcome": "PUBLISHED", "liveLink"? }` or `{ "outcome":
/// "FAILED", "errorMessage", "errorCategory", "retryable" }`. A field of the other outcome is
/// not a field of this body.
pub fn report(body: &Value) -> Result<Report, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let outcome = fields.choice(
        "outcome",
        |raw| matches!(raw, "PUBLISHED" | "FAILED").then(|| raw == "PUBLISHED"),
        "PUBLISHED, FAILED",
    );
    let report = match outcome {
        Some(true) => {
            let live_link = fields.optional_string("liveLink").and_then(|raw| {
                fields.checked("liveLink", raw, |raw| {
                    if is_web_url(raw) {
                        Ok(())
                    } else {
                        Err(format!("the live link {WEB_URL_RULE}"))
                    }
                })
            });
            // A failure's fields are not fields of this body: `finish` lists them.
            Some(Report::Published { live_link })
        }
        Some(false) => {
            let error_message = fields.string("errorMessage").and_then(|raw| {
                fields.checked("errorMessage", raw, |raw| {
                    let len = raw.chars().count();
                    if raw.trim().is_empty() || len > MAX_ERROR_LEN {
                        Err(format!(
                            "must be 1 to {MAX_ERROR_LEN} characters, not blank"
                        ))
                    } else {
                        Ok(())
                    }
                })
            });
            let category = fields.choice(
                "errorCategory",
                ErrorCategory::parse,
                ErrorCategory::names(),
            );
            let retryable = if fields.sent("retryable") {
                fields.optional_bool("retryable")
            } else {
                fields.refuse("retryable", "is required");
                None
            };
            if fields.sent("liveLink") {
                fields.optional_string("liveLink");
                fields.refuse("liveLink", "is only for outcome PUBLISHED");
            }
            match (error_message, category, retryable) {
                (Some(error_message), Some(category), Some(retryable)) => Some(Report::Failed {
                    error_message,
                    category,
                    retryable,
                }),
                _ => None,
            }
        }
        None => {
            // Still read the rest, so that the answer lists every offending field.
            for name in ["liveLink", "errorMessage", "errorCategory", "retryable"] {
                fields.known(name);
            }
            None
        }
    };
    fields.finish()?;
    report.ok_or_else(|| vec![FieldError::new("outcome", "is required")])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Platform;

    fn messages(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.message)).collect()
    }

    #[test]
    fn a_claim_has_defaults_and_bounds() {
        let served = Platforms::default();
        assert_eq!(
            claim(&json!({}), &served),
            Ok(ClaimRequest {
                limit: 10,
                lease_seconds: 120,
                platforms: None
            })
        );
        let chosen = claim(
            &json!({"limit": 100, "leaseSeconds": 10, "platforms": ["linkedin"]}),
            &served,
        );
        assert_eq!(
            chosen.map(|c| c.platforms),
            Ok(Some(vec![Platform::Linkedin]))
        );
        let errors = claim(
            &json!({"limit": 0, "leaseSeconds": 3601, "platforms": ["myspace", 3], "x": 1}),
            &served,
        )
        .unwrap_err();
        let fields: Vec<String> = messages(errors).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["limit", "leaseSeconds", "platforms.0", "platforms.1", "x"]
        );
    }

    #[test]
    fn reports_of_each_outcome() {
        assert_eq!(
            report(&json!({"outcome": "PUBLISHED", "liveLink": "https://x.test/p/1"})),
            Ok(Report::Published {
                live_link: Some("https://x.test/p/1".into())
            })
        );
        assert_eq!(
            report(
                &json!({"outcome": "FAILED", "errorMessage": "401", "errorCategory": "auth", "retryable": false})
            ),
            Ok(Report::Failed {
                error_message: "401".into(),
                category: ErrorCategory::Auth,
                retryable: false
            })
        );
        assert_eq!(
            messages(report(&json!({"outcome": "FAILED"})).unwrap_err()),
            [
                ("errorMessage".into(), "is required".into()),
                ("errorCategory".into(), "is required".into()),
                ("retryable".into(), "is required".into()),
            ]
        );
        assert_eq!(
            messages(report(&json!({"outcome": "PUBLISHED", "retryable": true})).unwrap_err()),
            [("retryable".into(), "is not a field of this body".into())]
        );
        assert_eq!(
            messages(report(&json!({"outcome": "DONE"})).unwrap_err()),
            [("outcome".into(), "must be one of: PUBLISHED, FAILED".into())]
        );
    }

    #[test]
    fn heartbeat_and_release_bodies() {
        assert_eq!(heartbeat(&json!({})), Ok(None));
        assert_eq!(heartbeat(&json!({"leaseSeconds": 60})), Ok(Some(60)));
        assert!(heartbeat(&json!({"leaseSeconds": 5})).is_err());
        assert_eq!(release(&json!({})), Ok(()));
        assert!(release(&json!({"now": true})).is_err());
    }
}
