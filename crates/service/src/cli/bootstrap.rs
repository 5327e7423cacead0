//! First start on an empty embedded database: a default organization (qualifying plan),
//! workspace and key, so the next step of the README is a working request.

use social_accounts_domain::Actor;
use social_accounts_domain::import::{ImportBatch, ImportedKey, NewOrganization, NewWorkspace};
use social_accounts_domain::repository::ImportRepository;
use social_accounts_domain::{
    ApiKeySecret, EmbedSubscription, MainPlan, OrganizationId, Plan, WorkspaceId,
};
use social_accounts_storage::Store;

use super::CommandError;

pub const DEFAULT_ORGANIZATION: &str = "default";
pub const DEFAULT_WORKSPACE: &str = "default";

/// Creates the defaults when the database holds no organization; returns the new key.
pub fn run(store: &Store) -> Result<Option<ApiKeySecret>, CommandError> {
    if !store.is_empty()? {
        return Ok(None);
    }
    let organization_id = OrganizationId::parse(DEFAULT_ORGANIZATION)?;
    let workspace_id = WorkspaceId::parse(DEFAULT_WORKSPACE)?;
    let minted = ApiKeySecret::mint();
    let batch = ImportBatch {
        organizations: vec![NewOrganization {
            id: organization_id.clone(),
            name: "Default organization".into(),
            plan: Plan {
                main_plan: MainPlan::Paid,
                api_credits_addon: true,
                embed_subscription: EmbedSubscription::Active,
            },
        }],
        workspaces: vec![NewWorkspace {
            id: workspace_id.clone(),
            organization_id: organization_id.clone(),
            name: "Default workspace".into(),
        }],
        api_keys: vec![ImportedKey {
            organization_id,
            workspace_id: Some(workspace_id),
            name: "bootstrap".into(),
            secret: minted.secret.clone(),
        }],
        ..ImportBatch::default()
    };
    store.import(&batch, &Actor::cli())?;
    Ok(Some(minted.secret))
}
