//! The status of an account's OAuth access token.

use crate::Timestamp;
use crate::wire_enum::wire_enum;

wire_enum! {
    /// Whether an account's access token can still be used to publish.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AccessTokenStatus {
        /// Usable: not revoked, and not past its expiry (if it has one).
        Active = "active",
        /// Past its expiry, or marked expired.
        Expired = "expired",
        /// Revoked by the user or the platform; stays revoked whatever its expiry.
        Revoked = "revoked",
    }
}

impl AccessTokenStatus {
    /// The status a client sees: an expiry in the past reads as `expired` whatever is stored,
    /// unless the token is `revoked`. An expiry exactly at `now` counts as past.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{AccessTokenStatus, Timestamp};
    ///
    /// let now = Timestamp::parse("2026-10-01T00:00:00Z")?;
    /// let last_month = Some(Timestamp::parse("2026-09-01T00:00:00Z")?);
    /// let next_month = Some(Timestamp::parse("2026-11-01T00:00:00Z")?);
    ///
    /// use AccessTokenStatus::{Active, Expired, Revoked};
    /// assert_eq!(Active.effective(next_month, now), Active);
    /// assert_eq!(Active.effective(last_month, now), Expired);
    /// assert_eq!(Active.effective(Some(now), now), Expired);
    /// assert_eq!(Active.effective(None, now), Active);
    /// assert_eq!(Revoked.effective(next_month, now), Revoked);
    /// # Ok::<(), social_accounts_domain::TimestampError>(())
    /// ```
    #[must_use]
    pub fn effective(self, expires_at: Option<Timestamp>, now: Timestamp) -> Self {
        match (self, expires_at) {
            (Self::Revoked, _) => Self::Revoked,
            (_, Some(at)) if at <= now => Self::Expired,
            (stored, _) => stored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AccessTokenStatus::{Active, Expired, Revoked};
    use super::*;

    fn at(raw: &str) -> Timestamp {
        Timestamp::parse(raw).unwrap()
    }

    #[test]
    fn past_expiry_reads_expired_unless_revoked() {
        let now = at("2026-10-01T00:00:00.000Z");
        let past = Some(at("2026-09-01T00:00:00.000Z"));
        let future = Some(at("2026-12-01T00:00:00.000Z"));
        assert_eq!(Active.effective(past, now), Expired);
        assert_eq!(Active.effective(Some(now), now), Expired);
        assert_eq!(Active.effective(future, now), Active);
        assert_eq!(Active.effective(None, now), Active);
        assert_eq!(Revoked.effective(past, now), Revoked);
        assert_eq!(Expired.effective(future, now), Expired);
    }

    #[test]
    fn wire_names() {
        for s in [Active, Expired, Revoked] {
            assert_eq!(AccessTokenStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(AccessTokenStatus::parse("ACTIVE"), None);
        assert_eq!(AccessTokenStatus::names(), "active, expired, revoked");
    }
}
