//! The kinds of account a platform has.

use crate::wire_enum::wire_enum;

wire_enum! {
    /// The kind of account on a platform (a person, a company page, ...). Which kinds a
    /// platform has is [`Platform::account_types`](crate::Platform::account_types).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AccountType {
        /// A personal profile.
        Personal = "personal",
        /// A company or organization page (LinkedIn).
        Organization = "organization",
        /// A business account (Instagram, TikTok).
        Business = "business",
        /// A creator account (Instagram).
        Creator = "creator",
        /// A page (Facebook).
        Page = "page",
        /// A board (Pinterest).
        Board = "board",
    }
}
