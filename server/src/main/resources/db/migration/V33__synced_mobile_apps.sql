-- App sync adds the Android apps of the published feed; realm administrators see them but do not change them.
ALTER TABLE mobile_apps ADD COLUMN synced boolean NOT NULL DEFAULT false;

-- The user-report web view loads the agency image from its own origin, so only https images are kept; the next
-- app sync fills in what this clears.
UPDATE realms SET agency_image = NULL WHERE agency_image IS NOT NULL AND agency_image !~* '^https://';
