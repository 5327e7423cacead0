//! `tokens rotate-key`, run as the real binary: every sealed token re-encrypted, or nothing.

use std::process::Command;

use social_accounts_storage::Backend;
use social_accounts_storage::testing::TestDb;

use crate::cli::{BIN, stderr, stdout, write_file};
use crate::helpers::TestApp;

#[test]
fn postgres_needs_a_token_key_to_serve() {
    let output = Command::new(BIN)
        .args([
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/postgres",
            "serve",
            "--bind",
            "127.0.0.1:0",
        ])
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("TOKEN_ENCRYPTION_KEY is required with PostgreSQL"),
        "{}",
        stderr(&output)
    );
}

fn sealed_tokens(db: &TestDb) -> Vec<Vec<u8>> {
    social_accounts_storage::testing::sealed_tokens(&mut db.connect())
        .into_iter()
        .map(|(access, _)| access)
        .collect()
}

fn rotating_the_token_key_reencrypts_everything_or_nothing(backend: Backend) {
    use social_accounts_storage::TokenCipher;

    let app = TestApp::spawn(backend);
    let old = TokenCipher::from_base64(app.db.cipher_key()).unwrap();
    let new_key = TokenCipher::generate_key();
    let new = TokenCipher::from_base64(&new_key).unwrap();
    let rotate = |current: &str| {
        Command::new(BIN)
            .args(["--database-url", &app.db.url_arg(), "tokens", "rotate-key"])
            .env("TOKEN_ENCRYPTION_KEY", current)
            .env("NEW_TOKEN_ENCRYPTION_KEY", &new_key)
            .output()
            .unwrap()
    };
    let output = rotate(app.db.cipher_key());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Re-encrypted the tokens of 5 accounts"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stdout(&output).contains(&new_key),
        "a given key is never printed"
    );
    let sealed = sealed_tokens(&app.db);
    assert_eq!(sealed.len(), 5);
    for token in &sealed {
        assert!(
            new.open(token)
                .is_ok_and(|t| t.starts_with("secret-access-"))
        );
        assert!(old.open(token).is_err());
    }
    // With the wrong current key nothing changes.
    let again = rotate(&TokenCipher::generate_key());
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("cannot be decrypted with the current key; nothing was changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(sealed_tokens(&app.db), sealed);
}

/// On SQLite without `TOKEN_ENCRYPTION_KEY`, rotation replaces the key file beside the database.
#[test]
fn rotating_replaces_the_sqlite_key_file() {
    use social_accounts_storage::TokenCipher;

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let file = write_file(&dir, "seed.json", crate::fixtures::WORLD);
    let run_plain = |args: &[&str]| {
        Command::new(BIN)
            .args(["--database-url", &url])
            .args(args)
            .env_remove("TOKEN_ENCRYPTION_KEY")
            .env_remove("NEW_TOKEN_ENCRYPTION_KEY")
            .output()
            .unwrap()
    };
    assert!(run_plain(&["seed", "--file", &file]).status.success());
    let key_path = dir.path().join("k.db.key");
    let old_key = std::fs::read_to_string(&key_path).unwrap();
    let rotated = run_plain(&["tokens", "rotate-key"]);
    assert!(rotated.status.success(), "{}", stderr(&rotated));
    assert!(
        stdout(&rotated).is_empty(),
        "a key kept in the key file is never printed"
    );
    let new_key = std::fs::read_to_string(&key_path).unwrap();
    assert_ne!(new_key, old_key);
    assert!(!dir.path().join("k.db.key.new").exists());
    let new = TokenCipher::from_base64(&new_key).unwrap();
    let db_url = social_accounts_storage::DatabaseUrl::parse(&url).unwrap();
    let mut conn = social_accounts_storage::connect(&db_url).unwrap();
    let rows = social_accounts_storage::testing::sealed_tokens(&mut conn);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|(access, _)| new.open(access).is_ok()));
}

social_accounts_storage::on_both_backends!(rotating_the_token_key_reencrypts_everything_or_nothing);
