//! Bodies of the Social Accounts endpoints and of the health checks.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use social_accounts_domain::{AccountSummary, Platform, Platforms, SocialAccount, Usage};
use utoipa::ToSchema;

use crate::http::openapi::components;

/// One account in the list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListItem<'a> {
    id: &'a str,
    #[schema(schema_with = components::platform_type)]
    platform_type: &'static str,
    account_handle: &'a str,
    #[schema(schema_with = components::account_type)]
    account_type: &'static str,
    account_name: &'a str,
    #[schema(required)]
    account_logo: Option<&'a str>,
    #[schema(schema_with = components::access_token_status)]
    access_token_status: &'static str,
}

/// Accounts grouped by platform: every enabled platform's key, in the enabled order.
#[derive(Debug)]
pub struct ByPlatform<'a>(Vec<(Platform, Vec<ListItem<'a>>)>);

impl Serialize for ByPlatform<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (platform, items) in &self.0 {
            map.serialize_entry(platform.as_str(), items)?;
        }
        map.end()
    }
}

/// `data` of the list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListData<'a> {
    #[schema(schema_with = components::social_accounts)]
    social_accounts: ByPlatform<'a>,
}

/// `GET /social-account` 200.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListResponse<'a> {
    success: bool,
    data: ListData<'a>,
}

/// Groups accounts (already in list order) by the enabled platforms; accounts of other
/// platforms are left out.
pub fn list<'a>(accounts: &'a [AccountSummary], platforms: &Platforms) -> ListResponse<'a> {
    let mut groups: Vec<(Platform, Vec<ListItem<'a>>)> =
        platforms.iter().map(|p| (p, Vec::new())).collect();
    for account in accounts {
        let Some((_, group)) = groups.iter_mut().find(|(p, _)| *p == account.platform) else {
            continue;
        };
        group.push(ListItem {
            id: account.id.as_str(),
            platform_type: account.platform.as_str(),
            account_handle: &account.account_handle,
            account_type: account.account_type.as_str(),
            account_name: &account.account_name,
            account_logo: account.account_logo.as_deref(),
            access_token_status: account.access_token_status.as_str(),
        });
    }
    ListResponse {
        success: true,
        data: ListData {
            social_accounts: ByPlatform(groups),
        },
    }
}

/// One account with everything shown about it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = SocialAccount)]
pub struct AccountView<'a> {
    id: &'a str,
    organization_id: &'a str,
    workspace_id: &'a str,
    #[schema(schema_with = components::platform_type)]
    platform_type: &'static str,
    account_handle: &'a str,
    account_name: &'a str,
    #[schema(required)]
    account_logo: Option<&'a str>,
    #[schema(schema_with = components::access_token_status)]
    access_token_status: &'static str,
    #[schema(required, format = DateTime)]
    token_expires_at: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
    /// Extension: after the hosted API's eleven fields, so their order is untouched.
    #[schema(schema_with = components::account_type)]
    account_type: &'static str,
}

/// One usage entry: `{ "status": "PENDING", "_count": 3 }`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UsageEntry)]
pub struct UsageView {
    #[schema(schema_with = components::link_status)]
    status: &'static str,
    #[serde(rename = "_count")]
    count: u64,
}

/// Usage entries in status order.
pub fn usage(usage: &Usage) -> Vec<UsageView> {
    usage
        .entries()
        .iter()
        .map(|e| UsageView {
            status: e.status.as_str(),
            count: e.count,
        })
        .collect()
}

/// `data` of a read.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReadData<'a> {
    social_account: AccountView<'a>,
    usage: Vec<UsageView>,
}

/// `GET /social-account/{id}` 200.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadResponse<'a> {
    success: bool,
    data: ReadData<'a>,
}

/// The read body.
pub fn read<'a>(account: &'a SocialAccount, links: &Usage) -> ReadResponse<'a> {
    ReadResponse {
        success: true,
        data: ReadData {
            social_account: AccountView {
                id: account.id.as_str(),
                organization_id: account.organization_id.as_str(),
                workspace_id: account.workspace_id.as_str(),
                platform_type: account.platform.as_str(),
                account_handle: &account.account_handle,
                account_type: account.account_type.as_str(),
                account_name: &account.account_name,
                account_logo: account.account_logo.as_deref(),
                access_token_status: account.access_token_status.as_str(),
                token_expires_at: account.token_expires_at.map(|t| t.to_string()),
                created_at: account.created_at.to_string(),
                updated_at: account.updated_at.to_string(),
            },
            usage: usage(links),
        },
    }
}

/// `data` of a delete: the links removed (or that would be).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeleteData {
    removed_links: Vec<UsageView>,
}

/// `DELETE /social-account/{id}` 200.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeleteResponse {
    success: bool,
    message: &'static str,
    data: DeleteData,
}

/// The delete body: `message` says whether it was a dry run.
pub fn removed(message: &'static str, links: &Usage) -> DeleteResponse {
    DeleteResponse {
        success: true,
        message,
        data: DeleteData {
            removed_links: usage(links),
        },
    }
}
