//! What the HTTP tests share, one concern a file: the server under test (`app`), the raw HTTP
//! client (`http`), the real binary as a process (`process`), responses checked against the
//! served OpenAPI documents (`schema`), and a client of the Bearer APIs that checks every
//! answer against its document (`bearer`), and a webhook receiver (`receiver`).

mod app;
mod bearer;
mod http;
mod process;
pub mod receiver;
pub mod schema;

pub use app::*;
pub use bearer::*;
pub use http::*;
pub use process::*;
