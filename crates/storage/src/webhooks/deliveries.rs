//! Deliveries: the log an operator reads, a manual retry, and the sender's claim and record.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::repository::{Attempt, Delivery, DeliveryStatus, DueDelivery};
use social_accounts_domain::webhooks::EventType;
use social_accounts_domain::{
    Cursor, DeliveryId, Page, PageRequest, Reach, RepoError, Timestamp, WebhookEventId, WebhookId,
};

use super::endpoint_rows::{one, secrets};
use crate::errors::{corrupt, from_diesel};
use crate::filters::after;
use crate::models::stored_id;
use crate::schema::{webhook_deliveries as deliveries, webhook_endpoints as endpoints};
use crate::{DbConnection, TokenCipher};

/// The first KiB of an answer is kept.
const KEPT_BODY: usize = 1024;

#[derive(Queryable, Selectable)]
#[diesel(table_name = deliveries)]
struct DeliveryRow {
    id: String,
    event_id: String,
    event_type: String,
    status: String,
    attempts: i32,
    last_attempt_at: Option<NaiveDateTime>,
    next_attempt_at: Option<NaiveDateTime>,
    lease: Option<String>,
    response_status: Option<i32>,
    response_body: Option<String>,
    created_at: NaiveDateTime,
}

impl DeliveryRow {
    fn into_domain(self, now: Timestamp) -> Result<Delivery, RepoError> {
        let status = DeliveryStatus::parse(&self.status)
            .ok_or_else(|| corrupt("delivery status", &self.status))?;
        // While an attempt is under way, its lease's end is not when the next attempt is due.
        let in_flight = self.lease.is_some()
            && self
                .next_attempt_at
                .is_some_and(|next| next > now.naive_utc());
        Ok(Delivery {
            id: stored_id(self.id, DeliveryId::try_from)?,
            event_id: stored_id(self.event_id, WebhookEventId::try_from)?,
            event_type: EventType::parse(&self.event_type)
                .ok_or_else(|| corrupt("event type", &self.event_type))?,
            status,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            last_attempt_at: self.last_attempt_at.map(Timestamp::from_naive_utc),
            next_attempt_at: (status == DeliveryStatus::Pending && !in_flight)
                .then_some(self.next_attempt_at)
                .flatten()
                .map(Timestamp::from_naive_utc),
            response_status: self
                .response_status
                .and_then(|code| u16::try_from(code).ok()),
            response_body: self.response_body,
            created_at: Timestamp::from_naive_utc(self.created_at),
        })
    }
}

/// A page of an endpoint's deliveries, oldest first.
pub(super) fn page(
    conn: &mut DbConnection,
    reach: &Reach,
    id: &WebhookId,
    status: Option<DeliveryStatus>,
    page: &PageRequest,
) -> Result<Option<Page<Delivery>>, RepoError> {
    if one(conn, reach, id)?.is_none() {
        return Ok(None);
    }
    let mut query = deliveries::table
        .filter(deliveries::endpoint_id.eq(id.as_str()))
        .filter(after(
            deliveries::created_at,
            deliveries::id,
            page.after.as_ref(),
        ))
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(deliveries::status.eq(status.as_str()));
    }
    let rows: Vec<DeliveryRow> = query
        .order((deliveries::created_at.asc(), deliveries::id.asc()))
        .limit(page.rows_to_read())
        .select(DeliveryRow::as_select())
        .load(conn)
        .map_err(from_diesel)?;
    let now = Timestamp::now();
    let items = rows
        .into_iter()
        .map(|row| row.into_domain(now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(page.page(items, |delivery| Cursor {
        at: delivery.created_at,
        id: delivery.id.as_str().to_owned(),
    })))
}

/// Makes a delivery due now, whatever its status. One under way is left to its sender, so
/// that no two attempts of one delivery run at once.
pub(super) fn retry(
    conn: &mut DbConnection,
    reach: &Reach,
    id: &WebhookId,
    delivery: &DeliveryId,
    now: Timestamp,
) -> Result<Option<Delivery>, RepoError> {
    if one(conn, reach, id)?.is_none() {
        return Ok(None);
    }
    let target = deliveries::table.filter(
        deliveries::id
            .eq(delivery.as_str())
            .and(deliveries::endpoint_id.eq(id.as_str())),
    );
    diesel::update(target.filter(deliveries::lease.is_null()))
        .set((
            deliveries::status.eq(DeliveryStatus::Pending.as_str()),
            deliveries::next_attempt_at.eq(Some(now.naive_utc())),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    target
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()
        .map_err(from_diesel)?
        .map(|row| row.into_domain(now))
        .transpose()
}

/// Whether any delivery of an enabled endpoint is due: a read, so that idle senders polling
/// never take the write lock (SQLite) or a write transaction.
pub(super) fn any_due(conn: &mut DbConnection, now: Timestamp) -> Result<bool, RepoError> {
    diesel::select(diesel::dsl::exists(
        deliveries::table
            .filter(deliveries::status.eq(DeliveryStatus::Pending.as_str()))
            .filter(deliveries::next_attempt_at.le(now.naive_utc()))
            .filter(
                deliveries::endpoint_id.eq_any(
                    endpoints::table
                        .filter(endpoints::enabled.eq(true))
                        .select(endpoints::id),
                ),
            ),
    ))
    .get_result(conn)
    .map_err(from_diesel)
}

/// What a claim reads of each claimed delivery.
type ClaimedRow = (
    String,
    String,
    String,
    i32,
    NaiveDateTime,
    String,
    String,
    Vec<u8>,
    Option<Vec<u8>>,
    Option<NaiveDateTime>,
);

/// Claims up to `limit` due deliveries of enabled endpoints, oldest due first: one lease for
/// the batch, the attempt counted, `next_attempt_at` moved to the lease's end (a sender that
/// dies leaves them due again then). PostgreSQL skips rows another claim holds; SQLite has
/// one writer.
pub(super) fn claim(
    conn: &mut DbConnection,
    cipher: &TokenCipher,
    limit: u32,
    lease: Duration,
    now: Timestamp,
) -> Result<Vec<DueDelivery>, RepoError> {
    // The endpoints in a subquery, not a join: `FOR UPDATE` then locks deliveries only.
    let due = deliveries::table
        .filter(deliveries::status.eq(DeliveryStatus::Pending.as_str()))
        .filter(deliveries::next_attempt_at.le(now.naive_utc()))
        .filter(
            deliveries::endpoint_id.eq_any(
                endpoints::table
                    .filter(endpoints::enabled.eq(true))
                    .select(endpoints::id),
            ),
        )
        .order(deliveries::next_attempt_at.asc())
        .limit(i64::from(limit))
        .select(deliveries::id);
    let ids: Vec<String> = match conn {
        DbConnection::Postgres(pg) => due.for_update().skip_locked().load(pg),
        DbConnection::Sqlite(lite) => due.load(lite),
    }
    .map_err(from_diesel)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let token = DeliveryId::mint().into_string();
    diesel::update(deliveries::table.filter(deliveries::id.eq_any(&ids)))
        .set((
            deliveries::lease.eq(Some(&token)),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::next_attempt_at.eq(Some(now.plus(lease).naive_utc())),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    let rows: Vec<ClaimedRow> = deliveries::table
        .inner_join(endpoints::table)
        .filter(deliveries::id.eq_any(&ids))
        .select((
            deliveries::id,
            deliveries::event_id,
            deliveries::event_type,
            deliveries::attempts,
            deliveries::created_at,
            deliveries::body,
            endpoints::url,
            endpoints::secret_sealed,
            endpoints::previous_secret_sealed,
            endpoints::previous_secret_expires_at,
        ))
        .load(conn)
        .map_err(from_diesel)?;
    rows.into_iter()
        .map(
            |(id, event, kind, attempts, at, body, url, current, previous, until)| {
                Ok(DueDelivery {
                    id: stored_id(id, DeliveryId::try_from)?,
                    event_id: stored_id(event, WebhookEventId::try_from)?,
                    event_type: EventType::parse(&kind)
                        .ok_or_else(|| corrupt("event type", &kind))?,
                    event_at: Timestamp::from_naive_utc(at),
                    body,
                    url,
                    secrets: secrets(cipher, &current, previous.as_deref().zip(until), now)?,
                    attempt: u32::try_from(attempts).unwrap_or(1),
                    lease: token.clone(),
                })
            },
        )
        .collect()
}

/// Records an attempt if its lease still holds.
pub(super) fn record(
    conn: &mut DbConnection,
    delivery: &DueDelivery,
    attempt: &Attempt,
    next: Option<Timestamp>,
) -> Result<bool, RepoError> {
    let status = match (attempt.succeeded, next) {
        (true, _) => DeliveryStatus::Succeeded,
        (false, Some(_)) => DeliveryStatus::Pending,
        (false, None) => DeliveryStatus::Failed,
    };
    let next = if status == DeliveryStatus::Pending {
        next
    } else {
        None
    };
    let body = attempt.response_body.as_deref().map(|text| {
        let mut end = text.len().min(KEPT_BODY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_owned()
    });
    let written = diesel::update(
        deliveries::table.filter(
            deliveries::id
                .eq(delivery.id.as_str())
                .and(deliveries::lease.eq(&delivery.lease)),
        ),
    )
    .set((
        deliveries::status.eq(status.as_str()),
        deliveries::next_attempt_at.eq(next.map(Timestamp::naive_utc)),
        deliveries::lease.eq(None::<String>),
        deliveries::last_attempt_at.eq(Some(attempt.at.naive_utc())),
        deliveries::response_status.eq(attempt.response_status.map(i32::from)),
        deliveries::response_body.eq(body),
    ))
    .execute(conn)
    .map_err(from_diesel)?;
    Ok(written == 1)
}

/// Gives a claimed delivery back unattempted, if its lease still holds: due now, the attempt
/// the claim counted taken back.
pub(super) fn release(
    conn: &mut DbConnection,
    delivery: &DueDelivery,
    now: Timestamp,
) -> Result<bool, RepoError> {
    let released = diesel::update(
        deliveries::table.filter(
            deliveries::id
                .eq(delivery.id.as_str())
                .and(deliveries::lease.eq(&delivery.lease)),
        ),
    )
    .set((
        deliveries::attempts.eq(deliveries::attempts - 1),
        deliveries::next_attempt_at.eq(Some(now.naive_utc())),
        deliveries::lease.eq(None::<String>),
    ))
    .execute(conn)
    .map_err(from_diesel)?;
    Ok(released == 1)
}

/// Deletes up to `limit` done deliveries written before `before`.
pub(super) fn purge(
    conn: &mut DbConnection,
    before: Timestamp,
    limit: u32,
) -> Result<u64, RepoError> {
    let old: Vec<String> = deliveries::table
        .filter(deliveries::status.ne(DeliveryStatus::Pending.as_str()))
        .filter(deliveries::created_at.lt(before.naive_utc()))
        .select(deliveries::id)
        .limit(i64::from(limit))
        .load(conn)
        .map_err(from_diesel)?;
    if old.is_empty() {
        return Ok(0);
    }
    let deleted = diesel::delete(deliveries::table.filter(deliveries::id.eq_any(&old)))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(u64::try_from(deleted).unwrap_or(0))
}
