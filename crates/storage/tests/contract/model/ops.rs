//! The model test's steps, and how often each is drawn.

use proptest::prelude::*;

use super::{WORKSPACES, connections};

#[derive(Debug, Clone)]
pub(super) enum Op {
    /// Import `accounts` new accounts into a workspace, each with `links` links.
    Seed {
        ws: usize,
        accounts: usize,
        links: usize,
    },
    List {
        ws: usize,
    },
    /// Read the `pick`-th account ever created (any workspace, maybe deleted) as `ws`.
    Read {
        ws: usize,
        pick: usize,
    },
    Delete {
        ws: usize,
        pick: usize,
        dry_run: bool,
    },
    Revoke {
        ws: usize,
    },
    /// Create a post linking the accounts `picks` (any workspace's, maybe deleted) as `ws`.
    CreatePost {
        ws: usize,
        picks: Vec<usize>,
        draft: bool,
    },
    /// Replace the `pick`-th post ever made with one linking `picks`, as `ws`.
    ReplacePost {
        ws: usize,
        pick: usize,
        picks: Vec<usize>,
        draft: bool,
    },
    DeletePost {
        ws: usize,
        pick: usize,
    },
    /// A publisher's report on one link of the `pick`-th post.
    Report {
        pick: usize,
        link: usize,
        published: bool,
    },
    /// Connect platform account `external` to `ws` (a reconnect when it is there).
    Connect {
        ws: usize,
        external: usize,
    },
    /// New tokens for the `pick`-th account ever made.
    Refresh {
        pick: usize,
    },
    /// An operator marks the `pick`-th account's token revoked.
    RevokeToken {
        pick: usize,
    },
    /// A publisher claims up to `n % 5 + 1` due links; reports one it holds (published?).
    Claim(usize),
    PublishReport(usize, bool),
}

pub(super) fn op() -> impl Strategy<Value = Op> {
    let ws = 0..WORKSPACES;
    prop_oneof![
        1 => (ws.clone(), 1..4usize, 0..5usize).prop_map(|(ws, accounts, links)| Op::Seed {
            ws,
            accounts,
            links
        }),
        1 => ws.clone().prop_map(|ws| Op::List { ws }),
        1 => (ws.clone(), any::<usize>()).prop_map(|(ws, pick)| Op::Read { ws, pick }),
        1 => (ws.clone(), any::<usize>(), any::<bool>()).prop_map(|(ws, pick, dry_run)| Op::Delete {
            ws,
            pick,
            dry_run
        }),
        1 => ws.clone().prop_map(|ws| Op::Revoke { ws }),
        3 => (ws.clone(), picks(), any::<bool>()).prop_map(|(ws, picks, draft)| Op::CreatePost {
            ws,
            picks,
            draft
        }),
        1 => (ws.clone(), any::<usize>(), picks(), any::<bool>()).prop_map(
            |(ws, pick, picks, draft)| Op::ReplacePost {
                ws,
                pick,
                picks,
                draft
            }
        ),
        1 => (ws, any::<usize>()).prop_map(|(ws, pick)| Op::DeletePost { ws, pick }),
        1 => (any::<usize>(), any::<usize>(), any::<bool>()).prop_map(|(pick, link, published)| {
            Op::Report {
                pick,
                link,
                published,
            }
        }),
        1 => (0..WORKSPACES, 0..connections::EXTERNAL_IDS)
            .prop_map(|(ws, external)| Op::Connect { ws, external }),
        1 => any::<usize>().prop_map(|pick| Op::Refresh { pick }),
        1 => any::<usize>().prop_map(|pick| Op::RevokeToken { pick }),
        3 => any::<usize>().prop_map(Op::Claim),
        3 => (any::<usize>(), any::<bool>()).prop_map(|(pick, ok)| Op::PublishReport(pick, ok)),
    ]
}

fn picks() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(any::<usize>(), 0..4)
}
