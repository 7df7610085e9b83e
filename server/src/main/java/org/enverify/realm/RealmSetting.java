package org.enverify.realm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every realm setting by its documented name, with its parser and its rules. The CLI, the UI and any
 * API that changes a realm go through this one list, so a value is judged the same way everywhere.
 */
public enum RealmSetting {
    NAME("name", "display name, unique", (d, v) -> d.name = requireNonBlank(SettingValues.text(v, 100)), Realm::name),
    REGION_CODE(
            "region_code",
            "region code such as US-WA, unique; empty clears it",
            (d, v) -> d.regionCode = regionCode(v),
            r -> r.regionCode() == null ? "" : r.regionCode()),
    DISABLED(
            "disabled",
            "a disabled realm's API keys are refused",
            (d, v) -> d.disabled = SettingValues.bool(v),
            r -> Boolean.toString(r.disabled())),
    MAINTENANCE_MODE(
            "maintenance_mode",
            "blocks issuing codes in this realm",
            (d, v) -> d.maintenanceMode = SettingValues.bool(v),
            r -> Boolean.toString(r.maintenanceMode())),
    CODE_LENGTH(
            "code_length",
            "digits of the short code, 6 to 8",
            (d, v) -> d.codeLength = SettingValues.integer(v, 6, 8),
            r -> Integer.toString(r.codeLength())),
    CODE_DURATION(
            "code_duration",
            "how long a short code is valid, 1m up to short_code_max_minutes",
            (d, v) -> d.codeDuration = SettingValues.duration(v, Duration.ofMinutes(1), Duration.ofMinutes(120)),
            r -> SettingValues.describe(r.codeDuration())),
    LONG_CODE_LENGTH(
            "long_code_length",
            "characters of the long code, 12 to 16",
            (d, v) -> d.longCodeLength = SettingValues.integer(v, 12, 16),
            r -> Integer.toString(r.longCodeLength())),
    LONG_CODE_DURATION(
            "long_code_duration",
            "how long a long code (sent by SMS) is valid, 1h to 24h",
            (d, v) -> d.longCodeDuration = SettingValues.duration(v, Duration.ofHours(1), Duration.ofHours(24)),
            r -> SettingValues.describe(r.longCodeDuration())),
    SHORT_CODE_MAX_MINUTES(
            "short_code_max_minutes",
            "upper bound of code_duration in minutes, 60 to 120 (system administrators)",
            (d, v) -> d.shortCodeMaxMinutes = SettingValues.integer(v, 60, 120),
            r -> Integer.toString(r.shortCodeMaxMinutes())),
    ALLOWED_TEST_TYPES(
            "allowed_test_types",
            "comma-separated: confirmed, likely, negative, user-report",
            (d, v) -> d.allowedTestTypes = SettingValues.testTypes(v),
            r -> TestType.describe(r.allowedTestTypes())),
    REQUIRE_DATE(
            "require_date",
            "issuing requires a symptom or test date",
            (d, v) -> d.requireDate = SettingValues.bool(v),
            r -> Boolean.toString(r.requireDate())),
    ALLOWED_PAST_DAYS(
            "allowed_past_days",
            "how many days back a symptom or test date may be, 1 to 60",
            (d, v) -> d.allowedPastDays = SettingValues.integer(v, 1, 60),
            r -> Integer.toString(r.allowedPastDays())),
    ALLOW_BULK_UPLOAD(
            "allow_bulk_upload",
            "allows /api/batch-issue and bulk issuing",
            (d, v) -> d.allowBulkUpload = SettingValues.bool(v),
            r -> Boolean.toString(r.allowBulkUpload())),
    ALLOW_GENERATED_SMS(
            "allow_generated_sms",
            "allows onlyGenerateSMS: the SMS text is returned instead of sent",
            (d, v) -> d.allowGeneratedSms = SettingValues.bool(v),
            r -> Boolean.toString(r.allowGeneratedSms())),
    ALLOW_ADMIN_USER_REPORT(
            "allow_admin_user_report",
            "allows issuing user-report codes through the admin API; needs the user-report test type",
            (d, v) -> d.allowAdminUserReport = SettingValues.bool(v),
            r -> Boolean.toString(r.allowAdminUserReport())),
    SMS_COUNTRY(
            "sms_country",
            "default region of phone numbers, such as US or MX",
            (d, v) -> d.smsCountry = smsCountry(v),
            Realm::smsCountry),
    SMS_TEXT_TEMPLATE(
            "sms_text_template",
            "SMS text with exactly one of [code] or [longcode]; also [expires], [longexpires]",
            (d, v) -> d.smsTextTemplate = SmsTemplateRules.normalize(v),
            Realm::smsTextTemplate),
    USE_REALM_CERTIFICATE_KEY(
            "use_realm_certificate_key",
            "sign certificates with the realm's own key; needs certificate_issuer and certificate_audience",
            (d, v) -> d.useRealmCertificateKey = SettingValues.bool(v),
            r -> Boolean.toString(r.useRealmCertificateKey())),
    CERTIFICATE_ISSUER(
            "certificate_issuer",
            "iss of certificates signed with the realm key, as registered at the key server",
            (d, v) -> d.certificateIssuer = SettingValues.text(v, 150),
            Realm::certificateIssuer),
    CERTIFICATE_AUDIENCE(
            "certificate_audience",
            "aud of certificates signed with the realm key, as registered at the key server",
            (d, v) -> d.certificateAudience = SettingValues.text(v, 150),
            Realm::certificateAudience),
    CERTIFICATE_DURATION(
            "certificate_duration",
            "how long certificates signed with the realm key are valid, 1m to 1h",
            (d, v) -> d.certificateDuration = SettingValues.duration(v, Duration.ofMinutes(1), Duration.ofHours(1)),
            r -> SettingValues.describe(r.certificateDuration()));

    private final String settingName;
    private final String description;
    private final BiConsumer<RealmDraft, String> apply;
    private final Function<Realm, String> show;

    RealmSetting(
            String settingName,
            String description,
            BiConsumer<RealmDraft, String> apply,
            Function<Realm, String> show) {
        this.settingName = settingName;
        this.description = description;
        this.apply = apply;
        this.show = show;
    }

    public String settingName() {
        return settingName;
    }

    public String description() {
        return description;
    }

    public String valueOf(Realm realm) {
        return show.apply(realm);
    }

    void applyTo(RealmDraft draft, String value) {
        apply.accept(draft, value);
    }

    public static Optional<RealmSetting> byName(String name) {
        for (RealmSetting setting : values()) {
            if (setting.settingName.equals(name)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    private static String requireNonBlank(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    private static String regionCode(String value) {
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return null;
        }
        if (!code.matches("[A-Z0-9-]{1,10}")) {
            throw new IllegalArgumentException("must be 1 to 10 letters, digits or dashes");
        }
        return code;
    }

    private static String smsCountry(String value) {
        String region = value.trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("must be a two-letter country code such as US");
        }
        return region;
    }
}
