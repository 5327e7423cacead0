//! The import file as written: serde records that mirror the JSON, nothing checked yet
//! beyond shape (types, required fields, no unknown fields).

use super::ImportError;
use serde::Deserialize;

pub use crate::TokenSecret;

/// The import file as written: an object of sections, each optional, each an array of
/// records. Unknown fields anywhere are an error. Parsed by the `stream` module's reader,
/// which also reads a file a section at a time.
#[derive(Debug, Default)]
pub struct ImportFile {
    pub(super) organizations: Vec<OrganizationRecord>,
    pub(super) workspaces: Vec<WorkspaceRecord>,
    pub(super) api_keys: Vec<ApiKeyRecord>,
    pub(super) social_accounts: Vec<SocialAccountRecord>,
    pub(super) designs: Vec<DesignRecord>,
    pub(super) scheduled_posts: Vec<ScheduledPostRecord>,
}

/// One `organizations[]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct OrganizationRecord {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) main_plan: String,
    #[serde(default)]
    pub(super) api_credits_addon: bool,
    #[serde(default)]
    pub(super) embed_subscription: Option<String>,
}

/// One `workspaces[]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct WorkspaceRecord {
    pub(super) id: String,
    pub(super) organization_id: String,
    pub(super) name: String,
}

/// One `apiKeys[]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct ApiKeyRecord {
    pub(super) organization_id: String,
    #[serde(default)]
    pub(super) workspace_id: Option<String>,
    #[serde(default)]
    pub(super) name: Option<String>,
    pub(super) key: String,
}

/// One `socialAccounts[]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct SocialAccountRecord {
    #[serde(default)]
    pub(super) id: Option<String>,
    pub(super) workspace_id: String,
    pub(super) platform_type: String,
    pub(super) account_handle: String,
    pub(super) account_type: String,
    pub(super) account_name: String,
    #[serde(default)]
    pub(super) account_logo: Option<String>,
    #[serde(default)]
    pub(super) access_token_status: Option<String>,
    #[serde(default)]
    pub(super) token_expires_at: Option<String>,
    pub(super) access_token: TokenSecret,
    #[serde(default)]
    pub(super) refresh_token: Option<TokenSecret>,
    #[serde(default)]
    pub(super) created_at: Option<String>,
    #[serde(default)]
    pub(super) updated_at: Option<String>,
}

/// One `designs[]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct DesignRecord {
    #[serde(default)]
    pub(super) id: Option<String>,
    pub(super) workspace_id: String,
    pub(super) name: String,
    pub(super) design_type: String,
    pub(super) source: String,
}

pub(super) use super::post_record::ScheduledPostRecord;

/// One `scheduledPosts[].socialAccounts[]` entry: a post's link to an account, with its
/// outcome.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct LinkRecord {
    pub(super) social_account_id: String,
    pub(super) status: String,
    #[serde(default)]
    pub(super) live_link: Option<String>,
    #[serde(default)]
    pub(super) error_message: Option<String>,
    #[serde(default)]
    pub(super) published_at: Option<String>,
}

impl ImportFile {
    /// Parses the JSON text; a syntax error, a wrong type or an unknown field is reported with
    /// its path. The parser is [`ImportStream`](super::ImportStream)'s, so both name every
    /// error alike.
    pub fn from_json(text: &str) -> Result<Self, ImportError> {
        super::passes::collect(text.as_bytes())
    }
}
