//! The due predicate in SQL, shared by the claim and the backlog: one text for both backends
//! (`$n` parameters: PostgreSQL's, and SQLite's named ones, numbered in order of first use).

use social_accounts_domain::{Platform, Platforms};

/// Links that are due at `$1`: a `SCHEDULED` post whose time has come (the link's copy of it:
/// the partial index of pending links is in claim order), a `PENDING` link with
/// no live lease (an expired one counts only while attempts remain, `$2`) and no backoff
/// pending, an account whose token is active at `$1`, within the organization `$3` (`NULL`:
/// the instance), on the platforms `{platforms}`.
const WHERE_DUE: &str = "\
FROM scheduled_post_accounts l \
JOIN scheduled_posts p ON p.id = l.scheduled_post_id \
JOIN social_accounts a ON a.id = l.social_account_id \
WHERE l.status = 'PENDING' AND l.scheduled_at <= $1 AND p.status = 'SCHEDULED' \
AND (l.lease_expires_at IS NULL OR (l.lease_expires_at <= $1 AND l.attempts < $2)) \
AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= $1) \
AND a.access_token_status = 'active' \
AND (a.token_expires_at IS NULL OR a.token_expires_at > $1) \
AND ($3 IS NULL OR a.organization_id = $3) \
AND ({platforms})";

/// The claim's selection: up to `$4` due links in claim order. On PostgreSQL it locks the
/// links it returns and skips those another claimer holds (`FOR UPDATE OF l SKIP LOCKED`);
/// SQLite's one writer needs no lock.
pub(super) fn claim_query(platforms: &[Platform], postgres: bool) -> String {
    let lock = if postgres {
        " FOR UPDATE OF l SKIP LOCKED"
    } else {
        ""
    };
    format!(
        "SELECT l.scheduled_post_id, l.social_account_id, p.workspace_id, l.attempts, \
         l.lease_expires_at, l.previous_outcome, l.error_message {} \
         ORDER BY l.scheduled_at, l.scheduled_post_id, l.position LIMIT $4{lock}",
        where_due(platforms)
    )
}

/// How many links are due and the oldest one's time.
pub(super) fn backlog_query(platforms: &[Platform]) -> String {
    format!(
        "SELECT COUNT(*) AS due, MIN(l.scheduled_at) AS oldest {}",
        where_due(platforms)
    )
}

/// The predicate with the platforms as a chain of ORs of literals: the names are the
/// platforms' own wire names (never a caller's text), and a bound `IN` list makes SQLite
/// build a table per execution (docs/performance.md).
fn where_due(platforms: &[Platform]) -> String {
    let chain = if platforms.is_empty() {
        String::from("1 = 0")
    } else {
        platforms
            .iter()
            .map(|p| format!("a.platform_type = '{}'", p.as_str()))
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    WHERE_DUE.replace("{platforms}", &chain)
}

/// The platforms a claim looks at: the served ones, narrowed to those asked for.
pub(super) fn chosen(served: &Platforms, asked: Option<&[Platform]>) -> Vec<Platform> {
    Platform::ALL
        .into_iter()
        .filter(|p| served.contains(*p) && asked.is_none_or(|asked| asked.contains(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_literals_of_the_served_ones_asked_for() {
        let served = Platforms::parse("linkedin,tiktok").unwrap();
        let all = chosen(&served, None);
        assert_eq!(all.len(), 2);
        assert!(all.contains(&Platform::Tiktok) && all.contains(&Platform::Linkedin));
        assert_eq!(
            chosen(&served, Some(&[Platform::Linkedin, Platform::Instagram])),
            [Platform::Linkedin]
        );
        let query = claim_query(&[Platform::Linkedin], true);
        assert!(query.contains("AND (a.platform_type = 'linkedin') ORDER BY"));
        assert!(query.ends_with("LIMIT $4 FOR UPDATE OF l SKIP LOCKED"));
        assert!(backlog_query(&[]).contains("AND (1 = 0)"));
    }
}
