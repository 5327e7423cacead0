//! The import's organizations, workspaces, API keys and social accounts.

use std::collections::HashSet;

use diesel::prelude::*;
use social_accounts_domain::import::ImportError;
use social_accounts_domain::repository::NewApiKey;
use social_accounts_domain::{ApiKeyId, OrganizationId, RepoError, Timestamp, WorkspaceId};

use super::{IDS_PER_QUERY, Import, ROWS_PER_INSERT, Seen, bad, stored};
use crate::errors::{Stop, from_diesel};
use crate::keys::check_key_owner;
use crate::models::{NewApiKeyRow, NewOrganizationRow, NewSocialAccountRow, NewWorkspaceRow};
use crate::posts::{Via, insert_many};
use crate::schema::{api_keys, organizations, social_accounts, workspaces};
use crate::{DbConnection, TokenCipher};

impl Import<'_, '_> {
    pub(super) fn organizations(
        &mut self,
        conn: &mut DbConnection,
    ) -> Result<(), Stop<ImportError>> {
        let orgs = &self.batch.organizations;
        let ids: Vec<&str> = orgs.iter().map(|org| org.id.as_str()).collect();
        let mut seen = Seen {
            stored: stored!(conn, organizations::table, organizations::id, ids),
            in_file: HashSet::new(),
        };
        let mut rows = Vec::with_capacity(orgs.len());
        for (i, org) in orgs.iter().enumerate() {
            if !seen.is_new(org.id.as_str()) {
                let message = format!("organization {:?} already exists", org.id.as_str());
                return Err(bad("organizations", i, "id", message));
            }
            rows.push(NewOrganizationRow {
                id: org.id.as_str(),
                name: &org.name,
                main_plan: org.plan.main_plan.as_str(),
                api_credits_addon: org.plan.api_credits_addon,
                embed_subscription: org.plan.embed_subscription.as_str(),
                created_at: self.now,
            });
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_many!(conn, organizations::table, chunk, Via::Copy);
            self.report.organizations += chunk.len();
            self.progress("organizations", self.report.organizations);
        }
        Ok(())
    }

    pub(super) fn workspaces(&mut self, conn: &mut DbConnection) -> Result<(), Stop<ImportError>> {
        let spaces = &self.batch.workspaces;
        let ids: Vec<&str> = spaces.iter().map(|ws| ws.id.as_str()).collect();
        let orgs: Vec<&str> = spaces
            .iter()
            .map(|ws| ws.organization_id.as_str())
            .collect();
        let known_orgs: HashSet<String> =
            stored!(conn, organizations::table, organizations::id, orgs);
        let mut seen = Seen {
            stored: stored!(conn, workspaces::table, workspaces::id, ids),
            in_file: HashSet::new(),
        };
        let mut rows = Vec::with_capacity(spaces.len());
        for (i, ws) in spaces.iter().enumerate() {
            let org = ws.organization_id.as_str();
            if !known_orgs.contains(org) {
                let message = format!("no organization {org:?} in this file or the database");
                return Err(bad("workspaces", i, "organizationId", message));
            }
            if !seen.is_new(ws.id.as_str()) {
                let message = format!("workspace {:?} already exists", ws.id.as_str());
                return Err(bad("workspaces", i, "id", message));
            }
            rows.push(NewWorkspaceRow {
                id: ws.id.as_str(),
                organization_id: org,
                name: &ws.name,
                created_at: self.now,
            });
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_many!(conn, workspaces::table, chunk, Via::Copy);
            self.report.workspaces += chunk.len();
            self.progress("workspaces", self.report.workspaces);
        }
        for ws in spaces {
            self.workspaces.0.insert(
                ws.id.as_str().to_owned(),
                ws.organization_id.as_str().to_owned(),
            );
        }
        Ok(())
    }

    /// Keys are few: each owner is checked with the API's own check, then all are written at
    /// once.
    pub(super) fn api_keys(&mut self, conn: &mut DbConnection) -> Result<(), Stop<ImportError>> {
        let keys = &self.batch.api_keys;
        let new_keys: Vec<(NewApiKey, ApiKeyId)> = keys
            .iter()
            .map(|key| {
                let new = NewApiKey {
                    kind: social_accounts_domain::KeyKind::Embed,
                    organization_id: Some(key.organization_id.clone()),
                    workspace_id: key.workspace_id.clone(),
                    name: key.name.clone(),
                    hash: key.secret.hash(),
                    prefix: key.secret.display_prefix().to_owned(),
                    expires_at: None,
                };
                (new, ApiKeyId::mint())
            })
            .collect();
        let hash_bytes: Vec<&[u8]> = new_keys
            .iter()
            .map(|(key, _)| key.hash.as_bytes().as_slice())
            .collect();
        let stored: HashSet<Vec<u8>> =
            stored!(conn, api_keys::table, api_keys::key_hash, hash_bytes);
        let mut in_file = HashSet::new();
        let mut rows = Vec::with_capacity(keys.len());
        for (i, ((key, id), hash)) in new_keys.iter().zip(&hash_bytes).enumerate() {
            check_key_owner(
                conn,
                key.organization_id.as_ref(),
                key.workspace_id.as_ref(),
            )
            .map_err(|e| match e {
                RepoError::NoOrganization(_) => bad(
                    "apiKeys",
                    i,
                    "organizationId",
                    format!("{e} in this file or the database"),
                ),
                RepoError::NoWorkspace(_) | RepoError::ForeignWorkspace(_) => {
                    bad("apiKeys", i, "workspaceId", e.to_string())
                }
                other => Stop::Repo(other),
            })?;
            if stored.contains(*hash) || !in_file.insert(*hash) {
                return Err(bad("apiKeys", i, "key", "this key already exists"));
            }
            rows.push(NewApiKeyRow {
                id: id.as_str(),
                kind: social_accounts_domain::KeyKind::Embed.as_str(),
                organization_id: key.organization_id.as_ref().map(OrganizationId::as_str),
                workspace_id: key.workspace_id.as_ref().map(WorkspaceId::as_str),
                name: &key.name,
                key_hash: hash,
                prefix: &key.prefix,
                created_at: self.now,
                expires_at: None,
            });
        }
        insert_many!(conn, api_keys::table, &rows, Via::Copy);
        self.report.api_keys += rows.len();
        self.progress("apiKeys", self.report.api_keys);
        Ok(())
    }

    pub(super) fn social_accounts(
        &mut self,
        conn: &mut DbConnection,
        cipher: &TokenCipher,
    ) -> Result<(), Stop<ImportError>> {
        let accounts = &self.batch.social_accounts;
        for (chunk_index, chunk) in accounts.chunks(ROWS_PER_INSERT).enumerate() {
            let first = chunk_index * ROWS_PER_INSERT;
            let ids: Vec<&str> = chunk.iter().map(|a| a.id.as_str()).collect();
            let mut seen = Seen {
                stored: stored!(conn, social_accounts::table, social_accounts::id, ids),
                in_file: HashSet::new(),
            };
            let mut rows = Vec::with_capacity(chunk.len());
            for (offset, account) in chunk.iter().enumerate() {
                let i = first + offset;
                let workspace = account.workspace_id.as_str();
                let organization =
                    self.workspaces
                        .organization(conn, ("socialAccounts", i), workspace)?;
                // Earlier chunks are stored by now, so `stored` covers them.
                if !seen.is_new(account.id.as_str()) {
                    let message =
                        format!("social account {:?} already exists", account.id.as_str());
                    return Err(bad("socialAccounts", i, "id", message));
                }
                rows.push((organization, account));
            }
            let rows: Vec<NewSocialAccountRow<'_>> = rows
                .iter()
                .map(|(organization, account)| NewSocialAccountRow {
                    id: account.id.as_str(),
                    organization_id: organization,
                    workspace_id: account.workspace_id.as_str(),
                    platform_type: account.platform.as_str(),
                    account_handle: &account.account_handle,
                    account_type: account.account_type.as_str(),
                    account_name: &account.account_name,
                    account_logo: account.account_logo.as_deref(),
                    access_token_status: account.access_token_status.as_str(),
                    token_expires_at: account.token_expires_at.map(Timestamp::naive_utc),
                    access_token_ciphertext: cipher.seal(account.access_token.expose()),
                    refresh_token_ciphertext: account
                        .refresh_token
                        .as_ref()
                        .map(|t| cipher.seal(t.expose())),
                    created_at: account.created_at.naive_utc(),
                    updated_at: account.updated_at.naive_utc(),
                    token_updated_at: Some(account.updated_at.naive_utc()),
                })
                .collect();
            insert_many!(conn, social_accounts::table, &rows, Via::Copy);
            for account in chunk {
                self.account_workspace.insert(
                    account.id.as_str().to_owned(),
                    account.workspace_id.as_str().to_owned(),
                );
            }
            self.report.social_accounts += chunk.len();
            self.progress("socialAccounts", self.report.social_accounts);
        }
        Ok(())
    }
}
