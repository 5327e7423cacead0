//! What each route of the main table sends, as requests to capture: the statements a limit
//! replays are those these requests ran.

use crate::bench::labels;
use crate::dataset::{
    self, BUSY_KEY, DELETE_KEY, EDIT_POSTS, LINKEDIN_ACCOUNTS, Sizes, WEEK_POSTS,
};

use super::super::scripts;

/// One HTTP request.
#[derive(Clone)]
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

/// One shape of a route's request: `setup` is sent first and not captured (a warm-up: the key
/// cache, prepared statements; without it, `pair[0]` is sent once more first); `pair` is
/// captured twice (what differs between the two is what must differ per transaction);
/// `unique` maps values of the second request to pgbench expressions of the counter `k`.
pub struct Variant {
    pub setup: Vec<Request>,
    pub pair: [Request; 2],
    pub unique: Vec<(String, String)>,
}

/// A route of the main table (its label there) and the variants its limit runs at random.
pub struct Probe {
    pub label: String,
    pub variants: Vec<Variant>,
}

fn embed(method: &'static str, path: String, key: &str, body: Option<String>) -> Request {
    Request {
        method,
        path,
        headers: vec![("embed-api-key", key.to_owned())],
        body,
    }
}

fn same(request: &Request) -> Variant {
    Variant {
        setup: Vec::new(),
        pair: [request.clone(), request.clone()],
        unique: Vec::new(),
    }
}

fn connect(operator_key: &str, external: &str) -> Request {
    Request {
        method: "POST",
        path: format!(
            "/operator/v1/workspaces/{}/social-accounts",
            dataset::CONNECT_WORKSPACE
        ),
        headers: vec![("Authorization", format!("Bearer {operator_key}"))],
        body: Some(format!(
            r#"{{"platformType":"linkedin","accountType":"personal","accountHandle":"h{external}","accountName":"Bench","externalId":"urn:li:person:{external}","accessToken":"bench-access","refreshToken":"bench-refresh","tokenExpiresAt":"2030-01-01T00:00:00Z"}}"#
        )),
    }
}

/// Every route of the main table but `/healthz` (no database) and the mixed workload (its
/// limit is composed from the others').
pub fn probes(sizes: &Sizes, operator_key: &str) -> Vec<Probe> {
    let get = |path: String| embed("GET", path, BUSY_KEY, None);
    let last = sizes.delete_pool.saturating_sub(1);
    let delete = |i: usize| {
        embed(
            "DELETE",
            format!("/social-account/del{i}"),
            DELETE_KEY,
            None,
        )
    };
    vec![
        Probe {
            label: labels::ACCOUNT_LIST.into(),
            variants: vec![same(&get("/social-account".into()))],
        },
        Probe {
            label: labels::ACCOUNT_READ.into(),
            variants: vec![same(&get(format!(
                "/social-account/{}",
                dataset::busy_account()
            )))],
        },
        Probe {
            label: labels::POST_READ.into(),
            variants: (0..4.min(WEEK_POSTS))
                .map(|i| same(&get(format!("/schedule/week_p{i}"))))
                .collect(),
        },
        Probe {
            label: labels::week(),
            variants: vec![same(&get(scripts::week_path()))],
        },
        Probe {
            label: labels::CREATE.into(),
            variants: LINKEDIN_ACCOUNTS
                .iter()
                .map(|a| {
                    same(&embed(
                        "POST",
                        "/schedule".into(),
                        BUSY_KEY,
                        Some(dataset::draft_body(a)),
                    ))
                })
                .collect(),
        },
        Probe {
            label: labels::REPLACE.into(),
            variants: (0..8.min(EDIT_POSTS))
                .map(|i| {
                    let body = dataset::draft_body(LINKEDIN_ACCOUNTS[i % LINKEDIN_ACCOUNTS.len()]);
                    same(&embed(
                        "PUT",
                        format!("/schedule/edit_p{i}"),
                        BUSY_KEY,
                        Some(body),
                    ))
                })
                .collect(),
        },
        Probe {
            label: labels::DELETE.into(),
            // The two last accounts of the pool (the closed-loop run takes it from the
            // bottom); pgbench's copy deletes `del{k}` upwards, each once.
            variants: vec![Variant {
                setup: vec![delete(last - 2)],
                pair: [delete(last - 1), delete(last)],
                unique: vec![(format!("del{last}"), "('del' || :k)".into())],
            }],
        },
        Probe {
            label: labels::CONNECT.into(),
            variants: vec![Variant {
                setup: vec![connect(operator_key, "capw")],
                pair: [connect(operator_key, "cap0"), connect(operator_key, "cap1")],
                unique: vec![
                    (
                        "urn:li:person:cap1".into(),
                        "('urn:li:person:lim' || :k)".into(),
                    ),
                    ("hcap1".into(), "('h' || :k)".into()),
                ],
            }],
        },
        Probe {
            label: labels::RECONNECT.into(),
            variants: (0..8)
                .map(|i| {
                    let request = connect(operator_key, &format!("rc{i}"));
                    Variant {
                        setup: vec![request.clone()],
                        pair: [request.clone(), request],
                        unique: Vec::new(),
                    }
                })
                .collect(),
        },
    ]
}
