//! `GET /schedule`'s parameters: the date range and the optional account filter.

use std::collections::HashSet;

use super::EdgeError;
use crate::Timestamp;

/// A checked list query: posts with `from <= scheduledAt <= to`, optionally only those
/// linking one of `account_ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// `fromDate`, inclusive.
    pub from: Timestamp,
    /// `toDate`, inclusive.
    pub to: Timestamp,
    /// `socialAccountIds`: trimmed, blank entries ignored, duplicates dropped (first
    /// occurrence keeps its place); `None` (no filter) when absent or only blank entries.
    /// Ids are not checked: an unknown or malformed one matches nothing.
    pub account_ids: Option<Vec<String>>,
}

impl ListQuery {
    /// Checks the raw query parameters, the contract's 422s in order: `fromDate` (required,
    /// then valid), then `toDate`. A blank value counts as absent. Dates are read as
    /// [`Timestamp::parse_request`] reads them, so a bare `toDate` of `2026-06-30` is the
    /// first instant of that day.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::ListQuery;
    ///
    /// let query = ListQuery::parse(Some("2026-06-01"), Some("2026-06-30"), Some(" b, a,,b"))?;
    /// assert_eq!(query.from.to_string(), "2026-06-01T00:00:00.000Z");
    /// assert_eq!(query.account_ids, Some(vec!["b".to_owned(), "a".to_owned()]));
    /// assert!(!query.is_empty_range());
    ///
    /// let missing = ListQuery::parse(Some("2026-06-01"), Some(" "), None).unwrap_err();
    /// assert_eq!(missing.to_string(), "To date is required");
    /// # Ok::<(), social_accounts_domain::EdgeError>(())
    /// ```
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        social_account_ids: Option<&str>,
    ) -> Result<ListQuery, EdgeError> {
        let from = date(from, "From")?;
        let to = date(to, "To")?;
        let mut seen = HashSet::new();
        let ids: Vec<String> = social_account_ids
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty() && seen.insert(*id))
            .map(str::to_owned)
            .collect();
        Ok(ListQuery {
            from,
            to,
            account_ids: (!ids.is_empty()).then_some(ids),
        })
    }

    /// Whether no post can match: `fromDate` after `toDate` (answered 200 with `[]`).
    #[must_use]
    pub fn is_empty_range(&self) -> bool {
        self.from > self.to
    }
}

/// One date parameter, named `which` (`From`, `To`) in its messages.
fn date(raw: Option<&str>, which: &str) -> Result<Timestamp, EdgeError> {
    match raw.filter(|raw| !raw.trim().is_empty()) {
        None => Err(EdgeError(format!("{which} date is required"))),
        Some(raw) => Timestamp::parse_request(raw)
            .map_err(|_| EdgeError(format!("{which} date is not a valid date"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(from: Option<&str>, to: Option<&str>) -> String {
        ListQuery::parse(from, to, None).unwrap_err().to_string()
    }

    #[test]
    fn dates_are_checked_from_first_then_to() {
        let good = Some("2026-06-01");
        for (from, to, expected) in [
            (None, None, "From date is required"),
            (Some(" "), good, "From date is required"),
            (Some("June"), None, "From date is not a valid date"),
            (good, None, "To date is required"),
            (good, Some(""), "To date is required"),
            (good, Some("2026-06-31"), "To date is not a valid date"),
        ] {
            assert_eq!(error(from, to), expected, "{from:?} {to:?}");
        }
    }

    #[test]
    fn a_range_in_any_accepted_format() {
        let query =
            ListQuery::parse(Some("2026-06-01"), Some("2026-06-30T23:59:59+02:00"), None).unwrap();
        assert_eq!(query.from.to_string(), "2026-06-01T00:00:00.000Z");
        assert_eq!(query.to.to_string(), "2026-06-30T21:59:59.000Z");
        assert_eq!(query.account_ids, None);
        assert!(!query.is_empty_range());
        let same = ListQuery::parse(Some("2026-06-01"), Some("2026-06-01"), None).unwrap();
        assert!(!same.is_empty_range());
        let reversed = ListQuery::parse(Some("2026-06-02"), Some("2026-06-01"), None).unwrap();
        assert!(reversed.is_empty_range());
    }

    #[test]
    fn account_filter_is_trimmed_deduplicated_and_blank_is_none() {
        let ids = |raw: &str| {
            ListQuery::parse(Some("2026-06-01"), Some("2026-06-30"), Some(raw))
                .unwrap()
                .account_ids
        };
        assert_eq!(
            ids(" b, a ,,b,c ,a"),
            Some(["b", "a", "c"].map(String::from).to_vec())
        );
        assert_eq!(ids("x"), Some(vec!["x".to_owned()]));
        assert_eq!(ids(""), None);
        assert_eq!(ids(" , ,"), None);
    }
}
