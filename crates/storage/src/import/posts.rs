//! The import's designs and scheduled posts (with their captions, settings and links).

use std::collections::HashSet;

use diesel::prelude::*;
use social_accounts_domain::import::{ImportError, NewScheduledPost, PostSource};
use social_accounts_domain::{DesignId, RepoError, Timestamp};

use super::{IDS_PER_QUERY, Import, ROWS_PER_INSERT, Seen, bad, stored};
use crate::DbConnection;
use crate::errors::{Stop, from_diesel};
use crate::posts::rows::{NewDesignRow, NewLinkRow, NewPostRow};
use crate::posts::{Children, Via, insert_many};
use crate::schema::{designs, scheduled_posts, social_accounts};

impl Import<'_, '_> {
    /// Designs, each in an existing workspace.
    pub(super) fn designs(&mut self, conn: &mut DbConnection) -> Result<(), Stop<ImportError>> {
        let all = &self.batch.designs;
        for (chunk_index, chunk) in all.chunks(ROWS_PER_INSERT).enumerate() {
            let first = chunk_index * ROWS_PER_INSERT;
            let ids: Vec<&str> = chunk.iter().map(|new| new.design.id.as_str()).collect();
            let mut seen = Seen {
                stored: stored!(conn, designs::table, designs::id, ids),
                in_file: HashSet::new(),
            };
            let mut rows = Vec::with_capacity(chunk.len());
            for (offset, new) in chunk.iter().enumerate() {
                let i = first + offset;
                let workspace = new.workspace_id.as_str();
                self.workspaces
                    .organization(conn, ("designs", i), workspace)?;
                let design = &new.design;
                if !seen.is_new(design.id.as_str()) {
                    let message = format!("design {:?} already exists", design.id.as_str());
                    return Err(bad("designs", i, "id", message));
                }
                rows.push(NewDesignRow {
                    id: design.id.as_str(),
                    workspace_id: workspace,
                    name: &design.name,
                    design_type: &design.design_type,
                    source: &design.source,
                    created_at: self.now,
                });
            }
            insert_many!(conn, designs::table, &rows, Via::Copy);
            for new in chunk {
                self.design_workspace.insert(
                    new.design.id.as_str().to_owned(),
                    new.workspace_id.as_str().to_owned(),
                );
            }
            self.report.designs += chunk.len();
            self.progress("designs", self.report.designs);
        }
        Ok(())
    }

    /// Posts with their captions, settings and links, each account and the design in the
    /// post's own workspace, a chunk of [`ROWS_PER_INSERT`] posts at a time: one multi-row
    /// `INSERT` per table and chunk, each chunk's duplicate ids and unknown accounts looked up
    /// first, in one query each, so the first bad record is still the one reported. A post
    /// id repeated from an earlier chunk is found stored, as the transaction sees its own rows.
    pub(super) fn scheduled_posts(
        &mut self,
        conn: &mut DbConnection,
        source: &mut dyn PostSource,
    ) -> Result<(), Stop<ImportError>> {
        source
            .for_each_chunk(ROWS_PER_INSERT, &mut |first, chunk| {
                self.posts_chunk(conn, first, chunk)
                    .map_err(ImportError::from)
            })
            .map_err(Stop::Refused)
    }

    fn posts_chunk(
        &mut self,
        conn: &mut DbConnection,
        first: usize,
        chunk: &[NewScheduledPost],
    ) -> Result<(), Stop<ImportError>> {
        let ids: Vec<&str> = chunk.iter().map(|post| post.id.as_str()).collect();
        let mut seen = Seen {
            stored: stored!(conn, scheduled_posts::table, scheduled_posts::id, ids),
            in_file: HashSet::new(),
        };
        self.prefetch_accounts(conn, chunk)?;
        let mut rows = Rows::default();
        for (offset, post) in chunk.iter().enumerate() {
            let i = first + offset;
            let workspace = post.workspace_id.as_str();
            self.workspaces
                .organization(conn, ("scheduledPosts", i), workspace)?;
            if !seen.is_new(post.id.as_str()) {
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
        self.progress("scheduledPosts", self.report.scheduled_posts);
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
    ) -> Result<(), Stop<ImportError>> {
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
    ) -> Result<(), Stop<ImportError>> {
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
                scheduled_at: Some(post.scheduled_at.naive_utc()),
            });
        }
    }

    fn insert(&self, conn: &mut DbConnection) -> Result<(), RepoError> {
        insert_many!(conn, scheduled_posts::table, &self.posts, Via::Copy);
        self.children.insert_contents(conn, Via::Copy)?;
        self.children.insert_links(conn, Via::Copy)
    }
}
