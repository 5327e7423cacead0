//! The publisher API over HTTP: what the reference worker calls, and nothing else (it may
//! run on another machine than the service).

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};

/// An answer of the publisher API.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body, as JSON (`null` when it is not).
    pub body: Value,
}

impl Answer {
    /// The problem's slug (`lease-lost`, `conflict`, ...), for a refusal.
    pub fn slug(&self) -> &str {
        self.body["type"]
            .as_str()
            .and_then(|kind| kind.rsplit(':').next())
            .unwrap_or("")
    }

    /// The problem's detail, or the status.
    pub fn reason(&self) -> String {
        self.body["detail"]
            .as_str()
            .map_or_else(|| format!("HTTP {}", self.status), str::to_owned)
    }
}

/// The publisher API of one service, with one key.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    authorization: SecretString,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of `api_url`'s publisher API with `key`.
    pub fn new(api_url: &str, key: &SecretString) -> Self {
        let tls = TlsConfig::builder()
            .provider(TlsProvider::NativeTls)
            .root_certs(RootCerts::PlatformVerifier)
            .build();
        let config = ureq::Agent::config_builder()
            // Refusals are answers to read (problem details), not transport errors.
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .tls_config(tls)
            .user_agent(concat!(
                "social-accounts-publish/",
                env!("CARGO_PKG_VERSION")
            ))
            .build();
        Self {
            agent: config.into(),
            base: format!("{}/publisher/v1", api_url.trim_end_matches('/')),
            authorization: SecretString::from(format!("Bearer {}", key.expose_secret())),
        }
    }

    /// `POST {path}` with `body`.
    pub fn post(&self, path: &str, body: &Value) -> Result<Answer, String> {
        let mut response = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("authorization", self.authorization.expose_secret())
            .header("content-type", "application/json")
            .send(body.to_string().as_str())
            .map_err(|e| format!("cannot reach {}: {e}", self.base))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("cannot read the answer of {}: {e}", self.base))?;
        Ok(Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        })
    }
}
