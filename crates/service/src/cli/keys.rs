//! `social-accounts keys create|list|revoke`.

use social_accounts_domain::repository::{KeyRepository, NewApiKey};
use social_accounts_domain::{
    ApiKeyId, ApiKeySecret, OrganizationId, RepoError, Timestamp, WorkspaceId,
};
use social_accounts_storage::DatabaseUrl;

use super::{CommandError, open_migrated};
use crate::settings::KeysCommand;

pub fn run(url: &DatabaseUrl, command: KeysCommand) -> Result<(), CommandError> {
    let store = open_migrated(url, None)?;
    match command {
        KeysCommand::Create {
            expires_in,
            organization,
            workspace,
            name,
        } => {
            let organization_id =
                OrganizationId::parse(&organization).map_err(|e| format!("--organization: {e}"))?;
            let workspace_id = workspace
                .as_deref()
                .map(WorkspaceId::parse)
                .transpose()
                .map_err(|e| format!("--workspace: {e}"))?;
            // One instant for both, so the stored lifetime is exactly the one asked for.
            let now = Timestamp::now();
            let expires_at = expires_in
                .as_deref()
                .map(|raw| expiry(raw, now))
                .transpose()?;
            let minted = ApiKeySecret::mint();
            let new = NewApiKey {
                organization_id,
                workspace_id,
                name,
                hash: minted.hash,
                prefix: minted.prefix,
                expires_at,
            };
            let info = store.create_key(&new, now).map_err(|e| match e {
                RepoError::Duplicate => "this key already exists".to_owned(),
                other => other.to_string(),
            })?;
            let scope = info.workspace_id.as_ref().map_or_else(
                || "no workspace: it cannot call the API until one is attached".to_owned(),
                |w| format!("workspace {w}"),
            );
            eprintln!(
                "Created key {} ({}…) for organization {}, {scope}{}.",
                info.id,
                info.prefix,
                info.organization_id,
                info.expires_at
                    .map_or_else(String::new, |at| format!(", expires {at}"))
            );
            eprintln!("This is the only time the key is shown:");
            println!("{}", minted.secret.expose());
        }
        KeysCommand::List { organization } => {
            let organization_id =
                OrganizationId::parse(&organization).map_err(|e| format!("--organization: {e}"))?;
            let keys = store.list_keys(&organization_id)?;
            if keys.is_empty() {
                eprintln!("organization {organization_id} has no keys");
            }
            println!(
                "{:<26} {:<14} {:<20} {:<26} {:<25} {:<25} {:<25} REVOKED",
                "ID", "PREFIX", "NAME", "WORKSPACE", "CREATED", "LAST USED", "EXPIRES"
            );
            let or_dash =
                |t: Option<Timestamp>| t.map_or_else(|| "-".to_owned(), |t| t.to_string());
            for key in keys {
                println!(
                    "{:<26} {:<14} {:<20} {:<26} {:<25} {:<25} {:<25} {}",
                    key.id,
                    format!("{}…", key.prefix),
                    key.name,
                    key.workspace_id.as_ref().map_or("-", WorkspaceId::as_str),
                    key.created_at,
                    or_dash(key.last_used_at),
                    or_dash(key.expires_at),
                    or_dash(key.revoked_at),
                );
            }
        }
        KeysCommand::Revoke { key_id } => {
            let id = ApiKeyId::parse(&key_id).map_err(|e| format!("KEY_ID: {e}"))?;
            if !store.revoke_key(&id, Timestamp::now())? {
                return Err(format!("no active key {id} (see `social-accounts keys list`)").into());
            }
            println!("Revoked key {id}; it is refused from now on.");
        }
    }
    Ok(())
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
