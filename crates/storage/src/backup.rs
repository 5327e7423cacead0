//! Online backup of an SQLite database: `VACUUM INTO` a new file while the service writes
//! (SQLite copies one read snapshot), then a check of the copy on a connection of its own.

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;
use social_accounts_domain::RepoError;

use crate::errors::from_diesel;
use crate::{Backend, DbConnection, Store};

/// Why a backup was not made, or not trusted.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// `backup` copies SQLite databases; PostgreSQL has its own tools.
    #[error("backup copies SQLite databases; this one is PostgreSQL")]
    NotSqlite,
    /// The target exists: a backup never overwrites.
    #[error("{0} already exists; a backup never overwrites a file")]
    Exists(String),
    /// The database refused.
    #[error(transparent)]
    Database(#[from] RepoError),
    /// The copy was made but does not check out.
    #[error("the copy at {path} failed its check: {reason}")]
    Check {
        /// The copy.
        path: String,
        /// What was wrong.
        reason: String,
    },
}

/// What the copy holds, read back from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// Size of the copy, bytes.
    pub bytes: u64,
    /// The newest migration applied in the copy.
    pub migration: String,
    /// Rows per table: organizations, workspaces, API keys, social accounts, designs, scheduled
    /// posts, links.
    pub counts: Vec<(&'static str, i64)>,
}

/// The tables counted, with the names the report prints.
const COUNTED: [(&str, &str); 7] = [
    ("organizations", "organizations"),
    ("workspaces", "workspaces"),
    ("API keys", "api_keys"),
    ("social accounts", "social_accounts"),
    ("designs", "designs"),
    ("scheduled posts", "scheduled_posts"),
    ("links", "scheduled_post_accounts"),
];

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl Store {
    /// Copies this SQLite database to a new file at `to`, consistently while others write, and
    /// checks the copy: `PRAGMA integrity_check`, the migrations table, the counts it reports.
    ///
    /// # Errors
    ///
    /// PostgreSQL, an existing `to`, the database's refusal, or a copy that fails its check.
    pub fn backup_to(&self, to: &Path) -> Result<BackupReport, BackupError> {
        if self.backend() != Backend::Sqlite {
            return Err(BackupError::NotSqlite);
        }
        let shown = to.display().to_string();
        if to.exists() {
            return Err(BackupError::Exists(shown));
        }
        let target = to.to_str().ok_or_else(|| BackupError::Check {
            path: shown.clone(),
            reason: "the path is not UTF-8".into(),
        })?;
        self.run(|conn| match conn {
            DbConnection::Sqlite(sqlite) => diesel::sql_query("VACUUM INTO ?")
                .bind::<Text, _>(target)
                .execute(sqlite)
                .map(drop)
                .map_err(from_diesel),
            DbConnection::Postgres(_) => Err(RepoError::internal("not SQLite")),
        })?;
        check(to).map_err(|reason| BackupError::Check {
            path: shown,
            reason,
        })
    }
}

/// Opens the copy as it is (no pragmas that would change it) and reads what it holds.
fn check(path: &Path) -> Result<BackupReport, String> {
    let url = path.to_str().ok_or("the path is not UTF-8")?;
    let mut conn = SqliteConnection::establish(url).map_err(|e| e.to_string())?;
    conn.batch_execute("PRAGMA query_only = ON")
        .map_err(|e| e.to_string())?;
    let lines: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
            .load(&mut conn)
            .map_err(|e| e.to_string())?;
    let verdict: Vec<String> = lines.into_iter().map(|l| l.line).collect();
    if verdict != ["ok"] {
        return Err(format!("integrity_check: {}", verdict.join("; ")));
    }
    let migration: Vec<Line> = diesel::sql_query(
        "SELECT version AS line FROM __diesel_schema_migrations ORDER BY version DESC LIMIT 1",
    )
    .load(&mut conn)
    .map_err(|e| format!("no migrations table: {e}"))?;
    let migration = migration
        .into_iter()
        .next()
        .map(|l| l.line)
        .ok_or("the migrations table is empty")?;
    let mut counts = Vec::new();
    for (name, table) in COUNTED {
        let count: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result(&mut conn)
            .map_err(|e| format!("{table}: {e}"))?;
        counts.push((name, count.n));
    }
    let bytes = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    Ok(BackupReport {
        bytes,
        migration,
        counts,
    })
}
