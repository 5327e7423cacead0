-- Enumerated values (platform, statuses, plans) are validated by the domain crate, not by
-- CHECK constraints, so that adding a platform or status needs no migration.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    main_plan TEXT NOT NULL,
    api_credits_addon BOOLEAN NOT NULL DEFAULT FALSE,
    embed_subscription TEXT NOT NULL DEFAULT 'inactive',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE workspaces (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX workspaces_organization_id ON workspaces (organization_id);

-- No foreign key on organization_id: a key outlives its organization and then answers
-- 401 "Unable to find organization details." (see docs/api.md).
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL,
    workspace_id TEXT REFERENCES workspaces (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    key_hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_keys_organization_id ON api_keys (organization_id);
CREATE INDEX api_keys_workspace_id ON api_keys (workspace_id);

CREATE TABLE social_accounts (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    platform_type TEXT NOT NULL,
    account_handle TEXT NOT NULL,
    account_type TEXT NOT NULL,
    account_name TEXT NOT NULL,
    account_logo TEXT,
    access_token_status TEXT NOT NULL,
    token_expires_at TIMESTAMP,
    access_token_ciphertext BLOB NOT NULL,
    refresh_token_ciphertext BLOB,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Serves the list (workspace, oldest first, ties by id) without a sort.
CREATE INDEX social_accounts_workspace_created ON social_accounts (workspace_id, created_at, id);
CREATE INDEX social_accounts_organization_id ON social_accounts (organization_id);

CREATE TABLE scheduled_posts (
    id TEXT PRIMARY KEY NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    scheduled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX scheduled_posts_workspace_id ON scheduled_posts (workspace_id);

-- One link per post and account. Deleting either side removes the link; the post stays when
-- its account goes.
CREATE TABLE scheduled_post_accounts (
    scheduled_post_id TEXT NOT NULL REFERENCES scheduled_posts (id) ON DELETE CASCADE,
    social_account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    PRIMARY KEY (scheduled_post_id, social_account_id)
);
-- Usage counts (per account, grouped by status) and the cascade on account delete.
CREATE INDEX scheduled_post_accounts_account_status ON scheduled_post_accounts (social_account_id, status);
