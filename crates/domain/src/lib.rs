//! Pure domain of the social-accounts service.
//!
//! Types and rules only: which platforms exist, which kinds of account each has and which of
//! them a deployment enables ([`Platforms`]: the contract's four unless told otherwise), how an
//! access token's status is derived from its expiry, how scheduled-post usage is counted and
//! ordered, what an API key looks like and how it is hashed, which organizations qualify for
//! the Embed API, how an operator's import file is validated ([`import`], with the `import`
//! feature; `examples/validate_import.rs` checks a file offline), and the repository traits the
//! storage layer implements.
//!
//! The Schedule API's domain is [`schedule`] (the `schedule` feature): a request's edge rules ([`PostRequest::parse`],
//! failing with an [`EdgeError`], 422) and business rules ([`schedule::check`], failing with a
//! [`RuleViolation`], 400) in the contract's order, captions and their hashtags
//! ([`Caption`]), the platform settings objects ([`PostSettings`]) whose field rules are a
//! table ([`schedule::settings_rules`]), the read model ([`ScheduledPost`] with its
//! [`PostLink`]s), a publisher's [`LinkReport`] and `GET /schedule`'s [`ListQuery`]. Request
//! date-times are read by [`Timestamp::parse_request`]. The import file carries designs and
//! full scheduled posts and checks them with the same shape rules.
//!
//! Every enum written on the wire or in storage ([`Platform`], [`AccountType`], [`LinkStatus`],
//! [`AccessTokenStatus`], [`MainPlan`], [`EmbedSubscription`], [`PostStatus`], [`CaptionKey`],
//! [`SettingsKey`]) is declared once with its wire names, so its `ALL`, `parse`, `as_str`,
//! `index`, `names` and `Display` cannot disagree with each other or with the "expected one
//! of" messages built from them.
//!
//! # Example
//!
//! ```
//! use social_accounts_domain::{
//!     AccessTokenStatus, AccountType, ApiKeySecret, LinkStatus, Platform, Platforms, Timestamp,
//!     Usage,
//! };
//!
//! // The platforms a deployment enables, and the kinds of account each has.
//! let enabled = Platforms::parse("linkedin,instagram")?;
//! assert!(enabled.contains(Platform::Instagram));
//! assert!(Platform::Linkedin.allows(AccountType::Organization));
//!
//! // A token past its expiry reads as expired, unless it was revoked.
//! let now = Timestamp::parse("2026-10-01T00:00:00Z")?;
//! let expiry = Some(Timestamp::parse("2026-09-30T23:59:59Z")?);
//! assert_eq!(AccessTokenStatus::Active.effective(expiry, now), AccessTokenStatus::Expired);
//!
//! // An account's scheduled posts, counted by status in the API's order.
//! let usage = Usage::from_counts([(LinkStatus::Published, 2), (LinkStatus::Draft, 1)]);
//! assert_eq!(usage.entries()[0].status, LinkStatus::Draft);
//!
//! // Keys are stored and looked up by hash, never as themselves.
//! let key = ApiKeySecret::parse("pn-test-6a1f0c9e2b7d4e58")?;
//! assert_eq!(key.hash().as_bytes().len(), 32);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! A plain dependency gets every feature; with `default-features = false` the crate is its
//! lean core: the types and rules above that need no JSON and no randomness (platforms and
//! account types, ids, timestamps, token status, usage, plans, API-key parsing and hashing,
//! authorization, the account and key repository traits), on `thiserror`, `chrono` and
//! `sha2` only.
//!
//! | Feature    | Adds                                                                | Pulls in                       |
//! |------------|---------------------------------------------------------------------|--------------------------------|
//! | `mint`     | [`SocialAccountId::mint`] (and every id's `mint`), [`ApiKeySecret::mint`] | `rand`                   |
//! | `schedule` | [`schedule`] (request bodies and settings objects are JSON), [`ScheduleRepository`] | `serde_json`, `validator` |
//! | `import`   | [`import`] (the import file), [`ImportRepository`]; implies `mint` and `schedule` | `serde`, `serde_path_to_error` |
//! | `operator` | the operator API's bodies (`operator`); implies `mint` and `schedule` | |
//! | `publish`  | the publisher API's rules and bodies (`publish`), `PublishRepository`; implies `operator` | |
//! | `webhooks` | events, Standard Webhooks signatures, the retry schedule, the URL rule and endpoint bodies (`webhooks`); implies `publish` | `hmac`, `base64`, `url` |
//!
//! Invariant: this crate does no IO and knows nothing of diesel, r2d2, actix or tokio
//! (`tests/dependencies.rs` fails if one of them enters its dependency tree).
// Without its feature an item is not there to link to: its links lead to the table above.
#![doc = ""]
#![cfg_attr(
    feature = "import",
    doc = "[`ImportRepository`]: repository::ImportRepository"
)]
#![cfg_attr(
    not(feature = "import"),
    doc = "[`import`]: #features",
    doc = "[`ImportRepository`]: #features"
)]
#![cfg_attr(
    feature = "schedule",
    doc = "[`ScheduleRepository`]: repository::ScheduleRepository"
)]
#![cfg_attr(
    not(feature = "schedule"),
    doc = "[`schedule`]: #features",
    doc = "[`PostRequest::parse`]: #features",
    doc = "[`EdgeError`]: #features",
    doc = "[`schedule::check`]: #features",
    doc = "[`RuleViolation`]: #features",
    doc = "[`Caption`]: #features",
    doc = "[`PostSettings`]: #features",
    doc = "[`schedule::settings_rules`]: #features",
    doc = "[`ScheduledPost`]: #features",
    doc = "[`PostLink`]: #features",
    doc = "[`LinkReport`]: #features",
    doc = "[`ListQuery`]: #features",
    doc = "[`CaptionKey`]: #features",
    doc = "[`SettingsKey`]: #features",
    doc = "[`ScheduleRepository`]: #features"
)]
#![cfg_attr(
    not(feature = "mint"),
    doc = "[`SocialAccountId::mint`]: #features",
    doc = "[`ApiKeySecret::mint`]: #features"
)]
#![deny(missing_docs)]

pub mod account;
#[cfg(any(feature = "import", feature = "operator"))]
pub mod account_rules;
pub mod account_type;
pub mod api_key;
pub mod audit;
pub mod auth;
pub mod connection;
pub mod error;
pub mod health;
pub mod id;
pub mod idempotency;
#[cfg(feature = "import")]
pub mod import;
pub mod key_kind;
pub mod link_status;
#[cfg(feature = "operator")]
pub mod operator;
pub mod page;
pub mod plan;
pub mod platform;
pub mod platforms;
pub mod post_status;
pub mod provision;
#[cfg(feature = "publish")]
pub mod publish;
pub mod repository;
#[cfg(feature = "schedule")]
pub mod schedule;
pub mod scope;
pub mod timestamp;
pub mod token;
pub mod token_status;
pub mod usage;
#[cfg(feature = "webhooks")]
pub mod webhooks;
mod wire_enum;

pub use account::{AccountSummary, SocialAccount};
pub use account_type::AccountType;
#[cfg(feature = "mint")]
pub use api_key::MintedKey;
pub use api_key::{ApiKeySecret, KeyHash, KeyRejection};
pub use audit::{Actor, ActorKind, AuditAction, AuditEvent, NewAuditEvent, Target};
pub use auth::{Agent, AuthFailure, Caller, KeyRecord, Principal, Reach};
pub use connection::{AccountFilter, AccountPatch, Connect, Connected, ConnectedAccount, Tokens};
pub use error::{Cause, RepoError};
pub use health::{Health, HealthState};
pub use id::{
    ApiKeyId, AuditEventId, ClaimId, DeliveryId, DesignId, IdError, OrganizationId,
    ScheduledPostId, SocialAccountId, WebhookEventId, WebhookId, WorkspaceId,
};
pub use key_kind::{Api, KeyKind, WrongKind};
pub use link_status::LinkStatus;
pub use page::{BadCursor, Cursor, Page, PageRequest};
pub use plan::{EmbedSubscription, MainPlan, Plan};
pub use platform::{Facts, Platform};
pub use platforms::{Platforms, PlatformsError};
pub use post_status::{PostStatus, ShownStatus};
pub use provision::{NewOrganization, NewWorkspace, Organization, OrganizationPatch, Workspace};
#[cfg(feature = "schedule")]
pub use schedule::{
    Caption, CaptionKey, Design, EdgeError, LinkReport, ListQuery, NewPost, PostLink, PostRequest,
    PostSettings, RuleViolation, ScheduledPost, SettingsKey, SettingsViolation,
};
pub use scope::Scope;
pub use timestamp::{Timestamp, TimestampError};
pub use token::TokenSecret;
pub use token_status::AccessTokenStatus;
pub use usage::{Usage, UsageEntry};

/// The README's examples, run as doc tests so that they keep compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
