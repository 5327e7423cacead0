//! Deciding whether a presented key may use the API, and as whom.

use crate::{ApiKeyId, KeyKind, OrganizationId, Plan, Platforms, Scope, Timestamp, WorkspaceId};

/// What the store knows about a live (not revoked) key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// The key record's id.
    pub key_id: ApiKeyId,
    /// What the key may call.
    pub kind: KeyKind,
    /// The organization the key was issued for; `None` for an operator or publisher key of
    /// the whole instance.
    pub organization_id: Option<OrganizationId>,
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

/// How far an operator or publisher key reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Every organization: a key minted without one.
    Instance,
    /// One organization; anything outside it does not exist for the key (404).
    Organization(OrganizationId),
}

impl Reach {
    /// Whether `organization` is within reach.
    #[must_use]
    pub fn sees(&self, organization: &OrganizationId) -> bool {
        match self {
            Reach::Instance => true,
            Reach::Organization(own) => own == organization,
        }
    }

    /// The one organization reached, if not the whole instance.
    #[must_use]
    pub fn organization(&self) -> Option<&OrganizationId> {
        match self {
            Reach::Instance => None,
            Reach::Organization(own) => Some(own),
        }
    }
}

/// An authenticated caller of the operator or publisher API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The key used: what the audit trail names the caller by.
    pub key_id: ApiKeyId,
    /// What the key reaches.
    pub reach: Reach,
}

/// Who a key speaks for, one variant per [`KeyKind`]. An API accepts only its own variant, so
/// a key of one kind never stands in for another ([`KeyKind::refused_by`] says how each API
/// answers the others).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A key of the Embed API, attached to a workspace of a qualifying organization.
    Embed(Caller),
    /// A key of the operator API.
    Operator(Agent),
    /// A key of the publisher API.
    Publisher(Agent),
}

impl Principal {
    /// The kind of key behind it.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        match self {
            Principal::Embed(_) => KeyKind::Embed,
            Principal::Operator(_) => KeyKind::Operator,
            Principal::Publisher(_) => KeyKind::Publisher,
        }
    }
}

impl KeyRecord {
    /// Applies the checks of its kind. An Embed API key: organization present, workspace
    /// attached, plan qualifies; the caller then sees that workspace's accounts of the
    /// `served` platforms. The organization comes first because a workspace cannot outlive its
    /// organization: checked the other way round, "organization gone" could never be reported.
    /// An operator or publisher key reaches its organization, or the whole instance when it
    /// has none; one whose organization is gone is refused as unknown (it reaches nothing).
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{
    ///     ApiKeyId, AuthFailure, EmbedSubscription, KeyKind, KeyRecord, MainPlan,
    ///     OrganizationId, Plan, Platforms, Principal, Reach, WorkspaceId,
    /// };
    ///
    /// let record = KeyRecord {
    ///     key_id: ApiKeyId::parse("key_1")?,
    ///     kind: KeyKind::Embed,
    ///     organization_id: Some(OrganizationId::parse("org_1")?),
    ///     workspace_id: Some(WorkspaceId::parse("ws_1")?),
    ///     plan: Some(Plan {
    ///         main_plan: MainPlan::Paid,
    ///         api_credits_addon: false,
    ///         embed_subscription: EmbedSubscription::Active,
    ///     }),
    ///     last_used_at: None,
    /// };
    /// let served = Platforms::contract();
    /// let Principal::Embed(caller) = record.clone().authorize(served)? else {
    ///     unreachable!("an Embed API key");
    /// };
    /// assert_eq!(caller.scope.workspace.as_str(), "ws_1");
    /// assert_eq!(caller.scope.platforms, served);
    ///
    /// let unattached = KeyRecord { workspace_id: None, ..record.clone() };
    /// assert_eq!(unattached.authorize(served), Err(AuthFailure::NoWorkspace));
    ///
    /// let instance = KeyRecord { kind: KeyKind::Operator, organization_id: None, ..record };
    /// let Principal::Operator(agent) = instance.authorize(served)? else {
    ///     unreachable!("an operator key");
    /// };
    /// assert_eq!(agent.reach, Reach::Instance);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorize(self, served: Platforms) -> Result<Principal, AuthFailure> {
        match self.kind {
            KeyKind::Embed => self.authorize_embed(served).map(Principal::Embed),
            KeyKind::Operator => self.agent().map(Principal::Operator),
            KeyKind::Publisher => self.agent().map(Principal::Publisher),
        }
    }

    fn authorize_embed(self, served: Platforms) -> Result<Caller, AuthFailure> {
        let plan = self.plan.ok_or(AuthFailure::NoOrganization)?;
        let organization_id = self.organization_id.ok_or(AuthFailure::NoOrganization)?;
        let workspace = self.workspace_id.ok_or(AuthFailure::NoWorkspace)?;
        if !plan.qualifies_for_embed_api() {
            return Err(AuthFailure::PlanRequired);
        }
        Ok(Caller {
            key_id: self.key_id,
            organization_id,
            scope: Scope {
                workspace,
                platforms: served,
            },
        })
    }

    fn agent(self) -> Result<Agent, AuthFailure> {
        let reach = match (self.organization_id, self.plan) {
            (None, _) => Reach::Instance,
            (Some(organization), Some(_)) => Reach::Organization(organization),
            (Some(_), None) => return Err(AuthFailure::UnknownKey),
        };
        Ok(Agent {
            key_id: self.key_id,
            reach,
        })
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
            kind: KeyKind::Embed,
            organization_id: OrganizationId::parse("org_1").ok(),
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
    fn operator_and_publisher_keys_reach_their_organization_or_the_instance() {
        let served = Platforms::contract();
        for kind in [KeyKind::Operator, KeyKind::Publisher] {
            let org = KeyRecord {
                kind,
                workspace_id: None,
                ..record()
            };
            let agent = match org.clone().authorize(served) {
                Ok(Principal::Operator(agent) | Principal::Publisher(agent)) => agent,
                other => panic!("{kind}: {other:?}"),
            };
            assert_eq!(
                agent.reach,
                Reach::Organization(OrganizationId::parse("org_1").unwrap())
            );
            assert_eq!(org.clone().authorize(served).unwrap().kind(), kind);
            // The plan does not matter to these kinds; a gone organization does.
            let free = KeyRecord {
                plan: Some(Plan {
                    main_plan: MainPlan::Free,
                    api_credits_addon: false,
                    embed_subscription: EmbedSubscription::Inactive,
                }),
                ..org.clone()
            };
            assert!(free.authorize(served).is_ok());
            let gone = KeyRecord {
                plan: None,
                ..org.clone()
            };
            assert_eq!(gone.authorize(served), Err(AuthFailure::UnknownKey));
            let instance = KeyRecord {
                organization_id: None,
                plan: None,
                ..org
            };
            let Ok(Principal::Operator(agent) | Principal::Publisher(agent)) =
                instance.authorize(served)
            else {
                panic!("{kind}: an instance key is refused");
            };
            assert_eq!(agent.reach, Reach::Instance);
            assert!(agent.reach.sees(&OrganizationId::parse("any").unwrap()));
        }
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
