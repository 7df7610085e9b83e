-- TOTP second factor: one authenticator app per account. The secret is AES-GCM ciphertext (SecretCipher,
-- associated data user_totp.secret:<user id>); confirmed_at stays empty until the owner proves the app works.
-- last_used_step is the last accepted 30-second step, so a code is accepted once.
CREATE TABLE user_totp (
    user_id        bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         bytea       NOT NULL,
    confirmed_at   timestamptz,
    last_used_step bigint,
    created_at     timestamptz NOT NULL
);

-- Single-use recovery codes, stored as SHA-256 of the user id and the code.
CREATE TABLE user_recovery_codes (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea       NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Passkeys, in the tables Spring Security's JDBC repositories read (user_entities, user_credentials; their
-- columns as Spring Security ships them for PostgreSQL, with timestamptz). A user entity's name is our user id,
-- which the generated user_id column turns into a foreign key, so deleting a user deletes their passkeys.
CREATE TABLE user_entities (
    id           varchar(1000) PRIMARY KEY,
    name         varchar(100)  NOT NULL UNIQUE,
    display_name varchar(200),
    user_id      bigint        GENERATED ALWAYS AS (name::bigint) STORED NOT NULL
        REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE user_credentials (
    credential_id                varchar(1000) PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL REFERENCES user_entities (id) ON DELETE CASCADE,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamptz,
    last_used                    timestamptz,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_user_entity_idx ON user_credentials (user_entity_user_id);
