//! The model's scheduled posts: created, replaced and deleted through the store as the API
//! does, reported on by a publisher, and checked against the store after every step.

use serde_json::json;
use social_accounts_domain::Actor;
use social_accounts_domain::repository::{ReplaceOutcome, ScheduleRepository};
use social_accounts_domain::schedule::{LinkReport, PostRequest};
use social_accounts_domain::{LinkStatus, Platforms, ScheduledPostId, SocialAccountId, Timestamp};
use social_accounts_storage::Store;

use super::{Model, ws_scope};

/// One post made through the store.
pub(super) struct Post {
    pub(super) id: String,
    pub(super) ws: usize,
    /// (index of the account in `Model::accounts`, status), in link order.
    pub(super) links: Vec<(usize, LinkStatus)>,
    pub(super) deleted: bool,
    /// Replaces so far (each removes every claim on the post's links).
    pub(super) replaced: usize,
}

/// The body of a post linking the model's accounts `picks` (duplicates collapse).
fn request(model: &Model, ws: usize, picks: &[usize], draft: bool) -> PostRequest {
    let ids: Vec<&str> = picks
        .iter()
        .map(|p| model.accounts[p % model.accounts.len()].id.as_str())
        .collect();
    let body = json!({
        "status": if draft { "DRAFT" } else { "SCHEDULED" },
        "scheduledAt": "2099-01-01T00:00:00Z",
        "designId": if draft { None } else { Some(format!("design{ws}")) },
        "postContent": { "common": "model" },
        "selectedAccounts": ids,
        "linkedinPostSettings": { "postType": "image" },
    });
    PostRequest::parse(&body, &Platforms::contract()).unwrap()
}

/// The links the model expects for `picks` in workspace `ws`, or `None` when one of them is
/// not a live account of `ws` (the store must refuse the post).
fn expected_links(
    model: &Model,
    ws: usize,
    picks: &[usize],
    draft: bool,
) -> Option<Vec<(usize, LinkStatus)>> {
    let status = if draft {
        LinkStatus::Draft
    } else {
        LinkStatus::Pending
    };
    let mut links: Vec<(usize, LinkStatus)> = Vec::new();
    for pick in picks {
        let index = pick % model.accounts.len();
        let account = &model.accounts[index];
        if account.ws != ws || account.deleted {
            return None;
        }
        if !links.iter().any(|(i, _)| *i == index) {
            links.push((index, status));
        }
    }
    Some(links)
}

pub(super) fn create(store: &Store, model: &mut Model, ws: usize, picks: &[usize], draft: bool) {
    if model.accounts.is_empty() {
        return;
    }
    let outcome = store
        .create_post(
            &ws_scope(ws),
            request(model, ws, picks, draft),
            None,
            Timestamp::now(),
        )
        .unwrap();
    match (outcome, expected_links(model, ws, picks, draft)) {
        (Ok(post), Some(links)) => {
            // The answer is built from what was written; it must be what is stored.
            let stored = store.read_post(&ws_scope(ws), &post.id).unwrap();
            assert_eq!(stored.as_ref(), Some(&post), "create as ws{ws}");
            model.api_posts.push(Post {
                id: post.id.into_string(),
                ws,
                links,
                deleted: false,
                replaced: 0,
            });
        }
        (Err(violation), None) => {
            assert_eq!(
                violation.0,
                "Selected accounts must belong to your workspace"
            );
        }
        (outcome, expected) => panic!("create as ws{ws}: {outcome:?}, expected links {expected:?}"),
    }
}

pub(super) fn replace(
    store: &Store,
    model: &mut Model,
    (ws, pick): (usize, usize),
    picks: &[usize],
    draft: bool,
) {
    if model.accounts.is_empty() || model.api_posts.is_empty() {
        return;
    }
    let index = pick % model.api_posts.len();
    let id = ScheduledPostId::parse(&model.api_posts[index].id).unwrap();
    let outcome = store
        .replace_post(
            &ws_scope(ws),
            &id,
            request(model, ws, picks, draft),
            Timestamp::now(),
        )
        .unwrap();
    let post = &model.api_posts[index];
    let visible = post.ws == ws && !post.deleted;
    match (outcome, visible, expected_links(model, ws, picks, draft)) {
        (ReplaceOutcome::NotFound, false, _) | (ReplaceOutcome::Refused(_), true, None) => {}
        (ReplaceOutcome::Replaced(answered), true, Some(links)) => {
            let stored = store.read_post(&ws_scope(ws), &id).unwrap();
            assert_eq!(stored.as_ref(), Some(&*answered), "replace {id} as ws{ws}");
            model.api_posts[index].links = links;
            model.api_posts[index].replaced += 1;
        }
        (outcome, visible, links) => {
            panic!("replace {id} as ws{ws}: {outcome:?} (visible {visible}, links {links:?})")
        }
    }
}

pub(super) fn delete(store: &Store, model: &mut Model, ws: usize, pick: usize) {
    if model.api_posts.is_empty() {
        return;
    }
    let index = pick % model.api_posts.len();
    let post = &model.api_posts[index];
    let id = ScheduledPostId::parse(&post.id).unwrap();
    let visible = post.ws == ws && !post.deleted;
    assert_eq!(
        store
            .delete_post(&ws_scope(ws), &id, Timestamp::now())
            .unwrap(),
        visible,
        "delete {id} as ws{ws}"
    );
    if visible {
        model.api_posts[index].deleted = true;
    }
}

pub(super) fn report(store: &Store, model: &mut Model, pick: usize, link: usize, published: bool) {
    if model.api_posts.is_empty() {
        return;
    }
    let index = pick % model.api_posts.len();
    let live_links: Vec<usize> = model.api_posts[index]
        .links
        .iter()
        .map(|(account, _)| *account)
        .filter(|account| !model.accounts[*account].deleted)
        .collect();
    let Some(account) = live_links.get(link % live_links.len().max(1)).copied() else {
        return;
    };
    let post = &model.api_posts[index];
    let (status, live, error) = if published {
        ("PUBLISHED", Some("https://example.com/p"), None)
    } else {
        ("FAILED", None, Some("model failure"))
    };
    let now = Timestamp::now();
    let report = LinkReport::new(status, live, error, now).unwrap();
    let found = store
        .report_link(
            &ScheduledPostId::parse(&post.id).unwrap(),
            &SocialAccountId::parse(&model.accounts[account].id).unwrap(),
            &report,
            &Actor::cli(),
            now,
        )
        .unwrap();
    assert_eq!(found, !post.deleted, "report on {}", post.id);
    if !post.deleted {
        for link in &mut model.api_posts[index].links {
            if link.0 == account {
                link.1 = report.status;
            }
        }
    }
}

/// Every post the store holds is the model's: links in order with their statuses, minus
/// the accounts since deleted; deleted posts are gone; other workspaces see nothing.
pub(super) fn check(store: &Store, model: &Model) {
    for post in &model.api_posts {
        let id = ScheduledPostId::parse(&post.id).unwrap();
        let found = store.read_post(&ws_scope(post.ws), &id).unwrap();
        if post.deleted {
            assert!(found.is_none(), "{} was deleted", post.id);
            continue;
        }
        let found = found.unwrap_or_else(|| panic!("{} is missing", post.id));
        let links: Vec<(String, LinkStatus)> = found
            .links
            .iter()
            .map(|l| (l.account_id.to_string(), l.status))
            .collect();
        let expected: Vec<(String, LinkStatus)> = post
            .links
            .iter()
            .filter(|(account, _)| !model.accounts[*account].deleted)
            .map(|(account, status)| (model.accounts[*account].id.clone(), *status))
            .collect();
        assert_eq!(links, expected, "links of {}", post.id);
        let other = (post.ws + 1) % super::WORKSPACES;
        assert!(store.read_post(&ws_scope(other), &id).unwrap().is_none());
    }
}

/// The statuses of the model's API-made links to account `index`.
pub(super) fn statuses_of(model: &Model, index: usize) -> Vec<LinkStatus> {
    model
        .api_posts
        .iter()
        .filter(|post| !post.deleted)
        .flat_map(|post| post.links.iter())
        .filter(|(account, _)| *account == index)
        .map(|(_, status)| *status)
        .collect()
}
