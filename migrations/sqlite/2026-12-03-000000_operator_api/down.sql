DROP TABLE operator_idempotency_keys;
DROP TABLE audit_events;
DROP INDEX workspaces_organization_created;
DROP INDEX organizations_created;
DROP INDEX social_accounts_external;
ALTER TABLE social_accounts DROP COLUMN token_updated_at;
ALTER TABLE social_accounts DROP COLUMN external_id;
-- The release before knows only Embed API keys: the others go rather than become ones.
CREATE TABLE api_keys_old (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL,
    workspace_id TEXT REFERENCES workspaces (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    key_hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    expires_at TIMESTAMP
);
INSERT INTO api_keys_old
SELECT id, organization_id, workspace_id, name, key_hash, prefix, created_at, last_used_at,
       revoked_at, expires_at
FROM api_keys WHERE kind = 'embed' AND organization_id IS NOT NULL;
DROP TABLE api_keys;
ALTER TABLE api_keys_old RENAME TO api_keys;
CREATE INDEX api_keys_organization_id ON api_keys (organization_id);
CREATE INDEX api_keys_workspace_id ON api_keys (workspace_id);
