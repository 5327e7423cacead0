//! The HTTP client that delivers webhooks: ureq, already the reference worker's client, on
//! the vendored OpenSSL the PostgreSQL driver links (no second TLS stack), with a global
//! timeout per attempt, redirects never followed, no proxy from the environment, and a
//! resolver that drops every address [`is_public`] refuses unless private addresses are
//! allowed, so a name that resolves to a private address is refused at delivery, against
//! the very addresses the connection is made to.

use std::io;
use std::time::Duration;

use social_accounts_domain::webhooks::is_public;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// What an attempt's error says when every address of the host was refused.
pub const NOT_ALLOWED: &str = "address not allowed";

/// Resolves as the default resolver does, then keeps public addresses only.
#[derive(Debug, Default)]
struct PublicOnly {
    inner: DefaultResolver,
}

impl Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let all = self.inner.resolve(uri, config, timeout)?;
        let mut kept = self.inner.empty();
        kept.truncate(0);
        for address in all.iter().filter(|address| is_public(address.ip())) {
            kept.push(*address);
        }
        if kept.is_empty() {
            return Err(ureq::Error::Io(io::Error::new(
                io::ErrorKind::PermissionDenied,
                NOT_ALLOWED,
            )));
        }
        Ok(kept)
    }
}

/// The agent every delivery of this process goes through (its connections are reused).
pub fn agent(timeout: Duration, allow_private: bool) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .proxy(None)
        .user_agent(concat!(
            "social-accounts-webhooks/",
            env!("CARGO_PKG_VERSION")
        ))
        .tls_config(
            TlsConfig::builder()
                .provider(TlsProvider::NativeTls)
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .build();
    if allow_private {
        ureq::Agent::with_parts(config, DefaultConnector::new(), DefaultResolver::default())
    } else {
        ureq::Agent::with_parts(config, DefaultConnector::new(), PublicOnly::default())
    }
}
