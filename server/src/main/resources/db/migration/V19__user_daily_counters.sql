-- Codes issued per web UI user and UTC day, sharded like the other daily counters.
CREATE TABLE user_daily_counters (
    realm_id     bigint   NOT NULL REFERENCES realms (id),
    user_id      bigint   NOT NULL,
    day          date     NOT NULL,
    shard        smallint NOT NULL,
    codes_issued bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (realm_id, user_id, day, shard)
);
