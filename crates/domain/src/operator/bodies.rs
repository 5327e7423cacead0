//! The operator API's request bodies and query parameters, each read with every offending
//! field reported ([`Fields`]). The account rules are the import's (`account_rules`).

use serde_json::Value;

use super::fields::{FieldError, Fields};
use crate::account_rules;
use crate::{
    AccessTokenStatus, AccountFilter, AccountPatch, Connect, EmbedSubscription, KeyKind, MainPlan,
    NewOrganization, NewWorkspace, OrganizationId, OrganizationPatch, Plan, Platform, Platforms,
    SocialAccountId, Timestamp, TokenSecret, Tokens, WorkspaceId,
};

/// The most days `?expiringWithinDays=` looks ahead.
pub const MAX_EXPIRING_WITHIN_DAYS: u32 = 3650;

/// A field every valid body has: after [`Fields::finish`] found nothing wrong it is there.
fn present<T>(value: Option<T>, field: &str) -> Result<T, Vec<FieldError>> {
    value.ok_or_else(|| vec![FieldError::new(field, "is required")])
}

/// `POST /organizations`: `{ "id"?, "name", "mainPlan", "apiCreditsAddon"?, "embedSubscription"? }`.
pub fn new_organization(body: &Value) -> Result<NewOrganization, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let id = fields.optional_id("id", OrganizationId::parse);
    let name = fields.text("name");
    let main_plan = fields.choice("mainPlan", MainPlan::parse, MainPlan::names());
    let api_credits_addon = fields.optional_bool("apiCreditsAddon");
    let embed_subscription = fields.optional_choice(
        "embedSubscription",
        EmbedSubscription::parse,
        EmbedSubscription::names(),
    );
    fields.finish()?;
    Ok(NewOrganization {
        id: id.unwrap_or_else(OrganizationId::mint),
        name: present(name, "name")?,
        plan: Plan {
            main_plan: present(main_plan, "mainPlan")?,
            api_credits_addon: api_credits_addon.unwrap_or(false),
            embed_subscription: embed_subscription.unwrap_or_default(),
        },
    })
}

/// `PATCH /organizations/{org}`: any of `name`, `mainPlan`, `apiCreditsAddon`,
/// `embedSubscription`.
pub fn organization_patch(body: &Value) -> Result<OrganizationPatch, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    fields.refuse_null(&["name", "mainPlan", "apiCreditsAddon", "embedSubscription"]);
    let patch = OrganizationPatch {
        name: fields.optional_text("name"),
        main_plan: fields.optional_choice("mainPlan", MainPlan::parse, MainPlan::names()),
        api_credits_addon: fields.optional_bool("apiCreditsAddon"),
        embed_subscription: fields.optional_choice(
            "embedSubscription",
            EmbedSubscription::parse,
            EmbedSubscription::names(),
        ),
    };
    fields.finish()?;
    Ok(patch)
}

/// `POST /organizations/{org}/workspaces`: `{ "id"?, "name" }`.
pub fn new_workspace(
    body: &Value,
    organization: OrganizationId,
) -> Result<NewWorkspace, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let id = fields.optional_id("id", WorkspaceId::parse);
    let name = fields.text("name");
    fields.finish()?;
    Ok(NewWorkspace {
        id: id.unwrap_or_else(WorkspaceId::mint),
        organization_id: organization,
        name: present(name, "name")?,
    })
}

/// What `POST /organizations/{org}/api-keys` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRequest {
    /// What the key may call.
    pub kind: KeyKind,
    /// The workspace an Embed API key sees (only an Embed API key has one).
    pub workspace_id: Option<WorkspaceId>,
    /// What to call it.
    pub name: String,
    /// When it stops working, if ever (in the future).
    pub expires_at: Option<Timestamp>,
}

/// `POST /organizations/{org}/api-keys`: `{ "kind", "workspaceId"?, "name", "expiresAt"? }`.
pub fn key_request(body: &Value, now: Timestamp) -> Result<KeyRequest, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let kind = fields.choice("kind", KeyKind::parse, KeyKind::names());
    let workspace_id = fields.optional_id("workspaceId", WorkspaceId::parse);
    let name = fields.text("name");
    let expires_at = fields.optional_timestamp("expiresAt");
    // The organization is the path's: every key made here has one.
    if let Some(Err(why)) = kind.map(|kind| kind.check_owner(true, workspace_id.is_some())) {
        fields.refuse("workspaceId", why);
    }
    if expires_at.is_some_and(|at| at <= now) {
        fields.refuse("expiresAt", "must be in the future");
    }
    fields.finish()?;
    Ok(KeyRequest {
        kind: present(kind, "kind")?,
        workspace_id,
        name: present(name, "name")?,
        expires_at,
    })
}

/// Reads `accessToken`, `refreshToken` and `tokenExpiresAt` (of a connect or a refresh).
fn tokens_of(fields: &mut Fields<'_>) -> Option<Tokens> {
    let access = fields.string("accessToken");
    let access = access.and_then(|raw| fields.checked("accessToken", raw, account_rules::token));
    let refresh = fields.optional_string("refreshToken");
    let refresh = refresh.and_then(|raw| fields.checked("refreshToken", raw, account_rules::token));
    let expires_at = fields.optional_timestamp("tokenExpiresAt");
    Some(Tokens {
        access_token: TokenSecret::new(access?),
        refresh_token: refresh.map(TokenSecret::new),
        expires_at,
    })
}

/// `POST /workspaces/{ws}/social-accounts`: a connect (see [`Connect`]). The platform must be
/// one the deployment serves, the account type one of its kinds: the import file's rules.
pub fn connect(body: &Value, platforms: &Platforms) -> Result<Connect, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let id = fields.optional_id("id", SocialAccountId::parse);
    let platform = fields.string("platformType").and_then(|raw| {
        account_rules::served_platform(raw, platforms)
            .map_err(|message| fields.refuse("platformType", message))
            .ok()
    });
    let account_type = fields.string("accountType").and_then(|raw| {
        let platform = platform?;
        account_rules::account_type(raw, platform)
            .map_err(|message| fields.refuse("accountType", message))
            .ok()
    });
    let account_handle = fields.text("accountHandle");
    let account_name = fields.text("accountName");
    let account_logo = fields.optional_string("accountLogo");
    let account_logo =
        account_logo.and_then(|raw| fields.checked("accountLogo", raw, account_rules::logo));
    let external_id = fields.text("externalId");
    let tokens = tokens_of(&mut fields);
    fields.finish()?;
    Ok(Connect {
        id,
        platform: present(platform, "platformType")?,
        account_type: present(account_type, "accountType")?,
        account_handle: present(account_handle, "accountHandle")?,
        account_name: present(account_name, "accountName")?,
        account_logo,
        external_id: present(external_id, "externalId")?,
        tokens: present(tokens, "accessToken")?,
    })
}

/// `PUT /social-accounts/{id}/tokens`: `{ "accessToken", "refreshToken"?, "tokenExpiresAt"? }`.
pub fn tokens(body: &Value) -> Result<Tokens, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    let tokens = tokens_of(&mut fields);
    fields.finish()?;
    present(tokens, "accessToken")
}

/// `PATCH /social-accounts/{id}`: any of `accountHandle`, `accountName`, `accountLogo`
/// (`null` removes it), `accessTokenStatus` (`active` or `revoked`).
pub fn account_patch(body: &Value) -> Result<AccountPatch, Vec<FieldError>> {
    let mut fields = Fields::of(body)?;
    fields.refuse_null(&["accountHandle", "accountName", "accessTokenStatus"]);
    let account_handle = fields.optional_text("accountHandle");
    let account_name = fields.optional_text("accountName");
    let logo_sent = fields.sent("accountLogo");
    let logo = fields.optional_string("accountLogo");
    let account_logo = match logo {
        Some(raw) => fields
            .checked("accountLogo", raw, account_rules::logo)
            .map(Some),
        None if logo_sent && body.get("accountLogo").is_some_and(Value::is_null) => Some(None),
        None => None,
    };
    let settable = |raw: &str| {
        AccessTokenStatus::parse(raw).filter(|status| *status != AccessTokenStatus::Expired)
    };
    let access_token_status =
        fields.optional_choice("accessTokenStatus", settable, "active, revoked");
    fields.finish()?;
    Ok(AccountPatch {
        account_handle,
        account_name,
        account_logo,
        access_token_status,
    })
}

/// `GET /workspaces/{ws}/social-accounts`'s filters, from `(name, value)` query pairs: every
/// offending one named (as `field`). Any known platform may be asked for: the operator API
/// shows an account whatever the deployment serves, so one of a platform turned off can
/// still be found and disconnected.
pub fn account_filter(query: &[(String, String)]) -> Result<AccountFilter, Vec<FieldError>> {
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut errors = Vec::new();
    let mut filter = AccountFilter::default();
    if let Some(raw) = param("platformType") {
        filter.platform = Platform::parse(raw);
        if filter.platform.is_none() {
            errors.push(FieldError::new(
                "platformType",
                format!("must be one of: {}", Platform::names()),
            ));
        }
    }
    if let Some(raw) = param("accessTokenStatus") {
        filter.status = AccessTokenStatus::parse(raw);
        if filter.status.is_none() {
            errors.push(FieldError::new(
                "accessTokenStatus",
                format!("must be one of: {}", AccessTokenStatus::names()),
            ));
        }
    }
    if let Some(raw) = param("expiringWithinDays") {
        match raw.parse::<u32>() {
            Ok(days) if days <= MAX_EXPIRING_WITHIN_DAYS => {
                filter.expiring_within_days = Some(days);
            }
            _ => errors.push(FieldError::new(
                "expiringWithinDays",
                format!("must be a whole number from 0 to {MAX_EXPIRING_WITHIN_DAYS}"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(filter)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "bodies_tests.rs"]
mod tests;
