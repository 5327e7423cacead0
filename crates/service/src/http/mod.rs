//! Everything HTTP: the route table, handlers, middleware, error envelopes, response views and
//! the OpenAPI document.

pub mod auth;
pub mod blocking;
pub mod body;
pub mod clock;
pub mod endpoint;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod idempotency;
pub mod middleware;
pub mod openapi;
pub mod operator;
pub mod problem;
pub mod publisher;
pub mod routes;
pub mod server;
pub mod state;
pub mod views;
