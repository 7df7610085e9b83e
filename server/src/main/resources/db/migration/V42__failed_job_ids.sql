-- A failed job's id, by which the management API names it (POST /api/v1/jobs/{id}/retry); existing rows get
-- theirs now. A job that fails again after a retry is a new row with a new id.
ALTER TABLE failed_jobs ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
