//! Building the HTTP server.

use std::net::SocketAddr;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::handlers::routes;
use crate::state::AppState;
use crate::telemetry::RequestSpan;
use crate::{limits, metrics, rate_limit, request_id};

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
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .wrap(actix_web::middleware::from_fn(rate_limit::middleware))
            .wrap(actix_web::middleware::from_fn(limits::middleware))
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
