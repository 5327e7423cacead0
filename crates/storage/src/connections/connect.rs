//! A connect: a new account, or a reconnect of the platform account the workspace has.

use diesel::prelude::*;
use social_accounts_domain::webhooks::EventType;

use crate::webhooks::account_events::account_changed;
use social_accounts_domain::{
    AccessTokenStatus, Actor, AuditAction, Connect, Connected, Reach, RepoError, SocialAccountId,
    Timestamp, WorkspaceId,
};

use super::{account_event, read_connected, sealed};
use crate::errors::from_diesel;
use crate::filters::in_reach;
use crate::models::{NewSocialAccountRow, stored_id};
use crate::schema::{social_accounts as accounts, workspaces};
use crate::{DbConnection, Store, audit};

/// The account of `workspace` on `connect`'s platform with its external id, locked on
/// PostgreSQL (`FOR UPDATE`: a concurrent disconnect either finishes first, and the connect
/// then makes a new account, or waits for this one).
fn existing(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    connect: &Connect,
) -> Result<Option<String>, RepoError> {
    let query = accounts::table
        .filter(
            accounts::workspace_id
                .eq(workspace.as_str())
                .and(accounts::platform_type.eq(connect.platform.as_str()))
                .and(accounts::external_id.eq(&connect.external_id)),
        )
        .select(accounts::id);
    match conn {
        DbConnection::Postgres(pg) => query.for_update().first(pg).optional(),
        DbConnection::Sqlite(_) => query.first(conn).optional(),
    }
    .map_err(from_diesel)
}

/// What a connect naming an `id` finds when no account has its external id.
enum Named {
    /// No account has the id: a new one gets it.
    Free,
    /// An account of the same workspace and platform without an external id (imported, or
    /// from before the operator API): the connect adopts it, and reconnects it.
    Adoptable,
    /// Another account has it.
    Taken,
}

/// What `connect`'s `id` names in `workspace` (locked on PostgreSQL when adoptable).
fn named(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    connect: &Connect,
    id: &SocialAccountId,
) -> Result<Named, RepoError> {
    let query = accounts::table.find(id.as_str()).select((
        accounts::workspace_id,
        accounts::platform_type,
        accounts::external_id,
    ));
    let found: Option<(String, String, Option<String>)> = match conn {
        DbConnection::Postgres(pg) => query.for_update().first(pg).optional(),
        DbConnection::Sqlite(_) => query.first(conn).optional(),
    }
    .map_err(from_diesel)?;
    Ok(match found {
        None => Named::Free,
        Some((ws, platform, None))
            if ws == workspace.as_str() && platform == connect.platform.as_str() =>
        {
            Named::Adoptable
        }
        Some(_) => Named::Taken,
    })
}

impl Store {
    /// One try of [`ConnectionRepository::connect`]; `Duplicate` when a concurrent connect
    /// inserted the same account first (the caller tries again, and reconnects it).
    pub(super) fn try_connect(
        &self,
        reach: &Reach,
        workspace: &WorkspaceId,
        connect: &Connect,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Connected, RepoError> {
        let cipher = self.cipher()?;
        self.write(|conn| {
            let organization: Option<String> = workspaces::table
                .find(workspace.as_str())
                .filter(in_reach(workspaces::organization_id, reach))
                .select(workspaces::organization_id)
                .first(conn)
                .optional()
                .map_err(from_diesel)?;
            let Some(organization) = organization else {
                return Ok(Connected::WorkspaceNotFound);
            };
            let (access, refresh) = sealed(cipher, &connect.tokens);
            let expires = connect.tokens.expires_at.map(Timestamp::naive_utc);
            // The account to reconnect: the one with this external id, or the one the connect
            // names if it has none yet (how an account from before the operator API gets one).
            let reconnect = match (existing(conn, workspace, connect)?, &connect.id) {
                (Some(id), Some(given)) if given.as_str() != id => {
                    return Ok(Connected::IdTaken);
                }
                (Some(id), _) => Some(id),
                (None, Some(given)) => match named(conn, workspace, connect, given)? {
                    Named::Free => None,
                    Named::Adoptable => Some(given.as_str().to_owned()),
                    Named::Taken => return Ok(Connected::IdTaken),
                },
                (None, None) => None,
            };
            let (id, action) = if let Some(id) = reconnect {
                diesel::update(accounts::table.find(&id))
                    .set((
                        accounts::account_type.eq(connect.account_type.as_str()),
                        accounts::account_handle.eq(&connect.account_handle),
                        accounts::account_name.eq(&connect.account_name),
                        accounts::account_logo.eq(connect.account_logo.as_deref()),
                        accounts::access_token_status.eq(AccessTokenStatus::Active.as_str()),
                        accounts::token_expires_at.eq(expires),
                        accounts::access_token_ciphertext.eq(&access),
                        accounts::refresh_token_ciphertext.eq(refresh.as_deref()),
                        accounts::updated_at.eq(now.naive_utc()),
                        accounts::token_updated_at.eq(Some(now.naive_utc())),
                        accounts::external_id.eq(Some(&connect.external_id)),
                    ))
                    .execute(conn)
                    .map_err(from_diesel)?;
                (id, AuditAction::SocialAccountReconnected)
            } else {
                // A given id was found free above; a minted one is new.
                let id = connect.id.clone().unwrap_or_else(SocialAccountId::mint);
                diesel::insert_into(accounts::table)
                    .values((
                        NewSocialAccountRow {
                            id: id.as_str(),
                            organization_id: &organization,
                            workspace_id: workspace.as_str(),
                            platform_type: connect.platform.as_str(),
                            account_handle: &connect.account_handle,
                            account_type: connect.account_type.as_str(),
                            account_name: &connect.account_name,
                            account_logo: connect.account_logo.as_deref(),
                            access_token_status: AccessTokenStatus::Active.as_str(),
                            token_expires_at: expires,
                            access_token_ciphertext: access,
                            refresh_token_ciphertext: refresh,
                            created_at: now.naive_utc(),
                            updated_at: now.naive_utc(),
                            token_updated_at: Some(now.naive_utc()),
                        },
                        accounts::external_id.eq(Some(&connect.external_id)),
                    ))
                    .execute(conn)
                    .map_err(from_diesel)?;
                (id.into_string(), AuditAction::SocialAccountConnected)
            };
            let id = stored_id(id, SocialAccountId::try_from)?;
            let account = read_connected(conn, reach, &id, now)?
                .ok_or_else(|| RepoError::internal("a connected account was not found"))?;
            audit::record(conn, &account_event(&account, action, actor), now)?;
            let kind = match action {
                AuditAction::SocialAccountConnected => EventType::SocialAccountConnected,
                _ => EventType::SocialAccountReconnected,
            };
            account_changed(conn, kind, &account.account, now)?;
            Ok(match action {
                AuditAction::SocialAccountConnected => Connected::New(account),
                _ => Connected::Reconnected(account),
            })
        })
    }
}
