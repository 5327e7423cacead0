//! Binding a handler to its route: its operation (which names the 500 and the wording of "not
//! found" and "required"), the extraction of its arguments in order, and the one place their
//! failures and its own become an error envelope.
//!
//! A handler is a plain async function of [`Extract`] arguments returning
//! `Result<HttpResponse, Failure>`; an API's table writes `bind(READ, read::handle)` in a
//! [`resource`], which also answers the methods it does not list.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, Resource, Route, web};

use super::error::{ApiError, Failure, Op};
use super::extract::Extract;
use super::problem::{self, Problem, ProblemError};

/// What a handler's call is: the response or the failure (`E`, the API's failure type), not
/// yet bound to the operation.
type Call<E> = Pin<Box<dyn Future<Output = Result<HttpResponse, E>>>>;

/// A handler whose arguments (`Args`, a tuple) can be extracted in order, failing with `E`.
/// Implemented for async functions of up to five [`Extract`] arguments.
pub trait Endpoint<Args, E>: Clone + 'static {
    /// Extracts the arguments one after the other, the first failure winning, then runs the
    /// handler.
    fn call(&self, req: HttpRequest, payload: Payload) -> Call<E>;
}

macro_rules! endpoint {
    ($($arg:ident),*) => {
        impl<F, Fut, E, $($arg),*> Endpoint<($($arg,)*), E> for F
        where
            F: Fn($($arg),*) -> Fut + Clone + 'static,
            Fut: Future<Output = Result<HttpResponse, E>> + 'static,
            E: 'static,
            $($arg: Extract<E> + 'static,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables, reason = "generated per arity")]
            fn call(&self, req: HttpRequest, mut payload: Payload) -> Call<E> {
                let handler = self.clone();
                Box::pin(async move {
                    $(let $arg = $arg::extract(&req, &mut payload).await?;)*
                    handler($($arg),*).await
                })
            }
        }
    };
}

endpoint!();
endpoint!(A);
endpoint!(A, B);
endpoint!(A, B, C);
endpoint!(A, B, C, D);

endpoint!(A, B, C, D, G);

/// The Embed API's route that runs `handler` as operation `op`.
pub fn bind<Args: 'static>(op: Op, handler: impl Endpoint<Args, Failure>) -> Route {
    web::to(move |req: HttpRequest, payload: web::Payload| {
        let call = handler.call(req.clone(), payload.into_inner());
        async move {
            call.await
                .map_err(|failure| ApiError::new(op, &req, failure))
        }
    })
}

/// The operator or publisher API's route that runs `handler` as the operation named
/// `operation` (its OpenAPI `operationId`, which log lines carry).
pub fn bind_problem<Args: 'static>(
    operation: &'static str,
    handler: impl Endpoint<Args, Problem>,
) -> Route {
    web::to(move |req: HttpRequest, payload: web::Payload| {
        let call = handler.call(req.clone(), payload.into_inner());
        async move {
            call.await
                .map_err(|problem| ProblemError::new(operation, &req, problem))
        }
    })
}

/// A resource answering exactly `methods`; any other method gets 405 with an `Allow` header
/// listing them, so the header cannot disagree with the table.
pub fn resource(path: &str, methods: Vec<(Method, Route)>) -> Resource {
    let allow = methods
        .iter()
        .map(|(method, _)| method.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let resource = methods
        .into_iter()
        .fold(web::resource(path), |resource, (method, route)| {
            resource.route(route.method(method))
        });
    resource.default_service(web::to(move |req: HttpRequest| {
        std::future::ready(problem::method_not_allowed(&req, &allow))
    }))
}
