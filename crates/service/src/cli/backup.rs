//! `social-accounts backup --to FILE`: an online copy of the SQLite database, checked, with
//! the token key beside it (the copy's tokens cannot be read without it).

use std::path::Path;

use social_accounts_storage::{BackupError, DatabaseUrl};

use super::key_file::{KeySource, beside, write_new};
use super::{CommandError, open};

pub fn run(url: &DatabaseUrl, keys: KeySource<'_>, to: &Path) -> Result<(), CommandError> {
    if let DatabaseUrl::Postgres(_) = url {
        return Err(format!(
            "backup copies SQLite databases; for PostgreSQL use pg_dump, for example: \
             pg_dump --format=custom --file {} '{}'",
            to.display(),
            url.redacted()
        )
        .into());
    }
    let store = open(url, None)?;
    let report = store.backup_to(to).map_err(|e| match e {
        BackupError::Exists(_) | BackupError::Check { .. } => e.to_string(),
        other => format!("backup failed: {other}"),
    })?;
    let counts: Vec<String> = report
        .counts
        .iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    println!(
        "backup: {} ({} bytes), integrity ok, migrations up to {}",
        to.display(),
        report.bytes,
        report.migration
    );
    println!("backup holds: {}", counts.join(", "));
    match (keys.configured, keys.path(url)) {
        (Some(_), _) => println!(
            "token key: from TOKEN_ENCRYPTION_KEY, not copied; keep it with this backup (its \
             tokens cannot be read without it)"
        ),
        (None, Some(key_file)) => {
            // Where `serve` on the copy looks for its key.
            let copy = beside(to);
            let key = std::fs::read_to_string(&key_file)
                .map_err(|e| format!("token key file {}: {e}", key_file.display()))?;
            write_new(&copy, &key)?;
            println!(
                "token key: copied to {} (mode 0600); the backup's tokens cannot be read \
                 without it",
                copy.display()
            );
        }
        (None, None) => {}
    }
    Ok(())
}
