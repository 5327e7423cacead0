//! An endpoint's choice of events.

use std::collections::BTreeSet;

use super::EventType;

/// Which events an endpoint receives: every one (`["*"]`) or those listed. `webhook.test` is
/// sent to the endpoint it was asked for whatever its filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventFilter {
    /// `["*"]`: every event type, including those added in later versions.
    All,
    /// Only these (never empty).
    Only(BTreeSet<EventType>),
}

impl EventFilter {
    /// Whether an event of `kind` goes to an endpoint with this filter.
    #[must_use]
    pub fn matches(&self, kind: EventType) -> bool {
        match self {
            Self::All => true,
            Self::Only(kinds) => kinds.contains(&kind),
        }
    }

    /// The wire list: `["*"]` or the types in declaration order.
    #[must_use]
    pub fn names(&self) -> Vec<&'static str> {
        match self {
            Self::All => vec!["*"],
            Self::Only(kinds) => kinds.iter().map(|kind| kind.as_str()).collect(),
        }
    }

    /// The stored form, which SQL matches without parsing: `*`, or the names each wrapped in
    /// commas (`,link.failed,link.published,`) so that `LIKE '%,<type>,%'` finds exactly one.
    #[must_use]
    pub fn stored(&self) -> String {
        match self {
            Self::All => "*".to_owned(),
            Self::Only(kinds) => {
                let mut out = String::from(",");
                for kind in kinds {
                    out.push_str(kind.as_str());
                    out.push(',');
                }
                out
            }
        }
    }

    /// Reads the stored form back; `None` if it is not one.
    #[must_use]
    pub fn from_stored(raw: &str) -> Option<Self> {
        if raw == "*" {
            return Some(Self::All);
        }
        let inner = raw.strip_prefix(',')?.strip_suffix(',')?;
        let kinds = inner
            .split(',')
            .map(EventType::parse)
            .collect::<Option<BTreeSet<_>>>()?;
        (!kinds.is_empty()).then_some(Self::Only(kinds))
    }

    /// The `LIKE` pattern that finds `kind` in a stored filter.
    #[must_use]
    pub fn pattern(kind: EventType) -> String {
        format!("%,{},%", kind.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_form_round_trips_and_matches_one_type_only() {
        let filter = EventFilter::Only(
            [EventType::LinkFailed, EventType::LinkPublished]
                .into_iter()
                .collect(),
        );
        assert_eq!(filter.stored(), ",link.published,link.failed,");
        assert_eq!(
            EventFilter::from_stored(&filter.stored()),
            Some(filter.clone())
        );
        assert!(filter.matches(EventType::LinkFailed));
        assert!(!filter.matches(EventType::ScheduledPostFailed));
        assert_eq!(EventFilter::from_stored("*"), Some(EventFilter::All));
        assert_eq!(EventFilter::from_stored(",,"), None);
        assert_eq!(EventFilter::from_stored(",nope,"), None);
        // `scheduled_post.failed` is not found inside `scheduled_post.partially_failed`.
        let partial = EventFilter::Only([EventType::ScheduledPostPartiallyFailed].into());
        let needle = EventFilter::pattern(EventType::ScheduledPostFailed);
        assert!(!partial.stored().contains(needle.trim_matches('%')));
    }
}
