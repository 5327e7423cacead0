//! The usage counters' check: a recount of every account's links against the counters the
//! links' triggers keep (`social_account_usage`), and a repair that rewrites them from it.
//! `social-accounts doctor` runs these; the tests run the check after every race.

use std::collections::BTreeMap;

use diesel::dsl::count_star;
use diesel::prelude::*;
use social_accounts_domain::{LinkStatus, RepoError};

use crate::errors::{corrupt, from_diesel};
use crate::models::Counters;
use crate::schema::{
    scheduled_post_accounts as links, social_account_usage as usage, social_accounts as accounts,
};
use crate::transaction::read_snapshot;
use crate::{DbConnection, Store};

/// One account whose counter for one status differs from a recount of its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageDrift {
    /// The account.
    pub account: String,
    /// The link status.
    pub status: LinkStatus,
    /// The stored counter; `None` when the account has no counter row at all.
    pub stored: Option<i64>,
    /// The links counted.
    pub counted: i64,
}

impl std::fmt::Display for UsageDrift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.stored {
            Some(stored) => write!(
                f,
                "account {}: {} links counted {}, counter says {stored}",
                self.account, self.status, self.counted
            ),
            None => write!(
                f,
                "account {}: {} links counted {}, no counter row",
                self.account, self.status, self.counted
            ),
        }
    }
}

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageCheck {
    /// Accounts checked.
    pub accounts: usize,
    /// Every difference, by account then status.
    pub drift: Vec<UsageDrift>,
}

type Counts = [i64; LinkStatus::ALL.len()];

fn status_index(raw: &str) -> Result<usize, RepoError> {
    LinkStatus::ALL
        .iter()
        .position(|status| status.as_str() == raw)
        .ok_or_else(|| corrupt("link status", raw))
}

/// Per account: its stored counters (`None`: no counters row), and its links counted.
type Sides = BTreeMap<String, (Option<Counts>, Counts)>;

/// Both sides, (stored counters, if any; counted links) per account, read by two statements:
/// the caller runs them in one snapshot or in one write transaction.
fn both_sides(conn: &mut DbConnection) -> Result<Sides, RepoError> {
    let stored: Vec<(String, Option<Counters>)> = accounts::table
        .left_join(usage::table)
        .select((accounts::id, Option::<Counters>::as_select()))
        .load(conn)
        .map_err(from_diesel)?;
    let counted: Vec<(String, String, i64)> = links::table
        .group_by((links::social_account_id, links::status))
        .select((links::social_account_id, links::status, count_star()))
        .load(conn)
        .map_err(from_diesel)?;
    let mut sides: Sides = stored
        .into_iter()
        .map(|(id, row)| (id, (row.map(Counters::by_status), Counts::default())))
        .collect();
    for (account, status, n) in counted {
        // A link always has its account (foreign key): no entry means none to compare.
        if let Some((_, counts)) = sides.get_mut(&account) {
            counts[status_index(&status)?] += n;
        }
    }
    Ok(sides)
}

impl Store {
    /// Recounts every account's links and compares them with the stored counters.
    ///
    /// # Errors
    ///
    /// The database's.
    pub fn check_usage(&self) -> Result<UsageCheck, RepoError> {
        let sides = self.run(|conn| read_snapshot(conn, both_sides))?;
        let mut check = UsageCheck {
            accounts: sides.len(),
            drift: Vec::new(),
        };
        for (account, (stored, counted)) in sides {
            for (i, status) in LinkStatus::ALL.into_iter().enumerate() {
                let stored_n = stored.map(|s| s[i]);
                if stored_n != Some(counted[i]) {
                    check.drift.push(UsageDrift {
                        account: account.clone(),
                        status,
                        stored: stored_n,
                        counted: counted[i],
                    });
                }
            }
        }
        Ok(check)
    }

    /// Rewrites every account's counters from a recount of its links, in one write
    /// transaction (so no link changes meanwhile); returns how many accounts it changed.
    ///
    /// # Errors
    ///
    /// The database's.
    pub fn repair_usage(&self) -> Result<usize, RepoError> {
        self.write(|conn| {
            let sides = both_sides(conn)?;
            let mut repaired = 0;
            for (account, (stored, counted)) in sides {
                if stored == Some(counted) {
                    continue;
                }
                if stored.is_none() {
                    diesel::insert_into(usage::table)
                        .values(usage::social_account_id.eq(&account))
                        .execute(conn)
                        .map_err(from_diesel)?;
                }
                diesel::update(usage::table.find(&account))
                    .set(Counters::from_status_counts(counted))
                    .execute(conn)
                    .map_err(from_diesel)?;
                repaired += 1;
            }
            Ok(repaired)
        })
    }
}
