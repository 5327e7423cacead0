-- The publisher API (docs/publisher-api.md): a link's publishing state beside its outcome.
--
-- attempts: claims counted so far (a release gives its attempt back);
-- next_attempt_at: a retryable failure's backoff, before which the link is not due;
-- claim_id: the link's latest claim, the only one whose report is accepted (a replace or a
--   disconnect deletes the row, and with it every claim on it);
-- lease_expires_at, lease_seconds: set while the latest claim is held and unreported (past: expired);
-- previous_outcome: `lease_expired` or `failed`, what the next claim's `previousAttempt` says;
-- claim_report: the latest claim's report as stored, so that the same report again gets the
--   same answer and another one a 409;
-- scheduled_at: the post's, copied when the link is written (a post's time changes only by a
--   replace, which writes its links anew), so that claims read due links in order from an
--   index and stop after `limit`, instead of sorting every due link (measured: 60 ms a claim
--   with 20,000 due on PostgreSQL, docs/performance.md).
ALTER TABLE scheduled_post_accounts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheduled_post_accounts ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE scheduled_post_accounts ADD COLUMN claim_id TEXT;
ALTER TABLE scheduled_post_accounts ADD COLUMN lease_expires_at TIMESTAMP;
ALTER TABLE scheduled_post_accounts ADD COLUMN lease_seconds INTEGER;
ALTER TABLE scheduled_post_accounts ADD COLUMN previous_outcome TEXT;
ALTER TABLE scheduled_post_accounts ADD COLUMN claim_report TEXT;
ALTER TABLE scheduled_post_accounts ADD COLUMN scheduled_at TIMESTAMP;
UPDATE scheduled_post_accounts SET scheduled_at =
    (SELECT p.scheduled_at FROM scheduled_posts p WHERE p.id = scheduled_post_accounts.scheduled_post_id);
CREATE UNIQUE INDEX scheduled_post_accounts_claim ON scheduled_post_accounts (claim_id);
-- The due scan walks pending links only (published and failed ones pile up forever), in
-- claim order; the lease sweep only held ones.
CREATE INDEX scheduled_post_accounts_pending
    ON scheduled_post_accounts (scheduled_at, scheduled_post_id, position)
    WHERE status = 'PENDING';
CREATE INDEX scheduled_post_accounts_leased ON scheduled_post_accounts (lease_expires_at)
    WHERE lease_expires_at IS NOT NULL;
