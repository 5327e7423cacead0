//! An account's health, as the operator API reports it: whether its token can publish, and
//! whether it will soon stop.

use crate::{AccessTokenStatus, Timestamp};

/// How many days before its expiry a token counts as expiring, unless
/// `TOKEN_EXPIRY_WARNING_DAYS` says.
pub const DEFAULT_WARNING_DAYS: u32 = 7;

/// The state of an account's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HealthState {
    /// Active, and not expiring within the warning window.
    Ok,
    /// Active, but expiring within the warning window: refresh it.
    Expiring,
    /// Not usable (expired, revoked, or a publisher reported an auth failure): the account's
    /// owner must connect it again.
    ReauthRequired,
}

impl HealthState {
    /// The wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Expiring => "expiring",
            Self::ReauthRequired => "reauth_required",
        }
    }
}

/// An account's health at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Health {
    /// See [`HealthState`].
    pub state: HealthState,
    /// Seconds until the token expires (negative once past), `None` when it has no known
    /// expiry.
    pub expires_in_seconds: Option<i64>,
}

impl Health {
    /// The health of a token stored with `status` and `expires_at`, at `now`, warning
    /// `warning_days` ahead of expiry.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{AccessTokenStatus, Health, HealthState, Timestamp};
    ///
    /// let now = Timestamp::parse("2026-12-01T00:00:00Z")?;
    /// let in_3_days = Some(Timestamp::parse("2026-12-04T00:00:00Z")?);
    /// let health = Health::of(AccessTokenStatus::Active, in_3_days, now, 7);
    /// assert_eq!(health.state, HealthState::Expiring);
    /// assert_eq!(health.expires_in_seconds, Some(3 * 86_400));
    /// assert_eq!(
    ///     Health::of(AccessTokenStatus::Revoked, None, now, 7).state,
    ///     HealthState::ReauthRequired
    /// );
    /// # Ok::<(), social_accounts_domain::TimestampError>(())
    /// ```
    #[must_use]
    pub fn of(
        status: AccessTokenStatus,
        expires_at: Option<Timestamp>,
        now: Timestamp,
        warning_days: u32,
    ) -> Self {
        let expires_in_seconds = expires_at.map(|at| (at.as_utc() - now.as_utc()).num_seconds());
        let warning = i64::from(warning_days) * 86_400;
        let state = match status.effective(expires_at, now) {
            AccessTokenStatus::Expired | AccessTokenStatus::Revoked => HealthState::ReauthRequired,
            AccessTokenStatus::Active if expires_in_seconds.is_some_and(|left| left <= warning) => {
                HealthState::Expiring
            }
            AccessTokenStatus::Active => HealthState::Ok,
        };
        Self {
            state,
            expires_in_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccessTokenStatus::{Active, Expired, Revoked};

    fn at(raw: &str) -> Timestamp {
        Timestamp::parse(raw).unwrap()
    }

    #[test]
    fn states_at_their_edges() {
        let now = at("2026-12-01T00:00:00Z");
        let cases = [
            (Active, None, HealthState::Ok, None),
            (
                Active,
                Some("2026-12-08T00:00:01Z"),
                HealthState::Ok,
                Some(7 * 86_400 + 1),
            ),
            (
                Active,
                Some("2026-12-08T00:00:00Z"),
                HealthState::Expiring,
                Some(7 * 86_400),
            ),
            (
                Active,
                Some("2026-12-01T00:00:01Z"),
                HealthState::Expiring,
                Some(1),
            ),
            (
                Active,
                Some("2026-12-01T00:00:00Z"),
                HealthState::ReauthRequired,
                Some(0),
            ),
            (
                Active,
                Some("2026-11-30T00:00:00Z"),
                HealthState::ReauthRequired,
                Some(-86_400),
            ),
            (
                Expired,
                Some("2027-01-01T00:00:00Z"),
                HealthState::ReauthRequired,
                Some(31 * 86_400),
            ),
            (Revoked, None, HealthState::ReauthRequired, None),
        ];
        for (status, expiry, state, left) in cases {
            let health = Health::of(status, expiry.map(at), now, 7);
            assert_eq!(
                (health.state, health.expires_in_seconds),
                (state, left),
                "{status} {expiry:?}"
            );
        }
        // No warning window: only a past expiry matters.
        assert_eq!(
            Health::of(Active, Some(at("2026-12-01T00:00:01Z")), now, 0).state,
            HealthState::Ok
        );
        assert_eq!(HealthState::ReauthRequired.as_str(), "reauth_required");
    }
}
