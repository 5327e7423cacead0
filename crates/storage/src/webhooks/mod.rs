//! Webhooks: endpoints (operator API), the outbox every change writes to, deliveries claimed
//! under a lease by every instance's sender, and the token expiry sweep.

pub(crate) mod account_events;
mod deliveries;
mod endpoint_rows;
mod expiry;
pub(crate) mod outbox;
pub(crate) mod post_events;

use std::time::Duration;

use diesel::prelude::*;
use social_accounts_domain::repository::{
    Delivery, DeliveryStatus, DueDelivery, Endpoint, ExpirySweep, Outcome, WebhookRepository,
};
use social_accounts_domain::webhooks::bodies::{EndpointPatch, NewEndpoint};
use social_accounts_domain::webhooks::{Event, EventType, WebhookSecret};
use social_accounts_domain::{
    Actor, AuditAction, Cursor, DeliveryId, OrganizationId, Page, PageRequest, Reach, RepoError,
    Timestamp, WebhookEventId, WebhookId,
};

use crate::Store;
use crate::errors::from_diesel;
use crate::filters::{after, in_reach};
use crate::provision::organization_in_reach;
use crate::schema::webhook_endpoints as endpoints;
use endpoint_rows::{EndpointRow, one, record};

impl WebhookRepository for Store {
    fn create_endpoint(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        new: &NewEndpoint,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<(Endpoint, WebhookSecret)>, RepoError> {
        let secret = WebhookSecret::mint();
        let sealed = self.cipher()?.seal(secret.expose());
        let id = WebhookId::mint();
        self.write(|conn| {
            if !organization_in_reach(conn, reach, organization)? {
                return Ok(None);
            }
            diesel::insert_into(endpoints::table)
                .values((
                    endpoints::id.eq(id.as_str()),
                    endpoints::organization_id.eq(organization.as_str()),
                    endpoints::url.eq(new.url.as_str()),
                    endpoints::events.eq(new.filter.stored()),
                    endpoints::description.eq(new.description.as_deref()),
                    endpoints::enabled.eq(true),
                    endpoints::secret_sealed.eq(&sealed),
                    endpoints::created_at.eq(now.naive_utc()),
                    endpoints::updated_at.eq(now.naive_utc()),
                ))
                .execute(conn)
                .map_err(from_diesel)?;
            let endpoint = one(conn, reach, &id)?
                .ok_or_else(|| RepoError::internal("a registered endpoint is not there"))?;
            record(conn, &endpoint, AuditAction::WebhookCreated, actor, now)?;
            Ok(Some((endpoint, secret.clone())))
        })
    }

    fn endpoints(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<Endpoint>>, RepoError> {
        self.run(|conn| {
            if !organization_in_reach(conn, reach, organization)? {
                return Ok(None);
            }
            let rows: Vec<EndpointRow> = endpoints::table
                .filter(endpoints::organization_id.eq(organization.as_str()))
                .filter(after(
                    endpoints::created_at,
                    endpoints::id,
                    page.after.as_ref(),
                ))
                .order((endpoints::created_at.asc(), endpoints::id.asc()))
                .limit(page.rows_to_read())
                .select(EndpointRow::as_select())
                .load(conn)
                .map_err(from_diesel)?;
            let items = rows
                .into_iter()
                .map(EndpointRow::into_domain)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(page.page(items, |endpoint| Cursor {
                at: endpoint.created_at,
                id: endpoint.id.as_str().to_owned(),
            })))
        })
    }

    fn endpoint(&self, reach: &Reach, id: &WebhookId) -> Result<Option<Endpoint>, RepoError> {
        self.run(|conn| one(conn, reach, id))
    }

    fn update_endpoint(
        &self,
        reach: &Reach,
        id: &WebhookId,
        patch: &EndpointPatch,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Endpoint>, RepoError> {
        if patch.is_empty() {
            return self.endpoint(reach, id);
        }
        self.write(|conn| {
            let target = endpoints::table
                .find(id.as_str())
                .filter(in_reach(endpoints::organization_id, reach));
            let changed = diesel::update(target)
                .set((
                    patch
                        .url
                        .as_ref()
                        .map(|url| endpoints::url.eq(url.as_str().to_owned())),
                    patch
                        .filter
                        .as_ref()
                        .map(|filter| endpoints::events.eq(filter.stored())),
                    patch.enabled.map(|enabled| endpoints::enabled.eq(enabled)),
                    patch
                        .description
                        .as_ref()
                        .map(|text| endpoints::description.eq(text.clone())),
                    endpoints::updated_at.eq(now.naive_utc()),
                ))
                .execute(conn)
                .map_err(from_diesel)?;
            if changed == 0 {
                return Ok(None);
            }
            let endpoint = one(conn, reach, id)?;
            if let Some(endpoint) = &endpoint {
                record(conn, endpoint, AuditAction::WebhookUpdated, actor, now)?;
            }
            Ok(endpoint)
        })
    }

    fn delete_endpoint(
        &self,
        reach: &Reach,
        id: &WebhookId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Endpoint>, RepoError> {
        self.write(|conn| {
            let Some(endpoint) = one(conn, reach, id)? else {
                return Ok(None);
            };
            // Its deliveries go by ON DELETE CASCADE; events nobody else receives stay as the
            // trail of what was sent.
            diesel::delete(endpoints::table.find(id.as_str()))
                .execute(conn)
                .map_err(from_diesel)?;
            record(conn, &endpoint, AuditAction::WebhookDeleted, actor, now)?;
            Ok(Some(endpoint))
        })
    }

    fn rotate_secret(
        &self,
        reach: &Reach,
        id: &WebhookId,
        overlap: Duration,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<(Endpoint, WebhookSecret)>, RepoError> {
        let secret = WebhookSecret::mint();
        let sealed = self.cipher()?.seal(secret.expose());
        self.write(|conn| {
            let target = endpoints::table
                .find(id.as_str())
                .filter(in_reach(endpoints::organization_id, reach));
            let changed = diesel::update(target)
                .set((
                    endpoints::previous_secret_sealed.eq(endpoints::secret_sealed.nullable()),
                    endpoints::previous_secret_expires_at.eq(Some(now.plus(overlap).naive_utc())),
                    endpoints::secret_sealed.eq(&sealed),
                    endpoints::updated_at.eq(now.naive_utc()),
                ))
                .execute(conn)
                .map_err(from_diesel)?;
            if changed == 0 {
                return Ok(None);
            }
            let endpoint = one(conn, reach, id)?
                .ok_or_else(|| RepoError::internal("a rotated endpoint is not there"))?;
            record(
                conn,
                &endpoint,
                AuditAction::WebhookSecretRotated,
                actor,
                now,
            )?;
            Ok(Some((endpoint, secret.clone())))
        })
    }

    fn enqueue_test(
        &self,
        reach: &Reach,
        id: &WebhookId,
        now: Timestamp,
    ) -> Result<Option<(WebhookEventId, DeliveryId)>, RepoError> {
        self.write(|conn| {
            let Some(endpoint) = one(conn, reach, id)? else {
                return Ok(None);
            };
            let event = Event::new(
                endpoint.organization_id.clone(),
                EventType::WebhookTest,
                now,
                outbox::data([("webhookId", endpoint.id.as_str().into())]),
            );
            let delivery = outbox::write_one(conn, &event, endpoint.id.as_str())?;
            Ok(Some((event.id, delivery)))
        })
    }

    fn deliveries(
        &self,
        reach: &Reach,
        id: &WebhookId,
        status: Option<DeliveryStatus>,
        page: &PageRequest,
    ) -> Result<Option<Page<Delivery>>, RepoError> {
        self.run(|conn| deliveries::page(conn, reach, id, status, page))
    }

    fn retry_delivery(
        &self,
        reach: &Reach,
        id: &WebhookId,
        delivery: &DeliveryId,
        now: Timestamp,
    ) -> Result<Option<Delivery>, RepoError> {
        self.write(|conn| deliveries::retry(conn, reach, id, delivery, now))
    }

    fn claim_deliveries(
        &self,
        limit: u32,
        lease: Duration,
        now: Timestamp,
    ) -> Result<Vec<DueDelivery>, RepoError> {
        if !self.run(|conn| deliveries::any_due(conn, now))? {
            return Ok(Vec::new());
        }
        let cipher = self.cipher()?;
        self.write(|conn| deliveries::claim(conn, cipher, limit, lease, now))
    }

    fn record_attempts(
        &self,
        results: &[(DueDelivery, Outcome)],
        now: Timestamp,
    ) -> Result<Vec<bool>, RepoError> {
        self.write(|conn| {
            results
                .iter()
                .map(|(delivery, outcome)| match outcome {
                    Outcome::Attempted { attempt, next } => {
                        deliveries::record(conn, delivery, attempt, *next)
                    }
                    Outcome::NotAttempted => deliveries::release(conn, delivery, now),
                })
                .collect()
        })
    }

    fn purge_deliveries(&self, before: Timestamp, limit: u32) -> Result<u64, RepoError> {
        self.write(|conn| deliveries::purge(conn, before, limit))
    }

    fn sweep_token_expiry(
        &self,
        warning: Duration,
        now: Timestamp,
    ) -> Result<ExpirySweep, RepoError> {
        self.write(|conn| expiry::sweep(conn, warning, now))
    }
}
