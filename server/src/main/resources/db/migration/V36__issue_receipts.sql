-- What one issue form of the web UI issued. The form carries a random id; its first post claims the row, so a
-- second post of the same form (a reload, a double click, a resent request) finds the code issued rather than
-- issuing another, and the result page (post/redirect/get) reads the code from here. The code is encrypted
-- under the master key; the phone is kept only masked. Rows are deleted a day after the post.
CREATE TABLE issue_receipts (
    realm_id        bigint      NOT NULL REFERENCES realms (id),
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    form_id         uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    code_uuid       uuid,
    code_ciphertext bytea,
    test_type       text,
    expires_at      timestamptz,
    masked_phone    text,
    PRIMARY KEY (realm_id, user_id, form_id)
);
CREATE INDEX issue_receipts_created ON issue_receipts (created_at);
