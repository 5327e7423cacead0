//! Scheduled posts: create, replace, read, list, delete, and the publisher's report. Every
//! query is scoped by workspace in SQL; every write is one transaction through `Store::write`.

mod children;
mod read;
pub(crate) use read::by_ids as posts_by_ids;
pub(crate) use write::lock_usage;
pub(crate) mod rows;
pub(crate) use children::{Children, ROWS_ONE_BY_ONE, ROWS_PER_INSERT, Via, insert_many};
mod whole;
mod write;

use diesel::prelude::*;
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::repository::{ReplaceOutcome, ScheduleRepository};
use social_accounts_domain::schedule::{
    LinkReport, ListQuery, PostRequest, RuleViolation, ScheduledPost,
};
use social_accounts_domain::{
    Actor, AuditAction, NewAuditEvent, OrganizationId, RepoError, ScheduledPostId, Scope,
    SocialAccountId, Target, Timestamp, WorkspaceId,
};

use crate::errors::{corrupt, from_diesel};
use crate::models::stored_id;
use crate::schema::{scheduled_post_accounts as links, scheduled_posts as posts, workspaces};
use crate::transaction::read_snapshot;
use crate::webhooks::post_events::{link_settled, post_written};
use crate::{DbConnection, Store, audit};
use social_accounts_domain::LinkStatus;
use social_accounts_domain::webhooks::EventType;

/// Why a write of a post stopped: a rule refused it, or the database failed.
type Stop = crate::errors::Stop<RuleViolation>;

impl ScheduleRepository for Store {
    fn create_post(
        &self,
        scope: &Scope,
        request: PostRequest,
        idempotency: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Result<ScheduledPost, RuleViolation>, RepoError> {
        let id = ScheduledPostId::mint();
        let workspace = &scope.workspace;
        let written = self.write(|conn| {
            let (post, design) = write::checked(conn, scope, request, now)?;
            // No `lock_usage`: the links' one INSERT, last of the writes, locks the counters
            // in order itself, so they are held only from there to the commit.
            write::insert_post(conn, workspace, &id, &post, now)?;
            write::insert_contents(conn, &id, &post)?;
            write::insert_links(conn, &id, &post)?;
            if let Some(key) = idempotency {
                crate::idempotency::record_post(conn, workspace, key, &id)?;
            }
            let written = write::Written {
                created_at: now,
                updated_at: now,
                labels: None,
            };
            let post = write::as_written(id, post, design, written);
            let (kind, ws) = (EventType::ScheduledPostCreated, workspace.as_str());
            post_written(conn, kind, ws, post.id.as_str(), Some(&post), now)?;
            Ok(post)
        });
        settle(written)
    }

    fn replace_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
        request: PostRequest,
        now: Timestamp,
    ) -> Result<ReplaceOutcome, RepoError> {
        let workspace = &scope.workspace;
        let written = self.write(|conn| {
            // First statement: takes the post's row lock, so concurrent replaces of one post
            // run one after the other (each whole, the last one wins), and says whether the
            // post is the caller's.
            let Some(kept) = write::touch(conn, workspace, id, now)? else {
                return Ok(None);
            };
            let old = write::linked_accounts(conn, id)?;
            let (post, design) = write::checked(conn, scope, request, now)?;
            write::update_post(conn, id, &post)?;
            write::delete_contents(conn, id)?;
            write::insert_contents(conn, id, &post)?;
            // The counters last, right before the link statements: they are the rows other
            // writes to these accounts wait for, held from here to the commit.
            let new = post.accounts.iter().map(SocialAccountId::as_str);
            write::lock_usage(conn, old.iter().map(String::as_str).chain(new))?;
            write::delete_links(conn, id)?;
            write::insert_links(conn, id, &post)?;
            let post = write::as_written(id.clone(), post, design, kept);
            let (kind, ws) = (EventType::ScheduledPostUpdated, workspace.as_str());
            post_written(conn, kind, ws, id.as_str(), Some(&post), now)?;
            Ok(Some(post))
        });
        Ok(match settle(written)? {
            Ok(Some(post)) => ReplaceOutcome::Replaced(Box::new(post)),
            Ok(None) => ReplaceOutcome::NotFound,
            Err(violation) => ReplaceOutcome::Refused(violation),
        })
    }

    fn read_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
    ) -> Result<Option<ScheduledPost>, RepoError> {
        let workspace = &scope.workspace;
        self.run(|conn| match conn {
            DbConnection::Postgres(pg) => whole::one(pg, workspace, id),
            DbConnection::Sqlite(_) => read_snapshot(conn, |conn| read::one(conn, workspace, id)),
        })
    }

    fn list_posts(
        &self,
        scope: &Scope,
        query: &ListQuery,
    ) -> Result<Vec<ScheduledPost>, RepoError> {
        if query.is_empty_range() {
            return Ok(Vec::new());
        }
        let workspace = &scope.workspace;
        self.run(|conn| read_snapshot(conn, |conn| read::page(conn, workspace, query)))
    }

    fn delete_post(
        &self,
        scope: &Scope,
        id: &ScheduledPostId,
        now: Timestamp,
    ) -> Result<bool, RepoError> {
        let workspace = &scope.workspace;
        // Captions, settings and links go by ON DELETE CASCADE, in this statement.
        let deleted = self.write(|conn| {
            let deleted = diesel::delete(
                posts::table.filter(
                    posts::id
                        .eq(id.as_str())
                        .and(posts::workspace_id.eq(workspace.as_str())),
                ),
            )
            .execute(conn)
            .map_err(from_diesel)?;
            if deleted > 0 {
                let (kind, ws) = (EventType::ScheduledPostDeleted, workspace.as_str());
                post_written(conn, kind, ws, id.as_str(), None, now)?;
            }
            Ok(deleted)
        })?;
        Ok(deleted > 0)
    }

    fn report_link(
        &self,
        post: &ScheduledPostId,
        account: &SocialAccountId,
        report: &LinkReport,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, RepoError> {
        self.write(|conn| {
            // The post's row first, as replace and delete lock it, then its link: the same
            // order everywhere, so a report racing a replace waits instead of deadlocking.
            let link = links::table.filter(
                links::scheduled_post_id
                    .eq(post.as_str())
                    .and(links::social_account_id.eq(account.as_str())),
            );
            let workspace: Option<String> = diesel::update(
                posts::table
                    .find(post.as_str())
                    .filter(diesel::dsl::exists(link)),
            )
            .set(posts::updated_at.eq(now.naive_utc()))
            .returning(posts::workspace_id)
            .get_result(conn)
            .optional()
            .map_err(from_diesel)?;
            let Some(workspace) = workspace else {
                return Ok(false);
            };
            let before: String = link
                .select(links::status)
                .first(conn)
                .map_err(from_diesel)?;
            let before =
                LinkStatus::parse(&before).ok_or_else(|| corrupt("link status", &before))?;
            diesel::update(link)
                .set((
                    links::status.eq(report.status.as_str()),
                    links::live_link.eq(report.live_link.as_deref()),
                    links::error_message.eq(report.error_message.as_deref()),
                    links::published_at.eq(report.published_at.map(Timestamp::naive_utc)),
                ))
                .execute(conn)
                .map_err(from_diesel)?;
            let organization: String = workspaces::table
                .find(&workspace)
                .select(workspaces::organization_id)
                .first(conn)
                .map_err(from_diesel)?;
            let event = NewAuditEvent {
                organization_id: Some(stored_id(organization, OrganizationId::try_from)?),
                workspace_id: Some(stored_id(workspace, WorkspaceId::try_from)?),
                actor: actor.clone(),
                action: AuditAction::LinkReported,
                target: Target {
                    kind: "link",
                    id: format!("{post}:{account}"),
                },
                details: Vec::new(),
            };
            audit::record(conn, &event, now)?;
            link_settled(conn, post.as_str(), account.as_str(), before, now)?;
            Ok(true)
        })
    }
}

/// A refusal inside the transaction becomes the caller's `Err(violation)` (after the
/// rollback); a database failure stays an error.
fn settle<T>(written: Result<T, Stop>) -> Result<Result<T, RuleViolation>, RepoError> {
    match written {
        Ok(value) => Ok(Ok(value)),
        Err(Stop::Refused(violation)) => Ok(Err(violation)),
        Err(Stop::Repo(error)) => Err(error),
    }
}
