-- People who sign in to the web UI. Emails are unique regardless of case; a password is absent
-- until an invited user chooses one.
CREATE TABLE users (
    id                   bigserial   PRIMARY KEY,
    email                text        NOT NULL,
    name                 text        NOT NULL,
    password_hash        text,
    system_admin         boolean     NOT NULL DEFAULT false,
    must_change_password boolean     NOT NULL DEFAULT false,
    password_changed_at  timestamptz,
    email_verified_at    timestamptz,
    sessions_revoked_at  timestamptz,
    created_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- What a user may do in a realm: upstream's permission bits.
CREATE TABLE memberships (
    realm_id    bigint      NOT NULL REFERENCES realms (id),
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permissions bigint      NOT NULL CHECK (permissions > 0),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (realm_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Invitation, email verification and password reset links: single use, expiring, stored as SHA-256.
CREATE TABLE account_links (
    token_hash bytea       PRIMARY KEY,
    purpose    text        NOT NULL CHECK (purpose IN ('INVITATION', 'EMAIL_VERIFICATION', 'PASSWORD_RESET')),
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    realm_id   bigint      REFERENCES realms (id),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX account_links_user_idx ON account_links (user_id);

-- Every mail the installation sends. Without SMTP it is the only copy, for a system admin to read.
CREATE TABLE mail_outbox (
    id         bigserial   PRIMARY KEY,
    realm_id   bigint      REFERENCES realms (id),
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at);

-- Codes a case worker issued in the UI, for their list of today's codes.
ALTER TABLE verification_codes ADD COLUMN issuing_user_id bigint;
CREATE INDEX verification_codes_user_idx ON verification_codes (realm_id, issuing_user_id, created_at)
    WHERE issuing_user_id IS NOT NULL;

-- Sessions of the web UI (Spring Session JDBC's schema), so they survive restarts and any replica serves them.
CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval integer      NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
