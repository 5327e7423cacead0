//! Building the HTTP server.

use std::net::SocketAddr;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use super::middleware::{limits, metrics, request_id};
use super::routes::routes;
use super::state::AppState;
use crate::telemetry::RequestSpan;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Listen address (`127.0.0.1:0` picks a free port).
    pub bind: String,
    /// Worker threads.
    pub workers: usize,
    /// Grace period for in-flight requests on shutdown.
    pub shutdown_timeout: Duration,
}

/// Binds and starts the server (it runs once awaited or spawned). Stops gracefully on
/// SIGINT/SIGTERM.
pub fn start(
    state: AppState,
    options: &ServerOptions,
) -> std::io::Result<(Server, Vec<SocketAddr>)> {
    // Each middleware finds its own part of the state, so none depends on `AppState`.
    let metrics = web::Data::from(state.metrics.clone());
    let rate_limit = state.rate_limit.clone().map(web::Data::from);
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        let app = App::new().app_data(data.clone()).app_data(metrics.clone());
        let app = match &rate_limit {
            Some(limit) => app.app_data(limit.clone()),
            None => app,
        };
        app.wrap(actix_web::middleware::from_fn(limits::middleware))
            .wrap(TracingLogger::<RequestSpan>::new())
            .wrap(actix_web::middleware::from_fn(metrics::middleware))
            // Outermost, so the id exists before the request's span is opened.
            .wrap(actix_web::middleware::from_fn(request_id::middleware))
            .configure(routes)
    })
    .workers(options.workers)
    .shutdown_timeout(options.shutdown_timeout.as_secs())
    .bind(&options.bind)?;
    let addrs = server.addrs();
    Ok((server.run(), addrs))
}
