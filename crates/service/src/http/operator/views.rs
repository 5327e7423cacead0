//! The operator API's bodies, each its own OpenAPI schema (the enumerations through
//! `schema_with`, filled in by `operator::openapi`).

use serde::Serialize;
use social_accounts_domain::repository::ApiKeyInfo;
use social_accounts_domain::{
    ApiKeyId, AuditEvent, ConnectedAccount, Health, Organization, OrganizationId, Page, Timestamp,
    Usage, Workspace, WorkspaceId,
};
use utoipa::ToSchema;

use super::openapi as components;
use crate::http::views::{UsageView, usage};

fn time(at: Option<Timestamp>) -> Option<String> {
    at.map(|t| t.to_string())
}

/// A page of a list: `{ "data": [...], "nextCursor": "..." | null }`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct List<T> {
    data: Vec<T>,
    next_cursor: Option<String>,
}

/// A page of `items`, each shown by `view`.
pub fn list<T, V>(page: Page<T>, view: impl FnMut(T) -> V) -> List<V> {
    List {
        next_cursor: page
            .next
            .as_ref()
            .map(social_accounts_domain::Cursor::encode),
        data: page.items.into_iter().map(view).collect(),
    }
}

/// An organization.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Organization)]
pub struct OrganizationView {
    id: String,
    name: String,
    #[schema(schema_with = components::main_plan)]
    main_plan: &'static str,
    api_credits_addon: bool,
    #[schema(schema_with = components::embed_subscription)]
    embed_subscription: &'static str,
    #[schema(format = DateTime)]
    created_at: String,
}

impl From<Organization> for OrganizationView {
    fn from(org: Organization) -> Self {
        let plan = org.organization.plan;
        Self {
            id: org.organization.id.into_string(),
            name: org.organization.name,
            main_plan: plan.main_plan.as_str(),
            api_credits_addon: plan.api_credits_addon,
            embed_subscription: plan.embed_subscription.as_str(),
            created_at: org.created_at.to_string(),
        }
    }
}

/// A workspace.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Workspace)]
pub struct WorkspaceView {
    id: String,
    organization_id: String,
    name: String,
    #[schema(format = DateTime)]
    created_at: String,
}

impl From<Workspace> for WorkspaceView {
    fn from(ws: Workspace) -> Self {
        Self {
            id: ws.workspace.id.into_string(),
            organization_id: ws.workspace.organization_id.into_string(),
            name: ws.workspace.name,
            created_at: ws.created_at.to_string(),
        }
    }
}

/// An API key as listed: never the key itself.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ApiKey)]
pub struct ApiKeyView {
    id: String,
    #[schema(schema_with = components::key_kind)]
    kind: &'static str,
    #[schema(required)]
    organization_id: Option<String>,
    #[schema(required)]
    workspace_id: Option<String>,
    name: String,
    prefix: String,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(required, format = DateTime)]
    expires_at: Option<String>,
    #[schema(required, format = DateTime)]
    last_used_at: Option<String>,
    #[schema(required, format = DateTime)]
    revoked_at: Option<String>,
}

impl From<ApiKeyInfo> for ApiKeyView {
    fn from(key: ApiKeyInfo) -> Self {
        Self {
            id: key.id.into_string(),
            kind: key.kind.as_str(),
            organization_id: key.organization_id.map(OrganizationId::into_string),
            workspace_id: key.workspace_id.map(WorkspaceId::into_string),
            name: key.name,
            prefix: key.prefix,
            created_at: key.created_at.to_string(),
            expires_at: time(key.expires_at),
            last_used_at: time(key.last_used_at),
            revoked_at: time(key.revoked_at),
        }
    }
}

/// A key just minted: the key itself, shown this once, beside what a list shows.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CreatedApiKey)]
pub struct CreatedKeyView {
    #[serde(flatten)]
    #[schema(schema_with = components::api_key)]
    info: ApiKeyView,
    /// The key: store it now, it is never shown again.
    key: String,
}

impl CreatedKeyView {
    /// `info` with its `key`.
    pub fn new(info: ApiKeyInfo, key: String) -> Self {
        Self {
            info: info.into(),
            key,
        }
    }
}

/// Whether an account can publish, and for how long.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = AccountHealth)]
pub struct HealthView {
    #[schema(schema_with = components::health_state)]
    state: &'static str,
    #[schema(required)]
    expires_in_seconds: Option<i64>,
}

/// An account as the operator API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ConnectedAccount)]
pub struct AccountView {
    id: String,
    organization_id: String,
    workspace_id: String,
    #[schema(schema_with = components::platform)]
    platform_type: &'static str,
    #[schema(schema_with = components::account_type)]
    account_type: &'static str,
    account_handle: String,
    account_name: String,
    #[schema(required)]
    account_logo: Option<String>,
    #[schema(required)]
    external_id: Option<String>,
    #[schema(schema_with = components::token_status)]
    access_token_status: &'static str,
    #[schema(required, format = DateTime)]
    token_expires_at: Option<String>,
    #[schema(format = DateTime)]
    token_updated_at: String,
    health: HealthView,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

impl AccountView {
    /// `connected` at `now`, its health warning `warning_days` ahead.
    pub fn new(connected: ConnectedAccount, now: Timestamp, warning_days: u32) -> Self {
        let account = connected.account;
        let health = Health::of(
            account.access_token_status,
            account.token_expires_at,
            now,
            warning_days,
        );
        Self {
            id: account.id.into_string(),
            organization_id: account.organization_id.into_string(),
            workspace_id: account.workspace_id.into_string(),
            platform_type: account.platform.as_str(),
            account_type: account.account_type.as_str(),
            account_handle: account.account_handle,
            account_name: account.account_name,
            account_logo: account.account_logo,
            external_id: connected.external_id,
            access_token_status: account.access_token_status.as_str(),
            token_expires_at: time(account.token_expires_at),
            token_updated_at: connected.token_updated_at.to_string(),
            health: HealthView {
                state: health.state.as_str(),
                expires_in_seconds: health.expires_in_seconds,
            },
            created_at: account.created_at.to_string(),
            updated_at: account.updated_at.to_string(),
        }
    }
}

/// One account with its scheduled-post usage (as the Embed API counts it).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ConnectedAccountWithUsage)]
pub struct AccountWithUsage {
    #[serde(flatten)]
    #[schema(schema_with = components::connected_account)]
    account: AccountView,
    usage: Vec<UsageView>,
}

impl AccountWithUsage {
    /// The account and its usage.
    pub fn new(account: AccountView, links: &Usage) -> Self {
        Self {
            account,
            usage: usage(links),
        }
    }
}

/// What a disconnect removed (or, dry run, would).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Disconnected)]
pub struct DisconnectView {
    removed_links: Vec<UsageView>,
}

impl DisconnectView {
    /// The links counted by status.
    pub fn new(removed: &Usage) -> Self {
        Self {
            removed_links: usage(removed),
        }
    }
}

/// Who made a change.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = AuditActor)]
pub struct ActorView {
    #[schema(schema_with = components::actor_kind)]
    kind: &'static str,
    #[schema(required)]
    key_id: Option<String>,
}

/// What a change was done to.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AuditTarget)]
pub struct TargetView {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
}

/// One audit event.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = AuditEvent)]
pub struct AuditEventView {
    id: String,
    #[schema(format = DateTime)]
    at: String,
    #[schema(required)]
    organization_id: Option<String>,
    #[schema(required)]
    workspace_id: Option<String>,
    actor: ActorView,
    #[schema(schema_with = components::audit_action)]
    action: &'static str,
    target: TargetView,
    #[schema(required)]
    request_id: Option<String>,
    /// Counts of what the change touched (an import's records, a disconnect's links by
    /// status), by name; empty when none.
    #[schema(schema_with = components::counts)]
    details: std::collections::BTreeMap<String, u64>,
}

impl From<AuditEvent> for AuditEventView {
    fn from(event: AuditEvent) -> Self {
        let e = event.event;
        Self {
            id: event.id.into_string(),
            at: event.at.to_string(),
            organization_id: e.organization_id.map(OrganizationId::into_string),
            workspace_id: e.workspace_id.map(WorkspaceId::into_string),
            actor: ActorView {
                kind: e.actor.kind.as_str(),
                key_id: e.actor.key_id.map(ApiKeyId::into_string),
            },
            action: e.action.as_str(),
            target: TargetView {
                kind: e.target.kind,
                id: e.target.id,
            },
            request_id: e.actor.request_id,
            details: e.details.into_iter().collect(),
        }
    }
}

/// The lists' schemas (a generic `List<T>` has none of its own).
macro_rules! list_schema {
    ($($name:ident => $item:ident),+ $(,)?) => {$(
        /// A page of a list.
        #[derive(Debug, Serialize, ToSchema)]
        #[serde(rename_all = "camelCase")]
        #[allow(dead_code, reason = "described to OpenAPI only: List<T> is what is sent")]
        pub struct $name {
            data: Vec<$item>,
            /// Where the next page starts (`?cursor=`); `null` on the last page.
            #[schema(required)]
            next_cursor: Option<String>,
        }
    )+};
}

list_schema!(
    OrganizationList => OrganizationView,
    WorkspaceList => WorkspaceView,
    ApiKeyList => ApiKeyView,
    AccountList => AccountView,
    AuditEventList => AuditEventView,
);
