-- Cleanup deletes a bulk issue after ENVERIFY_CLEANUP_BULK_ISSUE_MAX_AGE; its rows (uuids, outcomes, and the
-- phone of a row never done) go with it.
ALTER TABLE bulk_issue_rows
    DROP CONSTRAINT bulk_issue_rows_realm_id_bulk_id_fkey,
    ADD CONSTRAINT bulk_issue_rows_realm_id_bulk_id_fkey FOREIGN KEY (realm_id, bulk_id)
        REFERENCES bulk_issues (realm_id, id) ON DELETE CASCADE;
