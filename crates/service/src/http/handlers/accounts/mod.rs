//! The Social Accounts endpoints: one handler per action, and their table (each route with
//! the operation it performs, bound once here, and the paths the OpenAPI document shows).
//! Adding an endpoint here is its handler file and lines in this one.

pub mod delete;
pub mod list;
pub mod read;

use actix_web::http::Method;

use super::blank;
use crate::http::endpoint::{bind, resource};
use crate::http::error::{Op, Subject};

const LIST: Op = Op {
    id: "listSocialAccounts",
    failure_message: "Error fetching Social Accounts",
    subject: Subject::Account,
};
const READ: Op = Op {
    id: "readSocialAccount",
    failure_message: "Error fetching Social Account",
    subject: Subject::Account,
};
const DELETE: Op = Op {
    id: "deleteSocialAccount",
    failure_message: "Error deleting Social Account",
    subject: Subject::Account,
};

/// The resources under `/social-account` (the scope's rate limit and body policy are
/// `routes.rs`'s).
pub fn resources() -> Vec<actix_web::Resource> {
    vec![
        resource("", vec![(Method::GET, bind(LIST, list::handle))]),
        // `{id}` never matches an empty segment; this resource answers the blank id.
        resource(
            "/",
            vec![
                (Method::GET, bind(READ, blank::handle)),
                (Method::DELETE, bind(DELETE, blank::handle)),
            ],
        ),
        resource(
            "/{id}",
            vec![
                (Method::GET, bind(READ, read::handle)),
                (Method::DELETE, bind(DELETE, delete::handle)),
            ],
        ),
    ]
}

/// The endpoints in the OpenAPI document.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(paths(list::handle, read::handle, delete::handle))]
pub struct Paths;

/// The id path parameter, as the OpenAPI document describes it.
pub(crate) const ID_DOC: &str =
    "Social account id: 1 to 64 of A-Z a-z 0-9 _ - (anything else is 404, blank 422)";
