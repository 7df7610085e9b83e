package org.enverify.realm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.enverify.platform.net.Cidr;

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
            r -> SettingValues.describe(r.certificateDuration())),
    SLUG(
            "slug",
            "lower-case host label such as wa: the realm is served at <slug>.<host suffix>; empty clears it",
            (d, v) -> d.slug = slug(v),
            r -> r.slug() == null ? "" : r.slug()),
    ALLOWED_CIDRS_ADMIN_API(
            "allowed_cidrs_admin_api",
            "comma-separated address ranges allowed to use the admin API with this realm's keys; empty allows all",
            (d, v) -> d.allowedCidrsAdminApi = cidrs(v),
            r -> String.join(",", r.allowedCidrsAdminApi())),
    ALLOWED_CIDRS_DEVICE_API(
            "allowed_cidrs_device_api",
            "comma-separated address ranges allowed to use the device API with this realm's keys; empty allows all",
            (d, v) -> d.allowedCidrsDeviceApi = cidrs(v),
            r -> String.join(",", r.allowedCidrsDeviceApi())),
    ALLOWED_CIDRS_UI(
            "allowed_cidrs_ui",
            "comma-separated address ranges allowed to use this realm in the web UI; empty allows all",
            (d, v) -> d.allowedCidrsUi = cidrs(v),
            r -> String.join(",", r.allowedCidrsUi())),
    ABUSE_PREVENTION_ENABLED(
            "abuse_prevention_enabled",
            "limits how many codes the realm issues per UTC day",
            (d, v) -> d.abusePreventionEnabled = SettingValues.bool(v),
            r -> Boolean.toString(r.abusePreventionEnabled())),
    ABUSE_PREVENTION_LIMIT(
            "abuse_prevention_limit",
            "codes per UTC day before the factor, 1 to 1000000; the modeler sets it from the realm's trend",
            (d, v) -> d.abusePreventionLimit = SettingValues.integer(v, 1, 1_000_000),
            r -> Integer.toString(r.abusePreventionLimit())),
    ABUSE_PREVENTION_LIMIT_FACTOR(
            "abuse_prevention_limit_factor",
            "multiplies the limit, 0.1 to 100",
            (d, v) -> d.abusePreventionLimitFactor = SettingValues.decimal(v, 0.1, 100),
            r -> Double.toString(r.abusePreventionLimitFactor())),
    AUTO_ROTATE_CERTIFICATE_KEY(
            "auto_rotate_certificate_key",
            "the worker replaces the realm's certificate key every 30 days, publishing each new key an hour before it signs",
            (d, v) -> d.autoRotateCertificateKey = SettingValues.bool(v),
            r -> Boolean.toString(r.autoRotateCertificateKey())),
    ALLOW_USER_REPORT_WEB_VIEW(
            "allow_user_report_web_view",
            "serves the user-report web page of the redirect role; needs the user-report test type",
            (d, v) -> d.allowUserReportWebView = SettingValues.bool(v),
            r -> Boolean.toString(r.allowUserReportWebView())),
    USE_AUTHENTICATED_SMS(
            "use_authenticated_sms",
            "signs every SMS with the realm's active SMS signing key (sms key-create, sms key-activate)",
            (d, v) -> d.useAuthenticatedSms = SettingValues.bool(v),
            r -> Boolean.toString(r.useAuthenticatedSms())),
    SMS_FAIL_CLOSED(
            "sms_fail_closed",
            "refuses to send an SMS that cannot be signed, instead of sending it unsigned",
            (d, v) -> d.smsFailClosed = SettingValues.bool(v),
            r -> Boolean.toString(r.smsFailClosed())),
    CAN_USE_SYSTEM_SMS_CONFIG(
            "can_use_system_sms_config",
            "the realm may send its SMS through the system Twilio account (sms system); system administrators",
            (d, v) -> d.canUseSystemSmsConfig = SettingValues.bool(v),
            r -> Boolean.toString(r.canUseSystemSmsConfig())),
    MFA_MODE(
            "mfa_mode",
            "prompt (offer a second factor once per session), required, or optional",
            (d, v) -> d.mfaMode = MfaMode.parse(v),
            r -> r.mfaMode().settingValue()),
    MFA_REQUIRED_GRACE_PERIOD(
            "mfa_required_grace_period",
            "after joining, how long required acts as prompt: 0, 1d, 7d or 30d",
            (d, v) -> d.mfaRequiredGracePeriod = gracePeriod(v),
            r -> r.mfaRequiredGracePeriod().toDays() + "d"),
    CONTACT_EMAIL_ADDRESSES(
            "contact_email_addresses",
            "comma-separated, at most 10: who the emailer tells about anomalies, SMS errors and the daily quota",
            (d, v) -> d.contactEmailAddresses = emails(v),
            r -> String.join(",", r.contactEmailAddresses())),
    // Account mails and account security
    EMAIL_INVITE_TEMPLATE(
            "email_invite_template",
            "invitation mail text with [invitelink], and [realmname]; empty uses the built-in text",
            (d, v) -> d.emailInviteTemplate = MailTemplateRules.normalize(v, "[invitelink]"),
            Realm::emailInviteTemplate),
    EMAIL_VERIFY_TEMPLATE(
            "email_verify_template",
            "email verification mail text with [verifylink], and [realmname]; empty uses the built-in text",
            (d, v) -> d.emailVerifyTemplate = MailTemplateRules.normalize(v, "[verifylink]"),
            Realm::emailVerifyTemplate),
    EMAIL_PASSWORD_RESET_TEMPLATE(
            "email_password_reset_template",
            "password reset mail text with [passwordresetlink], and [realmname]; empty uses the built-in text",
            (d, v) -> d.emailPasswordResetTemplate = MailTemplateRules.normalize(v, "[passwordresetlink]"),
            Realm::emailPasswordResetTemplate),
    EMAIL_VERIFICATION(
            "email_verification",
            "off, prompt (a notice until the member verifies their email) or required (no realm page until then)",
            (d, v) -> d.emailVerification = EmailVerificationMode.parse(v),
            r -> r.emailVerification().settingValue()),
    PASSWORD_ROTATION_DAYS(
            "password_rotation_days",
            "members must change a password older than this many days, 0 to 365; 0 turns it off",
            (d, v) -> d.passwordRotationDays = SettingValues.integer(v, 0, 365),
            r -> Integer.toString(r.passwordRotationDays())),
    PASSWORD_ROTATION_WARNING_DAYS(
            "password_rotation_warning_days",
            "days before that a notice warns the member, 0 to 30 and at most password_rotation_days",
            (d, v) -> d.passwordRotationWarningDays = SettingValues.integer(v, 0, 30),
            r -> Integer.toString(r.passwordRotationWarningDays()));

    /** A realm's label in host names: {@code <slug>.<host suffix>}, and {@code <slug>-api.<host suffix>}. */
    static final Pattern SLUG_PATTERN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    static final Pattern EMAIL_PATTERN = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>.]+");

    static final Pattern REGION_CODE_PATTERN = Pattern.compile("[A-Z0-9-]{1,10}");

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

    /** Every setting of the realm by name, in the text form {@code realm show} prints. */
    public static Map<String, String> describe(Realm realm) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (RealmSetting setting : values()) {
            settings.put(setting.settingName, setting.valueOf(realm));
        }
        return settings;
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
        if (!REGION_CODE_PATTERN.matcher(code).matches()) {
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

    private static String slug(String value) {
        String slug = value.trim().toLowerCase(Locale.ROOT);
        if (slug.isEmpty()) {
            return null;
        }
        if (!SLUG_PATTERN.matcher(slug).matches() || slug.endsWith("-api")) {
            throw new IllegalArgumentException(
                    "must be 1 to 32 lower-case letters, digits or inner dashes, and not end in -api");
        }
        return slug;
    }

    private static Duration gracePeriod(String value) {
        Duration period = SettingValues.duration(value, Duration.ZERO, Duration.ofDays(30));
        if (!List.of(0L, 1L, 7L, 30L).contains(period.toDays()) || period.toDays() * 86_400 != period.toSeconds()) {
            throw new IllegalArgumentException("must be 0, 1d, 7d or 30d");
        }
        return period;
    }

    private static List<String> emails(String value) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : value.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String address = part.trim();
            if (address.length() > 254 || !EMAIL_PATTERN.matcher(address).matches()) {
                throw new IllegalArgumentException("'" + address + "' is not an email address");
            }
            addresses.add(address);
        }
        if (addresses.size() > 10) {
            throw new IllegalArgumentException("must list at most 10 addresses");
        }
        return List.copyOf(addresses);
    }

    private static List<String> cidrs(String value) {
        List<String> ranges = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Cidr range = Cidr.parse(part)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "'" + part.trim() + "' is not an address range such as 10.0.0.0/8 or 2001:db8::/32"));
            ranges.add(range.toString());
        }
        if (ranges.size() > 50) {
            throw new IllegalArgumentException("must list at most 50 ranges");
        }
        return ranges;
    }
}
