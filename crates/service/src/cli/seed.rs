//! `social-accounts seed --file FILE`.

use std::path::Path;

use social_accounts_domain::import::ImportBatch;
use social_accounts_domain::repository::ImportRepository;
use social_accounts_domain::{Platforms, Timestamp};
use social_accounts_storage::DatabaseUrl;

use super::key_file::KeySource;
use super::{CommandError, open};

pub fn run(
    url: &DatabaseUrl,
    keys: KeySource<'_>,
    platforms: &Platforms,
    file: &Path,
) -> Result<(), CommandError> {
    let shown = file.display();
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let batch = ImportBatch::from_json(&text, Timestamp::now(), platforms)
        .map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    let cipher = keys.resolve(url)?;
    let store = open(url, Some(cipher))?;
    store.migrate()?;
    let report = store
        .import(&batch)
        .map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    println!("Imported {report}");
    store
        .optimize()
        .map_err(|e| format!("imported, but VACUUM ANALYZE failed: {e}"))?;
    Ok(())
}
