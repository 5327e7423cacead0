//! A scheduled post's own status; each of its links has a [`LinkStatus`](crate::LinkStatus).

/// A scheduled post's own status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostStatus {
    /// Not scheduled yet.
    Draft,
    /// Scheduled.
    Scheduled,
}

impl PostStatus {
    /// The wire and storage name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "DRAFT",
            PostStatus::Scheduled => "SCHEDULED",
        }
    }
}
