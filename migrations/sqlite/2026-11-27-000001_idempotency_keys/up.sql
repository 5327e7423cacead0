-- Idempotency keys of POST /schedule (Stripe-style, per workspace, kept 24 hours): the first
-- request's hash, then its response (status and body) once it has one; `post_id` is written in
-- the transaction that creates the post, so a request that died before storing its response
-- is answered from the post instead of creating another.
CREATE TABLE idempotency_keys (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    post_id TEXT,
    response_status INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
