//! `social-accounts tokens rotate-key`.
//!
//! Order matters so that no moment exists where the stored tokens are sealed under a key that
//! is written nowhere: on SQLite with a key file, the new key is first written to
//! `<database>.key.new`, then the tokens are re-encrypted in one transaction, then the new file
//! replaces the old one. With `TOKEN_ENCRYPTION_KEY`, the operator holds the new key before
//! the transaction commits (it comes from `NEW_TOKEN_ENCRYPTION_KEY`, or is printed first).

use social_accounts_domain::{Actor, Timestamp};
use social_accounts_storage::{DatabaseUrl, TokenCipher};

use super::key_file::{self, KeySource};
use super::{CommandError, open_migrated};
use crate::settings::{Secret, TokensCommand};

pub fn run(
    url: &DatabaseUrl,
    keys: KeySource<'_>,
    command: &TokensCommand,
) -> Result<(), CommandError> {
    let TokensCommand::RotateKey { new_key } = command;
    let current = keys.resolve(url)?;
    let given = new_key.as_ref().and_then(Secret::get);
    let next_key = given.map_or_else(TokenCipher::generate_key, |k| {
        secrecy::ExposeSecret::expose_secret(k).to_owned()
    });
    let next = TokenCipher::from_base64(&next_key)
        .map_err(|e| format!("NEW_TOKEN_ENCRYPTION_KEY: {e}"))?;

    let key_file = if keys.configured.is_none() {
        keys.path(url)
    } else {
        None
    };
    let pending = key_file.as_ref().map(|path| path.with_extension("key.new"));
    if let Some(pending) = &pending {
        key_file::write_new(pending, &next_key)?;
    } else if given.is_none() {
        println!("{next_key}");
        eprintln!("The new key is printed above, once; keep it before anything else happens.");
    }

    let store = open_migrated(url, None)?;
    let rotated = store.rotate_token_key(&current, &next, &Actor::cli(), Timestamp::now());
    let rotated = match rotated {
        Ok(count) => count,
        Err(error) => {
            if let Some(pending) = &pending {
                let _ = std::fs::remove_file(pending);
            }
            return Err(error.into());
        }
    };
    match (&key_file, &pending) {
        (Some(path), Some(pending)) => {
            std::fs::rename(pending, path).map_err(|e| {
                format!(
                    "tokens are re-encrypted under the key in {}, but it could not replace {}: {e}; move it there by hand",
                    pending.display(),
                    path.display()
                )
            })?;
            eprintln!(
                "Re-encrypted the tokens of {rotated} accounts; the new key is in {}.",
                path.display()
            );
        }
        _ => eprintln!(
            "Re-encrypted the tokens of {rotated} accounts. Set TOKEN_ENCRYPTION_KEY to the new key on every instance now."
        ),
    }
    Ok(())
}
