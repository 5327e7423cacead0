-- Webhooks (docs/webhooks.md).

-- Endpoints: secrets sealed with the token key (TOKEN_ENCRYPTION_KEY, re-sealed by
-- `tokens rotate-key`); a rotated-out secret also signs until previous_secret_expires_at.
-- events: `*` or the types each wrapped in commas (`,link.failed,`), matched with LIKE.
CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    secret_sealed BYTEA NOT NULL,
    previous_secret_sealed BYTEA,
    previous_secret_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, created_at, id);

-- The outbox: an event is written in the transaction of its cause, with one delivery per
-- endpoint it matched then (an event nobody listens to is not stored at all).
CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    body TEXT NOT NULL
);

-- next_attempt_at doubles as the lease: a claim moves it past the attempt's timeout and sets
-- lease; an attempt whose sender died is due again when it passes.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    last_attempt_at TIMESTAMP,
    lease TEXT,
    response_status INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

-- The expiry sweep's memory, per account: the tokenExpiresAt a token_expiring was sent for,
-- and why the last reauth_required was sent (NULL while the account can publish).
CREATE TABLE account_notices (
    social_account_id TEXT PRIMARY KEY NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    expiry_warned_for TIMESTAMP,
    reauth_notified TEXT
);
