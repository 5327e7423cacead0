//! The publisher API's storage (docs/publisher-api.md): claims taken in one transaction
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the one writer on SQLite), heartbeats, reports
//! and releases accepted only from a link's latest claim, and the sweep of expired leases.
//! A link's publishing state lives beside its outcome in `scheduled_post_accounts`, so a
//! replace or a disconnect that removes the link removes every claim on it.

mod claim;
mod due;
mod held;
mod report;
mod sweep;

use social_accounts_domain::publish::{ClaimRequest, Jitter, Policy, Report};
use social_accounts_domain::repository::{
    Backlog, Claimed, Expired, OnClaim, PublishRepository, Reported,
};
use social_accounts_domain::{Actor, ClaimId, Platforms, Reach, RepoError, Timestamp};

use crate::Store;

impl PublishRepository for Store {
    fn claim(
        &self,
        reach: &Reach,
        request: &ClaimRequest,
        served: &Platforms,
        policy: Policy,
        now: Timestamp,
    ) -> Result<Claimed, RepoError> {
        let cipher = self.cipher()?;
        self.write(|conn| claim::claim(conn, cipher, reach, request, served, policy, now))
    }

    fn heartbeat(
        &self,
        reach: &Reach,
        claim: &ClaimId,
        lease_seconds: Option<u32>,
        now: Timestamp,
    ) -> Result<OnClaim<Timestamp>, RepoError> {
        self.write(|conn| report::heartbeat(conn, reach, claim, lease_seconds, now))
    }

    fn report(
        &self,
        reach: &Reach,
        claim: &ClaimId,
        outcome: &Report,
        policy: Policy,
        jitter: Jitter,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<OnClaim<Reported>, RepoError> {
        self.write(|conn| report::report(conn, reach, claim, outcome, policy, jitter, actor, now))
    }

    fn release(&self, reach: &Reach, claim: &ClaimId) -> Result<OnClaim<()>, RepoError> {
        self.write(|conn| report::release(conn, reach, claim))
    }

    fn expire_leases(&self, policy: Policy, now: Timestamp) -> Result<Expired, RepoError> {
        self.write(|conn| sweep::expire(conn, policy, now))
    }

    fn backlog(
        &self,
        served: &Platforms,
        policy: Policy,
        now: Timestamp,
    ) -> Result<Backlog, RepoError> {
        self.run(|conn| sweep::backlog(conn, served, policy, now))
    }
}
