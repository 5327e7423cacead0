-- The operator API (docs/operator-api.md).

-- Key kinds: every key made before, and every imported key, is an Embed API key. Operator and
-- publisher keys may belong to no organization: a key of the whole instance.
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'embed';
ALTER TABLE api_keys ALTER COLUMN organization_id DROP NOT NULL;
-- Serves the key list (organization, oldest first, ties by id) without a sort.
CREATE INDEX api_keys_organization_created ON api_keys (organization_id, created_at, id);

-- The platform's own id of an account (a connect of the same one again is a reconnect), unique
-- per workspace and platform; accounts imported before have none (NULLs are distinct). And
-- when its tokens last changed: for the accounts there are, when they last changed at all.
-- (Nullable: an instance still on the previous release may import meanwhile; reads take a
-- NULL as `updated_at`.)
ALTER TABLE social_accounts ADD COLUMN external_id TEXT;
ALTER TABLE social_accounts ADD COLUMN token_updated_at TIMESTAMP;
UPDATE social_accounts SET token_updated_at = updated_at;
CREATE UNIQUE INDEX social_accounts_external ON social_accounts (workspace_id, platform_type, external_id);

-- The lists of the operator API: oldest first, ties by id.
CREATE INDEX organizations_created ON organizations (created_at, id);
CREATE INDEX workspaces_organization_created ON workspaces (organization_id, created_at, id);

-- Who changed what, written in the transaction of the change. No foreign keys: the trail
-- outlives what it names. Never a token, key or secret (docs/security.md).
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    organization_id TEXT,
    workspace_id TEXT,
    actor_kind TEXT NOT NULL,
    actor_key_id TEXT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    request_id TEXT,
    details TEXT
);
CREATE INDEX audit_events_organization ON audit_events (organization_id, at, id);

-- Idempotency keys of the operator API's creates (kept 24 hours, per caller's organization or
-- the instance): the first request's hash, then its answer, sealed with the token key (an
-- API key's answer carries the key, shown once).
CREATE TABLE operator_idempotency_keys (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash BYTEA NOT NULL,
    response_status INTEGER,
    response_sealed BYTEA,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX operator_idempotency_keys_created_at ON operator_idempotency_keys (created_at);
