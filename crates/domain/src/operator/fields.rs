//! Reading a JSON body field by field, so that a bad body is answered with every offending
//! field at once (a typo never dropped: an unknown field is one of them).

use serde_json::{Map, Value};

use crate::account_rules;
use crate::{IdError, Timestamp};

/// One offending field of a body: its dotted path (`accessToken`, `scopes.0`) and what is
/// wrong, for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path in the body; empty for the body itself.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldError {
    /// An error at `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A body's fields, read one by one; each getter records what is wrong with its field and
/// answers `None` for it. [`Fields::finish`] adds every field nobody asked for.
#[derive(Debug)]
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    known: Vec<&'static str>,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    /// The fields of `body`, which must be a JSON object.
    pub fn of(body: &'a Value) -> Result<Self, Vec<FieldError>> {
        match body {
            Value::Object(object) => Ok(Self {
                object,
                known: Vec::new(),
                errors: Vec::new(),
            }),
            _ => Err(vec![FieldError::new("", "must be a JSON object")]),
        }
    }

    /// Records `message` for `field`.
    pub fn refuse(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// Refuses `null` for each of `names` (fields of a change that cannot be removed): a
    /// `null` there is a mistake to report, not a field to skip.
    pub fn refuse_null(&mut self, names: &[&'static str]) {
        for name in names {
            if self.object.get(*name).is_some_and(Value::is_null) {
                self.refuse(name, "must not be null");
            }
        }
    }

    /// The value of `name` (`null` counts as absent), and notes the field as known.
    fn value(&mut self, name: &'static str) -> Option<&'a Value> {
        self.known.push(name);
        self.object.get(name).filter(|v| !v.is_null())
    }

    /// Notes `name` as a field of this body without reading it (its value is checked only
    /// in another shape of the body).
    pub fn known(&mut self, name: &'static str) {
        self.known.push(name);
    }

    /// Whether `name` is present at all, `null` included (a PATCH's `null` clears).
    pub fn sent(&self, name: &str) -> bool {
        self.object.contains_key(name)
    }

    /// A string, if present; a value of another type is refused.
    pub fn optional_string(&mut self, name: &'static str) -> Option<&'a str> {
        let value = self.value(name)?;
        if let Value::String(text) = value {
            return Some(text);
        }
        self.refuse(name, "must be a string");
        None
    }

    /// A required string.
    pub fn string(&mut self, name: &'static str) -> Option<&'a str> {
        if self.object.get(name).is_none_or(Value::is_null) {
            self.known.push(name);
            self.refuse(name, "is required");
            return None;
        }
        self.optional_string(name)
    }

    /// Free text (1 to 255 characters, not blank), if present.
    pub fn optional_text(&mut self, name: &'static str) -> Option<String> {
        let text = self.optional_string(name)?;
        self.checked(name, text, account_rules::text)
    }

    /// Required free text (1 to 255 characters, not blank).
    pub fn text(&mut self, name: &'static str) -> Option<String> {
        let text = self.string(name)?;
        self.checked(name, text, account_rules::text)
    }

    /// `raw` when `rule` accepts it, else its message recorded.
    pub fn checked(
        &mut self,
        name: &'static str,
        raw: &str,
        rule: impl FnOnce(&str) -> Result<(), String>,
    ) -> Option<String> {
        match rule(raw) {
            Ok(()) => Some(raw.to_owned()),
            Err(message) => {
                self.refuse(name, message);
                None
            }
        }
    }

    /// An id, if present (`parse` is the id type's).
    pub fn optional_id<T>(
        &mut self,
        name: &'static str,
        parse: fn(&str) -> Result<T, IdError>,
    ) -> Option<T> {
        let raw = self.optional_string(name)?;
        match parse(raw) {
            Ok(id) => Some(id),
            Err(error) => {
                self.refuse(name, error.to_string());
                None
            }
        }
    }

    /// One of an enumeration's wire names, if present.
    pub fn optional_choice<T>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        names: &str,
    ) -> Option<T> {
        let raw = self.optional_string(name)?;
        let parsed = parse(raw);
        if parsed.is_none() {
            self.refuse(name, format!("must be one of: {names}"));
        }
        parsed
    }

    /// A required choice.
    pub fn choice<T>(
        &mut self,
        name: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        names: &str,
    ) -> Option<T> {
        if self.object.get(name).is_none_or(Value::is_null) {
            self.known.push(name);
            self.refuse(name, "is required");
            return None;
        }
        self.optional_choice(name, parse, names)
    }

    /// A boolean, if present.
    pub fn optional_bool(&mut self, name: &'static str) -> Option<bool> {
        let value = self.value(name)?;
        if let Value::Bool(value) = value {
            return Some(*value);
        }
        self.refuse(name, "must be a boolean");
        None
    }

    /// A whole number from `min` to `max`, if present.
    pub fn optional_integer(&mut self, name: &'static str, min: u32, max: u32) -> Option<u32> {
        let value = self.value(name)?;
        let number = value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (min..=max).contains(n));
        if number.is_none() {
            self.refuse(name, format!("must be a whole number from {min} to {max}"));
        }
        number
    }

    /// An array, if present.
    pub fn optional_array(&mut self, name: &'static str) -> Option<&'a [Value]> {
        let value = self.value(name)?;
        if let Value::Array(items) = value {
            return Some(items);
        }
        self.refuse(name, "must be an array");
        None
    }

    /// A date-time (RFC 3339, with its offset), if present.
    pub fn optional_timestamp(&mut self, name: &'static str) -> Option<Timestamp> {
        let raw = self.optional_string(name)?;
        let parsed = Timestamp::parse(raw).ok();
        if parsed.is_none() {
            self.refuse(name, "must be a date-time such as 2026-12-01T09:00:00Z");
        }
        parsed
    }

    /// Everything recorded, every field the body has that nobody asked for included; `Ok`
    /// when there is nothing.
    pub fn finish(mut self) -> Result<(), Vec<FieldError>> {
        let mut unknown: Vec<&String> = self
            .object
            .keys()
            .filter(|key| !self.known.contains(&key.as_str()))
            .collect();
        unknown.sort();
        for key in unknown {
            self.errors
                .push(FieldError::new(key.clone(), "is not a field of this body"));
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_offending_field_at_once_unknown_ones_included() {
        let body =
            json!({"name": " ", "mainPlan": "gold", "extra": 1, "flag": "yes", "zeta": null});
        let mut fields = Fields::of(&body).unwrap();
        assert_eq!(fields.text("name"), None);
        assert_eq!(
            fields.choice("mainPlan", |r| (r == "free").then_some(()), "free"),
            None
        );
        assert_eq!(fields.optional_bool("flag"), None);
        assert_eq!(fields.string("missing"), None);
        let errors = fields.finish().unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "must be 1 to 255 characters"),
                ("mainPlan", "must be one of: free"),
                ("flag", "must be a boolean"),
                ("missing", "is required"),
                ("extra", "is not a field of this body"),
                ("zeta", "is not a field of this body"),
            ]
        );
        assert_eq!(
            Fields::of(&json!([1])).unwrap_err(),
            vec![FieldError::new("", "must be a JSON object")]
        );
    }

    #[test]
    fn null_is_absent_for_optional_fields() {
        let body = json!({"logo": null, "when": "2026-12-01T00:00:00+01:00"});
        let mut fields = Fields::of(&body).unwrap();
        assert!(fields.sent("logo"));
        assert_eq!(fields.optional_string("logo"), None);
        assert_eq!(
            fields.optional_timestamp("when").map(|t| t.to_string()),
            Some("2026-11-30T23:00:00.000Z".to_owned())
        );
        assert!(fields.finish().is_ok());
    }
}
