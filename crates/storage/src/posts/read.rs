//! Reading posts: one query for the posts (design joined), then one query per child table
//! (captions, settings, links) for the whole page, never one per post.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::schedule::{
    Caption, CaptionKey, ListQuery, PostLink, PostSettings, ScheduledPost, SettingsKey,
};
use social_accounts_domain::{
    LinkStatus, PostStatus, RepoError, ScheduledPostId, SocialAccountId, Timestamp, WorkspaceId,
};

use super::rows::DesignRow;
use crate::DbConnection;
use crate::errors::{corrupt, from_diesel};
use crate::models::stored_id;
use crate::schema::{
    designs, post_captions, post_settings, scheduled_post_accounts as links,
    scheduled_posts as posts,
};

/// Ids per `IN (…)` list: far below SQLite's and PostgreSQL's parameter limits.
const IDS_PER_QUERY: usize = 500;

/// Loads `$query`'s rows for the posts of `$chunk`. One id is compared with `=`: diesel keeps
/// that statement prepared on the connection, while an `IN (…)` list is compiled anew on every
/// call (its text depends on the number of ids); a one-post read compiled three per request.
macro_rules! of_posts {
    ($query:expr, $column:expr, $chunk:expr, $conn:expr) => {
        match $chunk {
            [one] => $query.filter($column.eq(*one)).load($conn),
            many => $query.filter($column.eq_any(many)).load($conn),
        }
    };
}

/// A post's own columns and its design's (`None` where no design is joined), in the order of
/// `post_query!`'s select (and of the PostgreSQL whole-post statement's columns).
#[derive(Queryable)]
pub(super) struct PostRow {
    pub(super) id: String,
    pub(super) status: String,
    pub(super) scheduled_at: Option<NaiveDateTime>,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: Option<NaiveDateTime>,
    pub(super) labels: Option<String>,
    pub(super) design_id: Option<String>,
    pub(super) design_name: Option<String>,
    pub(super) design_type: Option<String>,
    pub(super) design_source: Option<String>,
}

/// A link as a post shows it: its account, status and outcome.
#[derive(Queryable)]
pub(super) struct LinkRow {
    pub(super) account_id: String,
    pub(super) status: String,
    pub(super) live_link: Option<String>,
    pub(super) error_message: Option<String>,
    pub(super) published_at: Option<NaiveDateTime>,
}

/// A caption or a settings object of one post: its post, its key and its text (the settings
/// object's as JSON).
#[derive(Queryable)]
struct ChildRow {
    post: String,
    key: String,
    text: String,
}

macro_rules! post_query {
    () => {
        posts::table
            .left_join(
                designs::table.on(designs::id
                    .nullable()
                    .eq(posts::design_id)
                    .and(designs::workspace_id.eq(posts::workspace_id))),
            )
            .select((
                posts::id,
                posts::status,
                posts::scheduled_at,
                posts::created_at,
                posts::updated_at,
                posts::labels,
                designs::id.nullable(),
                designs::name.nullable(),
                designs::design_type.nullable(),
                designs::source.nullable(),
            ))
    };
}

/// One post of `workspace`, or `None`.
pub(super) fn one(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    id: &ScheduledPostId,
) -> Result<Option<ScheduledPost>, RepoError> {
    let row: Option<PostRow> = post_query!()
        .filter(
            posts::id
                .eq(id.as_str())
                .and(posts::workspace_id.eq(workspace.as_str())),
        )
        .first(conn)
        .optional()
        .map_err(from_diesel)?;
    Ok(assemble(conn, row.into_iter().collect())?.pop())
}

/// The posts of `workspace` scheduled in `[from, to]`, optionally only those linking one of
/// the given accounts, by (scheduled time, id).
pub(super) fn page(
    conn: &mut DbConnection,
    workspace: &WorkspaceId,
    query: &ListQuery,
) -> Result<Vec<ScheduledPost>, RepoError> {
    let in_range = posts::workspace_id
        .eq(workspace.as_str())
        .and(posts::scheduled_at.ge(query.from.naive_utc()))
        .and(posts::scheduled_at.le(query.to.naive_utc()));
    let order = (posts::scheduled_at.asc(), posts::id.asc());
    // Ids that cannot exist match nothing; only valid ones are bound.
    let ids: Option<Vec<&str>> = query.account_ids.as_ref().map(|ids| {
        ids.iter()
            .map(String::as_str)
            .filter(|id| SocialAccountId::parse(id).is_ok())
            .collect()
    });
    if ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    let rows: Vec<PostRow> = match &ids {
        None => post_query!().filter(in_range).order(order).load(conn),
        Some(ids) => post_query!()
            .filter(in_range)
            .filter(diesel::dsl::exists(
                links::table.filter(
                    links::scheduled_post_id
                        .eq(posts::id)
                        .and(links::social_account_id.eq_any(ids)),
                ),
            ))
            .order(order)
            .load(conn),
    }
    .map_err(from_diesel)?;
    assemble(conn, rows)
}

/// Posts by id, whatever their workspace (the publisher's claims, already scoped by the
/// statement that took their links).
pub(crate) fn by_ids(
    conn: &mut DbConnection,
    ids: &[&str],
) -> Result<Vec<ScheduledPost>, RepoError> {
    let rows: Vec<PostRow> = post_query!()
        .filter(posts::id.eq_any(ids))
        .load(conn)
        .map_err(from_diesel)?;
    assemble(conn, rows)
}

fn assemble(conn: &mut DbConnection, rows: Vec<PostRow>) -> Result<Vec<ScheduledPost>, RepoError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let mut kin = Kin::default();
    captions_of(conn, &ids, &mut kin)?;
    settings_of(conn, &ids, &mut kin)?;
    links_of(conn, &ids, &mut kin)?;
    rows.into_iter().map(|row| kin.post(row)).collect()
}

/// The captions, settings and links of some posts, by post id.
#[derive(Default)]
pub(super) struct Kin {
    captions: HashMap<String, Vec<Caption>>,
    settings: HashMap<String, PostSettings>,
    links: HashMap<String, Vec<PostLink>>,
}

impl Kin {
    /// A stored caption row.
    pub(super) fn caption(
        &mut self,
        post: String,
        key: &str,
        text: String,
    ) -> Result<(), RepoError> {
        let key = CaptionKey::parse(key).ok_or_else(|| corrupt("caption key", key))?;
        self.captions
            .entry(post)
            .or_default()
            .push(Caption::new(key, text));
        Ok(())
    }

    /// A stored settings row (the object as JSON text).
    pub(super) fn setting(
        &mut self,
        post: String,
        key: &str,
        value: &str,
    ) -> Result<(), RepoError> {
        let key = SettingsKey::parse(key).ok_or_else(|| corrupt("settings key", key))?;
        let value = serde_json::from_str(value).map_err(|_| corrupt("settings", value))?;
        self.settings.entry(post).or_default().set(key, value);
        Ok(())
    }

    /// A stored link row, in the post's order.
    pub(super) fn link(&mut self, post: String, row: LinkRow) -> Result<(), RepoError> {
        self.links.entry(post).or_default().push(PostLink {
            account_id: stored_id(row.account_id, SocialAccountId::try_from)?,
            status: LinkStatus::parse(&row.status)
                .ok_or_else(|| corrupt("link status", &row.status))?,
            live_link: row.live_link,
            error_message: row.error_message,
            published_at: row.published_at.map(Timestamp::from_naive_utc),
        });
        Ok(())
    }

    /// The post of `row` with its children.
    pub(super) fn post(&mut self, row: PostRow) -> Result<ScheduledPost, RepoError> {
        let design = match (
            row.design_id,
            row.design_name,
            row.design_type,
            row.design_source,
        ) {
            (Some(id), Some(name), Some(design_type), Some(source)) => Some(
                DesignRow {
                    id,
                    name,
                    design_type,
                    source,
                }
                .into_domain()?,
            ),
            _ => None,
        };
        let id = row.id;
        let mut captions = self.captions.remove(&id).unwrap_or_default();
        captions.sort_by_key(|c| c.key.index());
        let created_at = row.created_at;
        Ok(ScheduledPost {
            captions,
            settings: self.settings.remove(&id).unwrap_or_default(),
            links: self.links.remove(&id).unwrap_or_default(),
            status: PostStatus::parse(&row.status)
                .ok_or_else(|| corrupt("post status", &row.status))?,
            scheduled_for: Timestamp::from_naive_utc(row.scheduled_at.unwrap_or(created_at)),
            created_at: Timestamp::from_naive_utc(created_at),
            updated_at: Timestamp::from_naive_utc(row.updated_at.unwrap_or(created_at)),
            id: stored_id(id, ScheduledPostId::try_from)?,
            design,
            labels: stored_labels(row.labels)?,
        })
    }
}

/// A post's stored labels (a JSON array of strings), if any.
pub(super) fn stored_labels(raw: Option<String>) -> Result<Option<Vec<String>>, RepoError> {
    raw.map(|raw| serde_json::from_str(&raw).map_err(|_| corrupt("labels", &raw)))
        .transpose()
}

fn captions_of(conn: &mut DbConnection, ids: &[&str], kin: &mut Kin) -> Result<(), RepoError> {
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let query = post_captions::table.select((
            post_captions::scheduled_post_id,
            post_captions::caption_key,
            post_captions::text,
        ));
        let rows: Vec<ChildRow> =
            of_posts!(query, post_captions::scheduled_post_id, chunk, conn).map_err(from_diesel)?;
        for row in rows {
            kin.caption(row.post, &row.key, row.text)?;
        }
    }
    Ok(())
}

fn settings_of(conn: &mut DbConnection, ids: &[&str], kin: &mut Kin) -> Result<(), RepoError> {
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let query = post_settings::table.select((
            post_settings::scheduled_post_id,
            post_settings::settings_key,
            post_settings::value,
        ));
        let rows: Vec<ChildRow> =
            of_posts!(query, post_settings::scheduled_post_id, chunk, conn).map_err(from_diesel)?;
        for row in rows {
            kin.setting(row.post, &row.key, &row.text)?;
        }
    }
    Ok(())
}

fn links_of(conn: &mut DbConnection, ids: &[&str], kin: &mut Kin) -> Result<(), RepoError> {
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let query = links::table
            .order((
                links::scheduled_post_id,
                links::position,
                links::social_account_id,
            ))
            .select((
                links::scheduled_post_id,
                (
                    links::social_account_id,
                    links::status,
                    links::live_link,
                    links::error_message,
                    links::published_at,
                ),
            ));
        let rows: Vec<(String, LinkRow)> =
            of_posts!(query, links::scheduled_post_id, chunk, conn).map_err(from_diesel)?;
        for (post, link) in rows {
            kin.link(post, link)?;
        }
    }
    Ok(())
}
