-- The realm counters upstream's statistics also carry: user reports issued, claimed and refused for a
-- wrong nonce, certificates for user-report tokens, and refused codes (and wrong nonces) by the
-- operating system of the phone that asked, read from its User-Agent.
ALTER TABLE realm_daily_counters
    ADD COLUMN user_reports_issued                   bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_reports_claimed                  bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_report_tokens_claimed            bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_reports_invalid_nonce            bigint NOT NULL DEFAULT 0,
    ADD COLUMN codes_invalid_unknown_os              bigint NOT NULL DEFAULT 0,
    ADD COLUMN codes_invalid_ios                     bigint NOT NULL DEFAULT 0,
    ADD COLUMN codes_invalid_android                 bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_reports_invalid_nonce_unknown_os bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_reports_invalid_nonce_ios        bigint NOT NULL DEFAULT 0,
    ADD COLUMN user_reports_invalid_nonce_android    bigint NOT NULL DEFAULT 0;

-- Refusals counted before this version were counted without the phone's operating system.
UPDATE realm_daily_counters SET codes_invalid_unknown_os = codes_invalid WHERE codes_invalid > 0;
