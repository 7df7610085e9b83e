-- db-scheduler's table: one row per scheduled execution, picked by one worker at a time.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- One-time jobs that exhausted their retries, kept for the operator to read and retry.
CREATE TABLE failed_jobs (
    task_name     text        NOT NULL,
    task_instance text        NOT NULL,
    task_data     bytea,
    attempts      integer     NOT NULL,
    last_error    text        NOT NULL,
    failed_at     timestamptz NOT NULL,
    PRIMARY KEY (task_name, task_instance)
);

-- Key rotation: HMAC key versions become usable for writing only after a delay, and retire from lookups
-- after their maximum age; retired token keys are purged once no token they signed can still be used.
ALTER TABLE hmac_keys
    ADD COLUMN active_from timestamptz,
    ADD COLUMN retired_at  timestamptz;
UPDATE hmac_keys SET active_from = created_at;
ALTER TABLE hmac_keys ALTER COLUMN active_from SET NOT NULL;

ALTER TABLE token_signing_keys ADD COLUMN retired_at timestamptz;

ALTER TABLE realm_certificate_keys ADD COLUMN activated_at timestamptz;
UPDATE realm_certificate_keys SET activated_at = created_at WHERE active;

ALTER TABLE realms ADD COLUMN auto_rotate_certificate_key boolean NOT NULL DEFAULT false;
