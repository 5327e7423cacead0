//! Webhook endpoints, their deliveries and the background work that sends them, in domain
//! terms. Every operator method is bounded by the caller's [`Reach`]; every endpoint change
//! records its audit event in its own transaction.

use std::time::Duration;

use crate::webhooks::bodies::{EndpointPatch, NewEndpoint};
use crate::webhooks::{EventFilter, EventType, WebhookSecret};
use crate::wire_enum::wire_enum;
use crate::{
    Actor, DeliveryId, OrganizationId, Page, PageRequest, Reach, RepoError, Timestamp,
    WebhookEventId, WebhookId,
};

/// A registered endpoint, as the operator API shows it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The endpoint id.
    pub id: WebhookId,
    /// Whose events it receives.
    pub organization_id: OrganizationId,
    /// Where they are sent.
    pub url: String,
    /// Which of them.
    pub filter: EventFilter,
    /// The operator's note.
    pub description: Option<String>,
    /// A disabled endpoint gets no new deliveries (those pending wait until it is enabled).
    pub enabled: bool,
    /// Until when the secret replaced by the last rotation still signs too.
    pub previous_secret_expires_at: Option<Timestamp>,
    /// When it was registered.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

wire_enum! {
    /// Where a delivery stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DeliveryStatus {
        /// Not yet answered with a 2xx, with attempts left.
        Pending = "pending",
        /// Answered with a 2xx.
        Succeeded = "succeeded",
        /// Every attempt of the retry schedule failed.
        Failed = "failed",
    }
}

/// One event on its way to one endpoint, as the delivery log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The delivery id.
    pub id: DeliveryId,
    /// The event (`webhook-id`).
    pub event_id: WebhookEventId,
    /// Its type.
    pub event_type: EventType,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the last one started.
    pub last_attempt_at: Option<Timestamp>,
    /// When the next one is due (pending only).
    pub next_attempt_at: Option<Timestamp>,
    /// The last answer's status code (none after a timeout or a refused connection).
    pub response_status: Option<u16>,
    /// The first KiB of the last answer's body, or what went wrong.
    pub response_body: Option<String>,
    /// When the event was written.
    pub created_at: Timestamp,
}

/// A delivery claimed for one attempt: everything the sender needs, and the lease it holds.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    /// The delivery.
    pub id: DeliveryId,
    /// The event id (`webhook-id`).
    pub event_id: WebhookEventId,
    /// The event's type, for logs and metrics.
    pub event_type: EventType,
    /// The event's timestamp (`webhook-timestamp` is the attempt's time instead).
    pub event_at: Timestamp,
    /// The body, byte for byte as signed.
    pub body: String,
    /// The endpoint's URL.
    pub url: String,
    /// The secrets that sign: the current one, and the previous one within its overlap.
    pub secrets: Vec<WebhookSecret>,
    /// Which attempt this is (1-based).
    pub attempt: u32,
    /// The lease: only the claim holding it may record the attempt.
    pub lease: String,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// When it started (the delivery log's `lastAttemptAt`).
    pub at: Timestamp,
    /// A 2xx within the timeout.
    pub succeeded: bool,
    /// The status code, when an answer came.
    pub response_status: Option<u16>,
    /// The first KiB of the answer, or why there was none (`timed out`, `address not allowed`).
    pub response_body: Option<String>,
}

/// What became of one claimed delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It was sent; `next` is when to try again after a failure (`None`: no more attempts).
    Attempted {
        /// What the attempt came to.
        attempt: Attempt,
        /// When the next attempt is due.
        next: Option<Timestamp>,
    },
    /// It was not sent (the batch ran out of lease before its turn): it is given back.
    NotAttempted,
}

/// What one run of the expiry sweep emitted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExpirySweep {
    /// `social_account.token_expiring` events.
    pub expiring: u64,
    /// `social_account.reauth_required` events.
    pub reauth_required: u64,
}

/// Endpoints (operator API), deliveries (the background sender) and the expiry sweep.
pub trait WebhookRepository {
    /// Registers an endpoint in an organization within reach, with a fresh secret (the only
    /// time it is returned); `None` when the organization is not within reach.
    fn create_endpoint(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        new: &NewEndpoint,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<(Endpoint, WebhookSecret)>, RepoError>;

    /// A page of an organization's endpoints, oldest first; `None` when it is not within reach.
    fn endpoints(
        &self,
        reach: &Reach,
        organization: &OrganizationId,
        page: &PageRequest,
    ) -> Result<Option<Page<Endpoint>>, RepoError>;

    /// One endpoint within reach.
    fn endpoint(&self, reach: &Reach, id: &WebhookId) -> Result<Option<Endpoint>, RepoError>;

    /// Changes an endpoint within reach (an empty patch writes nothing).
    fn update_endpoint(
        &self,
        reach: &Reach,
        id: &WebhookId,
        patch: &EndpointPatch,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Endpoint>, RepoError>;

    /// Deletes an endpoint within reach with its deliveries; the endpoint as it was.
    fn delete_endpoint(
        &self,
        reach: &Reach,
        id: &WebhookId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<Endpoint>, RepoError>;

    /// Replaces the secret; the old one also signs until `now + overlap`.
    fn rotate_secret(
        &self,
        reach: &Reach,
        id: &WebhookId,
        overlap: Duration,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Option<(Endpoint, WebhookSecret)>, RepoError>;

    /// Writes a `webhook.test` event with one delivery, to this endpoint only (even disabled
    /// or filtered out: it was asked for).
    fn enqueue_test(
        &self,
        reach: &Reach,
        id: &WebhookId,
        now: Timestamp,
    ) -> Result<Option<(WebhookEventId, DeliveryId)>, RepoError>;

    /// A page of an endpoint's deliveries, oldest first.
    fn deliveries(
        &self,
        reach: &Reach,
        id: &WebhookId,
        status: Option<DeliveryStatus>,
        page: &PageRequest,
    ) -> Result<Option<Page<Delivery>>, RepoError>;

    /// Makes a delivery due now (a `failed` one gets one more attempt); `None` when the
    /// endpoint or the delivery is not there.
    fn retry_delivery(
        &self,
        reach: &Reach,
        id: &WebhookId,
        delivery: &DeliveryId,
        now: Timestamp,
    ) -> Result<Option<Delivery>, RepoError>;

    /// Claims up to `limit` due deliveries of enabled endpoints for one attempt each, leased
    /// for `lease`: no other claim takes them until it ends.
    fn claim_deliveries(
        &self,
        limit: u32,
        lease: Duration,
        now: Timestamp,
    ) -> Result<Vec<DueDelivery>, RepoError>;

    /// Records what came of a claimed batch, in one transaction: each attempt made (`next`:
    /// when to try again; `None` fails the delivery unless it succeeded), and each delivery
    /// not attempted (given back, due now, its attempt not counted). Per delivery, whether its
    /// lease still held (nothing is written for one that lost it).
    fn record_attempts(
        &self,
        results: &[(DueDelivery, Outcome)],
        now: Timestamp,
    ) -> Result<Vec<bool>, RepoError>;

    /// Deletes up to `limit` deliveries that are done (succeeded or failed) and were written
    /// before `before`; how many. Pending ones stay whatever their age.
    fn purge_deliveries(&self, before: Timestamp, limit: u32) -> Result<u64, RepoError>;

    /// Emits `token_expiring` for accounts whose token expires within `warning` (once per
    /// account and expiry) and `reauth_required` for tokens that expired (once per change of
    /// state). Safe to run from every instance at once: each event is written once.
    fn sweep_token_expiry(
        &self,
        warning: Duration,
        now: Timestamp,
    ) -> Result<ExpirySweep, RepoError>;
}
