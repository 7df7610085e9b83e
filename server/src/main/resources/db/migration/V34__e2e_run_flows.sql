-- The self-test runs several flows, each recorded under its name; earlier runs were all the default flow.
ALTER TABLE e2e_runs ADD COLUMN flow text NOT NULL DEFAULT 'default';
ALTER TABLE e2e_runs ALTER COLUMN flow DROP DEFAULT;
