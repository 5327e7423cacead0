//! The storage interface, in domain terms. Implemented by the storage crate; every method is
//! blocking and scoped as its arguments say (never "load, then check").

use crate::import::{ImportBatch, ImportError, ImportReport};
use crate::{
    AccountSummary, ApiKeyId, KeyHash, KeyRecord, OrganizationId, RepoError, SocialAccount,
    SocialAccountId, Timestamp, Usage, WorkspaceId,
};

/// Whether a delete really deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteMode {
    /// Delete the account and its links.
    Delete,
    /// Count what would go, change nothing.
    DryRun,
}

/// What a delete did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// The account and these links are gone.
    Deleted(Usage),
    /// Dry run: these links would go; nothing changed.
    WouldDelete(Usage),
    /// No such account in that workspace.
    NotFound,
    /// The account was there when the delete started but another delete removed it first.
    LostRace,
}

/// Connected accounts of one workspace.
pub trait AccountRepository {
    /// Every account of `workspace`, oldest connection first, ties by id. Token statuses are
    /// as seen at `now`.
    fn list_accounts(
        &self,
        workspace: &WorkspaceId,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError>;

    /// One account of `workspace` with its usage, or `None`.
    fn read_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(SocialAccount, Usage)>, RepoError>;

    /// Deletes one account of `workspace` and all its links in one transaction.
    fn delete_account(
        &self,
        workspace: &WorkspaceId,
        id: &SocialAccountId,
        mode: DeleteMode,
    ) -> Result<DeleteOutcome, RepoError>;
}

/// A key as listed to an operator (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyInfo {
    /// Record id, used to revoke.
    pub id: ApiKeyId,
    /// The organization.
    pub organization_id: OrganizationId,
    /// The workspace, if attached.
    pub workspace_id: Option<WorkspaceId>,
    /// Operator-given name.
    pub name: String,
    /// First characters of the key.
    pub prefix: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it was last used (written at most once a minute).
    pub last_used_at: Option<Timestamp>,
    /// When it was revoked.
    pub revoked_at: Option<Timestamp>,
    /// When it stops working, if ever.
    pub expires_at: Option<Timestamp>,
}

/// A key to store.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The workspace, if attached; must belong to the organization.
    pub workspace_id: Option<WorkspaceId>,
    /// Operator-given name.
    pub name: String,
    /// Hash of the key.
    pub hash: KeyHash,
    /// First characters of the key.
    pub prefix: String,
    /// When it stops working, if ever.
    pub expires_at: Option<Timestamp>,
}

/// API keys.
pub trait KeyRepository {
    /// The live key with this hash (not revoked, not expired at `now`), with its workspace and
    /// organization plan.
    fn find_key(&self, hash: &KeyHash, now: Timestamp) -> Result<Option<KeyRecord>, RepoError>;

    /// Records that a key was used at `at`.
    fn record_key_use(&self, key: &ApiKeyId, at: Timestamp) -> Result<(), RepoError>;

    /// Stores a new key created at `now`. Fails with [`RepoError::NoOrganization`],
    /// [`RepoError::NoWorkspace`] or [`RepoError::ForeignWorkspace`] when its owner is not as
    /// named, and [`RepoError::Duplicate`] when the hash exists.
    fn create_key(&self, key: &NewApiKey, now: Timestamp) -> Result<ApiKeyInfo, RepoError>;

    /// Every key of an organization, revoked ones included, oldest first.
    fn list_keys(&self, organization: &OrganizationId) -> Result<Vec<ApiKeyInfo>, RepoError>;

    /// Revokes a key; `false` when no such unrevoked key exists.
    fn revoke_key(&self, id: &ApiKeyId, at: Timestamp) -> Result<bool, RepoError>;
}

/// Bulk import of an operator's file.
pub trait ImportRepository {
    /// Writes the whole batch in one transaction, or nothing.
    fn import(&self, batch: &ImportBatch) -> Result<ImportReport, ImportError>;
}
