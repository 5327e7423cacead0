//! What a valid import file becomes: records with parsed ids, enums and timestamps, ready
//! for the storage transaction.

use super::{ImportError, ImportFile, ImportReport, PostStatus};
use crate::TokenSecret;
pub use crate::provision::{NewOrganization, NewWorkspace};
use crate::schedule::{Caption, Design, PostLink, PostSettings};
use crate::{
    AccessTokenStatus, AccountType, ApiKeySecret, DesignId, OrganizationId, Platform, Platforms,
    ScheduledPostId, SocialAccountId, Timestamp, WorkspaceId,
};

/// An API key to store (hashed).
#[derive(Debug, Clone)]
pub struct ImportedKey {
    /// The organization it is issued for.
    pub organization_id: OrganizationId,
    /// The workspace it sees, which must be its organization's; a key without one is refused
    /// by the Embed API (401).
    pub workspace_id: Option<WorkspaceId>,
    /// What an operator calls it in `keys list` (the key itself is never shown again).
    pub name: String,
    /// The key (hash it, never store it).
    pub secret: ApiKeySecret,
}

/// A social account to create; the organization is its workspace's.
#[derive(Debug, Clone)]
pub struct NewSocialAccount {
    /// Its id, as the file gives it or minted.
    pub id: SocialAccountId,
    /// The workspace it is connected to; its organization is this workspace's.
    pub workspace_id: WorkspaceId,
    /// The platform it is on, one the deployment serves.
    pub platform: Platform,
    /// Its handle on the platform (`@name`, a page slug), as the platform spells it.
    pub account_handle: String,
    /// Kind of account.
    pub account_type: AccountType,
    /// Display name.
    pub account_name: String,
    /// Logo URL.
    pub account_logo: Option<String>,
    /// Stored token status.
    pub access_token_status: AccessTokenStatus,
    /// When the access token expires, if the platform says; past it the status reads
    /// `expired`.
    pub token_expires_at: Option<Timestamp>,
    /// OAuth access token (encrypt before storing).
    pub access_token: TokenSecret,
    /// OAuth refresh token (encrypt before storing).
    pub refresh_token: Option<TokenSecret>,
    /// When it was connected: the list's order (the import's `now` when the file gives
    /// none).
    pub created_at: Timestamp,
    /// Last changed at.
    pub updated_at: Timestamp,
}

/// A design to create, in a workspace.
#[derive(Debug, Clone)]
pub struct NewDesign {
    /// Workspace; a post may only use a design of its own workspace.
    pub workspace_id: WorkspaceId,
    /// The design (its id minted when the file gives none).
    pub design: Design,
}

/// A scheduled post to create, with its captions and links: history as it was, shaped as
/// the API shapes a post (see the module docs for what is checked and what is defaulted).
#[derive(Debug, Clone)]
pub struct NewScheduledPost {
    /// Its id, as the file gives it or minted.
    pub id: ScheduledPostId,
    /// Workspace; its design and every linked account must be in it.
    pub workspace_id: WorkspaceId,
    /// `DRAFT` or `SCHEDULED`, as stored (its links carry their own statuses).
    pub status: PostStatus,
    /// When it is scheduled for (the record's `createdAt`, else the import's `now`, when the
    /// file gives none).
    pub scheduled_at: Timestamp,
    /// Its design; the storage checks that it is in the post's workspace.
    pub design_id: Option<DesignId>,
    /// Labels; `None` is `null`.
    pub labels: Option<Vec<String>>,
    /// The non-blank captions, in [`CaptionKey`](crate::CaptionKey) order.
    pub captions: Vec<Caption>,
    /// The settings objects as written, with the reel default applied.
    pub settings: PostSettings,
    /// Its links in file order (each account at most once), statuses and outcomes as given.
    pub links: Vec<PostLink>,
    /// Created at (the import's `now` when the file gives none); also its `updatedAt`.
    pub created_at: Timestamp,
}

/// A validated import, in file order.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// `organizations[]`, written first.
    pub organizations: Vec<NewOrganization>,
    /// `workspaces[]`, written after the organizations they belong to.
    pub workspaces: Vec<NewWorkspace>,
    /// `apiKeys[]`, stored hashed.
    pub api_keys: Vec<ImportedKey>,
    /// `socialAccounts[]`, their tokens sealed on the way in.
    pub social_accounts: Vec<NewSocialAccount>,
    /// `designs[]`, written before the posts that use them.
    pub designs: Vec<NewDesign>,
    /// `scheduledPosts[]` with their captions, settings and links, written last.
    pub scheduled_posts: Vec<NewScheduledPost>,
}

impl ImportBatch {
    /// Parses then validates an import file's text: [`ImportFile::from_json`], then
    /// [`ImportFile::validate`], the one step every caller wants.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::import::ImportBatch;
    /// use social_accounts_domain::{Platform, Platforms, Timestamp};
    ///
    /// let file = r#"{
    ///   "organizations": [
    ///     { "id": "org_1", "name": "Acme", "mainPlan": "paid", "apiCreditsAddon": true }
    ///   ],
    ///   "workspaces": [ { "id": "ws_1", "organizationId": "org_1", "name": "Marketing" } ],
    ///   "socialAccounts": [
    ///     { "workspaceId": "ws_1", "platformType": "linkedin", "accountHandle": "acme",
    ///       "accountType": "organization", "accountName": "Acme", "accessToken": "tok" }
    ///   ]
    /// }"#;
    /// let now = Timestamp::parse("2026-06-19T12:00:00Z")?;
    /// let platforms = Platforms::contract();
    /// let batch = ImportBatch::from_json(file, now, &platforms)?;
    /// let account = &batch.social_accounts[0];
    /// assert_eq!(account.platform, Platform::Linkedin);
    /// assert_eq!(account.created_at, now); // no `createdAt`: the import's `now`
    /// assert!(batch.organizations[0].plan.qualifies_for_embed_api());
    ///
    /// // The first bad record and field is named, with the message the server prints.
    /// let error = |text: &str| ImportBatch::from_json(text, now, &platforms).unwrap_err();
    /// assert_eq!(
    ///     error(&file.replace(r#""organization""#, r#""page""#)).to_string(),
    ///     "socialAccounts[0].accountType: \"page\" is not a linkedin account type \
    ///      (expected one of: personal, organization)"
    /// );
    /// assert_eq!(
    ///     error(&file.replace("mainPlan", "plan")).to_string(),
    ///     "organizations[0].plan: unknown field `plan`, expected one of `id`, `name`, \
    ///      `mainPlan`, `apiCreditsAddon`, `embedSubscription` at line 3 column 44"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(
        text: &str,
        now: Timestamp,
        platforms: &Platforms,
    ) -> Result<Self, ImportError> {
        ImportFile::from_json(text)?.validate(now, platforms)
    }

    /// What importing this batch writes, once the storage has accepted it: one record per
    /// entry, and one link per post and account.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::import::ImportBatch;
    /// use social_accounts_domain::{Platforms, Timestamp};
    ///
    /// let file = r#"{ "organizations": [ { "id": "org_1", "name": "Acme", "mainPlan": "free" } ] }"#;
    /// let batch = ImportBatch::from_json(file, Timestamp::now(), &Platforms::default())?;
    /// assert_eq!(batch.report().organizations, 1);
    /// assert_eq!(
    ///     batch.report().to_string(),
    ///     "1 organizations, 0 workspaces, 0 API keys, 0 social accounts, 0 designs, \
    ///      0 scheduled posts, 0 links"
    /// );
    /// # Ok::<(), social_accounts_domain::import::ImportError>(())
    /// ```
    #[must_use]
    pub fn report(&self) -> ImportReport {
        ImportReport {
            organizations: self.organizations.len(),
            workspaces: self.workspaces.len(),
            api_keys: self.api_keys.len(),
            social_accounts: self.social_accounts.len(),
            designs: self.designs.len(),
            scheduled_posts: self.scheduled_posts.len(),
            links: self
                .scheduled_posts
                .iter()
                .map(|post| post.links.len())
                .sum(),
        }
    }
}
