//! The outbox: events written in the transaction of the change that causes them, each with
//! one delivery per endpoint it matches at that moment.

use diesel::prelude::*;
use serde_json::{Map, Value};
use social_accounts_domain::webhooks::{Event, EventFilter, EventType};
use social_accounts_domain::{DeliveryId, OrganizationId, RepoError, Timestamp};

use crate::DbConnection;
use crate::errors::from_diesel;
use crate::models::stored_id;
use crate::schema::{webhook_deliveries as deliveries, webhook_endpoints as endpoints};
use crate::schema::{webhook_events as events, workspaces};

/// Whose endpoints hear of an event: named directly, or through a workspace of theirs (one
/// statement either way: the Embed API's writes know only their workspace).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner<'a> {
    /// An organization id.
    Organization(&'a str),
    /// A workspace id, whose organization it is.
    Workspace(&'a str),
}

/// Writes an event of `kind` with `data` for every enabled endpoint of `owner` that listens to
/// it, inside the caller's transaction: it commits or rolls back with the change. Nothing is
/// written (one indexed read) when no endpoint listens.
pub(crate) fn emit(
    conn: &mut DbConnection,
    owner: Owner<'_>,
    kind: EventType,
    at: Timestamp,
    data: Map<String, Value>,
) -> Result<(), RepoError> {
    let listening = endpoints::enabled.eq(true).and(
        endpoints::events
            .eq("*")
            .or(endpoints::events.like(EventFilter::pattern(kind))),
    );
    let found: Vec<(String, String)> = match owner {
        Owner::Organization(org) => endpoints::table
            .filter(endpoints::organization_id.eq(org))
            .filter(listening)
            .select((endpoints::id, endpoints::organization_id))
            .load(conn),
        Owner::Workspace(ws) => endpoints::table
            .filter(
                endpoints::organization_id.eq_any(
                    workspaces::table
                        .filter(workspaces::id.eq(ws))
                        .select(workspaces::organization_id),
                ),
            )
            .filter(listening)
            .select((endpoints::id, endpoints::organization_id))
            .load(conn),
    }
    .map_err(from_diesel)?;
    let Some((_, organization)) = found.first() else {
        return Ok(());
    };
    let organization = stored_id(organization.clone(), OrganizationId::try_from)?;
    let event = Event::new(organization, kind, at, data);
    let ids: Vec<String> = found.into_iter().map(|(id, _)| id).collect();
    write(conn, &event, &ids).map(drop)
}

/// Stores `event` with a delivery, due now, to each endpoint of `to`; the deliveries' ids.
pub(crate) fn write(
    conn: &mut DbConnection,
    event: &Event,
    to: &[String],
) -> Result<Vec<DeliveryId>, RepoError> {
    diesel::insert_into(events::table)
        .values((
            events::id.eq(event.id.as_str()),
            events::organization_id.eq(event.organization_id.as_str()),
            events::event_type.eq(event.kind.as_str()),
            events::at.eq(event.at.naive_utc()),
            events::body.eq(event.body()),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    let at = event.at.naive_utc();
    let ids: Vec<DeliveryId> = to.iter().map(|_| DeliveryId::mint()).collect();
    // One statement per endpoint: an event has few, and diesel's multi-backend connection
    // has no batch insert for SQLite.
    for (endpoint, id) in to.iter().zip(&ids) {
        diesel::insert_into(deliveries::table)
            .values((
                deliveries::id.eq(id.as_str()),
                deliveries::event_id.eq(event.id.as_str()),
                deliveries::endpoint_id.eq(endpoint.as_str()),
                deliveries::event_type.eq(event.kind.as_str()),
                deliveries::status.eq("pending"),
                deliveries::next_attempt_at.eq(Some(at)),
                deliveries::created_at.eq(at),
            ))
            .execute(conn)
            .map_err(from_diesel)?;
    }
    Ok(ids)
}

/// `{"key": value, …}` for an event's data.
pub(crate) fn data<const N: usize>(fields: [(&str, Value); N]) -> Map<String, Value> {
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}
