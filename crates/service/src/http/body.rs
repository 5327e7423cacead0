//! Reading a JSON request body: at most [`MAX_BODY`] bytes, never more buffered, and anything
//! that is not a JSON object is the contract's 422.

use actix_web::body::{BodyStream, to_bytes_limited};
use actix_web::dev::Payload;
use actix_web::web::Bytes;
use serde_json::Value;

use super::error::Failure;

/// The largest body a write takes (a post with every caption at its longest fits many times).
pub const MAX_BODY: usize = 256 * 1024;

/// Why a body was not taken.
#[derive(Debug)]
pub enum BodyError {
    /// Over [`MAX_BODY`] (a chunked body found so while reading).
    TooLarge,
    /// Not a JSON object.
    NotAnObject,
}

impl From<BodyError> for Failure {
    fn from(error: BodyError) -> Self {
        match error {
            BodyError::TooLarge => Failure::BodyTooLarge,
            BodyError::NotAnObject => Failure::Invalid(NOT_AN_OBJECT.to_owned()),
        }
    }
}

/// The contract's message for a body that is not a JSON object.
pub const NOT_AN_OBJECT: &str = "Request body must be a JSON object";

/// Reads the whole body, at most [`MAX_BODY`] bytes.
pub async fn read(payload: Payload) -> Result<Bytes, BodyError> {
    to_bytes_limited(BodyStream::new(payload), MAX_BODY)
        .await
        .map_err(|_| BodyError::TooLarge)?
        .map_err(|_| BodyError::NotAnObject)
}

/// Parses bytes as a JSON object.
pub fn parse_object(bytes: &[u8]) -> Result<Value, BodyError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Ok(value),
        _ => Err(BodyError::NotAnObject),
    }
}
