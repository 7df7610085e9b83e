-- Drill 6's expand-only migration (deploy/drills/run.sh), applied in the drills' scratch database by the
-- first process restarted with SPRING_FLYWAY_LOCATIONS=classpath:db/migration,filesystem:<this directory>:
-- a nullable column and a new table, which the processes still running the previous schema never notice.
-- Its version is far above the product's, so Flyway treats it as a future migration in processes without
-- this location instead of refusing to start.
ALTER TABLE verification_codes ADD COLUMN drill_note text;
CREATE TABLE drill_expand_only (
    id   bigint PRIMARY KEY,
    note text
);
