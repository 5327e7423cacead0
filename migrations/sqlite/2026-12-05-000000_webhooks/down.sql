DROP TABLE account_notices;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
