//! The Schedule API: one handler per action, and its table (each route with the operation it
//! performs, bound once here, and the paths the OpenAPI document shows). Adding an endpoint
//! here is its handler file and lines in this one.

pub mod create;
pub mod delete;
pub mod list;
pub mod read;
pub mod replace;

use actix_web::http::Method;

use super::blank;
use crate::http::endpoint::{bind, resource};
use crate::http::error::{Op, Subject};

const CREATE: Op = Op {
    id: "createScheduledPost",
    failure_message: "Failed to create scheduled post",
    subject: Subject::Post,
};
const LIST: Op = Op {
    id: "listScheduledPosts",
    failure_message: "Error fetching scheduled posts",
    subject: Subject::Post,
};
const READ: Op = Op {
    id: "readScheduledPost",
    failure_message: "Error fetching scheduled post",
    subject: Subject::Post,
};
const REPLACE: Op = Op {
    id: "replaceScheduledPost",
    failure_message: "Failed to update scheduled post",
    subject: Subject::Post,
};
const DELETE: Op = Op {
    id: "deleteScheduledPost",
    failure_message: "Error deleting post",
    subject: Subject::Post,
};

/// The resources under `/schedule` (the scope's rate limit and body policy are
/// `routes.rs`'s).
pub fn resources() -> Vec<actix_web::Resource> {
    vec![
        resource(
            "",
            vec![
                (Method::POST, bind(CREATE, create::handle)),
                (Method::GET, bind(LIST, list::handle)),
            ],
        ),
        // `{id}` never matches an empty segment; this resource answers the blank id.
        resource(
            "/",
            vec![
                (Method::GET, bind(READ, blank::handle)),
                (Method::PUT, bind(REPLACE, blank::handle)),
                (Method::DELETE, bind(DELETE, blank::handle)),
            ],
        ),
        resource(
            "/{id}",
            vec![
                (Method::GET, bind(READ, read::handle)),
                (Method::PUT, bind(REPLACE, replace::handle)),
                (Method::DELETE, bind(DELETE, delete::handle)),
            ],
        ),
    ]
}

/// The endpoints in the OpenAPI document.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(paths(
    create::handle,
    list::handle,
    read::handle,
    replace::handle,
    delete::handle
))]
pub struct Paths;

/// The id path parameter, as the OpenAPI document describes it.
pub(crate) const ID_DOC: &str =
    "Post id: 1 to 64 of A-Z a-z 0-9 _ - (anything else is 404, blank 422)";
