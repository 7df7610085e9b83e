-- The management API (/api/v1). An audit entry names the request that made the change, so the request
-- log and the audit trail meet; entries made before, and by no request, have none.
ALTER TABLE audit_entries ADD COLUMN request_id text;

-- Idempotency-Key of creating POSTs: the first answer to a caller's key, replayed for 24 hours. realm_id 0
-- holds the keys of system-scope calls, which belong to no realm. The answer's body is encrypted, since
-- it may show a secret once (a new API key).
CREATE TABLE idempotency_keys (
    realm_id        bigint      NOT NULL,
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    status          integer     NOT NULL,
    body            bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (realm_id, caller, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
