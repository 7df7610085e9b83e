-- Bulk issuing: an uploaded file becomes a job and one row per line; a file's rows keep their derived
-- uuids, so a re-upload or a resumed run issues nothing twice. A row's phone is kept encrypted, and
-- only until the row is done.
CREATE TABLE bulk_issues (
    realm_id       bigint      NOT NULL REFERENCES realms (id),
    id             uuid        NOT NULL,
    file_sha256    bytea       NOT NULL,
    file_name      text        NOT NULL,
    api_key_id     bigint,
    status         text        NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    total_rows     integer     NOT NULL,
    created_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    PRIMARY KEY (realm_id, id)
);
CREATE UNIQUE INDEX bulk_issues_file_key ON bulk_issues (realm_id, file_sha256);

CREATE TABLE bulk_issue_rows (
    realm_id           bigint  NOT NULL,
    bulk_id            uuid    NOT NULL,
    line               integer NOT NULL,
    code_uuid          uuid    NOT NULL,
    phone_ciphertext   bytea,
    test_type          text,
    symptom_date       text,
    test_date          text,
    external_issuer_id text,
    status             text    NOT NULL CHECK (status IN ('pending', 'issued', 'failed')),
    error_code         text,
    error              text,
    PRIMARY KEY (realm_id, bulk_id, line),
    FOREIGN KEY (realm_id, bulk_id) REFERENCES bulk_issues (realm_id, id)
);
CREATE INDEX bulk_issue_rows_pending ON bulk_issue_rows (realm_id, bulk_id, line) WHERE status = 'pending';
