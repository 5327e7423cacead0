//! Pages of the operator and publisher APIs' lists: keyset pagination over (time, id), so a
//! list neither skips nor repeats a row however it changes between pages, with an opaque
//! cursor that refuses a forged or damaged one.

use sha2::{Digest, Sha256};

use crate::Timestamp;

/// How many rows a page holds unless `?limit=` says.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most a page holds.
pub const MAX_LIMIT: u32 = 100;

/// Where a page starts: after the row with this time and id (the last row of the page
/// before). Rows are ordered by time, then id, both ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The last row's time (`createdAt`, or an audit event's `at`).
    pub at: Timestamp,
    /// The last row's id.
    pub id: String,
}

/// Why a `?cursor=` is refused (answered 400: never a 500, never somebody else's rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is not a cursor this list gave out")]
pub struct BadCursor;

/// Bytes of the checksum a cursor carries.
const CHECK_LEN: usize = 6;

impl Cursor {
    /// The cursor as a client sees it: lowercase hex of `millis.id` and a checksum. Opaque to
    /// clients; a changed character fails the checksum. (Not a secret: it only says where a
    /// list the caller may read continues, and every query is scoped anyway.)
    ///
    /// # Examples
    ///
    /// ```
    /// use social_accounts_domain::{Cursor, Timestamp};
    ///
    /// let cursor = Cursor { at: Timestamp::parse("2026-12-03T10:00:00Z")?, id: "org_1".into() };
    /// let text = cursor.encode();
    /// assert_eq!(Cursor::decode(&text), Ok(cursor));
    /// assert!(Cursor::decode("00").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn encode(&self) -> String {
        let payload = format!("{}.{}", self.at.as_utc().timestamp_millis(), self.id);
        let mut bytes = payload.into_bytes();
        let check = checksum(&bytes);
        bytes.extend_from_slice(&check);
        bytes
            .iter()
            .fold(String::with_capacity(bytes.len() * 2), |mut hex, b| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{b:02x}");
                hex
            })
    }

    /// Reads a cursor [`Cursor::encode`] made.
    pub fn decode(text: &str) -> Result<Self, BadCursor> {
        if !text.len().is_multiple_of(2) || text.len() > 512 || text.len() < 2 * (CHECK_LEN + 3) {
            return Err(BadCursor);
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| {
                u8::from_str_radix(text.get(i..i + 2).ok_or(BadCursor)?, 16).map_err(|_| BadCursor)
            })
            .collect::<Result<Vec<u8>, _>>()?;
        let (payload, check) = bytes.split_at(bytes.len() - CHECK_LEN);
        if checksum(payload) != check {
            return Err(BadCursor);
        }
        let payload = std::str::from_utf8(payload).map_err(|_| BadCursor)?;
        let (millis, id) = payload.split_once('.').ok_or(BadCursor)?;
        let millis: i64 = millis.parse().map_err(|_| BadCursor)?;
        let at = chrono::DateTime::from_timestamp_millis(millis).ok_or(BadCursor)?;
        if id.is_empty() {
            return Err(BadCursor);
        }
        Ok(Self {
            at: Timestamp::from_utc(at),
            id: id.to_owned(),
        })
    }
}

fn checksum(payload: &[u8]) -> [u8; CHECK_LEN] {
    let digest = Sha256::digest([b"social-accounts cursor v1 ".as_slice(), payload].concat());
    let mut check = [0; CHECK_LEN];
    check.copy_from_slice(&digest[..CHECK_LEN]);
    check
}

/// What a list request asks for: how many rows, after which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// 1 to [`MAX_LIMIT`].
    pub limit: u32,
    /// Where to start; `None`: at the first row.
    pub after: Option<Cursor>,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            after: None,
        }
    }
}

/// Why a `?limit=` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a whole number from 1 to {MAX_LIMIT}")]
pub struct BadLimit;

impl PageRequest {
    /// From `?limit=` and `?cursor=` as sent (`None`: absent); every offending one named.
    pub fn parse(
        limit: Option<&str>,
        cursor: Option<&str>,
    ) -> Result<Self, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(raw) => match raw.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    errors.push(("limit", BadLimit.to_string()));
                    DEFAULT_LIMIT
                }
            },
        };
        let after = match cursor.map(Cursor::decode).transpose() {
            Ok(after) => after,
            Err(error) => {
                errors.push(("cursor", error.to_string()));
                None
            }
        };
        if errors.is_empty() {
            Ok(Self { limit, after })
        } else {
            Err(errors)
        }
    }

    /// How many rows to read: one more than the page, to know whether another follows.
    #[must_use]
    pub fn rows_to_read(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// The page of `rows` (read with [`PageRequest::rows_to_read`], in list order), and the
    /// cursor of the next one when more rows follow.
    pub fn page<T>(&self, mut rows: Vec<T>, key: impl Fn(&T) -> Cursor) -> Page<T> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(key)
        } else {
            None
        };
        Page { items: rows, next }
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows, in list order.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// The same page with every row mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(id: &str) -> Cursor {
        Cursor {
            at: Timestamp::parse("2026-12-03T10:00:00.123Z").unwrap(),
            id: id.to_owned(),
        }
    }

    #[test]
    fn cursors_round_trip_and_refuse_tampering() {
        let text = cursor("ws_1").encode();
        assert_eq!(Cursor::decode(&text), Ok(cursor("ws_1")));
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        // Every single changed character is caught.
        for i in 0..text.len() {
            let mut forged = text.clone().into_bytes();
            forged[i] = if forged[i] == b'0' { b'1' } else { b'0' };
            let forged = String::from_utf8(forged).unwrap();
            assert_eq!(Cursor::decode(&forged), Err(BadCursor), "{forged}");
        }
        let other = cursor("ws_2").encode();
        assert_ne!(text, other);
        for junk in [
            "",
            "zz",
            "0",
            &"ab".repeat(300),
            "café",
            "00000000000000000000",
        ] {
            assert_eq!(Cursor::decode(junk), Err(BadCursor), "{junk:?}");
        }
    }

    #[test]
    fn limits_and_cursors_are_checked_together() {
        assert_eq!(PageRequest::parse(None, None), Ok(PageRequest::default()));
        let ok = PageRequest::parse(Some("100"), Some(&cursor("a").encode())).unwrap();
        assert_eq!((ok.limit, ok.after), (100, Some(cursor("a"))));
        assert_eq!(
            PageRequest::parse(Some("0"), Some("nope")),
            Err(vec![
                ("limit", "must be a whole number from 1 to 100".to_owned()),
                ("cursor", "is not a cursor this list gave out".to_owned())
            ])
        );
        for bad in ["101", "-1", "1.5", "", "ten"] {
            assert!(PageRequest::parse(Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_page_knows_whether_another_follows() {
        let request = PageRequest {
            limit: 2,
            after: None,
        };
        assert_eq!(request.rows_to_read(), 3);
        let key = |id: &&str| cursor(id);
        let full = request.page(vec!["a", "b", "c"], key);
        assert_eq!((full.items, full.next), (vec!["a", "b"], Some(cursor("b"))));
        let last = request.page(vec!["a", "b"], key);
        assert_eq!((last.items, last.next), (vec!["a", "b"], None));
    }
}
