//! A publisher's report of one link's outcome (`links set-status`), checked before it is
//! stored.
//!
//! Decisions (the contract only names the flags): the outcome is `PUBLISHED` or `FAILED`
//! (nothing goes back to `DRAFT` or `PENDING` this way). `PUBLISHED` records `publishedAt` =
//! now, the live link if given, and clears any error; `FAILED` records the error (a default
//! text when none or a blank one is given) and clears the live link and `publishedAt`. An
//! error with `PUBLISHED`, or a live link with `FAILED`, is refused rather than dropped.

use super::{WEB_URL_RULE, is_web_url};
use crate::{LinkStatus, Timestamp};

/// The longest error message a link keeps, in characters.
pub const MAX_ERROR_LEN: usize = 1000;

/// What a failed link says when the publisher gave no reason.
pub const DEFAULT_ERROR: &str = "Publishing failed";

/// A checked report: the link's new status and fields, every one of them to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkReport {
    /// `PUBLISHED` or `FAILED`.
    pub status: LinkStatus,
    /// The published post's URL (only when published).
    pub live_link: Option<String>,
    /// Why it failed (only when failed).
    pub error_message: Option<String>,
    /// When it was published (only when published).
    pub published_at: Option<Timestamp>,
}

impl LinkReport {
    /// Checks a report: `status` exactly `PUBLISHED` or `FAILED`, a live link only with
    /// `PUBLISHED` and an absolute http(s) URL of at most 2048 characters, an error only with
    /// `FAILED` and at most [`MAX_ERROR_LEN`] characters. `now` is the publish time.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::schedule::{DEFAULT_ERROR, LinkReport};
    /// use social_accounts_domain::{LinkStatus, Timestamp};
    ///
    /// let now = Timestamp::parse("2026-06-20T10:00:00Z")?;
    /// let published = LinkReport::new("PUBLISHED", Some("https://lnkd.in/p/1"), None, now)?;
    /// assert_eq!(published.published_at, Some(now));
    /// let failed = LinkReport::new("FAILED", None, None, now)?;
    /// assert_eq!(failed.status, LinkStatus::Failed);
    /// assert_eq!(failed.error_message.as_deref(), Some(DEFAULT_ERROR));
    /// assert_eq!(
    ///     LinkReport::new("PUBLISHED", Some("ftp://x/1"), None, now).unwrap_err(),
    ///     "the live link must be an absolute http(s) URL of at most 2048 characters"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        status: &str,
        live_link: Option<&str>,
        error: Option<&str>,
        now: Timestamp,
    ) -> Result<LinkReport, String> {
        match LinkStatus::parse(status) {
            Some(LinkStatus::Published) => {
                if error.is_some() {
                    return Err(
                        "a PUBLISHED link has no error message (give --error only with \
                         --status FAILED)"
                            .to_owned(),
                    );
                }
                if let Some(link) = live_link
                    && !is_web_url(link)
                {
                    return Err(format!("the live link {WEB_URL_RULE}"));
                }
                Ok(LinkReport {
                    status: LinkStatus::Published,
                    live_link: live_link.map(str::to_owned),
                    error_message: None,
                    published_at: Some(now),
                })
            }
            Some(LinkStatus::Failed) => {
                if live_link.is_some() {
                    return Err(
                        "a FAILED link has no live link (give --live-link only with \
                         --status PUBLISHED)"
                            .to_owned(),
                    );
                }
                let error = error
                    .filter(|e| !e.trim().is_empty())
                    .unwrap_or(DEFAULT_ERROR);
                if error.chars().count() > MAX_ERROR_LEN {
                    return Err(format!(
                        "the error message must be at most {MAX_ERROR_LEN} characters"
                    ));
                }
                Ok(LinkReport {
                    status: LinkStatus::Failed,
                    live_link: None,
                    error_message: Some(error.to_owned()),
                    published_at: None,
                })
            }
            _ => Err(format!(
                "{status:?} is not a publish outcome (expected one of: PUBLISHED, FAILED)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2026-06-20T10:00:00.123Z").unwrap()
    }

    #[test]
    fn published_sets_the_time_and_the_link() {
        let report =
            LinkReport::new("PUBLISHED", Some("https://linkedin.com/p/1"), None, now()).unwrap();
        assert_eq!(
            report,
            LinkReport {
                status: LinkStatus::Published,
                live_link: Some("https://linkedin.com/p/1".to_owned()),
                error_message: None,
                published_at: Some(now()),
            }
        );
        let bare = LinkReport::new("PUBLISHED", None, None, now()).unwrap();
        assert_eq!((bare.live_link, bare.published_at), (None, Some(now())));
    }

    #[test]
    fn failed_keeps_the_error_or_a_default() {
        let report = LinkReport::new("FAILED", None, Some("token expired"), now()).unwrap();
        assert_eq!(
            report,
            LinkReport {
                status: LinkStatus::Failed,
                live_link: None,
                error_message: Some("token expired".to_owned()),
                published_at: None,
            }
        );
        for none in [None, Some(""), Some("  ")] {
            let report = LinkReport::new("FAILED", None, none, now()).unwrap();
            assert_eq!(report.error_message.as_deref(), Some(DEFAULT_ERROR));
        }
        let longest = "é".repeat(MAX_ERROR_LEN);
        assert!(LinkReport::new("FAILED", None, Some(&longest), now()).is_ok());
    }

    #[test]
    fn refusals_say_what_to_do() {
        let too_long = "x".repeat(MAX_ERROR_LEN + 1);
        for (status, link, error, expected) in [
            (
                "PENDING",
                None,
                None,
                "\"PENDING\" is not a publish outcome (expected one of: PUBLISHED, FAILED)",
            ),
            (
                "published",
                None,
                None,
                "\"published\" is not a publish outcome (expected one of: PUBLISHED, FAILED)",
            ),
            (
                "PUBLISHED",
                None,
                Some("oops"),
                "a PUBLISHED link has no error message (give --error only with --status FAILED)",
            ),
            (
                "FAILED",
                Some("https://x.com/1"),
                None,
                "a FAILED link has no live link (give --live-link only with --status PUBLISHED)",
            ),
            (
                "PUBLISHED",
                Some("ftp://x.com/1"),
                None,
                "the live link must be an absolute http(s) URL of at most 2048 characters",
            ),
            (
                "PUBLISHED",
                Some(""),
                None,
                "the live link must be an absolute http(s) URL of at most 2048 characters",
            ),
            (
                "FAILED",
                None,
                Some(too_long.as_str()),
                "the error message must be at most 1000 characters",
            ),
        ] {
            assert_eq!(
                LinkReport::new(status, link, error, now()),
                Err(expected.to_owned()),
                "{status} {link:?} {error:?}"
            );
        }
    }
}
