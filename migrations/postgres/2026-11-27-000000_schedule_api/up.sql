-- The Schedule API: designs, captions and settings per post, and what a publisher reports per
-- link. Existing posts and links are kept: a post without a date gets its creation time, links
-- keep their statuses and get positions in account-id order.

CREATE TABLE designs (
    id TEXT PRIMARY KEY NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    design_type TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX designs_workspace_id ON designs (workspace_id, id);

-- No foreign key: SQLite cannot drop a column that has one (the down migration), and designs
-- are never deleted on their own (a workspace takes its designs and posts together).
ALTER TABLE scheduled_posts ADD COLUMN design_id TEXT;
-- JSON array of strings, or NULL.
ALTER TABLE scheduled_posts ADD COLUMN labels TEXT;
ALTER TABLE scheduled_posts ADD COLUMN updated_at TIMESTAMP;
UPDATE scheduled_posts SET scheduled_at = created_at WHERE scheduled_at IS NULL;
UPDATE scheduled_posts SET updated_at = created_at;
-- Ids compare byte by byte (the contract orders the list by id), not by the locale.
ALTER TABLE scheduled_posts ALTER COLUMN id TYPE TEXT COLLATE "C";
-- The list: a workspace's posts in a date range, in (scheduled_at, id) order.
CREATE INDEX scheduled_posts_workspace_schedule ON scheduled_posts (workspace_id, scheduled_at, id);
DROP INDEX scheduled_posts_workspace_id;

-- One caption per post and key (common, linkedin, ...); hashtags are derived from the text.
CREATE TABLE post_captions (
    scheduled_post_id TEXT NOT NULL REFERENCES scheduled_posts (id) ON DELETE CASCADE,
    caption_key TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (scheduled_post_id, caption_key)
);

-- One settings object per post and key (instagramPostSettings, ...), as JSON text.
CREATE TABLE post_settings (
    scheduled_post_id TEXT NOT NULL REFERENCES scheduled_posts (id) ON DELETE CASCADE,
    settings_key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scheduled_post_id, settings_key)
);

ALTER TABLE scheduled_post_accounts ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheduled_post_accounts ADD COLUMN live_link TEXT;
ALTER TABLE scheduled_post_accounts ADD COLUMN error_message TEXT;
ALTER TABLE scheduled_post_accounts ADD COLUMN published_at TIMESTAMP;
UPDATE scheduled_post_accounts SET position = (
    SELECT COUNT(*) FROM scheduled_post_accounts b
    WHERE b.scheduled_post_id = scheduled_post_accounts.scheduled_post_id
      AND b.social_account_id < scheduled_post_accounts.social_account_id
);
