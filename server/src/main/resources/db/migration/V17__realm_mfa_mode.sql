-- How a realm asks its members for a second factor, as upstream: prompt once per session, require (after a
-- grace period counted from when the membership was created), or leave it optional.
ALTER TABLE realms
    ADD COLUMN mfa_mode text NOT NULL DEFAULT 'prompt' CHECK (mfa_mode IN ('prompt', 'required', 'optional')),
    ADD COLUMN mfa_required_grace_period_seconds integer NOT NULL DEFAULT 0
        CHECK (mfa_required_grace_period_seconds IN (0, 86400, 604800, 2592000));
