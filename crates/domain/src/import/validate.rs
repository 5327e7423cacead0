//! The checks of each record of an import file, in file order, each error naming its record
//! and field through [`At`].

use std::collections::HashSet;

use validator::{ValidateLength, ValidateUrl};

use super::file::{
    ApiKeyRecord, OrganizationRecord, ScheduledPostRecord, SocialAccountRecord, WorkspaceRecord,
};
use super::{
    ImportBatch, ImportError, ImportFile, ImportedKey, NewOrganization, NewScheduledPost,
    NewSocialAccount, NewWorkspace, PostStatus,
};
use crate::{
    AccessTokenStatus, AccountType, ApiKeySecret, EmbedSubscription, LinkStatus, MainPlan,
    OrganizationId, Plan, Platform, Platforms, ScheduledPostId, SocialAccountId, Timestamp,
    WorkspaceId,
};

/// Longest name, handle or other free text accepted.
pub const MAX_TEXT_LEN: u64 = 255;
/// Longest logo URL accepted.
pub const MAX_URL_LEN: u64 = 2048;

impl ImportFile {
    /// Validates every record in file order; `now` fills missing `createdAt`/`updatedAt`.
    /// A social account must be on one of the `platforms` the deployment enables: one on a
    /// known but disabled platform could be imported but never listed.
    pub fn validate(
        self,
        now: Timestamp,
        platforms: &Platforms,
    ) -> Result<ImportBatch, ImportError> {
        Ok(ImportBatch {
            organizations: each(
                "organizations",
                self.organizations,
                OrganizationRecord::validate,
            )?,
            workspaces: each("workspaces", self.workspaces, WorkspaceRecord::validate)?,
            api_keys: each("apiKeys", self.api_keys, ApiKeyRecord::validate)?,
            social_accounts: each("socialAccounts", self.social_accounts, |r, at| {
                r.validate(at, now, platforms)
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

/// The enabled platform named `raw`. An unknown name is answered with the enabled names only:
/// those are the ones the file may use.
fn enabled_platform(raw: &str, platforms: &Platforms) -> Result<Platform, String> {
    match Platform::parse(raw) {
        Some(platform) if platforms.contains(platform) => Ok(platform),
        Some(_) => Err(format!(
            "{raw:?} is not an enabled platform (enabled: {}; enable it with PLATFORMS or serve \
             --platforms)",
            platforms.names()
        )),
        None => Err(format!(
            "{raw:?} is not a platform (expected one of: {})",
            platforms.names()
        )),
    }
}

impl SocialAccountRecord {
    fn validate(
        self,
        at: &At<'_>,
        now: Timestamp,
        platforms: &Platforms,
    ) -> Result<NewSocialAccount, ImportError> {
        let platform = enabled_platform(&self.platform_type, platforms)
            .map_err(|message| at.error("platformType", message))?;
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
