//! One handler per action, wired in [`crate::http::routes`]; each takes its arguments as
//! [`Extract`](crate::http::extract::Extract) types and returns one failure type.

pub mod accounts;
pub mod blank;
pub mod fallback;
pub mod health;
pub mod key_check;
pub mod metrics;
pub mod posts;
