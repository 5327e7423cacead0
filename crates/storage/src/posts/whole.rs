//! One post in one PostgreSQL statement.
//!
//! On PostgreSQL every statement is a round trip, and a post read through the shared diesel
//! queries is six (a snapshot transaction's `BEGIN`, the post, its captions, settings and
//! links, `COMMIT`). This statement carries the children as JSON arrays beside the post's own
//! columns: one round trip, and one statement is one snapshot without a transaction. It is
//! a fixed text, so diesel keeps it prepared. Post ids are `COLLATE "C"` and the children's
//! references are not: the subqueries compare under the children's collation, or their
//! indexes go unused (measured: a sequential scan of every link, 20 ms a read). SQLite, where a statement costs no round trip,
//! reads through `read::one`; a test holds the two to the same answer.

use chrono::NaiveDateTime;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Nullable, Text, Timestamp as SqlTimestamp, Untyped};
use social_accounts_domain::schedule::ScheduledPost;
use social_accounts_domain::{RepoError, ScheduledPostId, WorkspaceId};

use super::read::{Kin, LinkRow, PostRow};
use crate::errors::{corrupt, from_diesel};

/// `published_at` as text, `to_char`'s `YYYY-MM-DD"T"HH24:MI:SS.US`.
const PUBLISHED_AT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

const SELECT: &str = r#"SELECT p.id, p.status, p.scheduled_at, p.created_at, p.updated_at, p.labels,
  d.id AS design_id, d.name AS design_name, d.design_type, d.source AS design_source,
  (SELECT COALESCE(json_agg(json_build_array(c.caption_key, c.text)), '[]')::text
     FROM post_captions c WHERE c.scheduled_post_id = p.id COLLATE "default") AS captions,
  (SELECT COALESCE(json_agg(json_build_array(s.settings_key, s.value)), '[]')::text
     FROM post_settings s WHERE s.scheduled_post_id = p.id COLLATE "default") AS settings,
  (SELECT COALESCE(json_agg(json_build_array(l.social_account_id, l.status, l.live_link,
       l.error_message, to_char(l.published_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))
       ORDER BY l.position, l.social_account_id), '[]')::text
     FROM scheduled_post_accounts l WHERE l.scheduled_post_id = p.id COLLATE "default") AS links
FROM scheduled_posts p
LEFT JOIN designs d ON d.id = p.design_id AND d.workspace_id = p.workspace_id
WHERE p.id = "#;

/// The statement, with its two parameters.
struct WholePost<'a> {
    id: &'a str,
    workspace: &'a str,
}

impl QueryId for WholePost<'_> {
    type QueryId = WholePost<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for WholePost<'_> {
    type SqlType = Untyped;
}

impl QueryFragment<Pg> for WholePost<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(SELECT);
        out.push_bind_param::<Text, _>(self.id)?;
        out.push_sql(" AND p.workspace_id = ");
        out.push_bind_param::<Text, _>(self.workspace)?;
        Ok(())
    }
}

impl RunQueryDsl<PgConnection> for WholePost<'_> {}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<SqlTimestamp>)]
    scheduled_at: Option<NaiveDateTime>,
    #[diesel(sql_type = SqlTimestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Nullable<SqlTimestamp>)]
    updated_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Text>)]
    labels: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    design_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    design_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    design_type: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    design_source: Option<String>,
    #[diesel(sql_type = Text)]
    captions: String,
    #[diesel(sql_type = Text)]
    settings: String,
    #[diesel(sql_type = Text)]
    links: String,
}

/// A link as the statement writes it: a JSON array of account, status, live link, error
/// message and publication time (as text, [`PUBLISHED_AT`]).
#[derive(serde::Deserialize)]
struct LinkJson(
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn json<T: serde::de::DeserializeOwned>(what: &str, raw: &str) -> Result<T, RepoError> {
    serde_json::from_str(raw).map_err(|_| corrupt(what, raw))
}

/// One post of `workspace`, or `None`.
pub(super) fn one(
    conn: &mut PgConnection,
    workspace: &WorkspaceId,
    id: &ScheduledPostId,
) -> Result<Option<ScheduledPost>, RepoError> {
    let query = WholePost {
        id: id.as_str(),
        workspace: workspace.as_str(),
    };
    let Some(row) = query
        .get_result::<Row>(conn)
        .optional()
        .map_err(from_diesel)?
    else {
        return Ok(None);
    };
    let mut kin = Kin::default();
    for (key, text) in json::<Vec<(String, String)>>("captions", &row.captions)? {
        kin.caption(row.id.clone(), &key, text)?;
    }
    for (key, value) in json::<Vec<(String, String)>>("settings", &row.settings)? {
        kin.setting(row.id.clone(), &key, &value)?;
    }
    for LinkJson(account_id, status, live_link, error_message, published_at) in
        json::<Vec<LinkJson>>("links", &row.links)?
    {
        let published_at = published_at
            .map(|at| {
                NaiveDateTime::parse_from_str(&at, PUBLISHED_AT)
                    .map_err(|_| corrupt("link publication time", &at))
            })
            .transpose()?;
        kin.link(
            row.id.clone(),
            LinkRow {
                account_id,
                status,
                live_link,
                error_message,
                published_at,
            },
        )?;
    }
    kin.post(PostRow {
        id: row.id,
        status: row.status,
        scheduled_at: row.scheduled_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
        labels: row.labels,
        design_id: row.design_id,
        design_name: row.design_name,
        design_type: row.design_type,
        design_source: row.design_source,
    })
    .map(Some)
}

#[cfg(test)]
mod tests {
    use social_accounts_domain::{ScheduledPostId, WorkspaceId};

    use crate::testing::{TestDb, import_json};
    use crate::transaction::read_snapshot;
    use crate::{Backend, DbConnection};

    /// Everything a post can hold, and a post with nothing but itself.
    const FILE: &str = r#"{
      "organizations": [{ "id": "org", "name": "O", "mainPlan": "paid", "apiCreditsAddon": true }],
      "workspaces": [{ "id": "ws", "organizationId": "org", "name": "W" }, { "id": "ws2", "organizationId": "org", "name": "W2" }],
      "socialAccounts": [
        { "id": "acc_b", "workspaceId": "ws", "platformType": "linkedin", "accountHandle": "b", "accountType": "personal", "accountName": "B", "accessToken": "t" },
        { "id": "acc_a", "workspaceId": "ws", "platformType": "instagram", "accountHandle": "a", "accountType": "creator", "accountName": "A", "accessToken": "t" },
        { "id": "Acc_c", "workspaceId": "ws", "platformType": "threads", "accountHandle": "c", "accountType": "personal", "accountName": "C", "accessToken": "t" }
      ],
      "designs": [{ "id": "d1", "workspaceId": "ws", "name": "Q3 \"deck\"", "designType": "carousel", "source": "editor" }],
      "scheduledPosts": [
        { "id": "full", "workspaceId": "ws", "status": "SCHEDULED", "scheduledAt": "2026-12-01T09:00:00.123+01:00",
          "createdAt": "2026-11-01T00:00:00.5Z", "designId": "d1", "labels": ["a", "b é"],
          "postContent": { "threads": "Th\nread", "linkedin": "In #linkedin \u2603", "common": "All" },
          "linkedinPostSettings": { "postType": "document", "postTitle": "Results" },
          "instagramPostSettings": { "postType": "image", "postAsStory": false },
          "socialAccounts": [
            { "socialAccountId": "acc_b", "status": "FAILED", "errorMessage": "Boom \"quoted\"" },
            { "socialAccountId": "Acc_c", "status": "PENDING" },
            { "socialAccountId": "acc_a", "status": "PUBLISHED", "liveLink": "https://example.com/1",
              "publishedAt": "2026-12-01T08:00:05.678Z" } ] },
        { "id": "bare", "workspaceId": "ws", "status": "DRAFT" }
      ]
    }"#;

    #[test]
    fn one_statement_reads_what_the_shared_queries_read() {
        let db = TestDb::migrated(Backend::Postgres);
        let store = db.store();
        import_json(&store, FILE).unwrap();
        let mut conn = db.connect();
        let ws = WorkspaceId::parse("ws").unwrap();
        for id in ["full", "bare", "missing"] {
            let id = ScheduledPostId::parse(id).unwrap();
            let shared =
                read_snapshot(&mut conn, |conn| super::super::read::one(conn, &ws, &id)).unwrap();
            let DbConnection::Postgres(pg) = &mut conn else {
                panic!("not PostgreSQL");
            };
            let whole = super::one(pg, &ws, &id).unwrap();
            assert_eq!(whole, shared, "{id}");
            assert_eq!(whole.is_some(), id.as_str() != "missing");
        }
        let full = ScheduledPostId::parse("full").unwrap();
        let DbConnection::Postgres(pg) = &mut conn else {
            panic!("not PostgreSQL");
        };
        let post = super::one(pg, &ws, &full).unwrap().unwrap();
        assert_eq!(post.links.len(), 3);
        assert_eq!(post.captions.len(), 3);
        assert!(post.design.is_some() && post.labels.is_some());
        assert_eq!(
            post.links[2].published_at.map(|at| at.to_string()),
            Some("2026-12-01T08:00:05.678Z".to_owned())
        );
        // Another workspace does not see it.
        let other = WorkspaceId::parse("ws2").unwrap();
        assert_eq!(super::one(pg, &other, &full).unwrap(), None);
    }
}
