DROP TRIGGER scheduled_post_accounts_usage_update ON scheduled_post_accounts;
DROP TRIGGER scheduled_post_accounts_usage_delete ON scheduled_post_accounts;
DROP TRIGGER scheduled_post_accounts_usage_insert ON scheduled_post_accounts;
DROP FUNCTION social_account_usage_updated();
DROP FUNCTION social_account_usage_deleted();
DROP FUNCTION social_account_usage_inserted();
DROP TRIGGER social_accounts_usage_row ON social_accounts;
DROP FUNCTION social_account_usage_row();
DROP TABLE social_account_usage;
