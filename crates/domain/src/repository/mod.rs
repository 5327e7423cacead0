//! The storage interface, in domain terms. Implemented by the storage crate; every method is
//! blocking and scoped as its arguments say, in the statement it runs (never "load, then
//! check"): an Embed API request's methods take its [`Scope`], workspace and served platforms.

mod operator;
#[cfg(feature = "publish")]
mod publish;
#[cfg(feature = "webhooks")]
mod webhooks;

pub use operator::{ConnectionRepository, ProvisionRepository};
#[cfg(feature = "publish")]
pub use publish::{Backlog, Claimed, Expired, OnClaim, PublishRepository, Reported};
#[cfg(feature = "webhooks")]
pub use webhooks::{
    Attempt, Delivery, DeliveryStatus, DueDelivery, Endpoint, ExpirySweep, Outcome,
    WebhookRepository,
};

#[cfg(feature = "schedule")]
use crate::ScheduledPostId;
use crate::idempotency::{Claim, IdempotencyKey};
#[cfg(feature = "import")]
use crate::import::{ImportBatch, ImportError, ImportReport, PostSource};
#[cfg(feature = "schedule")]
use crate::schedule::{LinkReport, ListQuery, PostRequest, RuleViolation, ScheduledPost};
use crate::{
    AccountSummary, Actor, ApiKeyId, KeyHash, KeyKind, KeyRecord, OrganizationId, Page,
    PageRequest, Reach, RepoError, Scope, SocialAccount, SocialAccountId, Timestamp, Usage,
    WorkspaceId,
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

/// Connected accounts, as an Embed API caller sees them: of the scope's workspace and of a
/// served platform. An account outside the scope is not found, whichever half it fails.
pub trait AccountRepository {
    /// Every visible account, oldest connection first, ties by id. Token statuses are as
    /// seen at `now`.
    fn list_accounts(
        &self,
        scope: &Scope,
        now: Timestamp,
    ) -> Result<Vec<AccountSummary>, RepoError>;

    /// One visible account with its usage, or `None`.
    fn read_account(
        &self,
        scope: &Scope,
        id: &SocialAccountId,
        now: Timestamp,
    ) -> Result<Option<(SocialAccount, Usage)>, RepoError>;

    /// Deletes one visible account and all its links in one transaction, with its audit
    /// event (`social_account.disconnected`, by `actor`); the usage returned is exactly the
    /// links that transaction removed. A dry run writes nothing.
    fn delete_account(
        &self,
        scope: &Scope,
        id: &SocialAccountId,
        mode: DeleteMode,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<DeleteOutcome, RepoError>;
}

/// A key as listed to an operator (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyInfo {
    /// Record id, used to revoke.
    pub id: ApiKeyId,
    /// What it may call.
    pub kind: KeyKind,
    /// The organization it was issued for; `None` for a key of the whole instance.
    pub organization_id: Option<OrganizationId>,
    /// The workspace an Embed API key sees, if attached.
    pub workspace_id: Option<WorkspaceId>,
    /// Operator-given name.
    pub name: String,
    /// The key's first characters, to tell keys apart (never enough to use one).
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
    /// What it may call.
    pub kind: KeyKind,
    /// The organization it is issued for; `None` (operator and publisher keys only) for the
    /// whole instance.
    pub organization_id: Option<OrganizationId>,
    /// The workspace an Embed API key sees; must belong to the organization.
    pub workspace_id: Option<WorkspaceId>,
    /// Operator-given name.
    pub name: String,
    /// The key's hash: the only form of it the store keeps.
    pub hash: KeyHash,
    /// The key's first characters, for lists.
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

    /// Stores a new key created at `now`, with its audit event. Fails with
    /// [`RepoError::NoOrganization`], [`RepoError::NoWorkspace`] or
    /// [`RepoError::ForeignWorkspace`] when its owner is not as named, and
    /// [`RepoError::Duplicate`] when the hash exists.
    fn create_key(
        &self,
        key: &NewApiKey,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<ApiKeyInfo, RepoError>;

    /// A page of the keys of `organization`, revoked ones included, oldest first; `None` when
    /// the organization does not exist within `reach`.
    fn list_keys(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<ApiKeyInfo>>, RepoError>;

    /// Revokes a key within `reach` at `at`, with its audit event; the key as it now is, or
    /// `None` when there is no such key within reach. A key revoked before is answered as it
    /// is, with no new event.
    fn revoke_key(
        &self,
        reach: &Reach,
        id: &ApiKeyId,
        actor: &Actor,
        at: Timestamp,
    ) -> Result<Option<ApiKeyInfo>, RepoError>;
}

/// Bulk import of an operator's file. Needs the `import` feature.
#[cfg(feature = "import")]
pub trait ImportRepository {
    /// Writes the whole batch in one transaction, or nothing.
    ///
    /// # Errors
    ///
    /// The first record the database refuses (a duplicate id, an unknown workspace, ...),
    /// named as the file names it, or why the database could not be written.
    fn import(&self, batch: &ImportBatch, actor: &Actor) -> Result<ImportReport, ImportError> {
        self.import_from(
            batch,
            &mut batch.scheduled_posts.as_slice(),
            &mut |_| {},
            actor,
        )
    }

    /// Writes `head`'s organizations, workspaces, keys, accounts and designs, then every post
    /// `posts` delivers (not `head`'s own), and one `import.completed` audit event with the
    /// counts, in one transaction, or nothing. `progress` hears of each batch of rows written,
    /// so a long import can show how far it is.
    ///
    /// # Errors
    ///
    /// As [`import`](Self::import), and the source's own errors.
    fn import_from(
        &self,
        head: &ImportBatch,
        posts: &mut dyn PostSource,
        progress: &mut dyn FnMut(ImportProgress),
        actor: &Actor,
    ) -> Result<ImportReport, ImportError>;
}

/// How far an import is: the section being written and how many of its records are written.
/// Needs the `import` feature.
#[cfg(feature = "import")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// The section, as the file names it (`socialAccounts`, `scheduledPosts`, ...).
    pub section: &'static str,
    /// Records of that section written so far.
    pub written: usize,
}

/// What a replace did. Needs the `schedule` feature.
#[cfg(feature = "schedule")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplaceOutcome {
    /// The post as it now is.
    Replaced(Box<ScheduledPost>),
    /// No such post in that workspace.
    NotFound,
    /// A business rule refused the new version; nothing changed.
    Refused(RuleViolation),
}

/// Scheduled posts of the scope's workspace. Needs the `schedule` feature.
#[cfg(feature = "schedule")]
pub trait ScheduleRepository {
    /// Creates a post from an edge-validated request: looks up its design and selected
    /// accounts within `scope` and applies the business rules in the same transaction as the
    /// insert, so an account deleted meanwhile is refused, never linked. `Ok(Err(_))` is a
    /// refusal (nothing written). With an idempotency key (already claimed), the new post's
    /// id is written to it in the same transaction.
    fn create_post(
        &self,
        scope: &Scope,
        request: PostRequest,
        idempotency: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Result<ScheduledPost, RuleViolation>, RepoError>;

    /// Replaces a post's fields, captions, settings and all its links, in one transaction
    /// (`labels`, `createdAt` and the id are kept); the accounts are looked up as a create
    /// looks them up.
    fn replace_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
        request: PostRequest,
        now: Timestamp,
    ) -> Result<ReplaceOutcome, RepoError>;

    /// One post of the scope's workspace, or `None`.
    fn read_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
    ) -> Result<Option<ScheduledPost>, RepoError>;

    /// The posts of the scope's workspace the query selects, by scheduled time, then id byte
    /// by byte.
    fn list_posts(&self, scope: &Scope, query: &ListQuery)
    -> Result<Vec<ScheduledPost>, RepoError>;

    /// Deletes a post of the scope's workspace with its captions, settings and links (its
    /// `scheduled_post.deleted` event stamped `now`); false when there was none.
    fn delete_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
        now: Timestamp,
    ) -> Result<bool, RepoError>;

    /// A publisher's outcome for one link (operator command, not scoped by workspace), with
    /// its `link.reported` audit event; false when the post has no link to that account.
    fn report_link(
        &self,
        post: &ScheduledPostId,
        account: &SocialAccountId,
        report: &LinkReport,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, RepoError>;
}

/// Idempotency keys of one workspace (see [`crate::idempotency`]).
pub trait IdempotencyRepository {
    /// Claims `key` for a request whose body hashes to `hash`, forgetting a claim older than
    /// the key lifetime; one transaction, so of concurrent claims exactly one is `New`.
    fn claim(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        hash: &[u8; 32],
        now: Timestamp,
    ) -> Result<Claim, RepoError>;

    /// Stores the answer of the request that claimed `key`.
    fn complete(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        status: u16,
        body: &str,
    ) -> Result<(), RepoError>;

    /// Forgets a claim whose request produced no answer worth repeating (a server error).
    fn release(&self, workspace: &WorkspaceId, key: &IdempotencyKey) -> Result<(), RepoError>;
}
