//! Timestamps as the API writes them: UTC, millisecond precision.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, Utc};

/// A UTC instant with millisecond precision, written as `2026-09-01T00:00:00.000Z`.
///
/// Precision is cut to milliseconds on construction so that what is stored, compared and
/// written is always the same instant, on every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

/// The text is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an RFC 3339 timestamp such as 2026-09-01T00:00:00.000Z")]
pub struct TimestampError(pub String);

impl Timestamp {
    /// The current instant.
    #[must_use]
    pub fn now() -> Self {
        Self::from_utc(Utc::now())
    }

    /// Wraps a UTC instant, cutting it to milliseconds.
    #[must_use]
    pub fn from_utc(at: DateTime<Utc>) -> Self {
        Self(at.trunc_subsecs(3))
    }

    /// Wraps a naive instant known to be UTC (as stored in the database).
    #[must_use]
    pub fn from_naive_utc(at: NaiveDateTime) -> Self {
        Self::from_utc(at.and_utc())
    }

    /// Parses any RFC 3339 timestamp (any offset), normalised to UTC milliseconds.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::Timestamp;
    ///
    /// let at = Timestamp::parse("2026-05-01T14:00:00.123456+02:00")?;
    /// assert_eq!(at.to_string(), "2026-05-01T12:00:00.123Z");
    /// assert!(Timestamp::parse("2026-05-01").is_err());
    /// # Ok::<(), social_accounts_domain::TimestampError>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, TimestampError> {
        DateTime::parse_from_rfc3339(raw)
            .map(|at| Self::from_utc(at.with_timezone(&Utc)))
            .map_err(|_| TimestampError(raw.to_owned()))
    }

    /// Parses a date-time as the Schedule API reads one (`scheduledAt`, `fromDate`, `toDate`):
    /// RFC 3339 with any offset (`2026-12-01T10:00:00+01:00`); the same without an offset,
    /// which is UTC (`2026-12-01T09:00:00`, `2026-12-01T09:00:00.123`); or a bare date
    /// `YYYY-MM-DD`, which is midnight UTC as JavaScript's `Date` reads it. Normalised to UTC
    /// milliseconds like [`Timestamp::parse`]. Nothing is trimmed: callers decide what blank
    /// means before asking.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::Timestamp;
    ///
    /// let read = |raw| Timestamp::parse_request(raw).map(|at| at.to_string());
    /// assert_eq!(read("2026-12-01T10:00:00+01:00")?, "2026-12-01T09:00:00.000Z");
    /// assert_eq!(read("2026-12-01T09:00:00")?, "2026-12-01T09:00:00.000Z");
    /// assert_eq!(read("2026-12-01")?, "2026-12-01T00:00:00.000Z");
    /// assert!(read("2026-12-1").is_err());
    /// assert!(read(" 2026-12-01").is_err());
    /// # Ok::<(), social_accounts_domain::TimestampError>(())
    /// ```
    pub fn parse_request(raw: &str) -> Result<Self, TimestampError> {
        use chrono::Datelike;
        Self::parse(raw)
            .ok()
            .or_else(|| without_offset(raw).map(Self::from_naive_utc))
            // An offset may carry a year-9999 time past the year 10000 in UTC, which no
            // RFC 3339 text (and no text ordering in SQLite) can hold.
            .filter(|at| (0..=9999).contains(&at.0.year()))
            .ok_or_else(|| TimestampError(raw.to_owned()))
    }

    /// The instant as a naive UTC value, for storage.
    #[must_use]
    pub fn naive_utc(self) -> NaiveDateTime {
        self.0.naive_utc()
    }

    /// The instant as chrono's UTC date-time, for arithmetic.
    #[must_use]
    pub fn as_utc(self) -> DateTime<Utc> {
        self.0
    }

    /// The instant `span` later (saturating at the calendar's end, which no lease or backoff
    /// reaches).
    #[must_use]
    pub fn plus(self, span: std::time::Duration) -> Self {
        chrono::Duration::from_std(span)
            .ok()
            .and_then(|span| self.0.checked_add_signed(span))
            .map_or(self, Self::from_utc)
    }

    /// `span` earlier; `None` when that is before the earliest time representable.
    #[must_use]
    pub fn minus(self, span: std::time::Duration) -> Option<Self> {
        chrono::Duration::from_std(span)
            .ok()
            .and_then(|span| self.0.checked_sub_signed(span))
            .map(Self::from_utc)
    }

    /// Whole milliseconds from `earlier` to `self`; negative when `earlier` is later.
    #[must_use]
    pub fn millis_since(self, earlier: Self) -> i64 {
        (self.0 - earlier.0).num_milliseconds()
    }
}

/// A bare date (`2026-12-01`: midnight) or an RFC 3339 date-time without its offset
/// (`2026-12-01T09:00:00`, optionally with a fraction of a second). The shape is checked by hand
/// first: chrono's `%Y` and `%m` alone would also take signs, one-digit months and long years.
fn without_offset(raw: &str) -> Option<NaiveDateTime> {
    const DATE: &[u8] = b"dddd-dd-dd";
    const DATE_TIME: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    if has_shape(raw.as_bytes(), DATE) {
        return NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .map(|date| date.and_time(NaiveTime::MIN));
    }
    let (head, fraction) = raw.split_at(raw.find('.').unwrap_or(raw.len()));
    let fraction_ok = fraction.is_empty()
        || (fraction.len() > 1 && fraction[1..].bytes().all(|b| b.is_ascii_digit()));
    if !(has_shape(head.as_bytes(), DATE_TIME) && fraction_ok) {
        return None;
    }
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// Whether `raw` has exactly the `pattern`'s length, an ASCII digit wherever the pattern has
/// `d` and the pattern's own byte everywhere else.
fn has_shape(raw: &[u8], pattern: &[u8]) -> bool {
    raw.len() == pattern.len()
        && raw.iter().zip(pattern).all(|(c, p)| {
            if *p == b'd' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%S%.3fZ"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_exactly_three_fraction_digits_and_z() {
        let at = Timestamp::parse("2026-09-01T00:00:00Z").map(|t| t.to_string());
        assert_eq!(at.as_deref(), Ok("2026-09-01T00:00:00.000Z"));
        let at = Timestamp::parse("2026-05-01T12:00:00.123456789Z").map(|t| t.to_string());
        assert_eq!(at.as_deref(), Ok("2026-05-01T12:00:00.123Z"));
    }

    #[test]
    fn normalises_offsets_to_utc() {
        let at = Timestamp::parse("2026-05-01T14:00:00.5+02:00").map(|t| t.to_string());
        assert_eq!(at.as_deref(), Ok("2026-05-01T12:00:00.500Z"));
    }

    #[test]
    fn refuses_non_rfc3339() {
        assert!(Timestamp::parse("2026-05-01").is_err());
        assert!(Timestamp::parse("yesterday").is_err());
    }

    fn request(raw: &str) -> Result<String, TimestampError> {
        Timestamp::parse_request(raw).map(|t| t.to_string())
    }

    #[test]
    fn request_dates_take_any_offset_none_or_a_bare_date() {
        for (raw, expected) in [
            ("2026-12-01T09:00:00Z", "2026-12-01T09:00:00.000Z"),
            ("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00.000Z"),
            ("2026-12-01T09:00:00.123456Z", "2026-12-01T09:00:00.123Z"),
            ("2026-12-01T09:00:00", "2026-12-01T09:00:00.000Z"),
            ("2026-12-01T09:00:00.123", "2026-12-01T09:00:00.123Z"),
            ("2026-12-01T09:00:00.9999", "2026-12-01T09:00:00.999Z"),
            ("2026-12-01", "2026-12-01T00:00:00.000Z"),
            ("2024-02-29", "2024-02-29T00:00:00.000Z"),
        ] {
            assert_eq!(request(raw).as_deref(), Ok(expected), "{raw}");
        }
    }

    #[test]
    fn request_dates_refuse_other_shapes() {
        for raw in [
            "",
            " 2026-12-01",
            "2026-12-01 ",
            "2026-12-1",
            "+2026-12-01",
            "20261-12-01",
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "2026-12-01T09:00",
            "2026-12-01T09:00:00.",
            "2026-12-01T09:00:00.12a",
            "2026-12-01T25:00:00",
            "2026-12-01t09:00:00",
            "2026-12-01T09:00:00+1",
            "1764579600",
            "tomorrow",
        ] {
            assert_eq!(
                Timestamp::parse_request(raw),
                Err(TimestampError(raw.to_owned())),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn naive_round_trip_keeps_the_instant() {
        let now = Timestamp::now();
        assert_eq!(Timestamp::from_naive_utc(now.naive_utc()), now);
    }

    #[test]
    fn request_instants_stay_within_four_digit_years() {
        assert!(Timestamp::parse_request("9999-12-31T23:30:00-01:00").is_err());
        assert!(Timestamp::parse_request("9999-12-31T22:30:00-01:00").is_ok());
    }
}
