//! A client of the Bearer APIs (`/operator/v1`, `/publisher/v1`): it sends the key as
//! `Authorization: Bearer`, and checks every answer against the API's served OpenAPI document
//! (documented status and media type, schema) or, off the document, as a problem.

use serde_json::Value;
use social_accounts_domain::repository::{KeyRepository, NewApiKey};
use social_accounts_domain::{
    Actor, ApiKeySecret, KeyKind, OrganizationId, Timestamp, WorkspaceId,
};

use super::schema::{conforms, template_of};
use super::{Response, TestApp, send_body};

/// What problem types start with.
pub const PROBLEM_TAG: &str = "tag:social-accounts,2026:";

/// A key of one of the Bearer APIs, and the document its answers are checked against.
pub struct Bearer<'a> {
    app: &'a TestApp,
    key: String,
    base: &'static str,
    doc: Value,
}

impl TestApp {
    /// Mints a key of `kind` through the store (as `keys create` does): of `organization`, or of
    /// the whole instance when `None`.
    pub fn mint(
        &self,
        kind: KeyKind,
        organization: Option<&str>,
        workspace: Option<&str>,
    ) -> String {
        let minted = ApiKeySecret::mint();
        let new = NewApiKey {
            kind,
            organization_id: organization.map(|o| OrganizationId::parse(o).unwrap()),
            workspace_id: workspace.map(|w| WorkspaceId::parse(w).unwrap()),
            name: format!("test {kind}"),
            hash: minted.hash,
            prefix: minted.prefix,
            expires_at: None,
        };
        self.db
            .store()
            .create_key(&new, &Actor::cli(), Timestamp::now())
            .unwrap();
        minted.secret.expose().to_owned()
    }

    /// The operator API with a fresh key of the whole instance.
    pub fn operator(&self) -> Bearer<'_> {
        let key = self.mint(KeyKind::Operator, None, None);
        self.operator_with(&key)
    }

    /// The operator API with a fresh key of `organization`.
    pub fn operator_of(&self, organization: &str) -> Bearer<'_> {
        let key = self.mint(KeyKind::Operator, Some(organization), None);
        self.operator_with(&key)
    }

    /// The operator API with `key` (of any kind, or none at all).
    pub fn operator_with(&self, key: &str) -> Bearer<'_> {
        self.bearer(key, "/operator/v1")
    }

    /// The publisher API with a fresh key of the whole instance.
    pub fn publisher(&self) -> Bearer<'_> {
        let key = self.mint(KeyKind::Publisher, None, None);
        self.publisher_with(&key)
    }

    /// The publisher API with a fresh key of `organization`.
    pub fn publisher_of(&self, organization: &str) -> Bearer<'_> {
        let key = self.mint(KeyKind::Publisher, Some(organization), None);
        self.publisher_with(&key)
    }

    /// The publisher API with `key` (of any kind, or none at all).
    pub fn publisher_with(&self, key: &str) -> Bearer<'_> {
        self.bearer(key, "/publisher/v1")
    }

    fn bearer(&self, key: &str, base: &'static str) -> Bearer<'_> {
        let doc = self
            .request("GET", &format!("{base}/openapi.json"), &[])
            .json();
        Bearer {
            app: self,
            key: key.to_owned(),
            base,
            doc,
        }
    }
}

impl Bearer<'_> {
    /// The key, in plain text.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn get(&self, path: &str) -> Response {
        self.send_raw("GET", path, &[], None)
    }

    pub fn delete(&self, path: &str) -> Response {
        self.send_raw("DELETE", path, &[], None)
    }

    /// `method path` with `body` as JSON.
    pub fn send(&self, method: &str, path: &str, body: &Value) -> Response {
        self.send_raw(method, path, &[], Some(&body.to_string()))
    }

    /// `POST path` with `body` as JSON and an `Idempotency-Key`.
    pub fn post_once(&self, path: &str, key: &str, body: &Value) -> Response {
        self.send_raw(
            "POST",
            path,
            &[("idempotency-key", key)],
            Some(&body.to_string()),
        )
    }

    /// `method base+path` with the key, `headers` and `body` as given; the answer checked.
    #[track_caller]
    pub fn send_raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let full = format!("{}{path}", self.base);
        let authorization = format!("Bearer {}", self.key);
        let mut all = vec![("authorization", authorization.as_str())];
        all.extend_from_slice(headers);
        let response = send_body(self.app.addr, method, &full, &all, body);
        self.check(method, &full, &response);
        response
    }

    /// Documented answers match their schemas; anything else is a problem.
    #[track_caller]
    fn check(&self, method: &str, path: &str, response: &Response) {
        let method = method.to_ascii_lowercase();
        let documented = template_of(&self.doc, path)
            .filter(|template| self.doc["paths"][*template].get(&method).is_some());
        if let Some(template) = documented {
            conforms(&self.doc, template, &method, response);
        } else {
            // Off the document: an unknown route or method, answered as a problem.
            let status = response.status;
            assert!(matches!(status, 404 | 405), "{method} {path}: {status}");
        }
        if response.status >= 400 {
            assert_problem(response, response.status);
        }
    }
}

/// Asserts `response` is an RFC 9457 problem with `status`, whose `requestId` is the one in
/// the `x-request-id` header; its slug.
#[track_caller]
pub fn assert_problem(response: &Response, status: u16) -> String {
    assert_eq!(response.status, status, "{}", response.body);
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json"),
        "{}",
        response.body
    );
    let body = response.json();
    assert_eq!(body["status"], status, "{}", response.body);
    assert_eq!(
        body["requestId"].as_str(),
        response.header("x-request-id"),
        "{}",
        response.body
    );
    let kind = body["type"].as_str().unwrap_or_default();
    kind.strip_prefix(PROBLEM_TAG)
        .unwrap_or_else(|| panic!("not a problem type: {kind}"))
        .to_owned()
}

/// Asserts `response` is the problem `slug` with `status`.
#[track_caller]
pub fn problem(response: &Response, status: u16, slug: &str) {
    assert_eq!(assert_problem(response, status), slug, "{}", response.body);
}

/// The fields a validation problem names, in its order.
#[track_caller]
pub fn invalid_fields(response: &Response) -> Vec<String> {
    problem(response, 400, "validation");
    response.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {}", response.body))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}
