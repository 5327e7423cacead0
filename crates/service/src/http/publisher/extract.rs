//! The publisher API's handler arguments: the caller, the claim id from the path, and a body
//! that may be left out (a heartbeat's, a release's).

use actix_web::HttpRequest;
use actix_web::dev::Payload;
use serde_json::Value;
use social_accounts_domain::{Actor, ActorKind, Agent, Api, ClaimId, Principal, Reach};

use crate::http::auth::key_header::bearer_key;
use crate::http::auth::principal;
use crate::http::extract::{Extract, state};
use crate::http::middleware::request_id;
use crate::http::operator::extract::{JsonBody, wrong_kind};
use crate::http::problem::Problem;

/// The publisher API's caller: a key of the `publisher` kind.
#[derive(Debug, Clone)]
pub struct Publisher {
    /// The key and its reach.
    pub agent: Agent,
    /// The request's id.
    pub request_id: String,
}

impl Publisher {
    /// Who the audit trail names for this request.
    pub fn actor(&self) -> Actor {
        Actor {
            kind: ActorKind::Publisher,
            key_id: Some(self.agent.key_id.clone()),
            request_id: Some(self.request_id.clone()),
        }
    }

    /// What the key reaches.
    pub fn reach(&self) -> &Reach {
        &self.agent.reach
    }
}

impl Extract<Problem> for Publisher {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        let presented = bearer_key(req.headers());
        match principal::<Problem>(presented, state::<Problem>(req)?).await? {
            Principal::Publisher(agent) => Ok(Self {
                agent,
                request_id: request_id::of(req),
            }),
            other => Err(wrong_kind(other.kind().refused_by(Api::Publisher))),
        }
    }
}

/// A claim id from the path: one that cannot exist holds no link (409 `lease-lost`, as for
/// any claim that holds none).
impl Extract<Problem> for ClaimId {
    async fn extract(req: &HttpRequest, _: &mut Payload) -> Result<Self, Problem> {
        ClaimId::parse(req.match_info().get("claimId").unwrap_or_default())
            .map_err(|_| lease_lost())
    }
}

/// What a request on a claim that holds no link is answered.
pub fn lease_lost() -> Problem {
    Problem::LeaseLost(
        "This claim holds no link: its lease ended, a newer claim took the link, or the link \
         was removed (post replaced or deleted, account disconnected)"
            .to_owned(),
    )
}

/// A JSON body that may be left out: no body at all reads as `{}`; a body must be JSON.
#[derive(Debug)]
pub struct MaybeJson(pub Value);

impl Extract<Problem> for MaybeJson {
    async fn extract(req: &HttpRequest, payload: &mut Payload) -> Result<Self, Problem> {
        let empty = req
            .headers()
            .get(actix_web::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
            || (req
                .headers()
                .get(actix_web::http::header::CONTENT_LENGTH)
                .is_none()
                && req
                    .headers()
                    .get(actix_web::http::header::TRANSFER_ENCODING)
                    .is_none());
        if empty {
            return Ok(Self(Value::Object(serde_json::Map::new())));
        }
        JsonBody::extract(req, payload)
            .await
            .map(|body| Self(body.json))
    }
}
