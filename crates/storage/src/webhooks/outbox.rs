//! The outbox: events written in the transaction of the change that causes them, each with
//! one delivery per endpoint it matches at that moment.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamp as SqlTimestamp};
use serde_json::{Map, Value};
use social_accounts_domain::webhooks::{Event, EventFilter, EventType};
use social_accounts_domain::{DeliveryId, RepoError, Timestamp, WebhookEventId};

use crate::DbConnection;
use crate::errors::from_diesel;
use crate::models::stored_id;
use crate::schema::{webhook_deliveries as deliveries, webhook_endpoints as endpoints, workspaces};

/// Whose endpoints hear of an event: named directly, or through a workspace of theirs (the
/// Embed API's writes know only their workspace; SQL finds its organization).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner<'a> {
    /// An organization id.
    Organization(&'a str),
    /// A workspace id, whose organization it is.
    Workspace(&'a str),
}

/// Writes an event of `kind` with `data` for every enabled endpoint of `owner` that listens
/// to it, inside the caller's transaction: it commits or rolls back with the change. One
/// `INSERT … SELECT` (a cached statement: one per owner kind), which inserts nothing when no
/// endpoint listens. A delivery's id is its event's followed by its endpoint's.
pub(crate) fn emit(
    conn: &mut DbConnection,
    owner: Owner<'_>,
    kind: EventType,
    at: Timestamp,
    data: &Map<String, Value>,
) -> Result<(), RepoError> {
    let event = WebhookEventId::mint();
    let body = Event::body_of(kind, at, data);
    let pattern = EventFilter::pattern(kind);
    let at = at.naive_utc();
    let columns = (
        deliveries::id,
        deliveries::event_id,
        deliveries::endpoint_id,
        deliveries::event_type,
        deliveries::body,
        deliveries::status,
        deliveries::attempts,
        deliveries::next_attempt_at,
        deliveries::created_at,
    );
    let row = (
        event.as_str().into_sql::<Text>().concat(endpoints::id),
        event.as_str().into_sql::<Text>(),
        endpoints::id,
        kind.as_str().into_sql::<Text>(),
        body.as_str().into_sql::<Text>(),
        "pending".into_sql::<Text>(),
        0.into_sql::<Integer>(),
        Some(at).into_sql::<Nullable<SqlTimestamp>>(),
        at.into_sql::<SqlTimestamp>(),
    );
    let listening = endpoints::enabled.eq(true).and(
        endpoints::events
            .eq("*")
            .or(endpoints::events.like(&pattern)),
    );
    match owner {
        Owner::Organization(org) => diesel::insert_into(deliveries::table)
            .values(
                endpoints::table
                    .filter(endpoints::organization_id.eq(org).and(listening))
                    .select(row),
            )
            .into_columns(columns)
            .execute(conn),
        Owner::Workspace(ws) => diesel::insert_into(deliveries::table)
            .values(
                endpoints::table
                    .filter(
                        endpoints::organization_id
                            .eq_any(
                                workspaces::table
                                    .filter(workspaces::id.eq(ws))
                                    .select(workspaces::organization_id),
                            )
                            .and(listening),
                    )
                    .select(row),
            )
            .into_columns(columns)
            .execute(conn),
    }
    .map_err(from_diesel)?;
    Ok(())
}

/// Stores `event` with one delivery, due now, to `endpoint` (a test event: it goes to the
/// endpoint it was asked for whatever its filter); the delivery's id.
pub(crate) fn write_one(
    conn: &mut DbConnection,
    event: &Event,
    endpoint: &str,
) -> Result<DeliveryId, RepoError> {
    let id = stored_id(format!("{}{endpoint}", event.id), DeliveryId::try_from)?;
    let at = event.at.naive_utc();
    diesel::insert_into(deliveries::table)
        .values((
            deliveries::id.eq(id.as_str()),
            deliveries::event_id.eq(event.id.as_str()),
            deliveries::endpoint_id.eq(endpoint),
            deliveries::event_type.eq(event.kind.as_str()),
            deliveries::body.eq(event.body()),
            deliveries::status.eq("pending"),
            deliveries::next_attempt_at.eq(Some(at)),
            deliveries::created_at.eq(at),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(id)
}

/// `{"key": value, …}` for an event's data.
pub(crate) fn data<const N: usize>(fields: [(&str, Value); N]) -> Map<String, Value> {
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}
