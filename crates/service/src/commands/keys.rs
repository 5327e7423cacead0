//! `social-accounts keys create|list|revoke`.

use social_accounts_domain::repository::{KeyRepository, NewApiKey};
use social_accounts_domain::{
    ApiKeyId, ApiKeySecret, OrganizationId, RepoError, Timestamp, WorkspaceId,
};
use social_accounts_storage::DatabaseUrl;

use super::{CommandError, open};
use crate::cli::KeysCommand;

pub fn run(url: &DatabaseUrl, command: KeysCommand) -> Result<(), CommandError> {
    let store = open(url, None)?;
    store.migrate()?;
    match command {
        KeysCommand::Create {
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
            let minted = ApiKeySecret::mint();
            let new = NewApiKey {
                organization_id,
                workspace_id,
                name,
                hash: minted.hash,
                prefix: minted.prefix,
            };
            let info = store.create_key(&new).map_err(|e| match e {
                RepoError::NotFound(m) | RepoError::Conflict(m) => m,
                other => other.to_string(),
            })?;
            let scope = info.workspace_id.as_ref().map_or_else(
                || "no workspace: it cannot call the API until one is attached".to_owned(),
                |w| format!("workspace {w}"),
            );
            eprintln!(
                "Created key {} ({}…) for organization {}, {scope}.",
                info.id, info.prefix, info.organization_id
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
                "{:<26} {:<14} {:<20} {:<26} {:<25} {:<25} REVOKED",
                "ID", "PREFIX", "NAME", "WORKSPACE", "CREATED", "LAST USED"
            );
            let or_dash =
                |t: Option<Timestamp>| t.map_or_else(|| "-".to_owned(), |t| t.to_string());
            for key in keys {
                println!(
                    "{:<26} {:<14} {:<20} {:<26} {:<25} {:<25} {}",
                    key.id,
                    format!("{}…", key.prefix),
                    key.name,
                    key.workspace_id.as_ref().map_or("-", WorkspaceId::as_str),
                    key.created_at,
                    or_dash(key.last_used_at),
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
