-- The audit trail: one hash chain of entries per realm, and chain 0 for system-wide entries (0 is no
-- realm id, so the chain key stays NOT NULL and part of every key, as sharding by realm_id needs; no
-- foreign key to realms for the same reason). Each entry stores the SHA-256 of its canonical form,
-- which includes the previous entry's hash (docs/operators.md, "Audit trail").

-- A chain's head (its newest position and hash) and its retention checkpoint (entries 1 to
-- pruned_seq were deleted; pruned_hash is the hash of entry pruned_seq). Appending locks the head row.
CREATE TABLE audit_chains (
    realm_id     bigint      NOT NULL PRIMARY KEY,
    last_seq     bigint      NOT NULL,
    last_hash    text        NOT NULL,
    pruned_seq   bigint      NOT NULL DEFAULT 0,
    pruned_hash  text        NOT NULL,
    pruned_at    timestamptz,
    CHECK (pruned_seq >= 0 AND pruned_seq <= last_seq)
);

CREATE TABLE audit_entries (
    realm_id       bigint      NOT NULL,
    seq            bigint      NOT NULL CHECK (seq > 0),
    created_at     timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    target         text        NOT NULL,
    diff           jsonb       NOT NULL,
    previous_hash  text        NOT NULL,
    hash           text        NOT NULL,
    PRIMARY KEY (realm_id, seq)
);
CREATE INDEX audit_entries_by_time ON audit_entries (realm_id, created_at);

-- Entries are never changed, and deleted only when the chain's checkpoint already covers them, which
-- is how retention deletes; so not even a bug in the application can rewrite history.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM audit_chains c WHERE c.realm_id = OLD.realm_id AND OLD.seq <= c.pruned_seq) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit entry % of chain % is not covered by a retention checkpoint', OLD.seq, OLD.realm_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

-- A head only moves forward and is never deleted.
CREATE FUNCTION audit_chains_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.realm_id = OLD.realm_id AND NEW.last_seq >= OLD.last_seq
            AND NEW.pruned_seq >= OLD.pruned_seq THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain heads only move forward (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_chains_forward_only BEFORE UPDATE OR DELETE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_forward_only();
CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chains_forward_only();
