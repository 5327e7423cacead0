//! Handler arguments, each extracted from the request by its type, in the order the handler
//! lists them ([`super::endpoint`] runs them one after the other). The caller comes first in
//! every handler of the API, so a bad key answers 401 before a bad id or body is looked at.
//!
//! Not actix's `FromRequest`: a tuple of those is extracted concurrently, and a later
//! argument that fails at once (a malformed id: 404) would answer before an earlier one that
//! waits (the key lookup: 401). A failure here is a [`Failure`], bound to the route's
//! operation by the endpoint that extracted it.

use actix_web::dev::Payload;
use actix_web::{HttpRequest, web};
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::repository::DeleteMode;
use social_accounts_domain::schedule::{ListQuery, PostRequest};
use social_accounts_domain::{IdError, RepoError, ScheduledPostId, SocialAccountId};

use super::body;
use super::error::Failure;
use super::state::AppState;

/// A handler argument of an API whose failures are `E` (the Embed API's [`Failure`], the
/// operator and publisher APIs' `Problem`): see the module documentation.
pub trait Extract<E>: Sized {
    /// The argument, or why the request fails.
    fn extract(req: &HttpRequest, payload: &mut Payload) -> impl Future<Output = Result<Self, E>>;
}

/// The shared state (always there: `server::start` installs it).
pub fn state<E: From<RepoError>>(req: &HttpRequest) -> Result<&web::Data<AppState>, E> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| RepoError::internal("the application state is missing").into())
}

impl<E: From<RepoError>> Extract<E> for web::Data<AppState> {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, E> {
        state(req).cloned()
    }
}

/// The request itself (its id, for the audit trail).
impl<E> Extract<E> for HttpRequest {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, E> {
        Ok(req.clone())
    }
}

/// The `{id}` of the route: one that cannot exist is "not found" at once, without the
/// database; blank (no `{id}` at all) is "required".
pub fn path_id<T>(req: &HttpRequest, parse: fn(&str) -> Result<T, IdError>) -> Result<T, Failure> {
    parse(req.match_info().get("id").unwrap_or_default()).map_err(|error| match error {
        IdError::Blank => Failure::IdRequired,
        IdError::TooLong { .. } | IdError::ForbiddenCharacter { .. } => Failure::NotFound,
    })
}

impl Extract<Failure> for SocialAccountId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        path_id(req, SocialAccountId::parse)
    }
}

impl Extract<Failure> for ScheduledPostId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        path_id(req, ScheduledPostId::parse)
    }
}

/// `dryRun` from the query string. Anything but a clear yes or no is refused, so a typo can
/// never turn a dry run into a real delete.
fn delete_mode(query: &str) -> Result<DeleteMode, Failure> {
    let mut mode = DeleteMode::Delete;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name == "dryRun" {
            mode = match value {
                "true" | "1" => DeleteMode::DryRun,
                "false" | "0" => DeleteMode::Delete,
                _ => return Err(Failure::BadQuery("dryRun must be true or false")),
            };
        }
    }
    Ok(mode)
}

impl Extract<Failure> for DeleteMode {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        delete_mode(req.query_string())
    }
}

/// `GET /schedule`'s parameters: the first value of each.
impl Extract<Failure> for ListQuery {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(web::Query::into_inner)
            .unwrap_or_default();
        let param = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        ListQuery::parse(
            param("fromDate"),
            param("toDate"),
            param("socialAccountIds"),
        )
        .map_err(|e| Failure::Invalid(e.0))
    }
}

/// The `Idempotency-Key` header of a create, if sent; a malformed one is the 422.
impl Extract<Failure> for Option<IdempotencyKey> {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Failure> {
        req.headers()
            .get("idempotency-key")
            .map(|value| IdempotencyKey::parse(value.as_bytes()))
            .transpose()
            .map_err(|e| Failure::Invalid(e.to_string()))
    }
}

/// The body of a create or replace: read (at most [`body::MAX_BODY`]), a JSON object, and
/// through the edge rules for the served platforms.
#[derive(Debug)]
pub struct PostBody {
    /// The request, typed.
    pub request: PostRequest,
    /// The bytes as sent: what an idempotency key compares a repeat with.
    pub bytes: web::Bytes,
}

impl Extract<Failure> for PostBody {
    async fn extract(req: &HttpRequest, payload: &mut Payload) -> Result<Self, Failure> {
        let platforms = state::<Failure>(req)?.platforms;
        let bytes = body::read(payload.take()).await?;
        let json = body::parse_object(&bytes)?;
        let request = PostRequest::parse(&json, &platforms).map_err(|e| Failure::Invalid(e.0))?;
        Ok(Self { request, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_parsing() {
        assert_eq!(delete_mode(""), Ok(DeleteMode::Delete));
        assert_eq!(delete_mode("dryRun=true"), Ok(DeleteMode::DryRun));
        assert_eq!(delete_mode("x=1&dryRun=1"), Ok(DeleteMode::DryRun));
        assert_eq!(delete_mode("dryRun=false"), Ok(DeleteMode::Delete));
        assert!(delete_mode("dryRun=yes").is_err());
        assert!(delete_mode("dryRun").is_err());
    }
}
