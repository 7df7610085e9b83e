-- Each feature's realm settings move into one jsonb object per settings group, every value in the text
-- form the setting prints (as `realm show` does); a setting missing from its group has its declared
-- default. The realm's identity and hosting stay columns.
CREATE FUNCTION pg_temp.printed_duration(seconds integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN seconds % 3600 = 0 THEN (seconds / 3600) || 'h'
        WHEN seconds % 60 = 0 THEN (seconds / 60) || 'm'
        ELSE seconds || 's'
    END
$$;

ALTER TABLE realms ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

UPDATE realms SET settings = jsonb_build_object(
    'codes', jsonb_build_object(
        'code_length', code_length::text,
        'code_duration', pg_temp.printed_duration(code_duration_seconds),
        'long_code_length', long_code_length::text,
        'long_code_duration', pg_temp.printed_duration(long_code_duration_seconds),
        'short_code_max_minutes', short_code_max_minutes::text,
        'allowed_test_types', concat_ws(',',
            CASE WHEN allowed_test_types & 2 <> 0 THEN 'confirmed' END,
            CASE WHEN allowed_test_types & 4 <> 0 THEN 'likely' END,
            CASE WHEN allowed_test_types & 8 <> 0 THEN 'negative' END,
            CASE WHEN allowed_test_types & 16 <> 0 THEN 'user-report' END),
        'require_date', require_date::text,
        'allowed_past_days', allowed_past_days::text,
        'allow_bulk_upload', allow_bulk_upload::text,
        'allow_generated_sms', allow_generated_sms::text,
        'allow_admin_user_report', allow_admin_user_report::text),
    'sms', jsonb_build_object(
        'sms_country', sms_country,
        'sms_text_template', sms_text_template,
        'use_authenticated_sms', use_authenticated_sms::text,
        'sms_fail_closed', sms_fail_closed::text,
        'can_use_system_sms_config', can_use_system_sms_config::text),
    'signing', jsonb_build_object(
        'use_realm_certificate_key', use_realm_certificate_key::text,
        'certificate_issuer', certificate_issuer,
        'certificate_audience', certificate_audience,
        'certificate_duration', pg_temp.printed_duration(certificate_duration_seconds),
        'auto_rotate_certificate_key', auto_rotate_certificate_key::text),
    'abuse', jsonb_build_object(
        'abuse_prevention_enabled', abuse_prevention_enabled::text,
        'abuse_prevention_limit', abuse_prevention_limit::text,
        -- as Java prints a double: 1.0, 2.5, 0.125
        'abuse_prevention_limit_factor',
            CASE WHEN rtrim(rtrim(abuse_prevention_limit_factor::text, '0'), '.') LIKE '%.%'
                THEN rtrim(abuse_prevention_limit_factor::text, '0')
                ELSE rtrim(rtrim(abuse_prevention_limit_factor::text, '0'), '.') || '.0'
            END),
    'accountSecurity', jsonb_build_object(
        'mfa_mode', mfa_mode,
        'mfa_required_grace_period', (mfa_required_grace_period_seconds / 86400) || 'd',
        'email_verification', email_verification,
        'password_rotation_days', password_rotation_days::text,
        'password_rotation_warning_days', password_rotation_warning_days::text),
    'email', jsonb_build_object(
        'email_invite_template', email_invite_template,
        'email_verify_template', email_verify_template,
        'email_password_reset_template', email_password_reset_template),
    'userReports', jsonb_build_object(
        'allow_user_report_web_view', allow_user_report_web_view::text),
    'contacts', jsonb_build_object(
        'contact_email_addresses', array_to_string(contact_email_addresses, ',')));

ALTER TABLE realms
    DROP COLUMN code_length,
    DROP COLUMN code_duration_seconds,
    DROP COLUMN long_code_length,
    DROP COLUMN long_code_duration_seconds,
    DROP COLUMN short_code_max_minutes,
    DROP COLUMN allowed_test_types,
    DROP COLUMN require_date,
    DROP COLUMN allowed_past_days,
    DROP COLUMN allow_bulk_upload,
    DROP COLUMN allow_generated_sms,
    DROP COLUMN allow_admin_user_report,
    DROP COLUMN sms_country,
    DROP COLUMN sms_text_template,
    DROP COLUMN use_authenticated_sms,
    DROP COLUMN sms_fail_closed,
    DROP COLUMN can_use_system_sms_config,
    DROP COLUMN use_realm_certificate_key,
    DROP COLUMN certificate_issuer,
    DROP COLUMN certificate_audience,
    DROP COLUMN certificate_duration_seconds,
    DROP COLUMN auto_rotate_certificate_key,
    DROP COLUMN abuse_prevention_enabled,
    DROP COLUMN abuse_prevention_limit,
    DROP COLUMN abuse_prevention_limit_factor,
    DROP COLUMN mfa_mode,
    DROP COLUMN mfa_required_grace_period_seconds,
    DROP COLUMN email_verification,
    DROP COLUMN password_rotation_days,
    DROP COLUMN password_rotation_warning_days,
    DROP COLUMN email_invite_template,
    DROP COLUMN email_verify_template,
    DROP COLUMN email_password_reset_template,
    DROP COLUMN allow_user_report_web_view,
    DROP COLUMN contact_email_addresses;
