//! The import's designs and scheduled posts (with their captions, settings and links).

use diesel::prelude::*;
use social_accounts_domain::{DesignId, RepoError, Timestamp};

use super::{Failure, Import, bad, duplicate};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::posts::rows::{NewCaptionRow, NewDesignRow, NewLinkRow, NewPostRow, NewSettingsRow};
use crate::schema::{
    designs, post_captions, post_settings, scheduled_post_accounts, scheduled_posts,
    social_accounts,
};

/// Links per INSERT statement: seven parameters each, well under SQLite's variable limit.
const LINKS_PER_INSERT: usize = 1000;

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
    /// post's own workspace.
    pub(super) fn scheduled_posts(&mut self, conn: &mut DbConnection) -> Result<(), Failure> {
        for (i, post) in self.batch.scheduled_posts.iter().enumerate() {
            let workspace = post.workspace_id.as_str();
            if self.workspaces.organization_of(conn, workspace)?.is_none() {
                let message = format!("no workspace {workspace:?} in this file or the database");
                return Err(bad("scheduledPosts", i, "workspaceId", message));
            }
            if let Some(design) = &post.design_id {
                self.check_design(conn, i, design.as_str(), workspace)?;
            }
            let labels = post
                .labels
                .as_ref()
                .map(|labels| serde_json::Value::from(labels.clone()).to_string());
            diesel::insert_into(scheduled_posts::table)
                .values(NewPostRow {
                    id: post.id.as_str(),
                    workspace_id: workspace,
                    status: post.status.as_str(),
                    scheduled_at: Some(post.scheduled_at.naive_utc()),
                    created_at: post.created_at.naive_utc(),
                    updated_at: Some(post.created_at.naive_utc()),
                    design_id: post.design_id.as_ref().map(DesignId::as_str),
                    labels,
                })
                .execute(conn)
                .map_err(duplicate(
                    "scheduledPosts",
                    i,
                    "id",
                    &format!("scheduled post {:?}", post.id.as_str()),
                ))?;
            for caption in &post.captions {
                diesel::insert_into(post_captions::table)
                    .values(NewCaptionRow {
                        scheduled_post_id: post.id.as_str(),
                        caption_key: caption.key.as_str(),
                        text: &caption.text,
                    })
                    .execute(conn)
                    .map_err(from_diesel)?;
            }
            for (key, value) in post.settings.iter() {
                let Some(value) = value else { continue };
                diesel::insert_into(post_settings::table)
                    .values(NewSettingsRow {
                        scheduled_post_id: post.id.as_str(),
                        settings_key: key.as_str(),
                        value: &value.to_string(),
                    })
                    .execute(conn)
                    .map_err(from_diesel)?;
            }
            let mut rows = Vec::with_capacity(post.links.len());
            for (j, link) in post.links.iter().enumerate() {
                self.check_link(conn, (i, j), link.account_id.as_str(), workspace)?;
                rows.push(NewLinkRow {
                    scheduled_post_id: post.id.as_str(),
                    social_account_id: link.account_id.as_str(),
                    status: link.status.as_str(),
                    position: i32::try_from(j).unwrap_or(i32::MAX),
                    live_link: link.live_link.as_deref(),
                    error_message: link.error_message.as_deref(),
                    published_at: link.published_at.map(Timestamp::naive_utc),
                });
            }
            insert_links(conn, &rows)?;
            self.report.links += rows.len();
            self.report.scheduled_posts += 1;
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

/// Multi-row INSERT of links. The derived multi-connection cannot express a batch insert
/// (its backend has no single `DEFAULT` keyword dialect), so this one statement is written
/// per backend; the query is the same.
fn insert_links(conn: &mut DbConnection, rows: &[NewLinkRow<'_>]) -> Result<(), RepoError> {
    for chunk in rows.chunks(LINKS_PER_INSERT) {
        let insert = diesel::insert_into(scheduled_post_accounts::table).values(chunk);
        match conn {
            DbConnection::Sqlite(c) => insert.execute(c),
            DbConnection::Postgres(c) => insert.execute(c),
        }
        .map_err(from_diesel)?;
    }
    Ok(())
}
