//! `social-accounts migrate`.

use social_accounts_storage::DatabaseUrl;

use super::{CommandError, open};

pub fn run(url: &DatabaseUrl) -> Result<(), CommandError> {
    let applied = open(url, None)?.migrate()?;
    if applied.is_empty() {
        println!("{url}: no pending migrations");
    }
    for version in applied {
        println!("{url}: applied migration {version}");
    }
    Ok(())
}
