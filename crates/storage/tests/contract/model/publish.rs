//! The publisher's steps in the model: claims never hand out a link a live claim holds, and
//! a report is written exactly when its claim still holds a pending link (otherwise lost or
//! refused), moving the link as the model says.

use social_accounts_domain::publish::{ClaimRequest, ErrorCategory, Jitter, Policy, Report};
use social_accounts_domain::repository::{OnClaim, PublishRepository};
use social_accounts_domain::{Actor, ClaimId, LinkStatus, Platforms, Reach, Timestamp};
use social_accounts_storage::Store;

use super::Model;

/// A claim the model knows of: which API post's link it took, and how often that post had
/// been replaced then (a replace removes every claim on its links).
#[derive(Debug)]
pub(super) struct Hold {
    claim: ClaimId,
    post: usize,
    account: usize,
    replaced: usize,
}

/// Late enough for every post the model makes, with leases that never run out meanwhile.
fn now() -> Timestamp {
    Timestamp::parse("2099-06-01T00:00:00Z").unwrap()
}

pub(super) fn claim(store: &Store, model: &mut Model, limit: usize) {
    let request = ClaimRequest {
        limit: u32::try_from(limit % 5 + 1).unwrap(),
        lease_seconds: 3600,
        platforms: None,
    };
    let claimed = store
        .claim(
            &Reach::Instance,
            &request,
            &Platforms::all(),
            Policy::default(),
            now(),
        )
        .unwrap();
    for claim in claimed.claims {
        let account = model
            .accounts
            .iter()
            .position(|a| a.id == claim.account.id.as_str())
            .unwrap();
        let Some(post) = model
            .api_posts
            .iter()
            .position(|p| p.id == claim.post.id.as_str())
        else {
            // A seeded post's link: held, never reported (the model counts seeded links as
            // imported).
            model.seeded_holds += 1;
            continue;
        };
        let live = &model.api_posts[post];
        assert!(!live.deleted, "claimed a link of deleted {}", live.id);
        assert!(
            live.links.contains(&(account, LinkStatus::Pending)),
            "claimed a link of {} that is not pending",
            live.id
        );
        assert!(
            !model
                .holds
                .iter()
                .any(|h| h.post == post && h.account == account && h.replaced == live.replaced),
            "a link of {} was claimed twice",
            live.id
        );
        model.holds.push(Hold {
            claim: claim.claim_id,
            post,
            account,
            replaced: live.replaced,
        });
    }
}

pub(super) fn report(store: &Store, model: &mut Model, pick: usize, published: bool) {
    if model.holds.is_empty() {
        return;
    }
    let hold = model.holds.remove(pick % model.holds.len());
    let report = if published {
        Report::Published { live_link: None }
    } else {
        Report::Failed {
            error_message: "model failure".into(),
            category: ErrorCategory::Content,
            retryable: false,
        }
    };
    let written = store
        .report(
            &Reach::Instance,
            &hold.claim,
            &report,
            Policy::default(),
            Jitter::none(),
            &Actor::cli(),
            now(),
        )
        .unwrap();
    let post = &mut model.api_posts[hold.post];
    let gone =
        post.deleted || model.accounts[hold.account].deleted || post.replaced != hold.replaced;
    let link = post.links.iter_mut().find(|(a, _)| *a == hold.account);
    match (written, gone, link) {
        (OnClaim::LeaseLost, true, _) => {}
        (OnClaim::Conflict(_), false, Some((_, status))) => {
            assert_ne!(
                *status,
                LinkStatus::Pending,
                "refused a pending link's report"
            );
        }
        (OnClaim::Done(reported), false, Some((_, status))) => {
            assert_eq!(*status, LinkStatus::Pending);
            *status = if published {
                LinkStatus::Published
            } else {
                LinkStatus::Failed
            };
            assert_eq!(reported.link.status, *status);
        }
        (written, gone, link) => panic!("report: {written:?} (gone {gone}, link {link:?})"),
    }
}
