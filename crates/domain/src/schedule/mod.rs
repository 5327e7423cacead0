//! The Schedule API's domain: scheduled posts, their captions and platform settings, and the
//! rules a request must pass, in the order of the contract (`schedule-api.md`).
//!
//! The pipeline of a `POST /schedule` or `PUT /schedule/:id`:
//!
//! 1. [`PostRequest::parse`]: the edge rules (request shape), each failure an [`EdgeError`]
//!    (422 `{"status":false,"message":…}`), first failing rule first;
//! 2. the storage looks up the requested design and the selected accounts in the caller's
//!    workspace;
//! 3. [`check`]: the business rules, each failure a [`RuleViolation`] (400
//!    `{"success":false,…}`), giving the [`NewPost`] to store.
//!
//! What is read back is a [`ScheduledPost`]; a publisher's outcome for one link is a
//! [`LinkReport`]; `GET /schedule`'s parameters are a [`ListQuery`]. The import file reuses
//! the same shape rules ([`check_history`] and the pieces behind [`PostRequest::parse`]).
//!
//! Decisions where the contract is silent are documented on the item that makes them: a
//! blank `designId` is no design ([`PostRequest`]); settings messages and their order
//! ([`settings_rules`]); defaults are not filled in except the reel's `postSettings`
//! ([`PostSettings::with_reel_default`]); the publisher's report ([`LinkReport`]).

mod caption;
mod design;
mod post;
mod query;
mod report;
mod request;
mod rules;
mod settings;
pub mod settings_rules;
mod settings_table;

pub use caption::{Caption, CaptionKey, hashtags};
pub use design::Design;
pub use post::{PostLink, ScheduledPost, post_error_message, post_published_at};
pub use query::ListQuery;
pub use report::{DEFAULT_ERROR, LinkReport, MAX_ERROR_LEN};
pub use request::{EdgeError, PostRequest};
pub use rules::{NewPost, RuleViolation, check, check_history};
pub use settings::{PostSettings, SettingsKey};
pub use settings_rules::{SettingsViolation, check_object};

#[cfg(feature = "import")]
pub(crate) use request::{captions, settings_object};

/// Longest URL accepted: a logo, a settings link, a live link.
pub const MAX_URL_LEN: u64 = 2048;

/// What [`is_web_url`] asks, as a message.
pub(crate) const WEB_URL_RULE: &str = "must be an absolute http(s) URL of at most 2048 characters";

/// Whether `raw` is an absolute `http` or `https` URL of at most [`MAX_URL_LEN`] characters:
/// what a settings link, a live link and a logo may be.
pub(crate) fn is_web_url(raw: &str) -> bool {
    use validator::{ValidateLength, ValidateUrl};
    let scheme = raw.split_once("://").map(|(scheme, _)| scheme);
    scheme.is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
        && raw.validate_length(None, Some(MAX_URL_LEN), None)
        && raw.validate_url()
}

#[cfg(test)]
#[path = "platform_lists_tests.rs"]
mod platform_lists_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Platform;

    #[test]
    fn web_urls_are_absolute_http_or_https() {
        for ok in [
            "https://example.com",
            "http://example.com/a?b=c#d",
            "HTTPS://EXAMPLE.COM/x",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        let long = format!("https://example.com/{}", "a".repeat(2048));
        for bad in [
            "",
            "example.com",
            "/relative",
            "ftp://example.com",
            "mailto:a@example.com",
            "javascript://alert(1)",
            "https://",
            "https:// example.com",
            long.as_str(),
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        assert!(WEB_URL_RULE.contains(&MAX_URL_LEN.to_string()));
    }

    #[test]
    fn every_platform_has_a_name() {
        for platform in Platform::ALL {
            assert!(
                platform
                    .display_name()
                    .eq_ignore_ascii_case(platform.as_str())
            );
        }
    }
}
