//! Upgrades keep data. `tests/data/first-release/` holds what the first release (commit 80ea912,
//! before the Schedule API) wrote: an SQLite database and a PostgreSQL dump made by its binary
//! from `seed.json` (plus keys it minted, one revoked, one expired), and its HTTP answers over
//! that data (`expected.json`). This binary migrates them and must answer the same; the first
//! release's import file must still seed. How the files were made: the folder's README.

use std::process::Output;

use diesel::connection::SimpleConnection;
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{Backend, DatabaseUrl, connect, migrations};

use crate::helpers::{ServeProcess, run_binary, send, text};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/first-release");
/// The token key the fixtures' OAuth tokens are encrypted under.
const TOKEN_KEY: &str = "Zmlyc3QtcmVsZWFzZS1maXh0dXJlLWtleS0zMmJ5dGU=";
/// Where the rotation check moves the tokens.
const NEXT_TOKEN_KEY: &str = "3DvWGs3XynJQK3Ry85u5NWcb5uZ4dNlVwYpG3pMnq30=";
/// The first release's migrations.
const FIRST_RELEASE: [&str; 2] = ["20261126000000", "20261126000001"];
/// The fixtures hold a Pinterest account, which the default platforms do not serve.
const FIXTURE_PLATFORMS: &str = "linkedin,instagram,tiktok,threads,pinterest";

#[derive(serde::Deserialize)]
struct Exchange {
    method: String,
    path: String,
    key: String,
    status: u16,
    body: String,
}

fn expected() -> Vec<Exchange> {
    let text = std::fs::read_to_string(format!("{DIR}/expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn run(db: &TestDb, args: &[&str]) -> Output {
    run_binary(&db.url_arg(), args, &[("TOKEN_ENCRYPTION_KEY", TOKEN_KEY)])
}

/// A database as the first release left it.
fn restore_first_release(backend: Backend) -> TestDb {
    let db = TestDb::new(backend);
    let url = db.url_arg();
    match backend {
        Backend::Sqlite => {
            let path = url.strip_prefix("sqlite://").unwrap();
            std::fs::copy(format!("{DIR}/sqlite.db"), path).unwrap();
        }
        Backend::Postgres => {
            let dump = std::fs::read_to_string(format!("{DIR}/postgres.sql")).unwrap();
            let mut conn = connect(&DatabaseUrl::parse(&url).unwrap()).unwrap();
            conn.batch_execute(&dump).unwrap();
        }
    }
    let mut conn = connect(&DatabaseUrl::parse(&url).unwrap()).unwrap();
    let mut applied = migrations::applied(&mut conn).unwrap();
    applied.sort();
    assert_eq!(applied, FIRST_RELEASE);
    db
}

/// Serves `db` and replays `exchanges`, comparing each status and body.
fn replay<'a>(
    db: &TestDb,
    exchanges: impl Iterator<Item = &'a Exchange>,
    then: impl FnOnce(std::net::SocketAddr),
) {
    let serve = ServeProcess::start(
        &db.url_arg(),
        &["--no-bootstrap"],
        &[
            ("TOKEN_ENCRYPTION_KEY", TOKEN_KEY),
            ("RATE_LIMIT_PER_SECOND", "0"),
        ],
    );
    let addr = serve.addr;
    let mut replayed = 0;
    let mismatches: Vec<String> = exchanges
        .filter_map(|exchange| {
            replayed += 1;
            let got = send(
                addr,
                &exchange.method,
                &exchange.path,
                &[("embed-api-key", &exchange.key)],
            );
            (got.status != exchange.status || got.body != exchange.body).then(|| {
                format!(
                    "{} {} with {}:\n  first release: {} {}\n  now:           {} {}",
                    exchange.method,
                    exchange.path,
                    exchange.key,
                    exchange.status,
                    exchange.body,
                    got.status,
                    got.body
                )
            })
        })
        .collect();
    then(addr);
    drop(serve);
    assert!(replayed >= 20, "only {replayed} requests replayed");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

fn the_first_releases_database_migrates_and_answers_the_same(backend: Backend) {
    let db = restore_first_release(backend);
    let migrated = run(&db, &["migrate"]);
    let out = text(&migrated.stdout);
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    for version in ["20261127000000", "20261127000001", "20261127000002"] {
        assert!(
            out.contains(&format!("applied migration {version}")),
            "{out}"
        );
    }
    // The usage counters were backfilled from the first release's links.
    let doctor = run(&db, &["doctor"]);
    assert!(doctor.status.success(), "{}", text(&doctor.stdout));

    replay(&db, expected().iter(), |addr| {
        // The first release's posts, served by the Schedule API it did not have.
        let posts = send(
            addr,
            "GET",
            "/schedule?fromDate=2026-01-01&toDate=2027-01-01",
            &[("embed-api-key", "fr-marketing-0123456789")],
        );
        assert_eq!(posts.status, 200, "{}", posts.body);
        for id in ["fr_post_1", "fr_post_2", "fr_post_3"] {
            assert!(
                posts.body.contains(&format!("\"id\":\"{id}\"")),
                "{}",
                posts.body
            );
        }
    });

    // The OAuth tokens are still readable under the key: rotating decrypts every one.
    let rotated = run_binary(
        &db.url_arg(),
        &["tokens", "rotate-key"],
        &[
            ("TOKEN_ENCRYPTION_KEY", TOKEN_KEY),
            ("NEW_TOKEN_ENCRYPTION_KEY", NEXT_TOKEN_KEY),
        ],
    );
    assert!(rotated.status.success(), "{}", text(&rotated.stderr));
    // Nine accounts were imported; the replay disconnected one.
    assert!(
        text(&rotated.stderr).contains("Re-encrypted the tokens of 8 accounts."),
        "{}",
        text(&rotated.stderr)
    );
}

fn the_first_releases_import_file_still_seeds(backend: Backend) {
    let db = TestDb::new(backend);
    let seeded = run(
        &db,
        &[
            "--platforms",
            FIXTURE_PLATFORMS,
            "seed",
            "--file",
            &format!("{DIR}/seed.json"),
        ],
    );
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    assert_eq!(
        text(&seeded.stdout).trim(),
        "Imported 3 organizations, 4 workspaces, 5 API keys, 9 social accounts, 0 designs, \
         6 scheduled posts, 10 links"
    );
    // The keys the first release minted are not in the file; the imported ones are.
    replay(
        &db,
        expected().iter().filter(|e| e.key.starts_with("fr-")),
        |_| {},
    );
}

social_accounts_storage::on_both_backends!(
    the_first_releases_database_migrates_and_answers_the_same,
    the_first_releases_import_file_still_seeds,
);
