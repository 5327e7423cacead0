-- Optional expiry of API keys: an expired key is refused like an unknown one.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP;
