//! Synthetic datasets for the bench and api-check, written as import files and loaded through
//! the real `seed` command.

use std::fmt::Write as _;

/// Key of the busy workspace (reads and lists).
pub const BUSY_KEY: &str = "bench-busy-key-0123456789";
/// Key of the workspace whose accounts the DELETE runs consume.
/// The workspace the bench connects accounts to through the operator API (empty at first).
pub const CONNECT_WORKSPACE: &str = "ws_connect";
/// The key of the delete pool's workspace.
pub const DELETE_KEY: &str = "bench-delete-key-0123456789";

const STATUSES: [&str; 4] = ["DRAFT", "PENDING", "PUBLISHED", "FAILED"];

/// What every post the bench does not read carries besides its links: a caption and a settings
/// object, as real posts do. Without them `post_captions` and `post_settings` hold only the few
/// hundred rows of the posts the bench reads, PostgreSQL's statistics (the seed analyzes) call
/// them two pages, and the generic plans cached for their `= ANY($1)` reads are sequential scans
/// that the write runs then make slow (docs/performance-limits.md).
const FILLER: &str =
    r#""postContent":{"common":"Filler post #bench"},"linkedinPostSettings":{"postType":"image"},"#;

/// Sizes of the main dataset.
#[derive(Debug, Clone)]
pub struct Sizes {
    /// Accounts of the busy workspace.
    pub busy_accounts: usize,
    /// Links spread over the busy workspace's accounts.
    pub busy_links: usize,
    /// Other workspaces (the rest of the database).
    pub other_workspaces: usize,
    /// Accounts per other workspace.
    pub other_accounts: usize,
    /// Links per account of the other workspaces.
    pub other_links_per_account: usize,
    /// Accounts (two links each) for the DELETE throughput run.
    pub delete_pool: usize,
    /// Accounts with `big_delete_links` links each, deleted one by one.
    pub big_deletes: usize,
    /// Links per big-delete account.
    pub big_delete_links: usize,
    /// Links of the account read next to one of [`SMALL_LINKS`] links.
    pub huge_links: usize,
    /// Accounts without links (`mix{i}`) the mixed workload deletes, half for each of its runs.
    pub mixed_pool: usize,
}

impl Sizes {
    /// The default dataset, the one docs/performance.md reports.
    pub fn standard() -> Self {
        Self {
            busy_accounts: 10,
            busy_links: 6000,
            other_workspaces: 20,
            other_accounts: 50,
            other_links_per_account: 10,
            delete_pool: 50_000,
            big_deletes: 20,
            big_delete_links: 1000,
            huge_links: 100_000,
            mixed_pool: 40_000,
        }
    }

    /// A seconds-long dataset for CI.
    pub fn smoke() -> Self {
        Self {
            // Ten, as in the standard set: the write bodies select busy0, busy4 and busy8.
            busy_accounts: 10,
            busy_links: 100,
            other_workspaces: 2,
            other_accounts: 3,
            other_links_per_account: 2,
            delete_pool: 6_000,
            big_deletes: 3,
            big_delete_links: 50,
            huge_links: 500,
            mixed_pool: 2_000,
        }
    }
}

/// Posts of the busy workspace in [`WEEK`], for `GET /schedule`.
pub const WEEK_POSTS: usize = 50;
/// The week `GET /schedule` asks for: `fromDate`, `toDate`.
pub const WEEK: (&str, &str) = ("2027-03-01T00:00:00.000Z", "2027-03-07T23:59:59.999Z");
/// Drafts of the busy workspace that `PUT /schedule/:id` replaces in turn (`edit_p{i}`).
pub const EDIT_POSTS: usize = 200;
/// Links of the small account read next to the huge one.
pub const SMALL_LINKS: usize = 10;
/// The busy workspace's LinkedIn accounts, which `POST` and `PUT` bodies select in turn.
pub const LINKEDIN_ACCOUNTS: [&str; 3] = ["busy0", "busy4", "busy8"];

/// A draft every rule accepts, for `POST` and `PUT` (`selectedAccounts` filled per request).
pub fn draft_body(account: &str) -> String {
    format!(
        r#"{{"status":"DRAFT","scheduledAt":"2099-06-20T10:00:00Z","postContent":{{"common":"Bench draft #bench"}},"selectedAccounts":["{account}"],"linkedinPostSettings":{{"postType":"image"}}}}"#
    )
}

/// The busy workspace's schedule: [`WEEK_POSTS`] posts in [`WEEK`], [`EDIT_POSTS`] drafts to
/// replace, and the accounts `huge` and `small` with their links (one post per link).
fn schedule(out: &mut Parts, sizes: &Sizes) {
    let _ = write!(
        out.accounts,
        r#"{{"id":"huge","workspaceId":"ws_busy","platformType":"threads","accountHandle":"huge","accountType":"personal","accountName":"Huge","accessToken":"t"}},{{"id":"small","workspaceId":"ws_busy","platformType":"threads","accountHandle":"small","accountType":"personal","accountName":"Small","accessToken":"t"}},"#
    );
    for i in 0..WEEK_POSTS {
        let _ = write!(
            out.posts,
            r#"{{"id":"week_p{i}","workspaceId":"ws_busy","status":"DRAFT","scheduledAt":"2027-03-0{}T{:02}:00:00.000Z","postContent":{{"common":"Week post {i} #bench"}},"socialAccounts":[{{"socialAccountId":"busy1","status":"DRAFT"}},{{"socialAccountId":"busy2","status":"DRAFT"}}]}},"#,
            1 + i % 7,
            8 + i % 12
        );
    }
    for i in 0..EDIT_POSTS {
        let account = LINKEDIN_ACCOUNTS[i % LINKEDIN_ACCOUNTS.len()];
        let _ = write!(
            out.posts,
            r#"{{"id":"edit_p{i}","workspaceId":"ws_busy","status":"DRAFT","scheduledAt":"2099-06-20T10:00:00.000Z","postContent":{{"common":"Draft {i}"}},"linkedinPostSettings":{{"postType":"image"}},"socialAccounts":[{{"socialAccountId":"{account}","status":"DRAFT"}}]}},"#
        );
    }
    for (account, links) in [("huge", sizes.huge_links), ("small", SMALL_LINKS)] {
        for i in 0..links {
            let status = STATUSES[i % STATUSES.len()];
            let _ = write!(
                out.posts,
                r#"{{"id":"{account}_p{i}","workspaceId":"ws_busy","status":"DRAFT","scheduledAt":"2098-01-01T00:00:00.000Z",{FILLER}"socialAccounts":[{{"socialAccountId":"{account}","status":"{status}"}}]}},"#
            );
        }
    }
}

/// The busy account every read targets (it holds `busy_links / busy_accounts` links).
pub fn busy_account() -> &'static str {
    "busy0"
}

/// Ids of the big-delete accounts.
pub fn big_delete_ids(sizes: &Sizes) -> Vec<String> {
    (0..sizes.big_deletes).map(|i| format!("big{i}")).collect()
}

/// A workspace with `accounts` accounts (ids `{prefix}{i}`) and `posts` posts linking every
/// account of it (so `accounts × posts` links), statuses spread evenly.
fn workspace(out: &mut Parts, ws: &str, prefix: &str, accounts: usize, posts: usize) {
    let platforms = [
        ("linkedin", "personal"),
        ("instagram", "business"),
        ("tiktok", "business"),
        ("threads", "personal"),
    ];
    for i in 0..accounts {
        let (platform, kind) = platforms[i % platforms.len()];
        let _ = write!(
            out.accounts,
            r#"{{"id":"{prefix}{i}","workspaceId":"{ws}","platformType":"{platform}","accountHandle":"{prefix}{i}","accountType":"{kind}","accountName":"Account {i}","accountLogo":"https://example.com/{prefix}{i}.png","tokenExpiresAt":"2030-01-01T00:00:00.000Z","accessToken":"bench-token-{prefix}{i}","createdAt":"2026-01-01T00:00:{:02}.000Z"}},"#,
            i % 60
        );
    }
    for p in 0..posts {
        let _ = write!(
            out.posts,
            r#"{{"id":"{ws}_p{p}","workspaceId":"{ws}","status":"SCHEDULED",{FILLER}"socialAccounts":["#
        );
        for i in 0..accounts {
            let comma = if i + 1 < accounts { "," } else { "" };
            let status = STATUSES[(p + i) % STATUSES.len()];
            let _ = write!(
                out.posts,
                r#"{{"socialAccountId":"{prefix}{i}","status":"{status}"}}{comma}"#
            );
        }
        out.posts.push_str("]},");
    }
}

#[derive(Default)]
struct Parts {
    workspaces: String,
    keys: String,
    accounts: String,
    posts: String,
}

impl Parts {
    fn workspace(&mut self, id: &str, key: Option<&str>) {
        let _ = write!(
            self.workspaces,
            r#"{{"id":"{id}","organizationId":"org_bench","name":"{id}"}},"#
        );
        if let Some(key) = key {
            let _ = write!(
                self.keys,
                r#"{{"organizationId":"org_bench","workspaceId":"{id}","name":"bench","key":"{key}"}},"#
            );
        }
    }

    fn finish(self) -> String {
        let trim = |s: &str| s.trim_end_matches(',').to_owned();
        format!(
            r#"{{"organizations":[{{"id":"org_bench","name":"Bench","mainPlan":"paid","apiCreditsAddon":true}}],"workspaces":[{}],"apiKeys":[{}],"socialAccounts":[{}],"scheduledPosts":[{}]}}"#,
            trim(&self.workspaces),
            trim(&self.keys),
            trim(&self.accounts),
            trim(&self.posts)
        )
    }
}

/// The main dataset: the busy workspace, the rest of the database (`scale` × the other
/// workspaces) and the DELETE pools.
pub fn main_file(sizes: &Sizes, scale: usize) -> String {
    let mut parts = Parts::default();
    parts.workspace("ws_busy", Some(BUSY_KEY));
    let busy_posts = sizes.busy_links / sizes.busy_accounts.max(1);
    workspace(
        &mut parts,
        "ws_busy",
        "busy",
        sizes.busy_accounts,
        busy_posts,
    );
    schedule(&mut parts, sizes);
    for w in 0..sizes.other_workspaces * scale {
        let ws = format!("ws_other{w}");
        parts.workspace(&ws, None);
        workspace(
            &mut parts,
            &ws,
            &format!("o{w}_"),
            sizes.other_accounts,
            sizes.other_links_per_account,
        );
    }
    // Where the operator API's connects go: accounts nobody else reads.
    parts.workspace(CONNECT_WORKSPACE, None);
    parts.workspace("ws_delete", Some(DELETE_KEY));
    // The DELETE pool: every account linked to two posts.
    let pool = sizes.delete_pool;
    for i in 0..pool {
        let _ = write!(
            parts.accounts,
            r#"{{"id":"del{i}","workspaceId":"ws_delete","platformType":"linkedin","accountHandle":"d{i}","accountType":"personal","accountName":"D","accessToken":"t"}},"#
        );
    }
    for p in 0..2 {
        let _ = write!(
            parts.posts,
            r#"{{"id":"del_p{p}","workspaceId":"ws_delete","status":"SCHEDULED",{FILLER}"socialAccounts":["#
        );
        for i in 0..pool {
            let comma = if i + 1 < pool { "," } else { "" };
            let _ = write!(
                parts.posts,
                r#"{{"socialAccountId":"del{i}","status":"{}"}}{comma}"#,
                STATUSES[(p + i) % 4]
            );
        }
        parts.posts.push_str("]},");
    }
    // The mixed workload's deletes: accounts without links.
    for i in 0..sizes.mixed_pool {
        let _ = write!(
            parts.accounts,
            r#"{{"id":"mix{i}","workspaceId":"ws_delete","platformType":"threads","accountHandle":"m{i}","accountType":"personal","accountName":"M","accessToken":"t"}},"#
        );
    }
    // Big deletes: accounts with many links each, in the same workspace.
    for i in 0..sizes.big_deletes {
        let _ = write!(
            parts.accounts,
            r#"{{"id":"big{i}","workspaceId":"ws_delete","platformType":"tiktok","accountHandle":"b{i}","accountType":"business","accountName":"B","accessToken":"t"}},"#
        );
    }
    for p in 0..sizes.big_delete_links {
        let _ = write!(
            parts.posts,
            r#"{{"id":"big_p{p}","workspaceId":"ws_delete","status":"SCHEDULED",{FILLER}"socialAccounts":["#
        );
        for i in 0..sizes.big_deletes {
            let comma = if i + 1 < sizes.big_deletes { "," } else { "" };
            let _ = write!(
                parts.posts,
                r#"{{"socialAccountId":"big{i}","status":"{}"}}{comma}"#,
                STATUSES[(p + i) % 4]
            );
        }
        parts.posts.push_str("]},");
    }
    parts.finish()
}

/// An import of `posts` posts with one caption and `links_per_post` links each, in one
/// workspace of `links_per_post.max(26)` accounts (each post links the next accounts, round
/// robin, so every account carries a share).
pub fn import_file(posts: usize, links_per_post: usize) -> String {
    let mut parts = Parts::default();
    parts.workspace("ws_import", None);
    let accounts = links_per_post.max(26);
    workspace(&mut parts, "ws_import", "imp", accounts, 0);
    parts.posts.reserve(posts * (180 + 60 * links_per_post));
    for p in 0..posts {
        let _ = write!(
            parts.posts,
            r#"{{"id":"imp_p{p}","workspaceId":"ws_import","status":"SCHEDULED","scheduledAt":"2026-12-01T10:00:00.000Z","postContent":{{"common":"Post {p} of the import bench"}},"socialAccounts":["#
        );
        for l in 0..links_per_post {
            let comma = if l + 1 < links_per_post { "," } else { "" };
            let account = (p + l) % accounts;
            let status = STATUSES[(p + l) % STATUSES.len()];
            let _ = write!(
                parts.posts,
                r#"{{"socialAccountId":"imp{account}","status":"{status}"}}{comma}"#
            );
        }
        parts.posts.push_str("]},");
    }
    parts.finish()
}

/// The publisher's workload, a file of its own (`{prefix}` names its organization, workspace,
/// accounts and posts, so several can be seeded into one database): `due` posts of one
/// `PENDING` LinkedIn link each, due already, over 20 accounts, and one more post due at each
/// of `soon` (RFC 3339 times).
pub fn publish_file(prefix: &str, due: usize, soon: &[String]) -> String {
    const ACCOUNTS: usize = 20;
    let mut accounts = String::new();
    for i in 0..ACCOUNTS {
        let _ = write!(
            accounts,
            r#"{{"id":"{prefix}_a{i}","workspaceId":"ws_{prefix}","platformType":"linkedin","accountHandle":"{prefix}{i}","accountType":"personal","accountName":"Publisher {i}","accessToken":"bench-token-{prefix}{i}"}},"#
        );
    }
    let mut posts = String::with_capacity((due + soon.len()) * 220);
    let times =
        std::iter::repeat_n("2026-01-01T00:00:00.000Z", due).chain(soon.iter().map(String::as_str));
    for (p, at) in times.enumerate() {
        let _ = write!(
            posts,
            r#"{{"id":"{prefix}_p{p}","workspaceId":"ws_{prefix}","status":"SCHEDULED","scheduledAt":"{at}","postContent":{{"common":"Post {p} #bench"}},"socialAccounts":[{{"socialAccountId":"{prefix}_a{}","status":"PENDING"}}]}},"#,
            p % ACCOUNTS
        );
    }
    format!(
        r#"{{"organizations":[{{"id":"org_{prefix}","name":"Publishing","mainPlan":"paid","apiCreditsAddon":true}}],"workspaces":[{{"id":"ws_{prefix}","organizationId":"org_{prefix}","name":"Publishing"}}],"socialAccounts":[{}],"scheduledPosts":[{}]}}"#,
        accounts.trim_end_matches(','),
        posts.trim_end_matches(',')
    )
}
