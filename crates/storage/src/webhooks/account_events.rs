//! The events of an account's life: connected, reconnected, disconnected, and a publisher's
//! auth failure (`reauth_required`, reason `publisher_auth_error`).

use serde_json::{Value, json};
use social_accounts_domain::webhooks::{EventType, Via};
use social_accounts_domain::{ActorKind, RepoError, SocialAccount, Timestamp, Usage};

use super::expiry::notify_reauth;
use super::outbox::{self, Owner};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::schema::social_accounts as accounts;
use diesel::prelude::*;

/// `social_account.connected` or `.reconnected` for `account` as it now is.
pub(crate) fn account_changed(
    conn: &mut DbConnection,
    kind: EventType,
    account: &SocialAccount,
    at: Timestamp,
) -> Result<(), RepoError> {
    let data = outbox::data([
        ("id", account.id.as_str().into()),
        ("workspaceId", account.workspace_id.as_str().into()),
        ("platform", account.platform.as_str().into()),
        ("accountType", account.account_type.as_str().into()),
        ("accountName", account.account_name.as_str().into()),
        (
            "accessTokenStatus",
            account.access_token_status.as_str().into(),
        ),
        (
            "tokenExpiresAt",
            account
                .token_expires_at
                .map_or(Value::Null, |t| t.to_string().into()),
        ),
    ]);
    let owner = Owner::Organization(account.organization_id.as_str());
    outbox::emit(conn, owner, kind, at, &data)
}

/// `social_account.disconnected`, with the links removed (as `removedLinks` of the operator
/// API's answer) and the door it came through.
pub(crate) fn account_disconnected(
    conn: &mut DbConnection,
    organization: &str,
    workspace: &str,
    id: &str,
    removed: &Usage,
    actor: ActorKind,
    at: Timestamp,
) -> Result<(), RepoError> {
    let via = match actor {
        ActorKind::Embed | ActorKind::Publisher => Via::EmbedApi,
        ActorKind::Operator => Via::OperatorApi,
        ActorKind::Cli => Via::Cli,
    };
    let removed: Vec<Value> = removed
        .entries()
        .iter()
        .map(|entry| json!({"status": entry.status.as_str(), "_count": entry.count}))
        .collect();
    let data = outbox::data([
        ("id", id.into()),
        ("workspaceId", workspace.into()),
        ("removedLinks", removed.into()),
        ("via", via.as_str().into()),
    ]);
    outbox::emit(
        conn,
        Owner::Organization(organization),
        EventType::SocialAccountDisconnected,
        at,
        &data,
    )
}

/// A publisher reported an auth failure: `reauth_required` unless one is outstanding.
pub(crate) fn publisher_auth_failed(
    conn: &mut DbConnection,
    organization: &str,
    workspace: &str,
    account: &str,
    at: Timestamp,
) -> Result<(), RepoError> {
    const REASON: &str = "publisher_auth_error";
    if !notify_reauth(conn, account, REASON)? {
        return Ok(());
    }
    let (platform, name): (String, String) = accounts::table
        .find(account)
        .select((accounts::platform_type, accounts::account_name))
        .first(conn)
        .map_err(from_diesel)?;
    let data = outbox::data([
        ("id", account.into()),
        ("workspaceId", workspace.into()),
        ("platform", platform.into()),
        ("accountName", name.into()),
        ("reason", REASON.into()),
    ]);
    let owner = Owner::Organization(organization);
    outbox::emit(
        conn,
        owner,
        EventType::SocialAccountReauthRequired,
        at,
        &data,
    )
}
