-- Statistics. The claim-age histogram and the age sum (for the mean) join the realm counters; API keys
-- and external issuers get daily counters of their own. All are sharded like the realm counters: an
-- event adds to one of several rows per day, so no single row takes every update of a busy realm.

-- Claims whose age (from issue to claim) is at most the named bound and above the previous one;
-- older claims are in no bucket but still in the sum.
ALTER TABLE realm_daily_counters
    ADD COLUMN code_claim_age_seconds_sum bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_1m            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_5m            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_15m           bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_30m           bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_1h            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_2h            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_3h            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_6h            bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_12h           bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_24h           bigint NOT NULL DEFAULT 0,
    ADD COLUMN claim_age_le_336h          bigint NOT NULL DEFAULT 0;

-- Per API key: codes issued by an ADMIN key; codes claimed or refused and tokens spent or refused
-- for the DEVICE key that asked.
CREATE TABLE api_key_daily_counters (
    realm_id       bigint   NOT NULL,
    api_key_id     bigint   NOT NULL,
    day            date     NOT NULL,
    shard          smallint NOT NULL,
    codes_issued   bigint   NOT NULL DEFAULT 0,
    codes_claimed  bigint   NOT NULL DEFAULT 0,
    codes_invalid  bigint   NOT NULL DEFAULT 0,
    tokens_claimed bigint   NOT NULL DEFAULT 0,
    tokens_invalid bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (realm_id, api_key_id, day, shard),
    FOREIGN KEY (realm_id, api_key_id) REFERENCES api_keys (realm_id, id)
);

-- Per externalIssuerID of /api/issue, as the caller sent it.
CREATE TABLE external_issuer_daily_counters (
    realm_id     bigint   NOT NULL REFERENCES realms (id),
    day          date     NOT NULL,
    issuer_id    text     NOT NULL,
    shard        smallint NOT NULL,
    codes_issued bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (realm_id, day, issuer_id, shard)
);
