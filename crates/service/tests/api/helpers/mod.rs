//! What the HTTP tests share, one concern a file: the server under test (`app`), the raw HTTP
//! client (`http`), and the real binary as a process (`process`).

mod app;
mod http;
mod process;

pub use app::*;
pub use http::*;
pub use process::*;
