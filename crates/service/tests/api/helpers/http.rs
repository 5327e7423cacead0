//! A raw HTTP/1.1 client (raw so hostile paths reach the server exactly as written), and the
//! responses it reads.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A response as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Exact status and exact body bytes.
    #[track_caller]
    pub fn assert(&self, status: u16, body: &str) {
        assert_eq!(
            (self.status, self.body.as_str()),
            (status, body),
            "unexpected response"
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// One HTTP/1.1 exchange with `Connection: close`.
pub fn send(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    send_body(addr, method, path, headers, None)
}

/// Sends `method path` with `headers` and, if given, `body` (with its `content-length`, and
/// `content-type: application/json` unless `headers` has a content type).
pub fn send_body(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        // JSON unless the caller names another type.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        {
            request.push_str("content-type: application/json\r\n");
        }
        request.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    } else {
        request.push_str("\r\n");
    }
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    // Read exactly one response (headers, then content-length bytes): a server that refused a
    // request without reading its body may keep the connection open for a while.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = stream
            .read(&mut chunk)
            .unwrap_or_else(|e| panic!("read: {e}"));
        raw.extend_from_slice(&chunk[..n]);
        let complete = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|end| {
                let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok());
                length.is_some_and(|len| raw.len() >= end + 4 + len)
            });
        if n == 0 || complete {
            break;
        }
    }
    let text = String::from_utf8(raw).unwrap_or_else(|e| panic!("response is not UTF-8: {e}"));
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("malformed response: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// `count` concurrent DELETEs of one account, spread over `addrs`; their statuses.
pub fn delete_race(addrs: &[SocketAddr], count: usize, id: &str, key: &str) -> Vec<u16> {
    let path = format!("/social-account/{id}");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .map(|i| {
                let (addr, path) = (addrs[i % addrs.len()], path.as_str());
                scope.spawn(move || send(addr, "DELETE", path, &[("embed-api-key", key)]).status)
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    })
}
