-- Each account's links per status, kept by the database itself: triggers on the links table,
-- so the API, the import, the publisher's `links set-status` and any future writer keep them
-- right, and `GET /social-account/:id` reads one row instead of counting links.
-- `social-accounts doctor` recounts and reports (or repairs) any drift. A table of its own,
-- not columns of `social_accounts`: its narrow row is the one rewritten on every link change.
-- Ids in byte order ("C"), the order every writer locks these rows in (see below).
CREATE TABLE social_account_usage (
    social_account_id TEXT COLLATE "C" PRIMARY KEY
        REFERENCES social_accounts (id) ON DELETE CASCADE,
    draft BIGINT NOT NULL DEFAULT 0,
    pending BIGINT NOT NULL DEFAULT 0,
    published BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0
);

INSERT INTO social_account_usage (social_account_id, draft, pending, published, failed)
SELECT a.id,
       COUNT(l.status) FILTER (WHERE l.status = 'DRAFT'),
       COUNT(l.status) FILTER (WHERE l.status = 'PENDING'),
       COUNT(l.status) FILTER (WHERE l.status = 'PUBLISHED'),
       COUNT(l.status) FILTER (WHERE l.status = 'FAILED')
FROM social_accounts a
LEFT JOIN scheduled_post_accounts l ON l.social_account_id = a.id
GROUP BY a.id;

CREATE FUNCTION social_account_usage_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO social_account_usage (social_account_id) SELECT id FROM usage_new_accounts;
    RETURN NULL;
END
$$;

CREATE TRIGGER social_accounts_usage_row AFTER INSERT ON social_accounts
    REFERENCING NEW TABLE AS usage_new_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION social_account_usage_row();

-- Statement triggers with transition tables: one UPDATE per account and statement, however
-- many links the statement wrote (a 10,000-row COPY of the import, a cascade removing 100,000
-- links of a disconnected account), instead of one per link. Counter rows are updated in byte
-- order of their ids, so two statements never take their locks in opposite orders. The API's
-- creates and replaces (a replace has two link statements, old links out and new in) first
-- lock every counter row they touch, in the same order (posts::write::lock_usage). A counter
-- row stays locked until the commit: writes to one account's counters run one at a time.
--
-- Adds one account's deltas to its counters; the three functions below differ only in what
-- they count.
CREATE FUNCTION social_account_usage_add(
    account TEXT, d_draft BIGINT, d_pending BIGINT, d_published BIGINT, d_failed BIGINT
) RETURNS VOID LANGUAGE sql AS $$
    UPDATE social_account_usage SET
        draft = draft + d_draft,
        pending = pending + d_pending,
        published = published + d_published,
        failed = failed + d_failed
    WHERE social_account_id = account;
$$;

-- One function per event: each names only its own transition tables, so its query is static
-- and PL/pgSQL keeps its plan (a query text chosen at run time would be planned every time).
CREATE FUNCTION social_account_usage_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta RECORD;
BEGIN
    FOR delta IN
        SELECT social_account_id,
               COUNT(*) FILTER (WHERE status = 'DRAFT') AS draft,
               COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'PUBLISHED') AS published,
               COUNT(*) FILTER (WHERE status = 'FAILED') AS failed
        FROM usage_new_links
        GROUP BY social_account_id
        ORDER BY social_account_id COLLATE "C"
    LOOP
        PERFORM social_account_usage_add(delta.social_account_id, delta.draft, delta.pending,
            delta.published, delta.failed);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION social_account_usage_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta RECORD;
BEGIN
    FOR delta IN
        SELECT social_account_id,
               COUNT(*) FILTER (WHERE status = 'DRAFT') AS draft,
               COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,
               COUNT(*) FILTER (WHERE status = 'PUBLISHED') AS published,
               COUNT(*) FILTER (WHERE status = 'FAILED') AS failed
        FROM usage_old_links
        GROUP BY social_account_id
        ORDER BY social_account_id COLLATE "C"
    LOOP
        PERFORM social_account_usage_add(delta.social_account_id, -delta.draft,
            -delta.pending, -delta.published, -delta.failed);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION social_account_usage_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta RECORD;
BEGIN
    FOR delta IN
        SELECT social_account_id,
               SUM(CASE WHEN status = 'DRAFT' THEN n ELSE 0 END) AS draft,
               SUM(CASE WHEN status = 'PENDING' THEN n ELSE 0 END) AS pending,
               SUM(CASE WHEN status = 'PUBLISHED' THEN n ELSE 0 END) AS published,
               SUM(CASE WHEN status = 'FAILED' THEN n ELSE 0 END) AS failed
        FROM (
            SELECT social_account_id, status, 1 AS n FROM usage_new_links
            UNION ALL
            SELECT social_account_id, status, -1 AS n FROM usage_old_links
        ) changes
        GROUP BY social_account_id
        ORDER BY social_account_id COLLATE "C"
    LOOP
        -- An update of a link's outcome alone changes no counter.
        CONTINUE WHEN delta.draft = 0 AND delta.pending = 0
            AND delta.published = 0 AND delta.failed = 0;
        PERFORM social_account_usage_add(delta.social_account_id, delta.draft, delta.pending,
            delta.published, delta.failed);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER scheduled_post_accounts_usage_insert AFTER INSERT ON scheduled_post_accounts
    REFERENCING NEW TABLE AS usage_new_links
    FOR EACH STATEMENT EXECUTE FUNCTION social_account_usage_inserted();
CREATE TRIGGER scheduled_post_accounts_usage_delete AFTER DELETE ON scheduled_post_accounts
    REFERENCING OLD TABLE AS usage_old_links
    FOR EACH STATEMENT EXECUTE FUNCTION social_account_usage_deleted();
CREATE TRIGGER scheduled_post_accounts_usage_update AFTER UPDATE ON scheduled_post_accounts
    REFERENCING OLD TABLE AS usage_old_links NEW TABLE AS usage_new_links
    FOR EACH STATEMENT EXECUTE FUNCTION social_account_usage_updated();
