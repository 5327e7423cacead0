//! OpenAPI links of the operator document: what a created resource's id leads to, so
//! schema-driven clients (and Schemathesis's stateful phase) follow them.

use serde_json::{Value, json};

/// A create (`POST path`, answered 201) whose body's `id` fills `parameter` of the operations
/// `to`, each `(link name, operationId)`.
struct Creates {
    path: &'static str,
    parameter: &'static str,
    to: &'static [(&'static str, &'static str)],
}

const LINKS: &[Creates] = &[
    Creates {
        path: "/operator/v1/organizations",
        parameter: "org",
        to: &[
            ("ReadOrganization", "readOrganization"),
            ("UpdateOrganization", "updateOrganization"),
            ("CreateWorkspace", "createWorkspace"),
            ("ListWorkspaces", "listWorkspaces"),
            ("CreateApiKey", "createApiKey"),
            ("ListApiKeys", "listApiKeys"),
            ("ListAuditEvents", "listAuditEvents"),
        ],
    },
    Creates {
        path: "/operator/v1/organizations/{org}/workspaces",
        parameter: "ws",
        to: &[
            ("ConnectSocialAccount", "connectSocialAccount"),
            ("ListSocialAccounts", "listSocialAccounts"),
        ],
    },
    Creates {
        path: "/operator/v1/organizations/{org}/api-keys",
        parameter: "id",
        to: &[("RevokeApiKey", "revokeApiKey")],
    },
    Creates {
        path: "/operator/v1/workspaces/{ws}/social-accounts",
        parameter: "id",
        to: &[
            ("ReadSocialAccount", "readSocialAccount"),
            ("UpdateSocialAccount", "updateSocialAccount"),
            ("RefreshTokens", "refreshSocialAccountTokens"),
            ("Disconnect", "disconnectSocialAccount"),
        ],
    },
];

/// Adds the links to `doc`'s 201 responses.
pub fn add(doc: &mut Value) {
    for create in LINKS {
        let escaped = create.path.replace('~', "~0").replace('/', "~1");
        let pointer = format!("/paths/{escaped}/post/responses/201");
        if let Some(response) = doc.pointer_mut(&pointer) {
            let links: serde_json::Map<String, Value> = create
                .to
                .iter()
                .map(|(name, operation)| {
                    let parameters = json!({ create.parameter: "$response.body#/id" });
                    (
                        (*name).to_owned(),
                        json!({ "operationId": operation, "parameters": parameters }),
                    )
                })
                .collect();
            response["links"] = Value::Object(links);
        }
    }
}
