-- Realm settings for its members' accounts, as upstream's realm "email" and "security" tabs: the mails'
-- texts (empty uses the built-in text), whether members must verify their email, and password rotation.
ALTER TABLE realms
    ADD COLUMN email_invite_template text NOT NULL DEFAULT '',
    ADD COLUMN email_verify_template text NOT NULL DEFAULT '',
    ADD COLUMN email_password_reset_template text NOT NULL DEFAULT '',
    ADD COLUMN email_verification text NOT NULL DEFAULT 'off' CHECK (email_verification IN ('off', 'prompt', 'required')),
    ADD COLUMN password_rotation_days integer NOT NULL DEFAULT 0 CHECK (password_rotation_days BETWEEN 0 AND 365),
    ADD COLUMN password_rotation_warning_days integer NOT NULL DEFAULT 0
        CHECK (password_rotation_warning_days BETWEEN 0 AND 30);
