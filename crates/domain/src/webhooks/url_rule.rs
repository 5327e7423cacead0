//! Which URLs an endpoint may have, and which addresses a delivery may connect to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// An endpoint URL that passed the registration rule: `https` to a name or a public address,
/// or (with `WEBHOOK_ALLOW_PRIVATE=true`) also `http` and private or loopback addresses. A
/// name is checked again at delivery against every address it resolves to ([`is_public`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointUrl(Url);

impl EndpointUrl {
    /// Checks `raw`; the error is the message for the `url` field.
    pub fn parse(raw: &str, allow_private: bool) -> Result<Self, &'static str> {
        if raw.len() > 2000 {
            return Err("must be at most 2000 characters");
        }
        let url = Url::parse(raw).map_err(|_| "must be an absolute URL")?;
        match url.scheme() {
            "https" => {}
            "http" if allow_private => {}
            "http" => return Err("must use https"),
            _ => return Err("must be an http(s) URL"),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not carry credentials");
        }
        if url.fragment().is_some() {
            return Err("must not have a fragment");
        }
        let public = match url.host() {
            None => return Err("must name a host"),
            Some(Host::Ipv4(ip)) => is_public(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => is_public(IpAddr::V6(ip)),
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.');
                !(name == "localhost" || name.ends_with(".localhost"))
            }
        };
        if !public && !allow_private {
            return Err("must be a public address");
        }
        Ok(Self(url))
    }

    /// The URL as registered (normalised by the URL parser).
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// Whether a delivery may connect to `ip` without `WEBHOOK_ALLOW_PRIVATE`: not loopback,
/// private, shared (CGNAT), link-local, unspecified, broadcast, multicast, documentation or
/// unique-local; an IPv4-mapped IPv6 address is judged as its IPv4 address.
#[must_use]
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && ip.octets()[2] == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || first == 0x2001 && ip.segments()[1] == 0x0db8
        || first == 0x0064 && ip.segments()[1] == 0xff9b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_to_public_hosts_without_the_private_switch() {
        assert!(EndpointUrl::parse("https://hooks.example.com/in", false).is_ok());
        assert!(EndpointUrl::parse("https://93.184.216.34/in", false).is_ok());
        for (raw, why) in [
            ("http://hooks.example.com/in", "must use https"),
            ("ftp://hooks.example.com/", "must be an http(s) URL"),
            ("https://127.0.0.1/in", "must be a public address"),
            ("https://10.1.2.3/in", "must be a public address"),
            ("https://[::1]/in", "must be a public address"),
            ("https://[::ffff:192.168.0.1]/", "must be a public address"),
            ("https://localhost:8443/", "must be a public address"),
            ("https://user:pw@example.com/", "must not carry credentials"),
            ("https://example.com/#x", "must not have a fragment"),
            ("not a url", "must be an absolute URL"),
        ] {
            assert_eq!(EndpointUrl::parse(raw, false).err(), Some(why), "{raw}");
        }
    }

    #[test]
    fn the_private_switch_allows_http_and_loopback() {
        assert!(EndpointUrl::parse("http://127.0.0.1:9000/hook", true).is_ok());
        assert!(EndpointUrl::parse("http://localhost/hook", true).is_ok());
        assert!(EndpointUrl::parse("ftp://127.0.0.1/", true).is_err());
    }

    #[test]
    fn addresses_are_judged_by_their_ranges() -> Result<(), std::net::AddrParseError> {
        for public in ["93.184.216.34", "2606:2800:220:1::1", "::ffff:8.8.8.8"] {
            assert!(is_public(public.parse()?), "{public}");
        }
        for private in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::7f00:1",
        ] {
            assert!(!is_public(private.parse()?), "{private}");
        }
        Ok(())
    }
}
