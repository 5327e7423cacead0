//! The import's designs and scheduled posts (with their captions, settings and links).

use diesel::prelude::*;
use social_accounts_domain::import::NewScheduledPost;
use social_accounts_domain::{DesignId, RepoError, Timestamp};

use super::{Failure, Import, bad, duplicate};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::posts::rows::{NewDesignRow, NewLinkRow, NewPostRow};
use crate::posts::{Children, insert_many};
use crate::schema::{designs, scheduled_posts, social_accounts};

impl Import<'_> {
    /// Designs, each in an existing workspace.
    pub(super) fn designs(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        for (i, new) in self.batch.designs.iter().enumerate() {
            let workspace = new.workspace_id.as_str();
            if self.workspaces.organization_of(conn, workspace)?.is_none() {
                let message = format!("no workspace {workspace:?} in this file or the database");
                return Err(bad("designs", i, "workspaceId", message));
            }
            let design = &new.design;
            diesel::insert_into(designs::table)
                .values(NewDesignRow {
                    id: design.id.as_str(),
                    workspace_id: workspace,
                    name: &design.name,
                    design_type: &design.design_type,
                    source: &design.source,
                    created_at: self.now,
                })
                .execute(conn)
                .map_err(duplicate(
                    "designs",
                    i,
                    "id",
                    &format!("design {:?}", design.id.as_str()),
                ))?;
            self.design_workspace
                .insert(design.id.as_str().to_owned(), workspace.to_owned());
            self.report.designs += 1;
        }
        Ok(())
    }

    /// Posts with their captions, settings and links, each account and the design in the
    /// post's own workspace. Written [`POSTS_PER_CHUNK`] posts at a time, one multi-row
    /// `INSERT` per table and chunk; each chunk's duplicate ids and unknown accounts are looked
    /// up first, in one query each, so the first bad record is still the one reported.
    pub(super) fn scheduled_posts(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        let posts = &self.batch.scheduled_posts;
        let mut seen = std::collections::HashSet::new();
        for (chunk_index, chunk) in posts.chunks(POSTS_PER_CHUNK).enumerate() {
            let first = chunk_index * POSTS_PER_CHUNK;
            let stored = stored_post_ids(conn, chunk)?;
            self.prefetch_accounts(conn, chunk)?;
            let mut rows = Rows::default();
            for (offset, post) in chunk.iter().enumerate() {
                let i = first + offset;
                let workspace = post.workspace_id.as_str();
                if self.workspaces.organization_of(conn, workspace)?.is_none() {
                    let message =
                        format!("no workspace {workspace:?} in this file or the database");
                    return Err(bad("scheduledPosts", i, "workspaceId", message));
                }
                if stored.contains(post.id.as_str()) || !seen.insert(post.id.as_str()) {
                    let message = format!("scheduled post {:?} already exists", post.id.as_str());
                    return Err(bad("scheduledPosts", i, "id", message));
                }
                if let Some(design) = &post.design_id {
                    self.check_design(conn, i, design.as_str(), workspace)?;
                }
                for (j, link) in post.links.iter().enumerate() {
                    self.check_link(conn, (i, j), link.account_id.as_str(), workspace)?;
                }
                rows.add(post);
            }
            rows.insert(conn)?;
            self.report.links += rows.children.link_count();
            self.report.scheduled_posts += chunk.len();
        }
        Ok(())
    }

    /// Loads, in one query, the workspaces of the chunk's linked accounts not known yet.
    fn prefetch_accounts(
        &mut self,
        conn: &mut DbConnection,
        chunk: &[NewScheduledPost],
    ) -> Result<(), RepoError> {
        let unknown: Vec<&str> = chunk
            .iter()
            .flat_map(|post| post.links.iter().map(|l| l.account_id.as_str()))
            .filter(|id| !self.account_workspace.contains_key(*id))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        for ids in unknown.chunks(IDS_PER_QUERY) {
            let found: Vec<(String, String)> = social_accounts::table
                .filter(social_accounts::id.eq_any(ids))
                .select((social_accounts::id, social_accounts::workspace_id))
                .load(conn)
                .map_err(from_diesel)?;
            self.account_workspace.extend(found);
        }
        Ok(())
    }

    /// A post may only use a design of its own workspace.
    fn check_design(
        &mut self,
        conn: &mut DbConnection,
        post: usize,
        design: &str,
        workspace: &str,
    ) -> Result<(), Failure> {
        let design_ws = match self.design_workspace.get(design) {
            Some(ws) => Some(ws.clone()),
            None => designs::table
                .find(design)
                .select(designs::workspace_id)
                .first::<String>(conn)
                .optional()
                .map_err(from_diesel)?,
        };
        match design_ws {
            Some(ws) if ws == workspace => Ok(()),
            Some(ws) => Err(bad(
                "scheduledPosts",
                post,
                "designId",
                format!(
                    "design {design:?} is in workspace {ws:?}, not in the post's workspace {workspace:?}"
                ),
            )),
            None => Err(bad(
                "scheduledPosts",
                post,
                "designId",
                format!("no design {design:?} in this file or the database"),
            )),
        }
    }

    /// A post may only link an account of its own workspace.
    fn check_link(
        &mut self,
        conn: &mut DbConnection,
        (post, link): (usize, usize),
        account: &str,
        workspace: &str,
    ) -> Result<(), Failure> {
        let field = format!("socialAccounts[{link}].socialAccountId");
        let account_ws = match self.account_workspace.get(account) {
            Some(ws) => Some(ws.clone()),
            None => social_accounts::table
                .find(account)
                .select(social_accounts::workspace_id)
                .first::<String>(conn)
                .optional()
                .map_err(from_diesel)?,
        };
        match account_ws {
            None => {
                let message = format!("no social account {account:?} in this file or the database");
                Err(bad("scheduledPosts", post, &field, message))
            }
            Some(ws) if ws != workspace => {
                let message = format!(
                    "social account {account:?} is in workspace {ws:?}, not in the post's workspace {workspace:?}"
                );
                Err(bad("scheduledPosts", post, &field, message))
            }
            Some(ws) => {
                self.account_workspace.insert(account.to_owned(), ws);
                Ok(())
            }
        }
    }
}

/// Posts per chunk of the import: eight parameters a post row, far below SQLite's limit.
const POSTS_PER_CHUNK: usize = 1000;
/// Ids per `IN (…)` list.
const IDS_PER_QUERY: usize = 1000;

/// The ids of `chunk` already stored, in one query.
fn stored_post_ids(
    conn: &mut DbConnection,
    chunk: &[NewScheduledPost],
) -> Result<std::collections::HashSet<String>, RepoError> {
    let ids: Vec<&str> = chunk.iter().map(|post| post.id.as_str()).collect();
    let stored: Vec<String> = scheduled_posts::table
        .filter(scheduled_posts::id.eq_any(&ids))
        .select(scheduled_posts::id)
        .load(conn)
        .map_err(from_diesel)?;
    Ok(stored.into_iter().collect())
}

/// One chunk's rows, by table.
#[derive(Default)]
struct Rows<'a> {
    posts: Vec<NewPostRow<'a>>,
    children: Children<'a>,
}

impl<'a> Rows<'a> {
    fn add(&mut self, post: &'a NewScheduledPost) {
        let id = post.id.as_str();
        self.posts.push(NewPostRow {
            id,
            workspace_id: post.workspace_id.as_str(),
            status: post.status.as_str(),
            scheduled_at: Some(post.scheduled_at.naive_utc()),
            created_at: post.created_at.naive_utc(),
            updated_at: Some(post.created_at.naive_utc()),
            design_id: post.design_id.as_ref().map(DesignId::as_str),
            labels: post
                .labels
                .as_ref()
                .map(|labels| serde_json::Value::from(labels.clone()).to_string()),
        });
        self.children.add(id, &post.captions, &post.settings);
        for (j, link) in post.links.iter().enumerate() {
            self.children.link(NewLinkRow {
                scheduled_post_id: id,
                social_account_id: link.account_id.as_str(),
                status: link.status.as_str(),
                position: i32::try_from(j).unwrap_or(i32::MAX),
                live_link: link.live_link.as_deref(),
                error_message: link.error_message.as_deref(),
                published_at: link.published_at.map(Timestamp::naive_utc),
            });
        }
    }

    fn insert(&self, conn: &mut DbConnection) -> Result<(), RepoError> {
        insert_many!(conn, scheduled_posts::table, &self.posts, POSTS_PER_CHUNK);
        self.children.insert_contents(conn)?;
        self.children.insert_links(conn)
    }
}
