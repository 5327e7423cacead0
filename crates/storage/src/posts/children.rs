//! A post's captions, settings and links as rows, for one post (the API) or a chunk of posts
//! (the import), written with one multi-row `INSERT` per table.

use diesel::prelude::*;
use social_accounts_domain::RepoError;
use social_accounts_domain::schedule::{Caption, PostSettings};

use super::rows::{NewCaptionRow, NewLinkRow, NewSettingsRow};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::schema::{post_captions, post_settings, scheduled_post_accounts};

/// Rows per multi-row INSERT (at most eight parameters a row: far below SQLite's and
/// PostgreSQL's limits).
pub(crate) const ROWS_PER_INSERT: usize = 1000;

/// Multi-row INSERT, chunked. The derived multi-connection cannot express a batch insert (its
/// backend has no single `DEFAULT` keyword dialect), so the one statement is written per
/// backend; the query is the same.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr, $per:expr) => {
        for chunk in $rows.chunks($per) {
            let insert = diesel::insert_into($table).values(chunk);
            match &mut *$conn {
                DbConnection::Sqlite(c) => insert.execute(c),
                DbConnection::Postgres(c) => insert.execute(c),
            }
            .map_err(from_diesel)?;
        }
    };
}
pub(crate) use insert_many;

/// The child rows of one or more posts.
#[derive(Default)]
pub(crate) struct Children<'a> {
    captions: Vec<NewCaptionRow<'a>>,
    /// (post id, settings key, the object as JSON text).
    settings: Vec<(&'a str, &'static str, String)>,
    links: Vec<NewLinkRow<'a>>,
}

impl<'a> Children<'a> {
    /// The post's captions and settings objects (those present).
    pub(crate) fn add(&mut self, post: &'a str, captions: &'a [Caption], settings: &PostSettings) {
        self.captions
            .extend(captions.iter().map(|caption| NewCaptionRow {
                scheduled_post_id: post,
                caption_key: caption.key.as_str(),
                text: &caption.text,
            }));
        self.settings.extend(
            settings
                .iter()
                .filter_map(|(key, value)| value.map(|v| (post, key.as_str(), v.to_string()))),
        );
    }

    /// One link, in its post's order.
    pub(crate) fn link(&mut self, row: NewLinkRow<'a>) {
        self.links.push(row);
    }

    /// How many links there are.
    pub(crate) fn link_count(&self) -> usize {
        self.links.len()
    }

    /// Inserts the captions and settings.
    pub(crate) fn insert_contents(&self, conn: &mut DbConnection) -> Result<(), RepoError> {
        let settings: Vec<NewSettingsRow<'_>> = self
            .settings
            .iter()
            .map(|(post, key, value)| NewSettingsRow {
                scheduled_post_id: post,
                settings_key: key,
                value,
            })
            .collect();
        insert_many!(conn, post_captions::table, &self.captions, ROWS_PER_INSERT);
        insert_many!(conn, post_settings::table, &settings, ROWS_PER_INSERT);
        Ok(())
    }

    /// Inserts the links (a link to an account deleted meanwhile fails its foreign key:
    /// [`RepoError::MissingReference`]).
    pub(crate) fn insert_links(&self, conn: &mut DbConnection) -> Result<(), RepoError> {
        insert_many!(
            conn,
            scheduled_post_accounts::table,
            &self.links,
            ROWS_PER_INSERT
        );
        Ok(())
    }
}
