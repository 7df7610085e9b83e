-- Realm host names, per-surface network rules and the abuse-prevention quota.
ALTER TABLE realms
    ADD COLUMN slug                          text,
    ADD COLUMN allowed_cidrs_admin_api       text[]        NOT NULL DEFAULT '{}',
    ADD COLUMN allowed_cidrs_device_api      text[]        NOT NULL DEFAULT '{}',
    ADD COLUMN allowed_cidrs_ui              text[]        NOT NULL DEFAULT '{}',
    ADD COLUMN abuse_prevention_enabled      boolean       NOT NULL DEFAULT false,
    ADD COLUMN abuse_prevention_limit        integer       NOT NULL DEFAULT 10,
    ADD COLUMN abuse_prevention_limit_factor numeric(6, 3) NOT NULL DEFAULT 1.0;
CREATE UNIQUE INDEX realms_slug_key ON realms (slug) WHERE slug IS NOT NULL;

-- Codes issued against a realm's daily quota, and the one-off bursts an administrator added.
CREATE TABLE realm_quota_days (
    realm_id bigint  NOT NULL REFERENCES realms (id),
    day      date    NOT NULL,
    used     integer NOT NULL DEFAULT 0,
    burst    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (realm_id, day)
);
