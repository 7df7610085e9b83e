-- The operator's Twilio account and SMTP account as system administrators store them on their pages
-- (until a row exists, the environment variables are the accounts), and each realm's own SMTP account.
-- Secrets are Tink AEAD ciphertexts bound to their table and column.

-- One row or none: none means the environment's account and sender numbers.
CREATE TABLE system_sms_account (
    singleton                    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    twilio_account_sid           text,
    twilio_auth_token_ciphertext bytea,
    updated_at                   timestamptz NOT NULL,
    CHECK ((twilio_account_sid IS NULL) = (twilio_auth_token_ciphertext IS NULL))
);

-- The system account's sender numbers by label, read only once system_sms_account has its row.
CREATE TABLE system_sms_senders (
    label      text        PRIMARY KEY,
    sender     text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One row or none: none means the environment's SMTP account; a row without host means no SMTP.
CREATE TABLE system_smtp_account (
    singleton           boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    host                text,
    port                integer     CHECK (port BETWEEN 1 AND 65535),
    username            text,
    password_ciphertext bytea,
    from_address        text,
    tls                 text        CHECK (tls IN ('starttls', 'tls', 'none')),
    updated_at          timestamptz NOT NULL,
    CHECK (host IS NULL OR (port IS NOT NULL AND from_address IS NOT NULL AND tls IS NOT NULL))
);

-- 'smtp': the realm's own account; 'system': the system account with the realm's own mail texts,
-- once a system administrator allows it. A realm without a row gets the installation's mails.
CREATE TABLE realm_mail_configs (
    realm_id                 bigint      NOT NULL REFERENCES realms (id) PRIMARY KEY,
    kind                     text        NOT NULL CHECK (kind IN ('smtp', 'system')),
    smtp_host                text,
    smtp_port                integer     CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_username            text,
    smtp_password_ciphertext bytea,
    from_address             text,
    tls                      text        CHECK (tls IN ('starttls', 'tls', 'none')),
    updated_at               timestamptz NOT NULL,
    CHECK (kind <> 'smtp'
        OR (smtp_host IS NOT NULL AND smtp_port IS NOT NULL AND from_address IS NOT NULL AND tls IS NOT NULL))
);

-- Realms that wrote their own mail texts keep mailing them: only a realm a system administrator
-- allows sends its own texts through the operator's SMTP account.
INSERT INTO realm_mail_configs (realm_id, kind, updated_at)
SELECT id, 'system', now() FROM realms
WHERE coalesce(settings -> 'email' ->> 'email_invite_template', '') <> ''
   OR coalesce(settings -> 'email' ->> 'email_verify_template', '') <> ''
   OR coalesce(settings -> 'email' ->> 'email_password_reset_template', '') <> '';

UPDATE realms SET settings = jsonb_set(settings, '{mailDelivery}',
    coalesce(settings -> 'mailDelivery', '{}') || '{"can_use_system_email_config": "true"}')
WHERE id IN (SELECT realm_id FROM realm_mail_configs);
