//! Responses checked against the OpenAPI document the same server serves: a view and its
//! schema cannot disagree (every object schema is closed, so an extra field fails too).

use serde_json::Value;

use super::Response;

/// The schema of one documented response (`None`: that status is not documented), with the
/// document's components beside it so its `#/components/...` references resolve.
pub fn schema_of(doc: &Value, path: &str, method: &str, status: u16, media: &str) -> Option<Value> {
    let escaped = path.replace('~', "~0").replace('/', "~1");
    let media = media.replace('/', "~1");
    let pointer = format!("/paths/{escaped}/{method}/responses/{status}/content/{media}/schema");
    let mut root = doc.pointer(&pointer)?.clone();
    root["components"] = doc["components"].clone();
    Some(root)
}

/// Every way `body` breaks `schema`, as text (empty: valid).
pub fn violations(schema: &Value, body: &Value) -> Vec<String> {
    let validator = jsonschema::draft202012::new(schema).unwrap();
    validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Asserts `response` to `method path` (`path` as the document spells it, with `{id}`s) is
/// documented with its status and media type, and matches the schema.
#[track_caller]
pub fn conforms(doc: &Value, path: &str, method: &str, response: &Response) {
    let media = response.header("content-type").unwrap_or("none");
    let schema = schema_of(doc, path, method, response.status, media).unwrap_or_else(|| {
        panic!(
            "{method} {path} documents no {media} {}: {}",
            response.status, response.body
        )
    });
    let problems = violations(&schema, &response.json());
    assert!(
        problems.is_empty(),
        "{method} {path} {}: {problems:?}\n{}",
        response.status,
        response.body
    );
}

/// The documented path `concrete` (a request path, query dropped) is an instance of, the most
/// literal one when several match: `/a/b` before `/a/{x}`.
pub fn template_of<'d>(doc: &'d Value, concrete: &str) -> Option<&'d str> {
    let path = concrete.split('?').next().unwrap_or(concrete);
    let parts: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()?
        .keys()
        .filter_map(|template| {
            let pieces: Vec<&str> = template.split('/').collect();
            if pieces.len() != parts.len() {
                return None;
            }
            let mut literal = 0;
            for (piece, part) in pieces.iter().zip(&parts) {
                if piece.starts_with('{') {
                    if part.is_empty() {
                        return None;
                    }
                } else if piece == part {
                    literal += 1;
                } else {
                    return None;
                }
            }
            Some((literal, template.as_str()))
        })
        .max_by_key(|(literal, _)| *literal)
        .map(|(_, template)| template)
}
