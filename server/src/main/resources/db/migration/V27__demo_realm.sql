-- The realm `--demo` created, so that it is found again after a rename or a new region code.
CREATE TABLE demo_realm (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    realm_id  bigint  NOT NULL UNIQUE REFERENCES realms (id) ON DELETE CASCADE
);

-- An installation that ran --demo before: the demo realm has region code DEMO, unless changed, and
-- was named Demo, which is what earlier versions looked for.
INSERT INTO demo_realm (realm_id)
SELECT id FROM realms
WHERE region_code = 'DEMO' OR lower(name) = 'demo'
ORDER BY region_code IS NOT DISTINCT FROM 'DEMO' DESC
LIMIT 1;
