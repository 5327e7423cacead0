//! The statements of a create or replace, run inside one write transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::schedule::{
    Design, NewPost, PostLink, PostRequest, RuleViolation, ScheduledPost, check,
};
use social_accounts_domain::{
    DesignId, Platform, RepoError, ScheduledPostId, Scope, SocialAccountId, Timestamp, WorkspaceId,
};

use super::Stop;
use super::rows::{DesignRow, NewLinkRow, NewPostRow};
use super::{Children, Via};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::schema::{
    designs, post_captions, post_settings, scheduled_post_accounts as links,
    scheduled_posts as posts, social_account_usage as usage, social_accounts as accounts,
};
use crate::visible::visible;

/// Ids per `IN (…)` list.
const IDS_PER_QUERY: usize = 500;

/// Up to this many selected accounts, SQLite looks them up one by one (see
/// `selected_accounts`).
const ONE_BY_ONE: usize = 16;

/// Looks up the requested design and the selected accounts **within the caller's scope** (its
/// workspace, and for accounts a served platform), inside the transaction that then writes
/// the links, and applies the business rules. Returns the post to write and its design
/// (found, and kept by the rules).
pub(super) fn checked(
    conn: &mut DbConnection,
    scope: &Scope,
    request: PostRequest,
    now: Timestamp,
) -> Result<(NewPost, Option<Design>), Stop> {
    let design = match request.design_id.as_deref().map(DesignId::parse) {
        Some(Ok(id)) => find_design(conn, &scope.workspace, &id)?,
        // An id that cannot exist is simply not found.
        Some(Err(_)) | None => None,
    };
    let selected = selected_accounts(conn, scope, &request.selected_accounts)?;
    let post = check(request, now, design.as_ref(), &selected).map_err(Stop::Refused)?;
    let design = design.filter(|_| post.design_id.is_some());
    Ok((post, design))
}

/// The post as this transaction wrote it, which is what reading it back inside the
/// transaction would return (the storage model test and `a_replace_answers_what_it_stored`
/// hold the two together): a create or replace answers without four more statements.
pub(super) fn as_written(
    id: ScheduledPostId,
    post: NewPost,
    design: Option<Design>,
    written: Written,
) -> ScheduledPost {
    let links = post
        .accounts
        .into_iter()
        .map(|account_id| PostLink {
            account_id,
            status: post.link_status,
            live_link: None,
            error_message: None,
            published_at: None,
        })
        .collect();
    ScheduledPost {
        id,
        design,
        labels: written.labels,
        status: post.status,
        scheduled_for: post.scheduled_at,
        settings: post.settings,
        captions: post.captions,
        links,
        created_at: written.created_at,
        updated_at: written.updated_at,
    }
}

/// What a write keeps or sets beside the request's fields.
pub(super) struct Written {
    pub(super) created_at: Timestamp,
    pub(super) updated_at: Timestamp,
    /// Labels come from the import only; a replace keeps them.
    pub(super) labels: Option<Vec<String>>,
}

fn find_design(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    id: &DesignId,
) -> Result<Option<Design>, RepoError> {
    let row: Option<DesignRow> = designs::table
        .filter(
            designs::id
                .eq(id.as_str())
                .and(designs::workspace_id.eq(workspace.as_str())),
        )
        .select(DesignRow::as_select())
        .first(conn)
        .optional()
        .map_err(from_diesel)?;
    row.map(DesignRow::into_domain).transpose()
}

fn selected_accounts(
    conn: &mut DbConnection,
    scope: &Scope,
    ids: &[String],
) -> Result<Vec<(SocialAccountId, Platform)>, RepoError> {
    // An id that cannot exist (wrong shape, a NUL inside) is simply not found: never bound.
    let ids: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| SocialAccountId::parse(id).is_ok())
        .collect();
    let mut rows: Vec<(String, String)> = Vec::with_capacity(ids.len());
    // In chunks: a body may select tens of thousands of ids, past SQLite's parameter limit.
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let in_scope = accounts::table
            .filter(visible(scope))
            .select((accounts::id, accounts::platform_type));
        // On PostgreSQL the rows are locked (FOR KEY SHARE) before any link is touched: a
        // concurrent disconnect then waits for this transaction or this one for it, where
        // taking the lock only at the links' foreign-key check would deadlock against the
        // disconnect's cascade. SQLite's one writer at a time needs nothing. The
        // multi-connection cannot say FOR KEY SHARE, hence the arms. SQLite looks a few ids
        // up one by one with a statement it keeps prepared (an `IN` list is compiled anew on
        // every call, its text depending on the number of ids).
        match &mut *conn {
            DbConnection::Postgres(pg) => rows.extend(
                in_scope
                    .filter(accounts::id.eq_any(chunk))
                    .for_key_share()
                    .load::<(String, String)>(pg)
                    .map_err(from_diesel)?,
            ),
            DbConnection::Sqlite(sqlite) if chunk.len() <= ONE_BY_ONE => {
                for id in chunk {
                    rows.extend(
                        in_scope
                            .filter(accounts::id.eq(*id))
                            .first::<(String, String)>(sqlite)
                            .optional()
                            .map_err(from_diesel)?,
                    );
                }
            }
            DbConnection::Sqlite(sqlite) => rows.extend(
                in_scope
                    .filter(accounts::id.eq_any(chunk))
                    .load::<(String, String)>(sqlite)
                    .map_err(from_diesel)?,
            ),
        }
    }
    rows.into_iter()
        .map(|(id, platform)| {
            Ok((
                crate::models::stored_id(id, SocialAccountId::try_from)?,
                crate::models::platform(&platform)?,
            ))
        })
        .collect()
}

/// The accounts a stored post links; on PostgreSQL their rows are locked (FOR KEY SHARE), as
/// [`checked`] locks the newly selected ones, before any counter row is.
pub(super) fn linked_accounts(
    conn: &mut DbConnection,
    post: &ScheduledPostId,
) -> Result<Vec<String>, RepoError> {
    let linked = links::table
        .filter(links::scheduled_post_id.eq(post.as_str()))
        .select(links::social_account_id);
    let query = accounts::table
        .filter(accounts::id.eq_any(linked))
        .select(accounts::id);
    match conn {
        DbConnection::Postgres(pg) => query.for_key_share().load(pg),
        DbConnection::Sqlite(sqlite) => query.load(sqlite),
    }
    .map_err(from_diesel)
}

/// On PostgreSQL, locks the usage counter rows of `accounts` (FOR NO KEY UPDATE) in byte order
/// of their ids, the order the links' triggers update them in, before the first statement that
/// changes links. A transaction of several such statements (a replace deletes the old links,
/// then inserts the new) would otherwise lock counters statement by statement and could wait
/// on another write that locks them the other way round. A create does not call this: its
/// links change in one statement, whose trigger locks the counters in the same order, and
/// taking them at its start would hold every busy account's counters for the whole
/// transaction (creates to one account then run one at a time). Account rows are locked
/// first (KEY SHARE, by [`checked`] and [`linked_accounts`]), counters second, as a
/// disconnect does. SQLite's one writer at a time needs nothing.
pub(crate) fn lock_usage<'a>(
    conn: &mut DbConnection,
    accounts: impl IntoIterator<Item = &'a str>,
) -> Result<(), RepoError> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    let mut ids: Vec<&str> = accounts.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        usage::table
            .filter(usage::social_account_id.eq_any(chunk))
            .order(usage::social_account_id)
            .select(usage::social_account_id)
            .for_no_key_update()
            .load::<String>(pg)
            .map_err(from_diesel)?;
    }
    Ok(())
}

pub(super) fn insert_post(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    id: &ScheduledPostId,
    post: &NewPost,
    now: Timestamp,
) -> Result<(), RepoError> {
    diesel::insert_into(posts::table)
        .values(NewPostRow {
            id: id.as_str(),
            workspace_id: workspace.as_str(),
            status: post.status.as_str(),
            scheduled_at: Some(post.scheduled_at.naive_utc()),
            created_at: now.naive_utc(),
            updated_at: Some(now.naive_utc()),
            design_id: post.design_id.as_ref().map(DesignId::as_str),
            labels: None,
        })
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}

/// Moves `updated_at` of the caller's post (taking its row lock) and returns what a replace
/// keeps of it; `None` when there is no such post.
pub(super) fn touch(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    id: &ScheduledPostId,
    now: Timestamp,
) -> Result<Option<Written>, RepoError> {
    let kept: Option<(NaiveDateTime, Option<String>)> = diesel::update(
        posts::table.filter(
            posts::id
                .eq(id.as_str())
                .and(posts::workspace_id.eq(workspace.as_str())),
        ),
    )
    .set(posts::updated_at.eq(now.naive_utc()))
    .returning((posts::created_at, posts::labels))
    .get_result(conn)
    .optional()
    .map_err(from_diesel)?;
    kept.map(|(created_at, labels)| {
        Ok(Written {
            created_at: Timestamp::from_naive_utc(created_at),
            updated_at: now,
            labels: super::read::stored_labels(labels)?,
        })
    })
    .transpose()
}

/// The post's own fields from a replace (`labels`, `createdAt` and the id are kept).
pub(super) fn update_post(
    conn: &mut DbConnection,
    id: &ScheduledPostId,
    post: &NewPost,
) -> Result<(), RepoError> {
    diesel::update(posts::table.find(id.as_str()))
        .set((
            posts::status.eq(post.status.as_str()),
            posts::scheduled_at.eq(Some(post.scheduled_at.naive_utc())),
            posts::design_id.eq(post.design_id.as_ref().map(DesignId::as_str)),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}

/// Removes a post's captions and settings.
pub(super) fn delete_contents(
    conn: &mut DbConnection,
    id: &ScheduledPostId,
) -> Result<(), RepoError> {
    let id = id.as_str();
    diesel::delete(post_captions::table.filter(post_captions::scheduled_post_id.eq(id)))
        .execute(conn)
        .map_err(from_diesel)?;
    diesel::delete(post_settings::table.filter(post_settings::scheduled_post_id.eq(id)))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}

/// Removes a post's links (their usage triggers change the counters).
pub(super) fn delete_links(conn: &mut DbConnection, id: &ScheduledPostId) -> Result<(), RepoError> {
    diesel::delete(links::table.filter(links::scheduled_post_id.eq(id.as_str())))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(())
}

/// Captions and settings of a new or replaced post.
pub(super) fn insert_contents(
    conn: &mut DbConnection,
    id: &ScheduledPostId,
    post: &NewPost,
) -> Result<(), RepoError> {
    let mut children = Children::default();
    children.add(id.as_str(), &post.captions, &post.settings);
    children.insert_contents(conn, Via::Insert)
}

/// Links of a new or replaced post. A link to an account deleted since the lookup (a
/// concurrent disconnect) fails its foreign key: that is the "not your account" rule, not a
/// server error, and the whole transaction rolls back.
pub(super) fn insert_links(
    conn: &mut DbConnection,
    id: &ScheduledPostId,
    post: &NewPost,
) -> Result<(), Stop> {
    let mut children = Children::default();
    for (position, account) in post.accounts.iter().enumerate() {
        children.link(NewLinkRow {
            scheduled_post_id: id.as_str(),
            social_account_id: account.as_str(),
            status: post.link_status.as_str(),
            position: i32::try_from(position).unwrap_or(i32::MAX),
            live_link: None,
            error_message: None,
            published_at: None,
            scheduled_at: Some(post.scheduled_at.naive_utc()),
        });
    }
    children
        .insert_links(conn, Via::Insert)
        .map_err(|error| match error {
            RepoError::MissingReference => Stop::Refused(RuleViolation::not_your_account()),
            other => Stop::Repo(other),
        })
}
