//! What the operator API provisions, connects and reads, in domain terms: every method bounded
//! by the caller's [`Reach`], every write with its audit event in its own transaction.

use super::{DeleteMode, DeleteOutcome};
use crate::{
    AccountFilter, AccountPatch, Actor, AuditEvent, Connect, Connected, ConnectedAccount,
    NewOrganization, NewWorkspace, Organization, OrganizationId, OrganizationPatch, Page,
    PageRequest, Reach, RepoError, SocialAccountId, Timestamp, Tokens, Usage, Workspace,
    WorkspaceId,
};

/// Organizations, their workspaces and their audit trail, as the operator API provisions and
/// reads them. Every method is bounded by the caller's reach: anything outside it does not
/// exist. Each write records its audit event in its own transaction.
pub trait ProvisionRepository {
    /// Creates an organization; [`RepoError::Duplicate`] when its id is taken.
    fn create_organization(
        &self,
        new: &NewOrganization,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Organization, RepoError>;

    /// A page of the organizations within reach, oldest first.
    fn organizations(
        &self,
        reach: &Reach,
        page: &PageRequest,
    ) -> Result<Page<Organization>, RepoError>;

    /// One organization within reach.
    fn organization(
        &self,
        reach: &Reach,
        id: &OrganizationId,
    ) -> Result<Option<Organization>, RepoError>;

    /// Changes an organization within reach; `None` when there is none.
    fn update_organization(
        &self,
        reach: &Reach,
        id: &OrganizationId,
        patch: &OrganizationPatch,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Organization>, RepoError>;

    /// Creates a workspace in an organization within reach; `None` when there is no such
    /// organization, [`RepoError::Duplicate`] when the id is taken.
    fn create_workspace(
        &self,
        reach: &Reach,
        new: &NewWorkspace,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Workspace>, RepoError>;

    /// A page of an organization's workspaces, oldest first; `None` when the organization is
    /// not within reach.
    fn workspaces(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<Workspace>>, RepoError>;

    /// A page of every audit event at or after `since`, oldest first: those of every
    /// organization and the instance-wide ones (an import of several organizations, a token-key
    /// rotation). For instance keys.
    fn all_audit_events(
        &self,
        since: Option<Timestamp>,
        page: &PageRequest,
    ) -> Result<Page<AuditEvent>, RepoError>;

    /// A page of an organization's audit events at or after `since`, oldest first; `None`
    /// when the organization is not within reach.
    fn audit_events(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        since: Option<Timestamp>,
        page: &PageRequest,
    ) -> Result<Option<Page<AuditEvent>>, RepoError>;
}

/// Accounts as the operator API connects, changes and reads them (all of a workspace's, of
/// whatever platform), bounded by the caller's reach. Each write records its audit event in
/// its own transaction; the Embed API sees every change at once.
pub trait ConnectionRepository {
    /// Connects an account in `workspace`, or reconnects the one with the same platform and
    /// external id (its id and every link kept). Tokens are sealed as the import seals them.
    fn connect(
        &self,
        reach: &Reach,
        workspace: &WorkspaceId,
        connect: &Connect,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Connected, RepoError>;

    /// A page of a workspace's accounts the filter selects, oldest first, token statuses as
    /// seen at `now`; `None` when the workspace is not within reach.
    fn connected_accounts(
        &self,
        reach: &Reach,
        workspace: &WorkspaceId,
        filter: &AccountFilter,
        page: &PageRequest,
        now: Timestamp,
    ) -> Result<Option<Page<ConnectedAccount>>, RepoError>;

    /// One account within reach, with its usage.
    fn connected_account(
        &self,
        reach: &Reach,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(ConnectedAccount, Usage)>, RepoError>;

    /// Changes an account's profile or token status.
    fn update_account(
        &self,
        reach: &Reach,
        id: &SocialAccountId,
        patch: &AccountPatch,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<ConnectedAccount>, RepoError>;

    /// Replaces an account's tokens; its token status becomes `active`.
    fn refresh_tokens(
        &self,
        reach: &Reach,
        id: &SocialAccountId,
        tokens: &Tokens,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<ConnectedAccount>, RepoError>;

    /// Disconnects an account within reach: the transaction and cascade of
    /// [`super::AccountRepository::delete_account`].
    fn disconnect(
        &self,
        reach: &Reach,
        id: &SocialAccountId,
        mode: DeleteMode,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<DeleteOutcome, RepoError>;
}
