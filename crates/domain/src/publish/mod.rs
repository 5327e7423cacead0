//! The publisher API's rules (the `publish` feature): what a claim carries ([`Claim`]), how a
//! report or an expired lease changes a link ([`after_report`], [`after_expiry`]), the
//! backoff between attempts ([`backoff`]) and the request bodies ([`bodies`]). Which links
//! are due is decided in SQL by the storage; the parts of it that are not SQL (the attempt
//! limit, the lease bounds) are here.

pub mod bodies;
mod claim;
mod decide;
mod outcome;

pub use claim::{
    Claim, ClaimRequest, ClaimedAccount, ClaimedPost, DEFAULT_CLAIM_LIMIT, DEFAULT_LEASE_SECONDS,
    MAX_CLAIM_LIMIT, MAX_LEASE_SECONDS, MIN_LEASE_SECONDS, PreviousAttempt,
};
pub use decide::{
    DID_NOT_COMPLETE, ExpiryChange, Jitter, LinkChange, Policy, after_expiry, after_report, backoff,
};
pub use outcome::{ErrorCategory, PreviousOutcome, RELEASED, Report};
