-- Each account's links per status, kept by the database itself: triggers on the links table,
-- so the API, the import, the publisher's `links set-status` and any future writer keep them
-- right, and `GET /social-account/:id` reads one row instead of counting links.
-- `social-accounts doctor` recounts and reports (or repairs) any drift. A table of its own,
-- not columns of `social_accounts`: its narrow row is the one rewritten on every link change.
CREATE TABLE social_account_usage (
    social_account_id TEXT PRIMARY KEY REFERENCES social_accounts (id) ON DELETE CASCADE,
    draft BIGINT NOT NULL DEFAULT 0,
    pending BIGINT NOT NULL DEFAULT 0,
    published BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0
);

INSERT INTO social_account_usage (social_account_id, draft, pending, published, failed)
SELECT a.id,
       (SELECT COUNT(*) FROM scheduled_post_accounts l WHERE l.social_account_id = a.id AND l.status = 'DRAFT'),
       (SELECT COUNT(*) FROM scheduled_post_accounts l WHERE l.social_account_id = a.id AND l.status = 'PENDING'),
       (SELECT COUNT(*) FROM scheduled_post_accounts l WHERE l.social_account_id = a.id AND l.status = 'PUBLISHED'),
       (SELECT COUNT(*) FROM scheduled_post_accounts l WHERE l.social_account_id = a.id AND l.status = 'FAILED')
FROM social_accounts a;

CREATE TRIGGER social_accounts_usage_row AFTER INSERT ON social_accounts
BEGIN
    INSERT INTO social_account_usage (social_account_id) VALUES (NEW.id);
END;

-- SQLite has row triggers only; a comparison is 0 or 1, so each statement adds or takes one
-- from exactly the column of the link's status.
CREATE TRIGGER scheduled_post_accounts_usage_insert AFTER INSERT ON scheduled_post_accounts
BEGIN
    UPDATE social_account_usage SET
        draft = draft + (NEW.status = 'DRAFT'),
        pending = pending + (NEW.status = 'PENDING'),
        published = published + (NEW.status = 'PUBLISHED'),
        failed = failed + (NEW.status = 'FAILED')
    WHERE social_account_id = NEW.social_account_id;
END;

CREATE TRIGGER scheduled_post_accounts_usage_delete AFTER DELETE ON scheduled_post_accounts
BEGIN
    UPDATE social_account_usage SET
        draft = draft - (OLD.status = 'DRAFT'),
        pending = pending - (OLD.status = 'PENDING'),
        published = published - (OLD.status = 'PUBLISHED'),
        failed = failed - (OLD.status = 'FAILED')
    WHERE social_account_id = OLD.social_account_id;
END;

CREATE TRIGGER scheduled_post_accounts_usage_update
AFTER UPDATE OF status, social_account_id ON scheduled_post_accounts
WHEN OLD.status IS NOT NEW.status OR OLD.social_account_id IS NOT NEW.social_account_id
BEGIN
    UPDATE social_account_usage SET
        draft = draft - (OLD.status = 'DRAFT'),
        pending = pending - (OLD.status = 'PENDING'),
        published = published - (OLD.status = 'PUBLISHED'),
        failed = failed - (OLD.status = 'FAILED')
    WHERE social_account_id = OLD.social_account_id;
    UPDATE social_account_usage SET
        draft = draft + (NEW.status = 'DRAFT'),
        pending = pending + (NEW.status = 'PENDING'),
        published = published + (NEW.status = 'PUBLISHED'),
        failed = failed + (NEW.status = 'FAILED')
    WHERE social_account_id = NEW.social_account_id;
END;
