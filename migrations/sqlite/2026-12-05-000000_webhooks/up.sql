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
    secret_sealed BLOB NOT NULL,
    previous_secret_sealed BLOB,
    previous_secret_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, created_at, id);

-- The outbox: one row per event and endpoint it matched when it was written, in the
-- transaction of its cause, by one INSERT … SELECT over the listening endpoints (an event
-- nobody listens to writes nothing). The row carries the event (id, type, body as signed:
-- `created_at` is its time) and the delivery's state; its id is the event's followed by the
-- endpoint's. next_attempt_at doubles as the lease: a claim moves it past the attempt's end
-- and sets lease; an attempt whose sender died is due again when it passes.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    last_attempt_at TIMESTAMP,
    lease TEXT,
    response_status INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL
);
-- Due deliveries in order: a whole index, not a partial one (`WHERE status = 'pending'`):
-- SQLite cannot use a partial index for a statement whose status is a bound parameter, and
-- scanned every delivery per claim (measured: 374 deliveries/s, docs/performance.md).
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);

-- The expiry sweep's memory, per account: the tokenExpiresAt a token_expiring was sent for,
-- and why the last reauth_required was sent (NULL while the account can publish).
CREATE TABLE account_notices (
    social_account_id TEXT PRIMARY KEY NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    expiry_warned_for TIMESTAMP,
    reauth_notified TEXT
);
