//! The audit trail: who changed what, written in the transaction of each change (so a change
//! that rolls back leaves no event, and one that commits always has one). Events carry ids,
//! names and counts, never a token, key or secret.

use crate::wire_enum::wire_enum;
use crate::{ApiKeyId, AuditEventId, OrganizationId, Timestamp, WorkspaceId};

wire_enum! {
    /// Who made a change.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ActorKind {
        /// An operator API key.
        Operator = "operator",
        /// An Embed API key (a disconnect through `DELETE /social-account/:id`).
        Embed = "embed",
        /// A publisher API key.
        Publisher = "publisher",
        /// The command line on the server (`seed`, `keys`, `tokens rotate-key`, `links`).
        Cli = "cli",
    }
}

wire_enum! {
    /// What a change was.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AuditAction {
        /// An organization was created.
        OrganizationCreated = "organization.created",
        /// An organization's name or plan changed.
        OrganizationUpdated = "organization.updated",
        /// A workspace was created.
        WorkspaceCreated = "workspace.created",
        /// An API key was minted (its kind and name in `details`, never the key).
        ApiKeyCreated = "api_key.created",
        /// An API key was revoked.
        ApiKeyRevoked = "api_key.revoked",
        /// An account was connected for the first time.
        SocialAccountConnected = "social_account.connected",
        /// An account already connected was connected again (same id, links kept).
        SocialAccountReconnected = "social_account.reconnected",
        /// An account's profile or token status changed.
        SocialAccountUpdated = "social_account.updated",
        /// An account's tokens were replaced.
        SocialAccountTokensRefreshed = "social_account.tokens_refreshed",
        /// An account was disconnected, with its links (their counts in `details`).
        SocialAccountDisconnected = "social_account.disconnected",
        /// A link's outcome was reported.
        LinkReported = "link.reported",
        /// An import file was written (its counts in `details`).
        ImportCompleted = "import.completed",
        /// Every stored token was re-encrypted under a new key.
        TokensRotated = "tokens.rotated",
        /// A webhook endpoint was registered.
        WebhookCreated = "webhook.created",
        /// A webhook endpoint changed.
        WebhookUpdated = "webhook.updated",
        /// A webhook endpoint was deleted.
        WebhookDeleted = "webhook.deleted",
        /// A webhook endpoint's secret was rotated.
        WebhookSecretRotated = "webhook.secret_rotated",
    }
}

/// Who made a change, as a write is told and its event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// What kind of caller.
    pub kind: ActorKind,
    /// The key it used; `None` for the command line.
    pub key_id: Option<ApiKeyId>,
    /// The HTTP request's id (`x-request-id`), to match the event with the logs.
    pub request_id: Option<String>,
}

impl Actor {
    /// The command line.
    #[must_use]
    pub fn cli() -> Self {
        Self {
            kind: ActorKind::Cli,
            key_id: None,
            request_id: None,
        }
    }
}

/// What a change was done to: a type (`organization`, `social_account`, `link`, ...) and its
/// id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The kind of thing.
    pub kind: &'static str,
    /// Its id (a link's is `post:account`).
    pub id: String,
}

/// An event to write, beside the change it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// The organization it belongs to (whose list shows it); `None` for an instance-wide
    /// change (an import of several organizations, a token-key rotation).
    pub organization_id: Option<OrganizationId>,
    /// The workspace, where the change is inside one.
    pub workspace_id: Option<WorkspaceId>,
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: AuditAction,
    /// To what.
    pub target: Target,
    /// Counts that say how much (an import's records, a disconnect's removed links), by name.
    pub details: Vec<(String, u64)>,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Its id.
    pub id: AuditEventId,
    /// When the change was written.
    pub at: Timestamp,
    /// As [`NewAuditEvent`].
    pub event: NewAuditEvent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_the_contract_writes_them() {
        assert_eq!(ActorKind::names(), "operator, embed, publisher, cli");
        for action in AuditAction::ALL {
            let (noun, verb) = action.as_str().split_once('.').unwrap();
            assert!(!noun.is_empty() && !verb.is_empty(), "{action}");
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(Actor::cli().kind, ActorKind::Cli);
    }
}
