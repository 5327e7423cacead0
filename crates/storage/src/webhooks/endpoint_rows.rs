//! Endpoint rows: read, written and sealed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::repository::Endpoint;
use social_accounts_domain::webhooks::{EventFilter, WebhookSecret};
use social_accounts_domain::{
    Actor, AuditAction, NewAuditEvent, OrganizationId, Reach, RepoError, Target, Timestamp,
    WebhookId,
};

use crate::errors::{corrupt, from_diesel};
use crate::filters::in_reach;
use crate::models::stored_id;
use crate::schema::webhook_endpoints as endpoints;
use crate::{DbConnection, TokenCipher, audit};

/// An endpoint as stored, without its secrets.
#[derive(Queryable, Selectable)]
#[diesel(table_name = endpoints)]
pub(super) struct EndpointRow {
    id: String,
    organization_id: String,
    url: String,
    events: String,
    description: Option<String>,
    enabled: bool,
    previous_secret_expires_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl EndpointRow {
    pub(super) fn into_domain(self) -> Result<Endpoint, RepoError> {
        Ok(Endpoint {
            id: stored_id(self.id, WebhookId::try_from)?,
            organization_id: stored_id(self.organization_id, OrganizationId::try_from)?,
            url: self.url,
            filter: EventFilter::from_stored(&self.events)
                .ok_or_else(|| corrupt("webhook events", &self.events))?,
            description: self.description,
            enabled: self.enabled,
            previous_secret_expires_at: self
                .previous_secret_expires_at
                .map(Timestamp::from_naive_utc),
            created_at: Timestamp::from_naive_utc(self.created_at),
            updated_at: Timestamp::from_naive_utc(self.updated_at),
        })
    }
}

/// One endpoint within reach.
pub(super) fn one(
    conn: &mut DbConnection,
    reach: &Reach,
    id: &WebhookId,
) -> Result<Option<Endpoint>, RepoError> {
    endpoints::table
        .find(id.as_str())
        .filter(in_reach(endpoints::organization_id, reach))
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()
        .map_err(from_diesel)?
        .map(EndpointRow::into_domain)
        .transpose()
}

/// The secrets that sign now: the current one, and the previous one until its overlap ends.
pub(super) fn secrets(
    cipher: &TokenCipher,
    current: &[u8],
    previous: Option<(&[u8], NaiveDateTime)>,
    now: Timestamp,
) -> Result<Vec<WebhookSecret>, RepoError> {
    let open = |sealed: &[u8]| {
        cipher
            .open(sealed)
            .ok()
            .and_then(|text| WebhookSecret::parse(&text))
            .ok_or_else(|| {
                RepoError::internal(
                    "a webhook secret does not open with the current TOKEN_ENCRYPTION_KEY",
                )
            })
    };
    let mut out = vec![open(current)?];
    if let Some((sealed, until)) = previous
        && now.naive_utc() < until
    {
        out.push(open(sealed)?);
    }
    Ok(out)
}

/// The audit event of an endpoint change.
pub(super) fn record(
    conn: &mut DbConnection,
    endpoint: &Endpoint,
    action: AuditAction,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), RepoError> {
    audit::record(
        conn,
        &NewAuditEvent {
            organization_id: Some(endpoint.organization_id.clone()),
            workspace_id: None,
            actor: actor.clone(),
            action,
            target: Target {
                kind: "webhook",
                id: endpoint.id.as_str().to_owned(),
            },
            details: Vec::new(),
        },
        now,
    )
}
