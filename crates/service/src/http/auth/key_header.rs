//! Where a request carries its API key. A leaf: the rate limiter and authentication both read
//! the key through it. The Embed API takes `embed-api-key` or `authorization` (raw or
//! `Bearer`), as the hosted API does; the operator and publisher APIs take `Bearer` only.

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

/// The key of the operator and publisher APIs: `Authorization: Bearer <key>` only (any other
/// header, or another scheme, is no key).
pub fn bearer_key(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(AUTHORIZATION)?;
    let raw = String::from_utf8_lossy(raw.as_bytes());
    let (scheme, key) = raw.trim().split_once(' ')?;
    let key = key.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !key.is_empty()).then(|| key.to_owned())
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
    fn bearer_only_for_the_operator_and_publisher_apis() {
        assert_eq!(
            bearer_key(&headers(&[("authorization", "Bearer k1")])).as_deref(),
            Some("k1")
        );
        assert_eq!(
            bearer_key(&headers(&[("authorization", "bearer  k1 ")])).as_deref(),
            Some("k1")
        );
        for refused in [
            &[("authorization", "k1")][..],
            &[("authorization", "Bearer ")],
            &[("authorization", "Basic k1")],
            &[("embed-api-key", "k1")],
            &[],
        ] {
            assert_eq!(bearer_key(&headers(refused)), None, "{refused:?}");
        }
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
