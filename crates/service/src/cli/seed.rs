//! `social-accounts seed --file FILE`.
//!
//! The file is read as a stream, twice (`ImportStream`): once to check all of it, once to
//! write its posts a chunk at a time, so a large import holds one chunk of posts, never the
//! file.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use social_accounts_domain::import::ImportStream;
use social_accounts_domain::repository::ImportRepository;
use social_accounts_domain::{Actor, Platforms, Timestamp};
use social_accounts_storage::DatabaseUrl;

use super::key_file::KeySource;
use super::progress::ProgressLine;
use super::{CommandError, open_migrated};

/// Read buffer per pass: large reads, few system calls.
const READ_BUFFER: usize = 1 << 20;

pub fn run(
    url: &DatabaseUrl,
    keys: KeySource<'_>,
    platforms: &Platforms,
    file: &Path,
    progress: bool,
) -> Result<(), CommandError> {
    let shown = file.display();
    File::open(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let reader = || File::open(file).map(|f| BufReader::with_capacity(READ_BUFFER, f));
    let mut stream = ImportStream::scan(reader, Timestamp::now(), platforms)
        .map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    let cipher = keys.resolve(url)?;
    let store = open_migrated(url, Some(cipher))?;
    let mut line = ProgressLine::new(stream.report(), progress);
    let imported = store.import_from(
        &stream.head,
        &mut stream.posts,
        &mut |step| line.update(step),
        &Actor::cli(),
    );
    line.finish();
    let report = imported.map_err(|e| format!("{shown}: {e} (nothing was imported)"))?;
    println!("Imported {report}");
    store
        .optimize()
        .map_err(|e| format!("imported, but VACUUM ANALYZE failed: {e}"))?;
    Ok(())
}
