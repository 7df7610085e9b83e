-- The UTC days on which a realm's phones sent chaff requests: one row per realm and day.
CREATE TABLE realm_chaff_events (
    realm_id bigint NOT NULL REFERENCES realms (id),
    day      date   NOT NULL,
    PRIMARY KEY (realm_id, day)
);
