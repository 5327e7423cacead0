//! The checks of each record of an import file, in file order, each error naming its record
//! and field through [`At`].

use super::file::{
    ApiKeyRecord, DesignRecord, OrganizationRecord, SocialAccountRecord, WorkspaceRecord,
};
use super::{
    ImportBatch, ImportError, ImportFile, ImportedKey, NewDesign, NewOrganization,
    NewSocialAccount, NewWorkspace,
};
use crate::account_rules;
pub use crate::account_rules::MAX_TEXT_LEN;
use crate::schedule::Design;
use crate::{
    AccessTokenStatus, ApiKeySecret, DesignId, EmbedSubscription, MainPlan, OrganizationId, Plan,
    Platform, Platforms, SocialAccountId, Timestamp, WorkspaceId,
};

impl ImportFile {
    /// Validates every record in file order; `now` fills missing `createdAt`/`updatedAt` (and
    /// a post's missing `scheduledAt` when it has no `createdAt` either). A social account
    /// must be on one of the `platforms` the deployment enables: one on a known but disabled
    /// platform could be imported but never listed; the same set decides which caption keys
    /// and settings objects a post may carry.
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
            designs: each("designs", self.designs, DesignRecord::validate)?,
            scheduled_posts: each("scheduledPosts", self.scheduled_posts, |r, at| {
                r.validate(at, now, platforms)
            })?,
        })
    }
}

/// The location of one record, for naming its fields in errors.
pub(super) struct At<'a> {
    pub(super) section: &'a str,
    pub(super) index: usize,
}

impl At<'_> {
    pub(super) fn error(&self, field: &str, message: impl Into<String>) -> ImportError {
        ImportError::field(self.section, self.index, field, message)
    }

    pub(super) fn id<T>(
        &self,
        field: &str,
        raw: &str,
        parse: fn(&str) -> Result<T, crate::IdError>,
    ) -> Result<T, ImportError> {
        parse(raw).map_err(|e| self.error(field, e.to_string()))
    }

    pub(super) fn text(&self, field: &str, value: String) -> Result<String, ImportError> {
        account_rules::text(&value).map_err(|message| self.error(field, message))?;
        Ok(value)
    }

    pub(super) fn timestamp(
        &self,
        field: &str,
        raw: Option<&str>,
    ) -> Result<Option<Timestamp>, ImportError> {
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

impl DesignRecord {
    fn validate(self, at: &At<'_>) -> Result<NewDesign, ImportError> {
        let id = match self.id.as_deref() {
            Some(raw) => at.id("id", raw, DesignId::parse)?,
            None => DesignId::mint(),
        };
        Ok(NewDesign {
            workspace_id: at.id("workspaceId", &self.workspace_id, WorkspaceId::parse)?,
            design: Design {
                id,
                name: at.text("name", self.name)?,
                design_type: at.text("designType", self.design_type)?,
                source: at.text("source", self.source)?,
            },
        })
    }
}

/// The enabled platform named `raw` (the rule the connect endpoint applies too).
pub(super) fn enabled_platform(raw: &str, platforms: &Platforms) -> Result<Platform, String> {
    account_rules::served_platform(raw, platforms)
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
        let account_type = account_rules::account_type(&self.account_type, platform)
            .map_err(|message| at.error("accountType", message))?;
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
        if let Some(logo) = &self.account_logo {
            account_rules::logo(logo).map_err(|message| at.error("accountLogo", message))?;
        }
        account_rules::token(self.access_token.expose())
            .map_err(|message| at.error("accessToken", message))?;
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
