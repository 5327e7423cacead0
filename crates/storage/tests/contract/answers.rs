//! The operator API's kept answers: one claim wins, a repeat replays the sealed answer, another
//! body is refused, a release frees the key, an abandoned claim is taken over once, and a token
//! key rotation re-seals the answers with the tokens.

use social_accounts_domain::idempotency::{Claim, IdempotencyKey};
use social_accounts_domain::{Actor, Timestamp};
use social_accounts_storage::testing::TestDb;
use social_accounts_storage::{ABANDONED_AFTER_SECS, Backend, PoolOptions, Store, TokenCipher};

fn key(raw: &str) -> IdempotencyKey {
    IdempotencyKey::parse(raw.as_bytes()).unwrap()
}

fn at(seconds: i64) -> Timestamp {
    let base = Timestamp::parse("2026-12-03T10:00:00Z").unwrap();
    Timestamp::from_utc(base.as_utc() + chrono::TimeDelta::seconds(seconds))
}

fn claims_replays_and_releases(backend: Backend) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    let (one, other) = ([1u8; 32], [2u8; 32]);
    let k = key("create-1");
    assert_eq!(
        store.claim_answer("instance", &k, &one, at(0)),
        Ok(Claim::New)
    );
    assert_eq!(
        store.claim_answer("instance", &k, &one, at(1)),
        Ok(Claim::InProgress)
    );
    // Keys are per scope: an organization's key of the same name is another.
    assert_eq!(
        store.claim_answer("organization:org_a", &k, &one, at(1)),
        Ok(Claim::New)
    );
    store
        .store_answer("instance", &k, 201, r#"{"key":"sak_secret"}"#)
        .unwrap();
    let replay = Claim::Replay {
        status: 201,
        body: r#"{"key":"sak_secret"}"#.to_owned(),
    };
    assert_eq!(store.claim_answer("instance", &k, &one, at(2)), Ok(replay));
    assert_eq!(
        store.claim_answer("instance", &k, &other, at(2)),
        Ok(Claim::Mismatch)
    );
    // Sealed: the secret is not in the table.
    let plain = db.count(
        "SELECT COUNT(*) AS n FROM operator_idempotency_keys WHERE response_sealed IS NOT NULL",
    );
    assert_eq!(plain, 1);
    let k2 = key("create-2");
    assert_eq!(
        store.claim_answer("instance", &k2, &one, at(3)),
        Ok(Claim::New)
    );
    store.release_answer("instance", &k2).unwrap();
    assert_eq!(
        store.claim_answer("instance", &k2, &other, at(4)),
        Ok(Claim::New)
    );
}

fn an_abandoned_claim_is_taken_over_once(backend: Backend) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    let k = key("abandoned");
    let hash = [7u8; 32];
    assert_eq!(
        store.claim_answer("instance", &k, &hash, at(0)),
        Ok(Claim::New)
    );
    let just_before = at(ABANDONED_AFTER_SECS - 1);
    assert_eq!(
        store.claim_answer("instance", &k, &hash, just_before),
        Ok(Claim::InProgress)
    );
    let after = at(ABANDONED_AFTER_SECS + 1);
    assert_eq!(
        store.claim_answer("instance", &k, &hash, after),
        Ok(Claim::New)
    );
    assert_eq!(
        store.claim_answer("instance", &k, &hash, after),
        Ok(Claim::InProgress),
        "taken over once, then running again"
    );
    assert_eq!(
        store.claim_answer("instance", &k, &[8u8; 32], after),
        Ok(Claim::Mismatch)
    );
}

fn a_rotation_reseals_kept_answers(backend: Backend) {
    let db = TestDb::migrated(backend);
    let store = db.store();
    let k = key("kept");
    let hash = [3u8; 32];
    assert_eq!(
        store.claim_answer("instance", &k, &hash, Timestamp::now()),
        Ok(Claim::New)
    );
    store
        .store_answer("instance", &k, 201, "the answer")
        .unwrap();
    let current = TokenCipher::from_base64(db.cipher_key()).unwrap();
    let next_key = TokenCipher::generate_key();
    let next = TokenCipher::from_base64(&next_key).unwrap();
    store
        .rotate_token_key(&current, &next, &Actor::cli(), Timestamp::now())
        .unwrap();
    let rotated = Store::open(db.url(), &PoolOptions::default(), Some(next)).unwrap();
    assert_eq!(
        rotated.claim_answer("instance", &k, &hash, Timestamp::now()),
        Ok(Claim::Replay {
            status: 201,
            body: "the answer".to_owned()
        })
    );
}

social_accounts_storage::on_both_backends!(
    claims_replays_and_releases,
    an_abandoned_claim_is_taken_over_once,
    a_rotation_reseals_kept_answers,
);
