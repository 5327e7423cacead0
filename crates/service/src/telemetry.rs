//! Logging: `tracing` events to stderr, filtered by `RUST_LOG` (default `info`), as text or,
//! with `LOG_FORMAT=json`, one JSON object per line. Keys and tokens are never logged: no code
//! path passes them to a log macro, and request logs carry the request id, method, route, path
//! and status, never headers or query strings.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::http::middleware::request_id::RequestId;
use crate::settings::LogFormat;

/// Installs the global subscriber. Call once, in `main`. A filter that does not parse falls
/// back to `info` rather than silencing the log.
pub fn init(format: LogFormat, filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only on a terminal: the journal and log files would keep the escape codes.
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    if format == LogFormat::Json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init();
    } else {
        builder.init();
    }
}

/// Root span of every request (request id, method, route, path) plus one `request.completed`
/// event with the status, so each request leaves exactly one log line.
#[derive(Debug)]
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.0.clone())
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            request_id = %request_id,
            method = %request.method(),
            route = request.match_pattern().as_deref().unwrap_or("-"),
            path = request.path(),
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        let _entered = span.enter();
        match outcome {
            Ok(response) => {
                tracing::info!(status = response.status().as_u16(), "request.completed");
            }
            Err(error) => tracing::warn!(%error, "request.failed"),
        }
    }
}
