//! A post's captions, settings and links as rows, for one post (the API) or a chunk of posts
//! (the import), written with one multi-row `INSERT` per table.

use diesel::prelude::*;
use social_accounts_domain::RepoError;
use social_accounts_domain::schedule::{Caption, PostSettings};

use super::rows::{NewCaptionRow, NewLinkRow, NewSettingsRow};
use crate::DbConnection;
use crate::errors::from_diesel;
use crate::schema::{post_captions, post_settings, scheduled_post_accounts};

/// Rows per multi-row INSERT (at most fourteen parameters a row: far below SQLite's and
/// PostgreSQL's limits).
pub(crate) const ROWS_PER_INSERT: usize = 1000;

/// How a multi-row write reaches PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// `INSERT … VALUES`, [`ROWS_PER_INSERT`] rows a statement: the API's few rows.
    Insert,
    /// `COPY … FROM STDIN (FORMAT binary)`, all rows at once: the import's many. Measured
    /// about a tenth faster than `INSERT` for 100,000 posts (docs/performance.md). SQLite has
    /// no `COPY` and takes `INSERT`s either way.
    Copy,
}

/// Up to this many rows, SQLite inserts them one by one with a statement diesel keeps
/// prepared: a multi-row `INSERT` is compiled anew on every call (its text depends on the
/// number of rows), which costs more than running a prepared one a few times. PostgreSQL
/// takes one statement either way (each one is a round trip); a single row is prepared there
/// too.
pub(crate) const ROWS_ONE_BY_ONE: usize = 32;

/// Multi-row write of `rows`, chunked. The derived multi-connection cannot express a batch
/// insert (its backend has no single `DEFAULT` keyword dialect), so the one statement is
/// written per backend; the query is the same. Few rows go one by one on SQLite
/// ([`ROWS_ONE_BY_ONE`]). Row types for [`Via::Copy`] need
/// `treat_none_as_default_value = false`.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr, $via:expr) => {
        match (&mut *$conn, $via) {
            (DbConnection::Postgres(c), $crate::posts::Via::Copy) => {
                if !$rows.is_empty() {
                    diesel::copy_from($table)
                        .from_insertable($rows)
                        .execute(c)
                        .map_err(from_diesel)?;
                }
            }
            (conn, _) => {
                for chunk in $rows.chunks($crate::posts::ROWS_PER_INSERT) {
                    match (&mut *conn, chunk) {
                        (DbConnection::Postgres(c), [row]) => {
                            diesel::insert_into($table).values(row).execute(c)
                        }
                        (DbConnection::Postgres(c), rows) => {
                            diesel::insert_into($table).values(rows).execute(c)
                        }
                        (DbConnection::Sqlite(c), rows)
                            if rows.len() <= $crate::posts::ROWS_ONE_BY_ONE =>
                        {
                            rows.iter().try_fold(0, |n, row| {
                                Ok(n + diesel::insert_into($table).values(row).execute(c)?)
                            })
                        }
                        (DbConnection::Sqlite(c), rows) => {
                            diesel::insert_into($table).values(rows).execute(c)
                        }
                    }
                    .map_err(from_diesel)?;
                }
            }
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
    pub(crate) fn insert_contents(
        &self,
        conn: &mut DbConnection,
        via: Via,
    ) -> Result<(), RepoError> {
        let settings: Vec<NewSettingsRow<'_>> = self
            .settings
            .iter()
            .map(|(post, key, value)| NewSettingsRow {
                scheduled_post_id: post,
                settings_key: key,
                value,
            })
            .collect();
        insert_many!(conn, post_captions::table, &self.captions, via);
        insert_many!(conn, post_settings::table, &settings, via);
        Ok(())
    }

    /// Inserts the links (a link to an account deleted meanwhile fails its foreign key:
    /// [`RepoError::MissingReference`]).
    pub(crate) fn insert_links(&self, conn: &mut DbConnection, via: Via) -> Result<(), RepoError> {
        insert_many!(conn, scheduled_post_accounts::table, &self.links, via);
        Ok(())
    }
}
