-- SMS the provider accepted, per realm and UTC day (the codes they carried are counted as issued too).
ALTER TABLE realm_daily_counters ADD COLUMN sms_sent bigint NOT NULL DEFAULT 0;

-- The key of the usage report's pseudonyms: made for the first report, encrypted under the master
-- keyset, never sent anywhere.
CREATE TABLE usage_report_key (
    id                smallint    PRIMARY KEY CHECK (id = 1),
    secret_ciphertext bytea       NOT NULL,
    created_at        timestamptz NOT NULL
);

-- The days whose usage figures the collector accepted.
CREATE TABLE usage_report_days (
    day     date        PRIMARY KEY,
    realms  integer     NOT NULL,
    sent_at timestamptz NOT NULL
);
