//! `social-accounts keys create|list|revoke`.

use social_accounts_domain::repository::{ApiKeyInfo, KeyRepository, NewApiKey};
use social_accounts_domain::{
    Actor, ApiKeyId, ApiKeySecret, KeyKind, OrganizationId, PageRequest, Reach, RepoError,
    Timestamp, WorkspaceId,
};
use social_accounts_storage::{DatabaseUrl, Store};

use super::{CommandError, open_migrated};
use crate::settings::KeysCommand;

pub fn run(url: &DatabaseUrl, command: KeysCommand) -> Result<(), CommandError> {
    let store = open_migrated(url, None)?;
    match command {
        KeysCommand::Create {
            kind,
            expires_in,
            organization,
            workspace,
            name,
        } => create(
            &store,
            kind,
            expires_in.as_deref(),
            organization.as_deref(),
            workspace.as_deref(),
            name,
        ),
        KeysCommand::List { organization } => list(&store, organization.as_deref()),
        KeysCommand::Revoke { key_id } => revoke(&store, &key_id),
    }
}

fn create(
    store: &Store,
    kind: KeyKind,
    expires_in: Option<&str>,
    organization: Option<&str>,
    workspace: Option<&str>,
    name: String,
) -> Result<(), CommandError> {
    let organization_id = organization
        .map(OrganizationId::parse)
        .transpose()
        .map_err(|e| format!("--organization: {e}"))?;
    let workspace_id = workspace
        .map(WorkspaceId::parse)
        .transpose()
        .map_err(|e| format!("--workspace: {e}"))?;
    // The rule `POST /organizations/{org}/api-keys` applies too.
    kind.check_owner(organization_id.is_some(), workspace_id.is_some())
        .map_err(|why| format!("--kind {kind}: {why}"))?;
    // One instant for both, so the stored lifetime is exactly the one asked for.
    let now = Timestamp::now();
    let expires_at = expires_in.map(|raw| expiry(raw, now)).transpose()?;
    let minted = ApiKeySecret::mint();
    let new = NewApiKey {
        kind,
        organization_id,
        workspace_id,
        name,
        hash: minted.hash,
        prefix: minted.prefix,
        expires_at,
    };
    let info = store
        .create_key(&new, &Actor::cli(), now)
        .map_err(|e| match e {
            RepoError::Duplicate => "this key already exists".to_owned(),
            other => other.to_string(),
        })?;
    eprintln!(
        "Created {} key {} ({}…) for {}{}.",
        info.kind,
        info.id,
        info.prefix,
        owner(&info),
        info.expires_at
            .map_or_else(String::new, |at| format!(", expires {at}"))
    );
    eprintln!("This is the only time the key is shown:");
    println!("{}", minted.secret.expose());
    Ok(())
}

fn list(store: &Store, organization: Option<&str>) -> Result<(), CommandError> {
    let organization_id = organization
        .map(OrganizationId::parse)
        .transpose()
        .map_err(|e| format!("--organization: {e}"))?;
    let keys = all_keys(store, organization_id.as_ref())?;
    if keys.is_empty() {
        eprintln!(
            "{} has no keys",
            organization_id.map_or_else(
                || "the instance".to_owned(),
                |org| format!("organization {org}")
            )
        );
    }
    println!(
        "{:<26} {:<10} {:<14} {:<20} {:<26} {:<25} {:<25} {:<25} REVOKED",
        "ID", "KIND", "PREFIX", "NAME", "WORKSPACE", "CREATED", "LAST USED", "EXPIRES"
    );
    let or_dash = |t: Option<Timestamp>| t.map_or_else(|| "-".to_owned(), |t| t.to_string());
    for key in keys {
        println!(
            "{:<26} {:<10} {:<14} {:<20} {:<26} {:<25} {:<25} {:<25} {}",
            key.id,
            key.kind,
            format!("{}…", key.prefix),
            key.name,
            key.workspace_id.as_ref().map_or("-", WorkspaceId::as_str),
            key.created_at,
            or_dash(key.last_used_at),
            or_dash(key.expires_at),
            or_dash(key.revoked_at),
        );
    }
    Ok(())
}

/// `DELETE /operator/v1/api-keys/{id}` from the shell: the same storage call, the same event.
fn revoke(store: &Store, key_id: &str) -> Result<(), CommandError> {
    let id = ApiKeyId::parse(key_id).map_err(|e| format!("KEY_ID: {e}"))?;
    let now = Timestamp::now();
    let key = store
        .revoke_key(&Reach::Instance, &id, &Actor::cli(), now)?
        .ok_or_else(|| format!("no active key {id} (see `social-accounts keys list`)"))?;
    if let Some(before) = key.revoked_at.filter(|at| *at != now) {
        return Err(format!("no active key {id}: it was revoked at {before}").into());
    }
    println!("Revoked key {id}; it is refused from now on.");
    Ok(())
}

/// Who a key is for, as the CLI says it.
fn owner(key: &ApiKeyInfo) -> String {
    match (&key.organization_id, &key.workspace_id) {
        (None, _) => "the whole instance".to_owned(),
        (Some(org), Some(ws)) => format!("organization {org}, workspace {ws}"),
        (Some(org), None) if key.kind == KeyKind::Embed => format!(
            "organization {org}, no workspace: it cannot call the API until one is attached"
        ),
        (Some(org), None) => format!("organization {org}"),
    }
}

/// Every key of `organization` (the list endpoint's pages, read to the end), or of the
/// instance when `None`.
fn all_keys(
    store: &Store,
    organization: Option<&OrganizationId>,
) -> Result<Vec<ApiKeyInfo>, CommandError> {
    let Some(organization) = organization else {
        return Ok(store.instance_keys()?);
    };
    let mut keys = Vec::new();
    let mut page = PageRequest {
        limit: social_accounts_domain::page::MAX_LIMIT,
        after: None,
    };
    loop {
        let found = store
            .list_keys(&Reach::Instance, organization, &page)?
            .ok_or_else(|| format!("no organization {organization}"))?;
        keys.extend(found.items);
        match found.next {
            Some(next) => page.after = Some(next),
            None => return Ok(keys),
        }
    }
}

/// `90d`, `12h`, `30m` or `45s` from `now`.
fn expiry(raw: &str, now: Timestamp) -> Result<Timestamp, CommandError> {
    let bad = || {
        format!("--expires-in {raw:?}: expected a number and a unit, such as 90d, 12h, 30m or 45s")
    };
    let (number, unit) = raw.trim().split_at(raw.trim().len().saturating_sub(1));
    let number: i64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit {
        "d" => number.checked_mul(86_400),
        "h" => number.checked_mul(3_600),
        "m" => number.checked_mul(60),
        "s" => Some(number),
        _ => None,
    }
    .filter(|s| *s > 0)
    .ok_or_else(bad)?;
    let at = now
        .as_utc()
        .checked_add_signed(chrono::TimeDelta::seconds(seconds))
        .ok_or_else(bad)?;
    Ok(Timestamp::from_utc(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_units() {
        let now = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        let at = |raw| {
            expiry(raw, now)
                .map(|t| t.to_string())
                .map_err(|e| e.to_string())
        };
        assert_eq!(at("90d").as_deref(), Ok("2026-04-01T00:00:00.000Z"));
        assert_eq!(at("12h").as_deref(), Ok("2026-01-01T12:00:00.000Z"));
        assert_eq!(at("30m").as_deref(), Ok("2026-01-01T00:30:00.000Z"));
        assert_eq!(at("45s").as_deref(), Ok("2026-01-01T00:00:45.000Z"));
        for bad in [
            "",
            "d",
            "0d",
            "-1d",
            "90",
            "90w",
            "1.5d",
            "999999999999999d",
        ] {
            assert!(at(bad).is_err(), "{bad}");
        }
    }
}
