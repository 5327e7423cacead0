//! One `scheduledPosts[]` entry as written: every field of `POST /schedule`, plus history
//! (`labels`, `publishedAt`, `errorMessage`, `createdAt`, and each link's outcome). The API's
//! fields whose shape the API itself checks (`postContent`, the settings objects) are kept as
//! JSON for the same checks; a `null` one is absent.
//!
//! Deserialized by hand because its settings fields are not written here: they are
//! [`SettingsKey::ALL`], which the platforms' rows decide. Everything else is what serde's
//! derive with `deny_unknown_fields` does, messages included (`unknown field`, `missing
//! field`, `duplicate field`, each at the key's position and path).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::Value;

use super::file::LinkRecord;
use crate::SettingsKey;

/// See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct ScheduledPostRecord {
    pub(crate) id: Option<String>,
    pub(crate) workspace_id: String,
    pub(crate) status: String,
    pub(crate) scheduled_at: Option<String>,
    pub(crate) design_id: Option<String>,
    pub(crate) labels: Option<Vec<String>>,
    pub(crate) post_content: Option<Value>,
    /// The settings objects, by [`SettingsKey::index`].
    pub(crate) settings: [Option<Value>; SettingsKey::ALL.len()],
    pub(crate) published_at: Option<String>,
    pub(crate) error_message: Option<String>,
    pub(crate) created_at: Option<String>,
    pub(crate) social_accounts: Vec<LinkRecord>,
}

impl ScheduledPostRecord {
    /// Takes the settings objects out, each under its key, in [`SettingsKey::ALL`] order.
    pub(super) fn take_settings(
        &mut self,
    ) -> [(SettingsKey, Option<Value>); SettingsKey::ALL.len()] {
        SettingsKey::ALL.map(|key| (key, self.settings[key.index()].take()))
    }
}

/// The fields before the settings objects, in the order messages list them.
const HEAD: [&str; 7] = [
    "id",
    "workspaceId",
    "status",
    "scheduledAt",
    "designId",
    "labels",
    "postContent",
];
/// The fields after them.
const TAIL: [&str; 4] = ["publishedAt", "errorMessage", "createdAt", "socialAccounts"];
const SETTINGS: usize = SettingsKey::ALL.len();

/// Every field, as "expected one of" lists them.
static FIELDS: [&str; HEAD.len() + SETTINGS + TAIL.len()] = {
    let mut fields = [""; HEAD.len() + SETTINGS + TAIL.len()];
    let mut i = 0;
    while i < HEAD.len() {
        fields[i] = HEAD[i];
        i += 1;
    }
    let mut j = 0;
    while j < SETTINGS {
        fields[HEAD.len() + j] = SettingsKey::ALL[j].as_str();
        j += 1;
    }
    let mut k = 0;
    while k < TAIL.len() {
        fields[HEAD.len() + SETTINGS + k] = TAIL[k];
        k += 1;
    }
    fields
};

/// A field, by its position in [`FIELDS`].
struct Field(usize);

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

/// Reads a key: an unknown one fails here, while the key is read, so the error is placed at
/// the key as the derive places it.
struct FieldSeed;

impl Visitor<'_> for FieldSeed {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
        FIELDS
            .iter()
            .position(|name| *name == key)
            .map(Field)
            .ok_or_else(|| E::unknown_field(key, &FIELDS))
    }
}

impl<'de> Deserialize<'de> for ScheduledPostRecord {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("ScheduledPostRecord", &FIELDS, RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = ScheduledPostRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct ScheduledPostRecord")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Each field once, whatever its value (`null` included).
        let mut seen = [false; FIELDS.len()];
        let mut record = ScheduledPostRecord::default();
        let (mut workspace_id, mut status) = (None, None);
        let mut social_accounts = None;
        while let Some(Field(at)) = map.next_key_seed(FieldSeed)? {
            let name = FIELDS[at];
            if std::mem::replace(&mut seen[at], true) {
                return Err(de::Error::duplicate_field(name));
            }
            match name {
                "id" => record.id = map.next_value()?,
                "workspaceId" => workspace_id = Some(map.next_value()?),
                "status" => status = Some(map.next_value()?),
                "scheduledAt" => record.scheduled_at = map.next_value()?,
                "designId" => record.design_id = map.next_value()?,
                "labels" => record.labels = map.next_value()?,
                "postContent" => record.post_content = map.next_value()?,
                "publishedAt" => record.published_at = map.next_value()?,
                "errorMessage" => record.error_message = map.next_value()?,
                "createdAt" => record.created_at = map.next_value()?,
                "socialAccounts" => social_accounts = Some(map.next_value()?),
                // Only the settings keys are left: FIELDS holds nothing else.
                _ => record.settings[at - HEAD.len()] = map.next_value()?,
            }
        }
        record.workspace_id =
            workspace_id.ok_or_else(|| de::Error::missing_field("workspaceId"))?;
        record.status = status.ok_or_else(|| de::Error::missing_field("status"))?;
        record.social_accounts = social_accounts.unwrap_or_default();
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<ScheduledPostRecord, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_settings_key_is_a_field_in_order() {
        assert_eq!(FIELDS[HEAD.len()], "postSettings");
        for key in SettingsKey::ALL {
            let at = FIELDS.iter().position(|f| *f == key.as_str()).unwrap();
            assert_eq!(at, HEAD.len() + key.index(), "{key}");
        }
        let json = r#"{"workspaceId":"ws","status":"DRAFT","tiktokPostSettings":{"a":1},"postSettings":null}"#;
        let mut record = parse(json).unwrap();
        let settings = record.take_settings();
        let present: Vec<_> = settings
            .iter()
            .filter(|(_, value)| value.is_some())
            .map(|(key, _)| key.as_str())
            .collect();
        assert_eq!(present, ["tiktokPostSettings"]);
    }

    #[test]
    fn messages_are_the_derives() {
        assert_eq!(
            parse(r#"{"status":"DRAFT"}"#).unwrap_err(),
            "missing field `workspaceId` at line 1 column 18"
        );
        assert_eq!(
            parse(r#"{"workspaceId":"a","status":"DRAFT","status":"DRAFT"}"#).unwrap_err(),
            "duplicate field `status` at line 1 column 44"
        );
        assert_eq!(
            parse(r#"{"workspaceId":"a","postSettings":{},"postSettings":null}"#).unwrap_err(),
            "duplicate field `postSettings` at line 1 column 51"
        );
        assert!(
            parse(r#"{"colour":1}"#)
                .unwrap_err()
                .starts_with("unknown field `colour`, expected one of `id`, `workspaceId`"),
        );
        assert_eq!(
            parse("1").unwrap_err(),
            "invalid type: integer `1`, expected struct ScheduledPostRecord at line 1 column 1"
        );
        let full =
            r#"{"id":"p","workspaceId":"w","status":"S","labels":["x"],"socialAccounts":[]}"#;
        let record = parse(full).unwrap();
        assert_eq!(
            (record.id.as_deref(), record.labels, record.workspace_id),
            (Some("p"), Some(vec!["x".to_owned()]), "w".to_owned())
        );
    }
}
