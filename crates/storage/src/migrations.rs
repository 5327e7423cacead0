//! The migrations, embedded in the binary. `cargo xtask migrate`, `social-accounts migrate`
//! and `social-accounts serve` all apply them through [`run_pending`].

use diesel::migration::{MigrationConnection, MigrationSource};
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

/// Runs `$body` with `$harness` bound to `$conn`'s backend connection and `$source` to that
/// backend's embedded migrations: the one place this module tells the backends apart.
macro_rules! on_backend {
    ($conn:expr, |$harness:ident, $source:ident| $body:expr) => {
        match $conn {
            DbConnection::Sqlite($harness) => {
                let $source = SQLITE;
                $body
            }
            DbConnection::Postgres($harness) => {
                let $source = POSTGRES;
                $body
            }
        }
    };
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
    let versions: Vec<String> = on_backend!(conn, |c, source| c
        .run_pending_migrations(source)
        .map_err(failed)?
        .iter()
        .map(ToString::to_string)
        .collect());
    Ok(versions)
}

/// Reverts the newest applied migration; returns its name, or `None` when none is applied.
pub fn revert_last(conn: &mut DbConnection) -> Result<Option<String>, MigrationError> {
    if applied(conn)?.is_empty() {
        return Ok(None);
    }
    let version = on_backend!(conn, |c, source| c
        .revert_last_migration(source)
        .map_err(failed)?
        .to_string());
    Ok(Some(version))
}

/// Versions of the applied migrations.
pub fn applied(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    on_backend!(conn, |c, _source| Ok(c
        .applied_migrations()
        .map_err(failed)?
        .iter()
        .map(ToString::to_string)
        .collect()))
}

/// Applied migrations this binary does not embed: the database was migrated by a newer
/// release (a downgrade).
pub fn unknown_applied(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    let known = on_backend!(&mut *conn, |c, source| known_versions(c, &source)?);
    Ok(applied(conn)?
        .into_iter()
        .filter(|version| !known.contains(version))
        .collect())
}

/// Whether migrations are pending.
pub fn has_pending(conn: &mut DbConnection) -> Result<bool, MigrationError> {
    on_backend!(conn, |c, source| c
        .has_pending_migration(source)
        .map_err(failed))
}

/// The versions `source` embeds for `conn`'s backend.
fn known_versions<C: MigrationConnection>(
    _conn: &C,
    source: &EmbeddedMigrations,
) -> Result<Vec<String>, MigrationError>
where
    EmbeddedMigrations: MigrationSource<C::Backend>,
{
    Ok(MigrationSource::<C::Backend>::migrations(source)
        .map_err(failed)?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect())
}
