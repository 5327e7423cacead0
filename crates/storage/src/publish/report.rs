//! Heartbeats, reports and releases of one claim: accepted only from the link's latest claim.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use social_accounts_domain::publish::{
    DEFAULT_LEASE_SECONDS, Jitter, Policy, PreviousOutcome, RELEASED, Report, after_report,
};
use social_accounts_domain::repository::{OnClaim, Reported};
use social_accounts_domain::schedule::PostLink;
use social_accounts_domain::{
    AccessTokenStatus, Actor, AuditAction, ClaimId, LinkStatus, NewAuditEvent, OrganizationId,
    PostStatus, Reach, RepoError, ScheduledPostId, SocialAccountId, Target, Timestamp, WorkspaceId,
};

use super::held::{Held, Place, held, lock_around, place};
use crate::errors::{corrupt, from_diesel};
use crate::models::stored_id;
use crate::schema::{
    scheduled_post_accounts as links, scheduled_posts as posts, social_accounts as accounts,
};
use crate::webhooks::account_events::publisher_auth_failed;
use crate::webhooks::post_events::link_settled;
use crate::{DbConnection, audit};

const DONE_ALREADY: &str = "This claim was already reported or released with another outcome";
const NOT_PENDING: &str = "The link is no longer pending: it was set by other means";

/// Extends a live lease.
pub(super) fn heartbeat(
    conn: &mut DbConnection,
    reach: &Reach,
    claim: &ClaimId,
    lease_seconds: Option<u32>,
    now: Timestamp,
) -> Result<OnClaim<Timestamp>, RepoError> {
    if place(conn, reach, claim)?.is_none() {
        return Ok(OnClaim::LeaseLost);
    }
    let Some(link) = held(conn, claim)? else {
        return Ok(OnClaim::LeaseLost);
    };
    if link.claim_report.is_some() {
        return Ok(OnClaim::Conflict(DONE_ALREADY));
    }
    let live = link
        .lease_expires_at
        .is_some_and(|at| Timestamp::from_naive_utc(at) > now);
    if !live {
        return Ok(OnClaim::LeaseLost);
    }
    let seconds = lease_seconds
        .or_else(|| link.lease_seconds.and_then(|s| u32::try_from(s).ok()))
        .unwrap_or(DEFAULT_LEASE_SECONDS);
    let expires = now.plus(Duration::from_secs(u64::from(seconds)));
    diesel::update(links::table.filter(links::claim_id.eq(claim.as_str())))
        .set((
            links::lease_expires_at.eq(expires.naive_utc()),
            links::lease_seconds.eq(i32::try_from(seconds).unwrap_or(i32::MAX)),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(OnClaim::Done(expires))
}

/// Gives a held link back: the attempt is not counted.
pub(super) fn release(
    conn: &mut DbConnection,
    reach: &Reach,
    claim: &ClaimId,
) -> Result<OnClaim<()>, RepoError> {
    if place(conn, reach, claim)?.is_none() {
        return Ok(OnClaim::LeaseLost);
    }
    let Some(link) = held(conn, claim)? else {
        return Ok(OnClaim::LeaseLost);
    };
    match link.claim_report.as_deref() {
        Some(RELEASED) => return Ok(OnClaim::Done(())),
        Some(_) => return Ok(OnClaim::Conflict(DONE_ALREADY)),
        None => {}
    }
    if link.status != LinkStatus::Pending.as_str() {
        return Ok(OnClaim::Conflict(NOT_PENDING));
    }
    if link.lease_expires_at.is_none() {
        // The sweep ended the lease already and counted the attempt.
        return Ok(OnClaim::LeaseLost);
    }
    diesel::update(links::table.filter(links::claim_id.eq(claim.as_str())))
        .set((
            links::attempts.eq(links::attempts - 1),
            links::lease_expires_at.eq(None::<NaiveDateTime>),
            links::claim_report.eq(RELEASED),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    Ok(OnClaim::Done(()))
}

/// Writes a report, with its audit event; the same report again answers the same.
#[expect(clippy::too_many_arguments, reason = "each is one input of the report")]
pub(super) fn report(
    conn: &mut DbConnection,
    reach: &Reach,
    claim: &ClaimId,
    report: &Report,
    policy: Policy,
    jitter: Jitter,
    actor: &Actor,
    now: Timestamp,
) -> Result<OnClaim<Reported>, RepoError> {
    let Some(place) = place(conn, reach, claim)? else {
        return Ok(OnClaim::LeaseLost);
    };
    if !lock_around(conn, &place)? {
        return Ok(OnClaim::LeaseLost);
    }
    let Some(link) = held(conn, claim)? else {
        return Ok(OnClaim::LeaseLost);
    };
    let canonical = report.canonical();
    match link.claim_report.as_deref() {
        Some(stored) if stored == canonical => {
            return answer(conn, &place, link).map(OnClaim::Done);
        }
        Some(_) => return Ok(OnClaim::Conflict(DONE_ALREADY)),
        None => {}
    }
    if link.status != LinkStatus::Pending.as_str() {
        return Ok(OnClaim::Conflict(NOT_PENDING));
    }
    let attempt = u32::try_from(link.attempts).unwrap_or(0);
    let change = after_report(report, attempt, policy, now, jitter);
    diesel::update(links::table.filter(links::claim_id.eq(claim.as_str())))
        .set((
            links::status.eq(change.status.as_str()),
            links::live_link.eq(change.live_link.as_deref()),
            links::error_message.eq(change.error_message.as_deref()),
            links::published_at.eq(change.published_at.map(Timestamp::naive_utc)),
            links::next_attempt_at.eq(change.next_attempt_at.map(Timestamp::naive_utc)),
            links::lease_expires_at.eq(None::<NaiveDateTime>),
            links::claim_report.eq(&canonical),
            // What the next claim says; a link done for good has no next claim.
            links::previous_outcome.eq(change.previous_outcome.map(PreviousOutcome::as_str)),
        ))
        .execute(conn)
        .map_err(from_diesel)?;
    diesel::update(posts::table.find(&place.post))
        .set(posts::updated_at.eq(now.naive_utc()))
        .execute(conn)
        .map_err(from_diesel)?;
    if change.token_expired {
        diesel::update(accounts::table.find(&place.account))
            .set((
                accounts::access_token_status.eq(AccessTokenStatus::Expired.as_str()),
                accounts::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)
            .map_err(from_diesel)?;
        let (org, ws) = (&place.organization, &place.workspace);
        publisher_auth_failed(conn, org, ws, &place.account, now)?;
    }
    link_settled(conn, &place.post, &place.account, LinkStatus::Pending, now)?;
    audit::record(
        conn,
        &NewAuditEvent {
            organization_id: Some(stored_id(
                place.organization.clone(),
                OrganizationId::try_from,
            )?),
            workspace_id: Some(stored_id(place.workspace.clone(), WorkspaceId::try_from)?),
            actor: actor.clone(),
            action: AuditAction::LinkReported,
            target: Target {
                kind: "link",
                id: format!("{}:{}", place.post, place.account),
            },
            details: Vec::new(),
        },
        now,
    )?;
    let written = Held {
        status: change.status.as_str().to_owned(),
        claim_report: Some(canonical),
        live_link: change.live_link,
        error_message: change.error_message,
        published_at: change.published_at.map(Timestamp::naive_utc),
        next_attempt_at: change.next_attempt_at.map(Timestamp::naive_utc),
        lease_expires_at: None,
        ..link
    };
    answer(conn, &place, written).map(OnClaim::Done)
}

/// The answer to a report: the link as it stands and its post's status.
fn answer(conn: &mut DbConnection, place: &Place, link: Held) -> Result<Reported, RepoError> {
    // The post's status beside each of its links' (the reported one among them).
    let rows: Vec<(String, String)> = links::table
        .inner_join(posts::table)
        .filter(links::scheduled_post_id.eq(&place.post))
        .select((posts::status, links::status))
        .load(conn)
        .map_err(from_diesel)?;
    let stored = rows.first().map_or("", |(post, _)| post.as_str());
    let stored = PostStatus::parse(stored).ok_or_else(|| corrupt("post status", stored))?;
    let statuses = rows
        .iter()
        .map(|(_, raw)| LinkStatus::parse(raw).ok_or_else(|| corrupt("link status", raw)))
        .collect::<Result<Vec<_>, _>>()?;
    let status =
        LinkStatus::parse(&link.status).ok_or_else(|| corrupt("link status", &link.status))?;
    Ok(Reported {
        post_id: stored_id(place.post.clone(), ScheduledPostId::try_from)?,
        link: PostLink {
            account_id: stored_id(place.account.clone(), SocialAccountId::try_from)?,
            status,
            live_link: link.live_link,
            error_message: link.error_message,
            published_at: link.published_at.map(Timestamp::from_naive_utc),
        },
        attempts: u32::try_from(link.attempts).unwrap_or(0),
        next_attempt_at: link.next_attempt_at.map(Timestamp::from_naive_utc),
        post_status: stored.shown(statuses),
    })
}
