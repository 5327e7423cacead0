//! Organizations and workspaces: what the operator API and the import create, and what the
//! operator API shows of them.

use crate::{OrganizationId, Plan, Timestamp, WorkspaceId};

/// An organization to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganization {
    /// Its id, as given (keys and workspaces refer to it) or minted.
    pub id: OrganizationId,
    /// How people name it; not unique.
    pub name: String,
    /// What it pays for, which decides whether its keys may call the Embed API (402).
    pub plan: Plan,
}

/// A workspace to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkspace {
    /// Its id, as given (accounts, keys, designs and posts refer to it) or minted.
    pub id: WorkspaceId,
    /// The organization that owns it, which must exist (or come earlier in the file).
    pub organization_id: OrganizationId,
    /// How people name it; not unique.
    pub name: String,
}

/// An organization as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Its id, name and plan.
    pub organization: NewOrganization,
    /// When it was created.
    pub created_at: Timestamp,
}

/// A change to an organization: each field given is set, the others kept. A plan change
/// reaches the Embed API's 402 within `KEY_CACHE_TTL_MS`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationPatch {
    /// A new name.
    pub name: Option<String>,
    /// A new main plan.
    pub main_plan: Option<crate::MainPlan>,
    /// Whether it has the API Credits add-on.
    pub api_credits_addon: Option<bool>,
    /// Its Embed API subscription.
    pub embed_subscription: Option<crate::EmbedSubscription>,
}

impl OrganizationPatch {
    /// `plan` with this patch applied.
    #[must_use]
    pub fn applied_to(&self, plan: Plan) -> Plan {
        Plan {
            main_plan: self.main_plan.unwrap_or(plan.main_plan),
            api_credits_addon: self.api_credits_addon.unwrap_or(plan.api_credits_addon),
            embed_subscription: self.embed_subscription.unwrap_or(plan.embed_subscription),
        }
    }
}

/// A workspace as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// Its id, organization and name.
    pub workspace: NewWorkspace,
    /// When it was created.
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EmbedSubscription, MainPlan};

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let plan = Plan {
            main_plan: MainPlan::Free,
            api_credits_addon: true,
            embed_subscription: EmbedSubscription::Inactive,
        };
        assert_eq!(OrganizationPatch::default().applied_to(plan), plan);
        let paid = OrganizationPatch {
            main_plan: Some(MainPlan::Paid),
            ..OrganizationPatch::default()
        };
        assert_eq!(
            paid.applied_to(plan),
            Plan {
                main_plan: MainPlan::Paid,
                ..plan
            }
        );
    }
}
