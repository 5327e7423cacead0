DROP TABLE scheduled_post_accounts;
DROP TABLE scheduled_posts;
DROP TABLE social_accounts;
DROP TABLE api_keys;
DROP TABLE workspaces;
DROP TABLE organizations;
