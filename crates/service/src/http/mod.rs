//! Everything HTTP: the route table, handlers, middleware, error envelopes, response views and
//! the OpenAPI document.

pub mod auth;
pub mod blocking;
pub mod body;
pub mod clock;
pub mod error;
pub mod handlers;
pub mod key_cache;
pub mod key_header;
pub mod middleware;
pub mod openapi;
pub mod post_schemas;
pub mod routes;
pub mod server;
pub mod state;
pub mod views;
pub mod wire_schemas;
