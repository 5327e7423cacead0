//! Where a request carries its API key. A leaf: the rate limiter and authentication both read
//! the key through it.

use actix_web::http::header::{AUTHORIZATION, HeaderMap};

const EMBED_KEY_HEADER: &str = "embed-api-key";

/// The key text a request carries, if any: `embed-api-key` first, then `authorization`.
/// A header that is not visible ASCII is passed on as is, to be refused as malformed.
pub fn presented_key(headers: &HeaderMap) -> Option<String> {
    let value = |name| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    value(EMBED_KEY_HEADER).or_else(|| {
        value(AUTHORIZATION.as_str()).and_then(|raw| match raw.split_once(' ') {
            Some((scheme, key)) if scheme.eq_ignore_ascii_case("bearer") => {
                Some(key.trim().to_owned())
            }
            // "Bearer" with nothing after it is an empty key.
            _ if raw.eq_ignore_ascii_case("bearer") => None,
            _ => Some(raw),
        })
    })
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    #[test]
    fn header_precedence_and_bearer() {
        assert_eq!(presented_key(&headers(&[])), None);
        assert_eq!(presented_key(&headers(&[("embed-api-key", "  ")])), None);
        assert_eq!(
            presented_key(&headers(&[
                ("embed-api-key", "k1"),
                ("authorization", "k2")
            ]))
            .as_deref(),
            Some("k1")
        );
        assert_eq!(
            presented_key(&headers(&[("embed-api-key", ""), ("authorization", "k2")])).as_deref(),
            Some("k2")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer k3")])).as_deref(),
            Some("k3")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "bearer   k3 ")])).as_deref(),
            Some("k3")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer")])),
            None
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer  ")])),
            None
        );
    }
}
