//! Logging: `tracing` events to stderr, filtered by `RUST_LOG` (default `info`). Keys and
//! tokens are never logged: no code path passes them to a log macro, and request logs carry
//! method, route and status, never headers.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. Call once, in `main`.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

/// Root span of every request (`tracing-actix-web`'s fields, request id included) plus one
/// `request.completed` event with the status, so each request leaves exactly one log line.
#[derive(Debug)]
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        tracing_actix_web::root_span!(request)
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span.clone(), outcome);
        let _entered = span.enter();
        match outcome {
            Ok(response) => {
                tracing::info!(status = response.status().as_u16(), "request.completed");
            }
            Err(error) => tracing::warn!(%error, "request.failed"),
        }
    }
}
