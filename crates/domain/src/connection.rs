//! Accounts as the operator API connects, refreshes and shows them: an account with its
//! platform's own id (`externalId`) and when its tokens last changed.

use crate::{
    AccessTokenStatus, AccountType, Platform, SocialAccount, SocialAccountId, Timestamp,
    TokenSecret,
};

/// An account to connect after a deployment's own OAuth callback. A connect of an account
/// already connected in the workspace (same platform and `external_id`) is a reconnect: same
/// id, profile and tokens replaced, every link kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connect {
    /// The id to give a new account; `None`: minted. On a reconnect it must be the existing
    /// account's, if given.
    pub id: Option<SocialAccountId>,
    /// The platform, one the deployment serves.
    pub platform: Platform,
    /// One of the platform's kinds of account.
    pub account_type: AccountType,
    /// Its handle on the platform.
    pub account_handle: String,
    /// Its display name.
    pub account_name: String,
    /// Its logo's URL.
    pub account_logo: Option<String>,
    /// The platform's own id of the account (a LinkedIn URN, an Instagram user id, ...),
    /// unique per workspace and platform.
    pub external_id: String,
    /// Its tokens, sealed before they are stored.
    pub tokens: Tokens,
}

/// OAuth tokens of an account, as a connect or a refresh gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The access token.
    pub access_token: TokenSecret,
    /// The refresh token, if the platform gives one; `None` removes a stored one.
    pub refresh_token: Option<TokenSecret>,
    /// When the access token expires, if the platform says.
    pub expires_at: Option<Timestamp>,
}

/// An account as the operator API shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedAccount {
    /// What the Embed API shows of it (its token status as seen at the moment of reading).
    pub account: SocialAccount,
    /// The platform's own id; `None` for an account imported before the operator API.
    pub external_id: Option<String>,
    /// When its tokens last changed (its `updatedAt` for an account imported before).
    pub token_updated_at: Timestamp,
}

/// What a connect did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connected {
    /// A new account (201).
    New(ConnectedAccount),
    /// The account was connected already: tokens and profile replaced, links kept (200).
    Reconnected(ConnectedAccount),
    /// No such workspace within the caller's reach (404).
    WorkspaceNotFound,
    /// The `id` given belongs to another account (409).
    IdTaken,
}

/// Which accounts of a workspace a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountFilter {
    /// Only this platform's.
    pub platform: Option<Platform>,
    /// Only those whose token status (as seen at the moment of listing) is this.
    pub status: Option<AccessTokenStatus>,
    /// Only active tokens that expire within this many days (those past their expiry are
    /// `expired`, not expiring).
    pub expiring_within_days: Option<u32>,
}

/// A change to an account: each field given is set, the others kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountPatch {
    /// A new handle.
    pub account_handle: Option<String>,
    /// A new display name.
    pub account_name: Option<String>,
    /// A new logo (`Some(None)` removes it).
    pub account_logo: Option<Option<String>>,
    /// `active` or `revoked` (an operator marks a token revoked, or usable again).
    pub access_token_status: Option<AccessTokenStatus>,
}

impl AccountPatch {
    /// Whether it changes nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
