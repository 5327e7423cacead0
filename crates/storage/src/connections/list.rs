//! A workspace's accounts as the operator API lists them: a page, filtered by platform, by
//! token status as seen now, or by an expiry coming within some days.

use diesel::prelude::*;
use social_accounts_domain::{
    AccessTokenStatus, AccountFilter, ConnectedAccount, Cursor, Page, PageRequest, Reach,
    RepoError, Timestamp, WorkspaceId,
};

use super::{ConnectionRow, connected};
use crate::Store;
use crate::errors::from_diesel;
use crate::filters::{after, in_reach};
use crate::models::AccountRow;
use crate::schema::{social_accounts as accounts, workspaces};

/// Accounts whose token status, as seen at `now`, is `status`.
macro_rules! with_status {
    ($query:expr, $status:expr, $now:expr) => {{
        let stored = accounts::access_token_status;
        let expires = accounts::token_expires_at;
        match $status {
            AccessTokenStatus::Active => $query.filter(
                stored
                    .eq("active")
                    .and(expires.is_null().or(expires.gt($now))),
            ),
            AccessTokenStatus::Expired => $query.filter(
                stored
                    .eq("expired")
                    .or(stored.eq("active").and(expires.le($now))),
            ),
            AccessTokenStatus::Revoked => $query.filter(stored.eq("revoked")),
        }
    }};
}

pub(super) fn connected_accounts(
    store: &Store,
    reach: &Reach,
    workspace: &WorkspaceId,
    filter: &AccountFilter,
    page: &PageRequest,
    now: Timestamp,
) -> Result<Option<Page<ConnectedAccount>>, RepoError> {
    let rows = store.run(|conn| {
        let visible: bool = diesel::select(diesel::dsl::exists(
            workspaces::table
                .find(workspace.as_str())
                .filter(in_reach(workspaces::organization_id, reach)),
        ))
        .get_result(conn)
        .map_err(from_diesel)?;
        if !visible {
            return Ok(None);
        }
        let at = now.naive_utc();
        let mut query = accounts::table
            .filter(accounts::workspace_id.eq(workspace.as_str()))
            .filter(after(
                accounts::created_at,
                accounts::id,
                page.after.as_ref(),
            ))
            .order((accounts::created_at.asc(), accounts::id.asc()))
            .limit(page.rows_to_read())
            .select((AccountRow::as_select(), ConnectionRow::as_select()))
            .into_boxed();
        if let Some(platform) = filter.platform {
            query = query.filter(accounts::platform_type.eq(platform.as_str()));
        }
        if let Some(status) = filter.status {
            query = with_status!(query, status, at);
        }
        if let Some(days) = filter.expiring_within_days {
            let until = at + chrono::TimeDelta::days(i64::from(days));
            query = query.filter(
                accounts::access_token_status
                    .eq("active")
                    .and(accounts::token_expires_at.gt(at))
                    .and(accounts::token_expires_at.le(until)),
            );
        }
        query
            .load::<(AccountRow, ConnectionRow)>(conn)
            .map(Some)
            .map_err(from_diesel)
    })?;
    let Some(rows) = rows else {
        return Ok(None);
    };
    let items = rows
        .into_iter()
        .map(|(row, extra)| connected(row, extra, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(page.page(items, |account| Cursor {
        at: account.account.created_at,
        id: account.account.id.as_str().to_owned(),
    })))
}
