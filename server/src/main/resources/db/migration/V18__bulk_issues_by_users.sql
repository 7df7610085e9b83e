-- Bulk files uploaded in the web UI are issued in the name of the user who uploaded them.
ALTER TABLE bulk_issues ADD COLUMN user_id bigint;
