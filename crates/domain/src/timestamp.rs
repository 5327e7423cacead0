//! Timestamps as the API writes them: UTC, millisecond precision.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

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
    pub fn parse(raw: &str) -> Result<Self, TimestampError> {
        DateTime::parse_from_rfc3339(raw)
            .map(|at| Self::from_utc(at.with_timezone(&Utc)))
            .map_err(|_| TimestampError(raw.to_owned()))
    }

    /// The instant as a naive UTC value, for storage.
    #[must_use]
    pub fn naive_utc(self) -> NaiveDateTime {
        self.0.naive_utc()
    }

    /// The instant.
    #[must_use]
    pub fn as_utc(self) -> DateTime<Utc> {
        self.0
    }
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

    #[test]
    fn naive_round_trip_keeps_the_instant() {
        let now = Timestamp::now();
        assert_eq!(Timestamp::from_naive_utc(now.naive_utc()), now);
    }
}
