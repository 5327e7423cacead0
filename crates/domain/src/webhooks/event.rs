//! The events and their bodies.

use serde_json::{Map, Value, json};

use crate::wire_enum::wire_enum;
use crate::{OrganizationId, Timestamp, WebhookEventId};

wire_enum! {
    /// An event type, as `type` in the payload and in an endpoint's `events`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum EventType {
        /// An account was connected by the operator API (not by an import).
        SocialAccountConnected = "social_account.connected",
        /// An account's tokens were replaced by a reconnect.
        SocialAccountReconnected = "social_account.reconnected",
        /// An account was removed with its links (`via` says through which door).
        SocialAccountDisconnected = "social_account.disconnected",
        /// An account's token comes within `TOKEN_EXPIRY_WARNING_DAYS` of its expiry: once per
        /// account and `tokenExpiresAt`.
        SocialAccountTokenExpiring = "social_account.token_expiring",
        /// An account can no longer publish until it is reconnected: once per change of state.
        SocialAccountReauthRequired = "social_account.reauth_required",
        /// A post was created (`POST /schedule`).
        ScheduledPostCreated = "scheduled_post.created",
        /// A post was replaced (`PUT /schedule/:id`).
        ScheduledPostUpdated = "scheduled_post.updated",
        /// A post was deleted.
        ScheduledPostDeleted = "scheduled_post.deleted",
        /// A post's shown status became `PUBLISHED`.
        ScheduledPostPublished = "scheduled_post.published",
        /// A post's shown status became `FAILED`.
        ScheduledPostFailed = "scheduled_post.failed",
        /// A post's shown status became `PARTIALLY_FAILED`.
        ScheduledPostPartiallyFailed = "scheduled_post.partially_failed",
        /// A link was published.
        LinkPublished = "link.published",
        /// A link failed for good (a retryable failure with attempts left is not an event).
        LinkFailed = "link.failed",
        /// Sent to one endpoint on request (`POST /webhooks/{id}/test`).
        WebhookTest = "webhook.test",
    }
}

wire_enum! {
    /// Through which door a disconnect came (`via` of `social_account.disconnected`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Via {
        /// `DELETE /social-account/:id`.
        EmbedApi = "embed_api",
        /// `POST /operator/v1/social-accounts/{id}/disconnect`.
        OperatorApi = "operator_api",
        /// The command line.
        Cli = "cli",
    }
}

/// One event: minted in the transaction of its cause, stored in the outbox, and sent with the
/// same id (`webhook-id`) and body on every attempt to every endpoint it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event id: receivers dedupe on it.
    pub id: WebhookEventId,
    /// Whose endpoints hear of it.
    pub organization_id: OrganizationId,
    /// What happened.
    pub kind: EventType,
    /// When it happened (the cause's clock): `timestamp` in the body, which orders events.
    pub at: Timestamp,
    /// Ids, statuses and names: never a token or a secret.
    pub data: Map<String, Value>,
}

impl Event {
    /// A new event with a fresh id. `data` is built by the caller from ids, statuses and
    /// names only.
    #[must_use]
    pub fn new(
        organization_id: OrganizationId,
        kind: EventType,
        at: Timestamp,
        data: Map<String, Value>,
    ) -> Self {
        Self {
            id: WebhookEventId::mint(),
            organization_id,
            kind,
            at,
            data,
        }
    }

    /// The body every attempt sends, byte for byte (it is signed): `{"type", "timestamp",
    /// "data"}`.
    #[must_use]
    pub fn body(&self) -> String {
        Self::body_of(self.kind, self.at, &self.data)
    }

    /// The body of an event of `kind` at `at` with `data`, for a writer that has not built
    /// the whole event (its organization is resolved in SQL).
    #[must_use]
    pub fn body_of(kind: EventType, at: Timestamp, data: &Map<String, Value>) -> String {
        json!({
            "type": kind.as_str(),
            "timestamp": at.to_string(),
            "data": data,
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_names_type_timestamp_and_data_in_that_order()
    -> Result<(), Box<dyn std::error::Error>> {
        let mut data = Map::new();
        data.insert("id".into(), "acc_1".into());
        let event = Event::new(
            OrganizationId::parse("org_1")?,
            EventType::SocialAccountConnected,
            Timestamp::parse("2026-12-03T10:00:00Z")?,
            data,
        );
        assert_eq!(
            event.body(),
            r#"{"type":"social_account.connected","timestamp":"2026-12-03T10:00:00.000Z","data":{"id":"acc_1"}}"#
        );
        Ok(())
    }

    #[test]
    fn every_type_parses_back_from_its_wire_name() {
        for kind in EventType::ALL {
            assert_eq!(EventType::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EventType::parse("*"), None);
    }
}
