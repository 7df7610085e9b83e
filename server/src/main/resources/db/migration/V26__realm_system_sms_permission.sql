-- Only a system administrator lets a realm send through the installation's Twilio account. Realms
-- that already do keep doing so.
ALTER TABLE realms ADD COLUMN can_use_system_sms_config boolean NOT NULL DEFAULT false;

UPDATE realms SET can_use_system_sms_config = true
WHERE id IN (SELECT realm_id FROM realm_sms_configs WHERE kind = 'system');
