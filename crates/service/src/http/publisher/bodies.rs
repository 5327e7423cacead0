//! The publisher API's request bodies as the OpenAPI document describes them; the domain
//! (`publish::bodies`) reads them, reporting every offending field at once.

#![allow(
    dead_code,
    reason = "described to OpenAPI only: the domain reads the bodies"
)]

use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi as components;

/// `POST /claims`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ClaimRequest)]
pub struct ClaimBody {
    /// At most this many links; default 10.
    #[schema(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// Each lease's length in seconds; default 120.
    #[schema(minimum = 10, maximum = 3600)]
    lease_seconds: Option<u32>,
    /// Only links of accounts on these (served) platforms; default every served one.
    #[schema(schema_with = components::served_platforms, required = false)]
    platforms: Option<Vec<String>>,
}

/// `POST /claims/{claimId}/heartbeat` (the body may be left out).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = HeartbeatRequest)]
pub struct HeartbeatBody {
    /// The lease's new length from now, in seconds; default the claim's own.
    #[schema(minimum = 10, maximum = 3600)]
    lease_seconds: Option<u32>,
}

/// `POST /claims/{claimId}/report`: published, or failed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
#[schema(as = Report)]
pub enum ReportBody {
    /// Published.
    Published(PublishedBody),
    /// Failed.
    Failed(FailedBody),
}

/// A published link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = PublishedReport)]
pub struct PublishedBody {
    #[schema(schema_with = components::published_outcome)]
    outcome: String,
    /// The post's URL on the platform (absolute http(s), at most 2048 characters).
    #[schema(max_length = 2048, pattern = "^https?://[^\\s]+$")]
    live_link: Option<String>,
}

/// A failed attempt.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = FailedReport)]
pub struct FailedBody {
    #[schema(schema_with = components::failed_outcome)]
    outcome: String,
    /// What went wrong, for people.
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    error_message: String,
    #[schema(schema_with = components::error_category)]
    error_category: String,
    /// Whether another attempt may succeed (`auth` failures are final regardless).
    retryable: bool,
}
