//! The operator's import file: its JSON shape, and its validation into an [`ImportBatch`].
//!
//! Everything that can be checked without the database is checked here, record by record in
//! file order, so the first error names the first bad record and field
//! (`socialAccounts[2].accountType: ...`). Checks against stored records (does the workspace
//! exist?) happen in the storage transaction, with the same naming.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use validator::{ValidateLength, ValidateUrl};

pub use crate::PostStatus;
use crate::{
    AccessTokenStatus, AccountType, ApiKeySecret, EmbedSubscription, LinkStatus, MainPlan,
    OrganizationId, Plan, Platform, ScheduledPostId, SocialAccountId, Timestamp, WorkspaceId,
};

/// Longest name, handle or other free text accepted.
pub const MAX_TEXT_LEN: u64 = 255;
/// Longest logo URL accepted.
pub const MAX_URL_LEN: u64 = 2048;

/// A bad import: where (`socialAccounts[2].accountType`) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct ImportError {
    /// Path of the offending record and field, `.` for the whole file, or `?` for a syntax
    /// error the parser could not place.
    pub at: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl ImportError {
    /// An error at `section[index].field`.
    #[must_use]
    pub fn field(section: &str, index: usize, field: &str, message: impl Into<String>) -> Self {
        Self {
            at: format!("{section}[{index}].{field}"),
            message: message.into(),
        }
    }
}

/// How many records of each kind an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Organizations.
    pub organizations: usize,
    /// Workspaces.
    pub workspaces: usize,
    /// API keys.
    pub api_keys: usize,
    /// Social accounts.
    pub social_accounts: usize,
    /// Scheduled posts.
    pub scheduled_posts: usize,
    /// Links between posts and accounts.
    pub links: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} organizations, {} workspaces, {} API keys, {} social accounts, {} scheduled posts, {} links",
            self.organizations,
            self.workspaces,
            self.api_keys,
            self.social_accounts,
            self.scheduled_posts,
            self.links
        )
    }
}

/// An OAuth token from the import file; its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct TokenSecret(String);

impl TokenSecret {
    /// Wraps a token.
    #[must_use]
    pub fn new(token: String) -> Self {
        Self(token)
    }

    /// The token, for encryption.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenSecret(<redacted>)")
    }
}

// ---- the file, as written --------------------------------------------------------------

/// The import file as written. Unknown fields anywhere are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ImportFile {
    #[serde(default)]
    organizations: Vec<OrganizationRecord>,
    #[serde(default)]
    workspaces: Vec<WorkspaceRecord>,
    #[serde(default)]
    api_keys: Vec<ApiKeyRecord>,
    #[serde(default)]
    social_accounts: Vec<SocialAccountRecord>,
    #[serde(default)]
    scheduled_posts: Vec<ScheduledPostRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OrganizationRecord {
    id: String,
    name: String,
    main_plan: String,
    #[serde(default)]
    api_credits_addon: bool,
    #[serde(default)]
    embed_subscription: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct WorkspaceRecord {
    id: String,
    organization_id: String,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ApiKeyRecord {
    organization_id: String,
    #[serde(default)]
    workspace_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    key: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SocialAccountRecord {
    #[serde(default)]
    id: Option<String>,
    workspace_id: String,
    platform_type: String,
    account_handle: String,
    account_type: String,
    account_name: String,
    #[serde(default)]
    account_logo: Option<String>,
    #[serde(default)]
    access_token_status: Option<String>,
    #[serde(default)]
    token_expires_at: Option<String>,
    access_token: TokenSecret,
    #[serde(default)]
    refresh_token: Option<TokenSecret>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ScheduledPostRecord {
    #[serde(default)]
    id: Option<String>,
    workspace_id: String,
    status: String,
    #[serde(default)]
    scheduled_at: Option<String>,
    #[serde(default)]
    social_accounts: Vec<LinkRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct LinkRecord {
    social_account_id: String,
    status: String,
}

// ---- the validated batch ---------------------------------------------------------------

/// An organization to create.
#[derive(Debug, Clone)]
pub struct NewOrganization {
    /// Id.
    pub id: OrganizationId,
    /// Name.
    pub name: String,
    /// Plan.
    pub plan: Plan,
}

/// A workspace to create.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    /// Id.
    pub id: WorkspaceId,
    /// Owning organization.
    pub organization_id: OrganizationId,
    /// Name.
    pub name: String,
}

/// An API key to store (hashed).
#[derive(Debug, Clone)]
pub struct ImportedKey {
    /// Organization.
    pub organization_id: OrganizationId,
    /// Workspace, if attached.
    pub workspace_id: Option<WorkspaceId>,
    /// Name.
    pub name: String,
    /// The key (hash it, never store it).
    pub secret: ApiKeySecret,
}

/// A social account to create; the organization is its workspace's.
#[derive(Debug, Clone)]
pub struct NewSocialAccount {
    /// Id.
    pub id: SocialAccountId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// Platform.
    pub platform: Platform,
    /// Handle.
    pub account_handle: String,
    /// Kind of account.
    pub account_type: AccountType,
    /// Display name.
    pub account_name: String,
    /// Logo URL.
    pub account_logo: Option<String>,
    /// Stored token status.
    pub access_token_status: AccessTokenStatus,
    /// Token expiry.
    pub token_expires_at: Option<Timestamp>,
    /// OAuth access token (encrypt before storing).
    pub access_token: TokenSecret,
    /// OAuth refresh token (encrypt before storing).
    pub refresh_token: Option<TokenSecret>,
    /// Connected at.
    pub created_at: Timestamp,
    /// Last changed at.
    pub updated_at: Timestamp,
}

/// A scheduled post to create, with its links.
#[derive(Debug, Clone)]
pub struct NewScheduledPost {
    /// Id.
    pub id: ScheduledPostId,
    /// Workspace; every linked account must be in it.
    pub workspace_id: WorkspaceId,
    /// Status.
    pub status: PostStatus,
    /// When it is scheduled for.
    pub scheduled_at: Option<Timestamp>,
    /// Linked accounts (each at most once) and their publish status.
    pub links: Vec<(SocialAccountId, LinkStatus)>,
}

/// A validated import, in file order.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// Organizations.
    pub organizations: Vec<NewOrganization>,
    /// Workspaces.
    pub workspaces: Vec<NewWorkspace>,
    /// API keys.
    pub api_keys: Vec<ImportedKey>,
    /// Social accounts.
    pub social_accounts: Vec<NewSocialAccount>,
    /// Scheduled posts.
    pub scheduled_posts: Vec<NewScheduledPost>,
}

impl ImportFile {
    /// Parses the JSON text; a syntax error, a wrong type or an unknown field is reported with
    /// its path.
    pub fn from_json(text: &str) -> Result<Self, ImportError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| ImportError {
            at: err.path().to_string(),
            message: err.inner().to_string(),
        })
    }

    /// Validates every record in file order; `now` fills missing `createdAt`/`updatedAt`.
    pub fn validate(self, now: Timestamp) -> Result<ImportBatch, ImportError> {
        Ok(ImportBatch {
            organizations: each(
                "organizations",
                self.organizations,
                OrganizationRecord::validate,
            )?,
            workspaces: each("workspaces", self.workspaces, WorkspaceRecord::validate)?,
            api_keys: each("apiKeys", self.api_keys, ApiKeyRecord::validate)?,
            social_accounts: each("socialAccounts", self.social_accounts, |r, at| {
                r.validate(at, now)
            })?,
            scheduled_posts: each(
                "scheduledPosts",
                self.scheduled_posts,
                ScheduledPostRecord::validate,
            )?,
        })
    }
}

/// The location of one record, for naming its fields in errors.
struct At<'a> {
    section: &'a str,
    index: usize,
}

impl At<'_> {
    fn error(&self, field: &str, message: impl Into<String>) -> ImportError {
        ImportError::field(self.section, self.index, field, message)
    }

    fn id<T>(
        &self,
        field: &str,
        raw: &str,
        parse: fn(&str) -> Result<T, crate::IdError>,
    ) -> Result<T, ImportError> {
        parse(raw).map_err(|e| self.error(field, e.to_string()))
    }

    fn text(&self, field: &str, value: String) -> Result<String, ImportError> {
        if value.trim().is_empty() || !value.validate_length(None, Some(MAX_TEXT_LEN), None) {
            return Err(self.error(field, format!("must be 1 to {MAX_TEXT_LEN} characters")));
        }
        Ok(value)
    }

    fn timestamp(&self, field: &str, raw: Option<&str>) -> Result<Option<Timestamp>, ImportError> {
        raw.map(|r| Timestamp::parse(r).map_err(|e| self.error(field, e.to_string())))
            .transpose()
    }
}

fn each<R, T>(
    section: &str,
    records: Vec<R>,
    validate: impl Fn(R, &At<'_>) -> Result<T, ImportError>,
) -> Result<Vec<T>, ImportError> {
    records
        .into_iter()
        .enumerate()
        .map(|(index, record)| validate(record, &At { section, index }))
        .collect()
}

impl OrganizationRecord {
    fn validate(self, at: &At<'_>) -> Result<NewOrganization, ImportError> {
        let main_plan = MainPlan::parse(&self.main_plan).ok_or_else(|| {
            at.error(
                "mainPlan",
                format!(
                    "{:?} is not a plan (expected one of: {})",
                    self.main_plan,
                    MainPlan::names()
                ),
            )
        })?;
        let embed_subscription = match self.embed_subscription.as_deref() {
            None => EmbedSubscription::default(),
            Some(raw) => EmbedSubscription::parse(raw).ok_or_else(|| {
                at.error(
                    "embedSubscription",
                    format!(
                        "{raw:?} is not a subscription state (expected one of: {})",
                        EmbedSubscription::names()
                    ),
                )
            })?,
        };
        Ok(NewOrganization {
            id: at.id("id", &self.id, OrganizationId::parse)?,
            name: at.text("name", self.name)?,
            plan: Plan {
                main_plan,
                api_credits_addon: self.api_credits_addon,
                embed_subscription,
            },
        })
    }
}

impl WorkspaceRecord {
    fn validate(self, at: &At<'_>) -> Result<NewWorkspace, ImportError> {
        Ok(NewWorkspace {
            id: at.id("id", &self.id, WorkspaceId::parse)?,
            organization_id: at.id(
                "organizationId",
                &self.organization_id,
                OrganizationId::parse,
            )?,
            name: at.text("name", self.name)?,
        })
    }
}

impl ApiKeyRecord {
    fn validate(self, at: &At<'_>) -> Result<ImportedKey, ImportError> {
        Ok(ImportedKey {
            organization_id: at.id(
                "organizationId",
                &self.organization_id,
                OrganizationId::parse,
            )?,
            workspace_id: self
                .workspace_id
                .as_deref()
                .map(|raw| at.id("workspaceId", raw, WorkspaceId::parse))
                .transpose()?,
            name: at.text("name", self.name.unwrap_or_else(|| "imported".to_owned()))?,
            secret: ApiKeySecret::parse(&self.key).map_err(|e| at.error("key", e.to_string()))?,
        })
    }
}

impl SocialAccountRecord {
    fn validate(self, at: &At<'_>, now: Timestamp) -> Result<NewSocialAccount, ImportError> {
        let platform = Platform::parse(&self.platform_type).ok_or_else(|| {
            at.error(
                "platformType",
                format!(
                    "{:?} is not a platform (expected one of: {})",
                    self.platform_type,
                    Platform::names()
                ),
            )
        })?;
        let account_type = AccountType::parse(&self.account_type)
            .filter(|k| platform.allows(*k))
            .ok_or_else(|| {
                let kinds: Vec<_> = platform
                    .account_types()
                    .iter()
                    .map(|k| k.as_str())
                    .collect();
                at.error(
                    "accountType",
                    format!(
                        "{:?} is not a {platform} account type (expected one of: {})",
                        self.account_type,
                        kinds.join(", ")
                    ),
                )
            })?;
        let access_token_status = match self.access_token_status.as_deref() {
            None => AccessTokenStatus::Active,
            Some(raw) => AccessTokenStatus::parse(raw).ok_or_else(|| {
                at.error(
                    "accessTokenStatus",
                    format!(
                        "{raw:?} is not a token status (expected one of: {})",
                        AccessTokenStatus::names()
                    ),
                )
            })?,
        };
        if let Some(logo) = &self.account_logo
            && (!logo.validate_length(None, Some(MAX_URL_LEN), None) || !logo.validate_url())
        {
            return Err(at.error(
                "accountLogo",
                format!("must be an absolute URL of at most {MAX_URL_LEN} characters"),
            ));
        }
        if self.access_token.expose().is_empty() {
            return Err(at.error("accessToken", "must not be empty"));
        }
        let created_at = at
            .timestamp("createdAt", self.created_at.as_deref())?
            .unwrap_or(now);
        let updated_at = at
            .timestamp("updatedAt", self.updated_at.as_deref())?
            .unwrap_or(created_at);
        Ok(NewSocialAccount {
            id: match self.id.as_deref() {
                Some(raw) => at.id("id", raw, SocialAccountId::parse)?,
                None => SocialAccountId::mint(),
            },
            workspace_id: at.id("workspaceId", &self.workspace_id, WorkspaceId::parse)?,
            platform,
            account_handle: at.text("accountHandle", self.account_handle)?,
            account_type,
            account_name: at.text("accountName", self.account_name)?,
            account_logo: self.account_logo,
            access_token_status,
            token_expires_at: at.timestamp("tokenExpiresAt", self.token_expires_at.as_deref())?,
            access_token: self.access_token,
            refresh_token: self.refresh_token,
            created_at,
            updated_at,
        })
    }
}

impl ScheduledPostRecord {
    fn validate(self, at: &At<'_>) -> Result<NewScheduledPost, ImportError> {
        let status = PostStatus::parse(&self.status).ok_or_else(|| {
            at.error(
                "status",
                format!(
                    "{:?} is not a post status (expected one of: {})",
                    self.status,
                    PostStatus::names()
                ),
            )
        })?;
        let mut seen = HashSet::new();
        let mut links = Vec::with_capacity(self.social_accounts.len());
        for (i, link) in self.social_accounts.into_iter().enumerate() {
            let field = |name: &str| format!("socialAccounts[{i}].{name}");
            let account = SocialAccountId::parse(&link.social_account_id)
                .map_err(|e| at.error(&field("socialAccountId"), e.to_string()))?;
            if !seen.insert(account.clone()) {
                return Err(at.error(
                    &field("socialAccountId"),
                    format!("account {account} appears twice in this post"),
                ));
            }
            let link_status = LinkStatus::parse(&link.status).ok_or_else(|| {
                at.error(
                    &field("status"),
                    format!(
                        "{:?} is not a link status (expected one of: {})",
                        link.status,
                        LinkStatus::names()
                    ),
                )
            })?;
            links.push((account, link_status));
        }
        Ok(NewScheduledPost {
            id: match self.id.as_deref() {
                Some(raw) => at.id("id", raw, ScheduledPostId::parse)?,
                None => ScheduledPostId::mint(),
            },
            workspace_id: at.id("workspaceId", &self.workspace_id, WorkspaceId::parse)?,
            status,
            scheduled_at: at.timestamp("scheduledAt", self.scheduled_at.as_deref())?,
            links,
        })
    }
}

#[cfg(test)]
mod tests;
