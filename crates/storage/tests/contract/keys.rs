use diesel::connection::SimpleConnection;
use social_accounts_domain::repository::{ApiKeyInfo, KeyRepository, NewApiKey};
use social_accounts_domain::{
    Actor, ApiKeySecret, AuthFailure, KeyKind, OrganizationId, PageRequest, Platforms, Principal,
    Reach, Timestamp,
};
use social_accounts_storage::Backend;

use crate::fixtures::{world, ws};

fn key(raw: &str) -> ApiKeySecret {
    ApiKeySecret::parse(raw).unwrap()
}

fn org(raw: &str) -> OrganizationId {
    OrganizationId::parse(raw).unwrap()
}

fn new_key(organization: &str, workspace: Option<&str>) -> (ApiKeySecret, NewApiKey) {
    let minted = ApiKeySecret::mint();
    let new = NewApiKey {
        kind: KeyKind::Embed,
        organization_id: Some(org(organization)),
        workspace_id: workspace.map(ws),
        name: "test".into(),
        hash: minted.hash,
        prefix: minted.prefix,
        expires_at: None,
    };
    (minted.secret, new)
}

fn keys_of(store: &social_accounts_storage::Store, organization: &str) -> Vec<ApiKeyInfo> {
    store
        .list_keys(
            &Reach::Instance,
            &org(organization),
            &PageRequest::default(),
        )
        .unwrap()
        .expect("organization exists")
        .items
}

fn imported_key_authorizes_its_workspace(backend: Backend) {
    let (_db, store) = world(backend);
    let record = store
        .find_key(&key("key-a1-0123456789").hash(), Timestamp::now())
        .unwrap();
    let caller = record.map(|r| {
        r.authorize(Platforms::contract())
            .map(|principal| match principal {
                Principal::Embed(c) => c.scope.workspace.into_string(),
                other => format!("{:?}", other.kind()),
            })
    });
    assert_eq!(caller, Some(Ok("ws_a1".to_owned())));
    assert_eq!(
        store.find_key(&key("key-unknown-000000").hash(), Timestamp::now()),
        Ok(None)
    );
}

fn create_list_revoke(backend: Backend) {
    let (_db, store) = world(backend);
    let (secret, new) = new_key("org_b", Some("ws_b1"));
    let info = store
        .create_key(&new, &Actor::cli(), Timestamp::now())
        .unwrap();
    assert_eq!(info.prefix.len(), 12);
    let found = store
        .find_key(&secret.hash(), Timestamp::now())
        .ok()
        .flatten()
        .map(|r| r.authorize(Platforms::contract()).is_ok());
    assert_eq!(
        found,
        Some(true),
        "org_b qualifies through its embed subscription"
    );
    let listed = keys_of(&store, "org_b");
    assert_eq!(listed.iter().map(|k| &k.id).collect::<Vec<_>>(), [&info.id]);
    let revoke = || store.revoke_key(&Reach::Instance, &info.id, &Actor::cli(), Timestamp::now());
    let first = revoke().unwrap().expect("revoked");
    assert!(first.revoked_at.is_some());
    let second = revoke().unwrap().expect("still there");
    assert_eq!(
        second.revoked_at, first.revoked_at,
        "revoking twice keeps the first time"
    );
    assert_eq!(store.find_key(&secret.hash(), Timestamp::now()), Ok(None));
    let listed = keys_of(&store, "org_b");
    assert!(listed[0].revoked_at.is_some());
    let other_org = Reach::Organization(org("org_a"));
    assert_eq!(
        store.revoke_key(&other_org, &info.id, &Actor::cli(), Timestamp::now()),
        Ok(None),
        "a key of another organization is out of reach"
    );
}

fn create_checks_owner(backend: Backend) {
    let (_db, store) = world(backend);
    let refused = |org, ws| {
        store
            .create_key(&new_key(org, ws).1, &Actor::cli(), Timestamp::now())
            .map_err(|e| e.to_string())
            .err()
    };
    assert_eq!(
        refused("org_x", None).as_deref(),
        Some("no organization \"org_x\"")
    );
    assert_eq!(
        refused("org_a", Some("ws_x")).as_deref(),
        Some("no workspace \"ws_x\"")
    );
    assert_eq!(
        refused("org_a", Some("ws_b1")).as_deref(),
        Some("workspace \"ws_b1\" belongs to another organization")
    );
}

fn keys_without_workspace_or_organization(backend: Backend) {
    let (db, store) = world(backend);
    let (no_ws, new) = new_key("org_a", None);
    store
        .create_key(&new, &Actor::cli(), Timestamp::now())
        .unwrap();
    let failure = store
        .find_key(&no_ws.hash(), Timestamp::now())
        .ok()
        .flatten()
        .map(|r| r.authorize(Platforms::contract()).err());
    assert_eq!(failure, Some(Some(AuthFailure::NoWorkspace)));

    let (orphan, new) = new_key("org_b", Some("ws_b1"));
    store
        .create_key(&new, &Actor::cli(), Timestamp::now())
        .unwrap();
    db.connect()
        .batch_execute("DELETE FROM organizations WHERE id = 'org_b'")
        .unwrap();
    let record = store
        .find_key(&orphan.hash(), Timestamp::now())
        .ok()
        .flatten()
        .expect("key gone");
    // The workspace went with its organization (cascade); the key stays and says why.
    assert_eq!(record.workspace_id, None);
    assert_eq!(record.plan, None);
    assert_eq!(
        record.authorize(Platforms::contract()).err(),
        Some(AuthFailure::NoOrganization)
    );
}

fn last_use_is_recorded(backend: Backend) {
    let (_db, store) = world(backend);
    let hash = key("key-a1-0123456789").hash();
    let record = store
        .find_key(&hash, Timestamp::now())
        .ok()
        .flatten()
        .expect("key");
    assert_eq!(record.last_used_at, None);
    let now = Timestamp::now();
    store.record_key_use(&record.key_id, now).unwrap();
    let record = store
        .find_key(&hash, Timestamp::now())
        .ok()
        .flatten()
        .expect("key");
    assert_eq!(record.last_used_at, Some(now));
}

fn expired_keys_are_not_found(backend: Backend) {
    let (_db, store) = world(backend);
    let now = Timestamp::now();
    let (past, mut new) = new_key("org_a", Some("ws_a1"));
    new.expires_at = Some(Timestamp::from_utc(
        now.as_utc() - chrono::TimeDelta::seconds(1),
    ));
    store
        .create_key(&new, &Actor::cli(), Timestamp::now())
        .unwrap();
    assert_eq!(store.find_key(&past.hash(), now), Ok(None));
    let (future, mut new) = new_key("org_a", Some("ws_a1"));
    new.expires_at = Some(Timestamp::from_utc(
        now.as_utc() + chrono::TimeDelta::seconds(60),
    ));
    store
        .create_key(&new, &Actor::cli(), Timestamp::now())
        .unwrap();
    assert!(store.find_key(&future.hash(), now).ok().flatten().is_some());
    let listed = keys_of(&store, "org_a");
    assert_eq!(listed.iter().filter(|k| k.expires_at.is_some()).count(), 2);
}

social_accounts_storage::on_both_backends!(
    expired_keys_are_not_found,
    imported_key_authorizes_its_workspace,
    create_list_revoke,
    create_checks_owner,
    keys_without_workspace_or_organization,
    last_use_is_recorded,
);
