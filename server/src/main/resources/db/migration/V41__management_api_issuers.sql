-- Codes and bulk files issued through the management API name their issuer by the bearer token's subject (the
-- audit trail's oauth:<sub>), and a caller's list of today's codes reads them by it.
ALTER TABLE verification_codes ADD COLUMN issuing_oauth_subject text;
CREATE INDEX verification_codes_oauth_idx ON verification_codes (realm_id, issuing_oauth_subject, created_at)
    WHERE issuing_oauth_subject IS NOT NULL;
ALTER TABLE bulk_issues ADD COLUMN oauth_subject text;
