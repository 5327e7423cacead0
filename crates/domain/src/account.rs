//! Connected social accounts, as the API shows them.

pub use crate::account_type::AccountType;
use crate::{AccessTokenStatus, OrganizationId, Platform, SocialAccountId, Timestamp, WorkspaceId};

/// One account in the list of a workspace's accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    /// The account id.
    pub id: SocialAccountId,
    /// The platform it is connected on.
    pub platform: Platform,
    /// Handle on the platform.
    pub account_handle: String,
    /// Kind of account on that platform.
    pub account_type: AccountType,
    /// Display name.
    pub account_name: String,
    /// Logo URL, if any.
    pub account_logo: Option<String>,
    /// Token status as a client sees it (expiry already applied).
    pub access_token_status: AccessTokenStatus,
}

/// One account with everything the API shows about it (never its tokens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialAccount {
    /// The account id.
    pub id: SocialAccountId,
    /// Owning organization (its workspace's).
    pub organization_id: OrganizationId,
    /// The workspace it is connected to: the only one whose keys see it.
    pub workspace_id: WorkspaceId,
    /// The platform it is connected on.
    pub platform: Platform,
    /// Handle on the platform.
    pub account_handle: String,
    /// Kind of account on that platform.
    pub account_type: AccountType,
    /// Display name.
    pub account_name: String,
    /// Logo URL, if any.
    pub account_logo: Option<String>,
    /// Token status as a client sees it (expiry already applied).
    pub access_token_status: AccessTokenStatus,
    /// When the access token expires, if known.
    pub token_expires_at: Option<Timestamp>,
    /// When the account was connected.
    pub created_at: Timestamp,
    /// When the account last changed.
    pub updated_at: Timestamp,
}
