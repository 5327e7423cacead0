//! Response bodies, serialized straight from domain values (borrowed, no copies).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use social_accounts_domain::{AccountSummary, Platform, SocialAccount, Usage};

/// `{ "success": true, "data": ... }`.
#[derive(Debug, Serialize)]
pub struct Envelope<T: Serialize> {
    success: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
    data: T,
}

impl<T: Serialize> Envelope<T> {
    /// A success body with data.
    pub fn data(data: T) -> Self {
        Self {
            success: true,
            message: None,
            data,
        }
    }

    /// A success body with a message and data.
    pub fn message(message: &'static str, data: T) -> Self {
        Self {
            success: true,
            message: Some(message),
            data,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ListItem<'a> {
    id: &'a str,
    platform_type: &'static str,
    account_handle: &'a str,
    account_type: &'static str,
    account_name: &'a str,
    account_logo: Option<&'a str>,
    access_token_status: &'static str,
}

/// Accounts grouped by platform: every platform's key, in [`Platform::ALL`] order.
#[derive(Debug)]
pub struct ByPlatform<'a>([Vec<ListItem<'a>>; Platform::ALL.len()]);

impl Serialize for ByPlatform<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (platform, items) in Platform::ALL.iter().zip(&self.0) {
            map.serialize_entry(platform.as_str(), items)?;
        }
        map.end()
    }
}

/// `data` of the list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListData<'a> {
    social_accounts: ByPlatform<'a>,
}

/// Groups accounts (already in list order) by platform.
pub fn list(accounts: &[AccountSummary]) -> ListData<'_> {
    let mut groups: [Vec<ListItem<'_>>; Platform::ALL.len()] = Default::default();
    for account in accounts {
        groups[account.platform.index()].push(ListItem {
            id: account.id.as_str(),
            platform_type: account.platform.as_str(),
            account_handle: &account.account_handle,
            account_type: account.account_type.as_str(),
            account_name: &account.account_name,
            account_logo: account.account_logo.as_deref(),
            access_token_status: account.access_token_status.as_str(),
        });
    }
    ListData {
        social_accounts: ByPlatform(groups),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountView<'a> {
    id: &'a str,
    organization_id: &'a str,
    workspace_id: &'a str,
    platform_type: &'static str,
    account_handle: &'a str,
    account_name: &'a str,
    account_logo: Option<&'a str>,
    access_token_status: &'static str,
    token_expires_at: Option<String>,
    created_at: String,
    updated_at: String,
    /// Extension: after the hosted API's eleven fields, so their order is untouched.
    account_type: &'static str,
}

/// One usage entry: `{ "status": "PENDING", "_count": 3 }`.
#[derive(Debug, Serialize)]
pub struct UsageView {
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
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadData<'a> {
    social_account: AccountView<'a>,
    usage: Vec<UsageView>,
}

/// The read body's data.
pub fn read<'a>(account: &'a SocialAccount, links: &Usage) -> ReadData<'a> {
    ReadData {
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
    }
}

/// `data` of a delete: the links removed (or that would be).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteData {
    removed_links: Vec<UsageView>,
}

/// The delete body's data.
pub fn removed(links: &Usage) -> DeleteData {
    DeleteData {
        removed_links: usage(links),
    }
}
