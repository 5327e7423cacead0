//! Deciding whether a presented key may use the API, and as whom.

use crate::{ApiKeyId, OrganizationId, Plan, Platforms, Scope, Timestamp, WorkspaceId};

/// What the store knows about a live (not revoked) key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// The key record's id.
    pub key_id: ApiKeyId,
    /// The organization the key was issued for.
    pub organization_id: OrganizationId,
    /// The workspace the key is attached to, if any (and if it still exists).
    pub workspace_id: Option<WorkspaceId>,
    /// The organization's plan; `None` when the organization no longer exists.
    pub plan: Option<Plan>,
    /// When the key was last used, if ever.
    pub last_used_at: Option<Timestamp>,
}

/// Why a request is refused before it reaches a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthFailure {
    /// No key in either header, or an empty one.
    #[error("no API key")]
    MissingKey,
    /// Unknown, malformed or revoked key (deliberately one case: callers cannot tell which).
    #[error("unknown API key")]
    UnknownKey,
    /// The key is not attached to a workspace.
    #[error("API key has no workspace")]
    NoWorkspace,
    /// The key's organization no longer exists.
    #[error("API key's organization is gone")]
    NoOrganization,
    /// The organization's plan does not include the Embed API.
    #[error("organization's plan does not include the Embed API")]
    PlanRequired,
}

/// An authenticated Embed API caller: the key alone decides which workspace it sees, the
/// deployment which platforms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The key used: what a log line or an audit record names the caller by.
    pub key_id: ApiKeyId,
    /// The organization the key was issued for (and that owns the workspace).
    pub organization_id: OrganizationId,
    /// What the caller sees; every storage call of the request is made with it.
    pub scope: Scope,
}

/// Who a key speaks for, one variant per kind of key. An API accepts only its own variant, so
/// a key of one kind never stands in for another: the Embed API answers any other as an
/// unknown key. The kinds with a whole-instance reach (operator, publisher) join here as
/// variants of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A key of the Embed API, attached to a workspace of a qualifying organization.
    Embed(Caller),
}

impl KeyRecord {
    /// Applies the contract's checks: organization present, workspace attached, plan
    /// qualifies; the caller then sees that workspace's accounts of the `served` platforms.
    /// The organization comes first because a workspace cannot outlive its organization:
    /// checked the other way round, "organization gone" could never be reported.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{
    ///     ApiKeyId, AuthFailure, EmbedSubscription, KeyRecord, MainPlan, OrganizationId, Plan,
    ///     Platforms, Principal, WorkspaceId,
    /// };
    ///
    /// let record = KeyRecord {
    ///     key_id: ApiKeyId::parse("key_1")?,
    ///     organization_id: OrganizationId::parse("org_1")?,
    ///     workspace_id: Some(WorkspaceId::parse("ws_1")?),
    ///     plan: Some(Plan {
    ///         main_plan: MainPlan::Paid,
    ///         api_credits_addon: false,
    ///         embed_subscription: EmbedSubscription::Active,
    ///     }),
    ///     last_used_at: None,
    /// };
    /// let served = Platforms::contract();
    /// let Principal::Embed(caller) = record.clone().authorize(served)?;
    /// assert_eq!(caller.scope.workspace.as_str(), "ws_1");
    /// assert_eq!(caller.scope.platforms, served);
    ///
    /// let unattached = KeyRecord { workspace_id: None, ..record };
    /// assert_eq!(unattached.authorize(served), Err(AuthFailure::NoWorkspace));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorize(self, served: Platforms) -> Result<Principal, AuthFailure> {
        let plan = self.plan.ok_or(AuthFailure::NoOrganization)?;
        let workspace = self.workspace_id.ok_or(AuthFailure::NoWorkspace)?;
        if !plan.qualifies_for_embed_api() {
            return Err(AuthFailure::PlanRequired);
        }
        Ok(Principal::Embed(Caller {
            key_id: self.key_id,
            organization_id: self.organization_id,
            scope: Scope {
                workspace,
                platforms: served,
            },
        }))
    }

    /// Whether `last_used_at` is stale enough to be written again: at most once per
    /// `interval_secs` per key, so that reads do not all become writes.
    #[must_use]
    pub fn needs_touch(&self, now: Timestamp, interval_secs: i64) -> bool {
        self.last_used_at
            .is_none_or(|at| (now.as_utc() - at.as_utc()).num_seconds() >= interval_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EmbedSubscription, MainPlan};

    fn record() -> KeyRecord {
        KeyRecord {
            key_id: ApiKeyId::parse("key_1").unwrap(),
            organization_id: OrganizationId::parse("org_1").unwrap(),
            workspace_id: WorkspaceId::parse("ws_1").ok(),
            plan: Some(Plan {
                main_plan: MainPlan::Paid,
                api_credits_addon: true,
                embed_subscription: EmbedSubscription::Inactive,
            }),
            last_used_at: None,
        }
    }

    #[test]
    fn qualifying_key_yields_its_workspace_and_the_served_platforms() {
        let served = Platforms::parse("threads,linkedin").unwrap();
        let Ok(Principal::Embed(caller)) = record().authorize(served) else {
            panic!("a qualifying key is refused");
        };
        assert_eq!(caller.key_id.as_str(), "key_1");
        assert_eq!(caller.organization_id.as_str(), "org_1");
        assert_eq!(caller.scope.workspace.as_str(), "ws_1");
        assert_eq!(caller.scope.platforms, served);
    }

    #[test]
    fn failures_in_contract_order() {
        let mut r = record();
        let plan = r.plan.take();
        r.workspace_id = None;
        let served = Platforms::contract();
        assert_eq!(
            r.clone().authorize(served),
            Err(AuthFailure::NoOrganization)
        );
        r.plan = plan;
        assert_eq!(r.clone().authorize(served), Err(AuthFailure::NoWorkspace));
        r.workspace_id = WorkspaceId::parse("ws_1").ok();
        r.plan = Some(Plan {
            main_plan: MainPlan::Paid,
            api_credits_addon: false,
            embed_subscription: EmbedSubscription::Inactive,
        });
        assert_eq!(r.authorize(served), Err(AuthFailure::PlanRequired));
    }

    #[test]
    fn touch_is_throttled() {
        let now = Timestamp::now();
        let mut r = record();
        assert!(r.needs_touch(now, 60));
        r.last_used_at = Some(now);
        assert!(!r.needs_touch(now, 60));
        let later = Timestamp::from_utc(now.as_utc() + chrono::Duration::seconds(61));
        assert!(r.needs_touch(later, 60));
    }
}
