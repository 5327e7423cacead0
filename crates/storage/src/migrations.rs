//! The migrations, embedded in the binary. `cargo xtask migrate`, `social-accounts migrate`
//! and `social-accounts serve` all apply them through [`run_pending`].

use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::sqlite::Sqlite;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// A migration failed; the message is the database's (no connection string in it).
#[derive(Debug, thiserror::Error)]
#[error("migration failed: {0}")]
pub struct MigrationError(String);

fn failed(error: impl std::fmt::Display) -> MigrationError {
    MigrationError(error.to_string())
}

/// Applies every pending migration; returns the names applied, oldest first. Refuses, changing
/// nothing, a database that has migrations this binary does not know ([`unknown_applied`]).
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    let unknown = unknown_applied(conn)?;
    if !unknown.is_empty() {
        return Err(MigrationError(format!(
            "the database has migrations this social-accounts does not know ({}): a newer \
             version wrote it. Run that version or a newer one; this one could misread or \
             damage the data",
            unknown.join(", ")
        )));
    }
    let versions = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map_err(failed)?,
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES).map_err(failed)?,
    };
    Ok(versions.iter().map(ToString::to_string).collect())
}

/// Reverts the newest applied migration; returns its name, or `None` when none is applied.
pub fn revert_last(conn: &mut DbConnection) -> Result<Option<String>, MigrationError> {
    if applied(conn)?.is_empty() {
        return Ok(None);
    }
    let version = match conn {
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE).map_err(failed)?,
        DbConnection::Postgres(c) => c.revert_last_migration(POSTGRES).map_err(failed)?,
    };
    Ok(Some(version.to_string()))
}

/// Versions of the applied migrations.
pub fn applied(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    let versions = match conn {
        DbConnection::Sqlite(c) => c.applied_migrations().map_err(failed)?,
        DbConnection::Postgres(c) => c.applied_migrations().map_err(failed)?,
    };
    Ok(versions.iter().map(ToString::to_string).collect())
}

/// Applied migrations this binary does not embed: the database was migrated by a newer
/// release (a downgrade).
pub fn unknown_applied(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    let known: Vec<String> = match conn {
        DbConnection::Sqlite(_) => MigrationSource::<Sqlite>::migrations(&SQLITE)
            .map_err(failed)?
            .iter()
            .map(|m| m.name().version().to_string())
            .collect(),
        DbConnection::Postgres(_) => MigrationSource::<Pg>::migrations(&POSTGRES)
            .map_err(failed)?
            .iter()
            .map(|m| m.name().version().to_string())
            .collect(),
    };
    Ok(applied(conn)?
        .into_iter()
        .filter(|version| !known.contains(version))
        .collect())
}

/// Whether migrations are pending.
pub fn has_pending(conn: &mut DbConnection) -> Result<bool, MigrationError> {
    match conn {
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE).map_err(failed),
        DbConnection::Postgres(c) => c.has_pending_migration(POSTGRES).map_err(failed),
    }
}
