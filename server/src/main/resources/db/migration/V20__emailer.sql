-- Who hears about a realm's anomalies, SMS errors and quota: at most ten addresses.
ALTER TABLE realms ADD COLUMN contact_email_addresses text[] NOT NULL DEFAULT '{}';

-- The highest share of the day's quota (70 or 90 percent) the realm's contacts were told about, so
-- every replica tells them once.
ALTER TABLE realm_quota_days ADD COLUMN notified_percent smallint NOT NULL DEFAULT 0;

-- The daily mails the emailer sent, one per realm, day and kind, however often it runs.
CREATE TABLE realm_notices (
    realm_id bigint NOT NULL REFERENCES realms (id),
    day      date   NOT NULL,
    kind     text   NOT NULL,
    sent_at  timestamptz NOT NULL,
    PRIMARY KEY (realm_id, day, kind)
);
CREATE INDEX realm_notices_day ON realm_notices (day);
