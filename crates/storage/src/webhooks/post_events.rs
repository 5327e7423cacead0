//! The events of a link settling: `link.published`, `link.failed` (for good), and the post's
//! `scheduled_post.published|failed|partially_failed` when its shown status becomes that. One
//! code path for the publisher's report, the lease sweep and `links set-status`.

use diesel::prelude::*;
use serde_json::Value;
use social_accounts_domain::schedule::ScheduledPost;
use social_accounts_domain::webhooks::EventType;
use social_accounts_domain::{LinkStatus, PostStatus, RepoError, ShownStatus, Timestamp};

use super::outbox::{self, Owner};
use crate::DbConnection;
use crate::errors::{corrupt, from_diesel};
use crate::schema::{scheduled_post_accounts as links, scheduled_posts as posts};
use crate::schema::{social_accounts as accounts, webhook_endpoints as endpoints};

/// A post's status beside one of its links: account, status, live link, error, attempts.
type LinkRow = (String, String, String, Option<String>, Option<String>, i32);

/// Whether any enabled endpoint of the account's organization exists: when none, a settling
/// link costs this one indexed read and nothing else.
fn anyone_listens(conn: &mut DbConnection, account: &str) -> Result<bool, RepoError> {
    diesel::select(diesel::dsl::exists(
        endpoints::table.filter(endpoints::enabled.eq(true)).filter(
            endpoints::organization_id.eq_any(
                accounts::table
                    .find(account)
                    .select(accounts::organization_id),
            ),
        ),
    ))
    .get_result(conn)
    .map_err(from_diesel)
}

/// Emits what the change of link (`post`, `account`) from `before` to its stored status
/// means, inside the caller's transaction (after the link was written).
pub(crate) fn link_settled(
    conn: &mut DbConnection,
    post: &str,
    account: &str,
    before: LinkStatus,
    at: Timestamp,
) -> Result<(), RepoError> {
    if !anyone_listens(conn, account)? {
        return Ok(());
    }
    let rows: Vec<LinkRow> = links::table
        .inner_join(posts::table)
        .filter(links::scheduled_post_id.eq(post))
        .select((
            posts::status,
            links::social_account_id,
            links::status,
            links::live_link,
            links::error_message,
            links::attempts,
        ))
        .load(conn)
        .map_err(from_diesel)?;
    let Some((stored, ..)) = rows.first() else {
        return Ok(());
    };
    let stored = PostStatus::parse(stored).ok_or_else(|| corrupt("post status", stored))?;
    let mut now_statuses = Vec::with_capacity(rows.len());
    let mut then_statuses = Vec::with_capacity(rows.len());
    let mut this = None;
    for (_, id, raw, live_link, error, attempts) in &rows {
        let status = LinkStatus::parse(raw).ok_or_else(|| corrupt("link status", raw))?;
        now_statuses.push(status);
        if id == account {
            then_statuses.push(before);
            this = Some((status, live_link.clone(), error.clone(), *attempts));
        } else {
            then_statuses.push(status);
        }
    }
    let Some((status, live_link, error, attempts)) = this else {
        return Ok(());
    };
    let workspace: String = posts::table
        .find(post)
        .select(posts::workspace_id)
        .first(conn)
        .map_err(from_diesel)?;
    let owner = Owner::Workspace(&workspace);
    let kind = match status {
        LinkStatus::Published if before != LinkStatus::Published => Some(EventType::LinkPublished),
        LinkStatus::Failed if before != LinkStatus::Failed => Some(EventType::LinkFailed),
        _ => None,
    };
    if let Some(kind) = kind {
        let data = outbox::data([
            ("postId", post.into()),
            ("socialAccountId", account.into()),
            ("workspaceId", workspace.as_str().into()),
            ("status", status.as_str().into()),
            ("liveLink", live_link.map_or(Value::Null, Value::from)),
            ("errorMessage", error.map_or(Value::Null, Value::from)),
            ("attempts", attempts.into()),
        ]);
        outbox::emit(conn, owner, kind, at, &data)?;
    }
    let (then, now) = (stored.shown(then_statuses), stored.shown(now_statuses));
    let kind = match now {
        _ if now == then => None,
        ShownStatus::Published => Some(EventType::ScheduledPostPublished),
        ShownStatus::Failed => Some(EventType::ScheduledPostFailed),
        ShownStatus::PartiallyFailed => Some(EventType::ScheduledPostPartiallyFailed),
        ShownStatus::Draft | ShownStatus::Scheduled => None,
    };
    if let Some(kind) = kind {
        let data = outbox::data([
            ("id", post.into()),
            ("workspaceId", workspace.as_str().into()),
            ("status", now.as_str().into()),
        ]);
        outbox::emit(conn, owner, kind, at, &data)?;
    }
    Ok(())
}

/// `scheduled_post.created|updated|deleted` for a post of `workspace`; `post` is `None` for
/// a deletion (only its id is left).
pub(crate) fn post_written(
    conn: &mut DbConnection,
    kind: EventType,
    workspace: &str,
    id: &str,
    post: Option<&ScheduledPost>,
    at: Timestamp,
) -> Result<(), RepoError> {
    let mut data = outbox::data([("id", id.into()), ("workspaceId", workspace.into())]);
    if let Some(post) = post {
        data.insert("status".into(), post.shown_status().as_str().into());
        data.insert("scheduledAt".into(), post.scheduled_for.to_string().into());
        let accounts: Vec<Value> = post
            .links
            .iter()
            .map(|link| link.account_id.as_str().into())
            .collect();
        data.insert("socialAccountIds".into(), accounts.into());
    }
    outbox::emit(conn, Owner::Workspace(workspace), kind, at, &data)
}
