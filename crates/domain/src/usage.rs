//! Scheduled-post usage of an account: its links counted by status.

use crate::LinkStatus;

/// How many of an account's links have one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsageEntry {
    /// The link status.
    pub status: LinkStatus,
    /// How many links have it; never zero inside a [`Usage`].
    pub count: u64,
}

/// An account's links grouped by status: one entry per status with at least one link, in
/// [`LinkStatus::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage(Vec<UsageEntry>);

impl Usage {
    /// Builds usage from `(status, count)` pairs in any order; repeated statuses are summed
    /// and zero counts dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{LinkStatus, Usage, UsageEntry};
    ///
    /// let usage = Usage::from_counts([
    ///     (LinkStatus::Published, 12),
    ///     (LinkStatus::Failed, 0),
    ///     (LinkStatus::Pending, 2),
    ///     (LinkStatus::Pending, 1),
    /// ]);
    /// // In `LinkStatus::ALL` order (DRAFT, PENDING, PUBLISHED, FAILED), zeros dropped.
    /// assert_eq!(
    ///     usage.entries(),
    ///     [
    ///         UsageEntry { status: LinkStatus::Pending, count: 3 },
    ///         UsageEntry { status: LinkStatus::Published, count: 12 },
    ///     ]
    /// );
    /// assert_eq!(usage.total(), 15);
    /// ```
    pub fn from_counts(counts: impl IntoIterator<Item = (LinkStatus, u64)>) -> Self {
        let mut totals = [0u64; LinkStatus::ALL.len()];
        for (status, count) in counts {
            totals[status.index()] += count;
        }
        Self(
            LinkStatus::ALL
                .into_iter()
                .zip(totals)
                .filter(|&(_, count)| count > 0)
                .map(|(status, count)| UsageEntry { status, count })
                .collect(),
        )
    }

    /// The entries, in status order.
    #[must_use]
    pub fn entries(&self) -> &[UsageEntry] {
        &self.0
    }

    /// Total number of links.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.0.iter().map(|e| e.count).sum()
    }

    /// Whether the account has no links.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkStatus::{Draft, Failed, Pending, Published};

    #[test]
    fn orders_by_status_and_drops_zero() {
        let usage = Usage::from_counts([(Published, 12), (Failed, 0), (Pending, 3)]);
        assert_eq!(
            usage.entries(),
            [
                UsageEntry {
                    status: Pending,
                    count: 3
                },
                UsageEntry {
                    status: Published,
                    count: 12
                }
            ]
        );
        assert_eq!(usage.total(), 15);
    }

    #[test]
    fn sums_repeated_statuses() {
        let usage = Usage::from_counts([(Draft, 1), (Failed, 2), (Draft, 4)]);
        assert_eq!(
            usage.entries(),
            [
                UsageEntry {
                    status: Draft,
                    count: 5
                },
                UsageEntry {
                    status: Failed,
                    count: 2
                }
            ]
        );
    }

    #[test]
    fn no_links_is_empty() {
        assert!(Usage::from_counts([]).is_empty());
        assert_eq!(Usage::default().total(), 0);
    }
}
