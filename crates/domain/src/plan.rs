//! Plan qualification: who may use the Embed API.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// An organization's main plan.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum MainPlan {
        /// The free plan.
        Free = "free",
        /// Any paid plan.
        Paid = "paid",
    }
}

wire_enum! {
    /// State of an organization's Embed API subscription; none at all reads as `Inactive`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum EmbedSubscription {
        /// Subscribed and in good standing.
        Active = "active",
        /// No subscription, or one that lapsed.
        #[default]
        Inactive = "inactive",
    }
}

/// What an organization pays for, as far as the Embed API cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The main plan.
    pub main_plan: MainPlan,
    /// Whether the API Credits add-on is on.
    pub api_credits_addon: bool,
    /// The Embed API subscription.
    pub embed_subscription: EmbedSubscription,
}

impl Plan {
    /// The Embed API is open to a paid main plan **with** the API Credits add-on, or to an
    /// active Embed API subscription.
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{EmbedSubscription, MainPlan, Plan};
    ///
    /// let plan = |main_plan, api_credits_addon, embed_subscription| Plan {
    ///     main_plan,
    ///     api_credits_addon,
    ///     embed_subscription,
    /// };
    /// use EmbedSubscription::{Active, Inactive};
    /// use MainPlan::{Free, Paid};
    /// assert!(plan(Paid, true, Inactive).qualifies_for_embed_api());
    /// assert!(!plan(Paid, false, Inactive).qualifies_for_embed_api());
    /// assert!(!plan(Free, true, Inactive).qualifies_for_embed_api());
    /// assert!(plan(Free, false, Active).qualifies_for_embed_api());
    /// ```
    #[must_use]
    pub fn qualifies_for_embed_api(&self) -> bool {
        (self.main_plan == MainPlan::Paid && self.api_credits_addon)
            || self.embed_subscription == EmbedSubscription::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(main_plan: MainPlan, api_credits_addon: bool, embed: EmbedSubscription) -> Plan {
        Plan {
            main_plan,
            api_credits_addon,
            embed_subscription: embed,
        }
    }

    #[test]
    fn the_402_rule() {
        use EmbedSubscription::{Active, Inactive};
        use MainPlan::{Free, Paid};
        assert!(plan(Paid, true, Inactive).qualifies_for_embed_api());
        assert!(!plan(Paid, false, Inactive).qualifies_for_embed_api());
        assert!(!plan(Free, true, Inactive).qualifies_for_embed_api());
        assert!(!plan(Free, false, Inactive).qualifies_for_embed_api());
        assert!(plan(Free, false, Active).qualifies_for_embed_api());
        assert!(plan(Paid, false, Active).qualifies_for_embed_api());
    }

    #[test]
    fn names() {
        assert_eq!(MainPlan::parse("paid"), Some(MainPlan::Paid));
        assert_eq!(MainPlan::parse("pro"), None);
        assert_eq!(
            EmbedSubscription::parse("active"),
            Some(EmbedSubscription::Active)
        );
        assert_eq!(EmbedSubscription::default(), EmbedSubscription::Inactive);
        assert_eq!(MainPlan::names(), "free, paid");
        assert_eq!(EmbedSubscription::names(), "active, inactive");
    }
}
