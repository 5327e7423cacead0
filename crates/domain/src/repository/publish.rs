//! What the publisher API claims, extends, reports and releases, in domain terms: every
//! method bounded by the caller's [`Reach`] (a claim outside it does not exist).

use crate::publish::{Claim, ClaimRequest, Jitter, Policy, Report};
use crate::schedule::PostLink;
use crate::{Actor, ClaimId, Platforms, Reach, RepoError, ScheduledPostId, ShownStatus, Timestamp};

/// How a request on one claim went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnClaim<T> {
    /// Done; what it answers.
    Done(T),
    /// The claim holds no link: not the link's latest claim, the link is gone (its post
    /// replaced or deleted, its account disconnected), the claim is outside the caller's
    /// reach or never existed (409 `lease-lost`).
    LeaseLost,
    /// The link's latest claim, but the request contradicts what it already did: another
    /// outcome after a report or a release, or a heartbeat after the lease ran out (409).
    Conflict(&'static str),
}

/// The links one claim took, and how many expired leases it took over.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    /// The claims, oldest `scheduledAt` first, then post id, then link order.
    pub claims: Vec<Claim>,
    /// Links among them whose previous lease had expired unreported.
    pub expired: u64,
}

/// A report as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    /// The link's post.
    pub post_id: ScheduledPostId,
    /// The link after the report.
    pub link: PostLink,
    /// Counted attempts so far.
    pub attempts: u32,
    /// A retried link's earliest next attempt.
    pub next_attempt_at: Option<Timestamp>,
    /// The post's status after the report, as every API shows it.
    pub post_status: ShownStatus,
}

/// What a sweep of expired leases did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Expired {
    /// Links due again.
    pub due_again: u64,
    /// Links failed for good (their last allowed attempt expired).
    pub failed: u64,
}

/// The due backlog, for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Links due now.
    pub due: u64,
    /// The oldest due link's `scheduledAt`.
    pub oldest: Option<Timestamp>,
}

/// The publisher API's storage.
pub trait PublishRepository {
    /// Takes up to `request.limit` due links within reach on `served` platforms in one
    /// transaction, each under a lease of its own; no link is ever in two live leases.
    fn claim(
        &self,
        reach: &Reach,
        request: &ClaimRequest,
        served: &Platforms,
        policy: Policy,
        now: Timestamp,
    ) -> Result<Claimed, RepoError>;

    /// Extends a live lease by `lease_seconds` from `now` (`None`: the claim's own length);
    /// answers the new expiry.
    fn heartbeat(
        &self,
        reach: &Reach,
        claim: &ClaimId,
        lease_seconds: Option<u32>,
        now: Timestamp,
    ) -> Result<OnClaim<Timestamp>, RepoError>;

    /// Writes a report of the link's latest claim, with its audit event; the same report
    /// again answers the same.
    #[expect(clippy::too_many_arguments, reason = "each is one input of the report")]
    fn report(
        &self,
        reach: &Reach,
        claim: &ClaimId,
        report: &Report,
        policy: Policy,
        jitter: Jitter,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<OnClaim<Reported>, RepoError>;

    /// Gives the link back unpublished: its attempt is not counted, it is due again at once.
    fn release(&self, reach: &Reach, claim: &ClaimId) -> Result<OnClaim<()>, RepoError>;

    /// Ends every lease expired at `now` without a report: the link is due again, or fails
    /// when that was its last allowed attempt.
    fn expire_leases(&self, policy: Policy, now: Timestamp) -> Result<Expired, RepoError>;

    /// How many links on `served` platforms are due at `now`, and the oldest one's time.
    fn backlog(
        &self,
        served: &Platforms,
        policy: Policy,
        now: Timestamp,
    ) -> Result<Backlog, RepoError>;
}
