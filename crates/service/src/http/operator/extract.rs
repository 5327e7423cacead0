//! The operator API's handler arguments (see `http::extract`): the caller, ids from the path,
//! the JSON body, a page, filters. Each fails with a [`Problem`].

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, web};
use serde_json::Value;
use social_accounts_domain::idempotency::IdempotencyKey;
use social_accounts_domain::operator::FieldError;
use social_accounts_domain::repository::DeleteMode;
use social_accounts_domain::{
    Actor, ActorKind, Agent, Api, ApiKeyId, DeliveryId, IdError, OrganizationId, PageRequest,
    Principal, Reach, SocialAccountId, Timestamp, WebhookId, WorkspaceId, WrongKind,
};

use crate::http::auth::key_header::bearer_key;
use crate::http::auth::principal;
use crate::http::body;
use crate::http::extract::{Extract, state};
use crate::http::middleware::request_id;
use crate::http::problem::Problem;

/// The operator API's caller: a key of the `operator` kind, and the request it made (for the
/// audit trail).
#[derive(Debug, Clone)]
pub struct Operator {
    /// The key and its reach.
    pub agent: Agent,
    /// The request's id.
    pub request_id: String,
}

impl Operator {
    /// Who the audit trail names for this request.
    pub fn actor(&self) -> Actor {
        Actor {
            kind: ActorKind::Operator,
            key_id: Some(self.agent.key_id.clone()),
            request_id: Some(self.request_id.clone()),
        }
    }

    /// What the key reaches.
    pub fn reach(&self) -> &Reach {
        &self.agent.reach
    }
}

impl Extract<Problem> for Operator {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        let presented = bearer_key(req.headers());
        match principal::<Problem>(presented, state::<Problem>(req)?).await? {
            Principal::Operator(agent) => Ok(Self {
                agent,
                request_id: request_id::of(req),
            }),
            other => Err(wrong_kind(other.kind().refused_by(Api::Operator))),
        }
    }
}

/// The answer to a key of another kind on the operator or publisher API.
pub fn wrong_kind(refusal: Option<WrongKind>) -> Problem {
    match refusal {
        Some(WrongKind::AsUnknown) => Problem::Unauthorized,
        Some(WrongKind::Forbidden) | None => {
            Problem::Forbidden("This key's kind does not call this API")
        }
    }
}

/// An id from the path parameter `name`: one that cannot exist is not found (404) at once.
fn path_id<T>(
    req: &HttpRequest,
    name: &str,
    parse: fn(&str) -> Result<T, IdError>,
) -> Result<T, Problem> {
    parse(req.match_info().get(name).unwrap_or_default()).map_err(|_| Problem::NotFound)
}

impl Extract<Problem> for OrganizationId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "org", OrganizationId::parse)
    }
}

impl Extract<Problem> for WorkspaceId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "ws", WorkspaceId::parse)
    }
}

impl Extract<Problem> for SocialAccountId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "id", SocialAccountId::parse)
    }
}

impl Extract<Problem> for WebhookId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "id", WebhookId::parse)
    }
}

impl Extract<Problem> for DeliveryId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "deliveryId", DeliveryId::parse)
    }
}

impl Extract<Problem> for ApiKeyId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        path_id(req, "id", ApiKeyId::parse)
    }
}

/// A JSON body: `Content-Type: application/json` (415 otherwise), at most `body::MAX_BODY`
/// (413), valid JSON (400); what is in it, the handler reads with every offending field.
#[derive(Debug)]
pub struct JsonBody {
    /// The body.
    pub json: Value,
    /// Its bytes, as sent: what an idempotency key compares a repeat with.
    pub bytes: web::Bytes,
}

/// Whether the request says its body is JSON (`application/json`, any parameters).
fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

impl Extract<Problem> for JsonBody {
    async fn extract(req: &HttpRequest, payload: &mut Payload) -> Result<Self, Problem> {
        if !is_json(req) {
            return Err(Problem::UnsupportedMediaType);
        }
        let bytes = body::read(payload.take()).await?;
        let json = serde_json::from_slice(&bytes).map_err(|error| {
            Problem::Validation(vec![FieldError::new(
                "",
                format!("is not valid JSON: {error}"),
            )])
        })?;
        Ok(Self { json, bytes })
    }
}

/// The query string as `(name, value)` pairs, in order.
#[derive(Debug, Default)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl Extract<Problem> for Query {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(|query| Self(query.into_inner()))
            .map_err(|_| Problem::Validation(vec![FieldError::new("", "malformed query string")]))
    }
}

/// `?limit=` and `?cursor=`: every offending one named.
impl Extract<Problem> for PageRequest {
    async fn extract(req: &HttpRequest, payload: &mut Payload) -> Result<Self, Problem> {
        let query = Query::extract(req, payload).await?;
        PageRequest::parse(query.get("limit"), query.get("cursor")).map_err(|errors| {
            Problem::Validation(
                errors
                    .into_iter()
                    .map(|(field, message)| FieldError::new(field, message))
                    .collect(),
            )
        })
    }
}

/// `?dryRun=true|false` (a typo never turns a dry run into a delete).
impl Extract<Problem> for DeleteMode {
    async fn extract(req: &HttpRequest, payload: &mut Payload) -> Result<Self, Problem> {
        match Query::extract(req, payload).await?.get("dryRun") {
            None | Some("false" | "0") => Ok(DeleteMode::Delete),
            Some("true" | "1") => Ok(DeleteMode::DryRun),
            Some(_) => Err(Problem::Validation(vec![FieldError::new(
                "dryRun",
                "must be true or false",
            )])),
        }
    }
}

/// The `Idempotency-Key` header of a create, if sent.
impl Extract<Problem> for Option<IdempotencyKey> {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        req.headers()
            .get("idempotency-key")
            .map(|value| IdempotencyKey::parse(value.as_bytes()))
            .transpose()
            .map_err(|e| {
                Problem::Validation(vec![FieldError::new("Idempotency-Key", e.to_string())])
            })
    }
}

/// `?since=`: a date-time.
pub fn since(query: &Query) -> Result<Option<Timestamp>, Problem> {
    query
        .get("since")
        .map(|raw| {
            Timestamp::parse(raw).map_err(|_| {
                Problem::Validation(vec![FieldError::new(
                    "since",
                    "must be a date-time such as 2026-12-01T09:00:00Z",
                )])
            })
        })
        .transpose()
}
