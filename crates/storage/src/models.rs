//! Rows as diesel reads and writes them, and their conversion to domain types.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::{
    AccessTokenStatus, AccountSummary, AccountType, OrganizationId, Platform, RepoError,
    SocialAccount, SocialAccountId, Timestamp, WorkspaceId,
};

use crate::errors::corrupt;
use crate::schema::{api_keys, organizations, social_accounts, workspaces};

/// The columns of a list item.
#[derive(Queryable, Selectable)]
#[diesel(table_name = social_accounts)]
pub(crate) struct SummaryRow {
    id: String,
    platform_type: String,
    account_handle: String,
    account_type: String,
    account_name: String,
    account_logo: Option<String>,
    access_token_status: String,
    token_expires_at: Option<NaiveDateTime>,
}

/// The columns of a read (every column but the tokens).
#[derive(Queryable, Selectable)]
#[diesel(table_name = social_accounts)]
pub(crate) struct AccountRow {
    id: String,
    organization_id: String,
    workspace_id: String,
    platform_type: String,
    account_handle: String,
    account_type: String,
    account_name: String,
    account_logo: Option<String>,
    access_token_status: String,
    token_expires_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn platform(raw: &str) -> Result<Platform, RepoError> {
    Platform::parse(raw).ok_or_else(|| corrupt("platform", raw))
}

fn account_type(raw: &str) -> Result<AccountType, RepoError> {
    AccountType::parse(raw).ok_or_else(|| corrupt("account type", raw))
}

fn token_status(
    raw: &str,
    expires: Option<Timestamp>,
    now: Timestamp,
) -> Result<AccessTokenStatus, RepoError> {
    AccessTokenStatus::parse(raw)
        .map(|stored| stored.effective(expires, now))
        .ok_or_else(|| corrupt("token status", raw))
}

/// Parses an id read back from the database; a bad one is a storage error, not a client's.
pub(crate) fn stored_id<T>(
    raw: String,
    parse: fn(String) -> Result<T, social_accounts_domain::IdError>,
) -> Result<T, RepoError> {
    parse(raw).map_err(|e| RepoError::internal(format!("stored id is invalid: {e}")))
}

impl SummaryRow {
    pub(crate) fn into_domain(self, now: Timestamp) -> Result<AccountSummary, RepoError> {
        let expires = self.token_expires_at.map(Timestamp::from_naive_utc);
        Ok(AccountSummary {
            platform: platform(&self.platform_type)?,
            account_type: account_type(&self.account_type)?,
            access_token_status: token_status(&self.access_token_status, expires, now)?,
            id: stored_id(self.id, SocialAccountId::try_from)?,
            account_handle: self.account_handle,
            account_name: self.account_name,
            account_logo: self.account_logo,
        })
    }
}

impl AccountRow {
    pub(crate) fn into_domain(self, now: Timestamp) -> Result<SocialAccount, RepoError> {
        let token_expires_at = self.token_expires_at.map(Timestamp::from_naive_utc);
        Ok(SocialAccount {
            platform: platform(&self.platform_type)?,
            account_type: account_type(&self.account_type)?,
            access_token_status: token_status(&self.access_token_status, token_expires_at, now)?,
            id: stored_id(self.id, SocialAccountId::try_from)?,
            organization_id: stored_id(self.organization_id, OrganizationId::try_from)?,
            workspace_id: stored_id(self.workspace_id, WorkspaceId::try_from)?,
            account_handle: self.account_handle,
            account_name: self.account_name,
            account_logo: self.account_logo,
            token_expires_at,
            created_at: Timestamp::from_naive_utc(self.created_at),
            updated_at: Timestamp::from_naive_utc(self.updated_at),
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = organizations)]
pub(crate) struct NewOrganizationRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub main_plan: &'a str,
    pub api_credits_addon: bool,
    pub embed_subscription: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = workspaces)]
pub(crate) struct NewWorkspaceRow<'a> {
    pub id: &'a str,
    pub organization_id: &'a str,
    pub name: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = api_keys)]
pub(crate) struct NewApiKeyRow<'a> {
    pub id: &'a str,
    pub organization_id: &'a str,
    pub workspace_id: Option<&'a str>,
    pub name: &'a str,
    pub key_hash: &'a [u8],
    pub prefix: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = social_accounts)]
pub(crate) struct NewSocialAccountRow<'a> {
    pub id: &'a str,
    pub organization_id: &'a str,
    pub workspace_id: &'a str,
    pub platform_type: &'a str,
    pub account_handle: &'a str,
    pub account_type: &'a str,
    pub account_name: &'a str,
    pub account_logo: Option<&'a str>,
    pub access_token_status: &'a str,
    pub token_expires_at: Option<NaiveDateTime>,
    pub access_token_ciphertext: Vec<u8>,
    pub refresh_token_ciphertext: Option<Vec<u8>>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
