package org.enverify.realm.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.realm.RealmSetting;

/**
 * How the settings pages group the realm settings, and which settings only system administrators
 * change (upstream's split): a setting added to the registry shows up under "other" until it is placed.
 */
final class SettingSections {

    /** Settings a realm administrator sees but only a system administrator changes. */
    static final Set<RealmSetting> SYSTEM_ONLY = EnumSet.of(
            RealmSetting.DISABLED,
            RealmSetting.MAINTENANCE_MODE,
            RealmSetting.SHORT_CODE_MAX_MINUTES,
            RealmSetting.ALLOW_GENERATED_SMS,
            RealmSetting.CAN_USE_SYSTEM_SMS_CONFIG,
            RealmSetting.SLUG,
            RealmSetting.ABUSE_PREVENTION_LIMIT);

    private static final Map<String, List<RealmSetting>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put(
                "general",
                List.of(
                        RealmSetting.NAME,
                        RealmSetting.REGION_CODE,
                        RealmSetting.SLUG,
                        RealmSetting.DISABLED,
                        RealmSetting.MAINTENANCE_MODE,
                        RealmSetting.CONTACT_EMAIL_ADDRESSES));
        SECTIONS.put(
                "codes",
                List.of(
                        RealmSetting.ALLOWED_TEST_TYPES,
                        RealmSetting.REQUIRE_DATE,
                        RealmSetting.ALLOWED_PAST_DAYS,
                        RealmSetting.CODE_LENGTH,
                        RealmSetting.CODE_DURATION,
                        RealmSetting.SHORT_CODE_MAX_MINUTES,
                        RealmSetting.LONG_CODE_LENGTH,
                        RealmSetting.LONG_CODE_DURATION,
                        RealmSetting.ALLOW_BULK_UPLOAD,
                        RealmSetting.ALLOW_ADMIN_USER_REPORT));
        SECTIONS.put(
                "sms",
                List.of(
                        RealmSetting.SMS_COUNTRY,
                        RealmSetting.SMS_TEXT_TEMPLATE,
                        RealmSetting.ALLOW_GENERATED_SMS,
                        RealmSetting.CAN_USE_SYSTEM_SMS_CONFIG,
                        RealmSetting.USE_AUTHENTICATED_SMS,
                        RealmSetting.SMS_FAIL_CLOSED,
                        RealmSetting.ALLOW_USER_REPORT_WEB_VIEW));
        SECTIONS.put(
                "signing",
                List.of(
                        RealmSetting.USE_REALM_CERTIFICATE_KEY,
                        RealmSetting.CERTIFICATE_ISSUER,
                        RealmSetting.CERTIFICATE_AUDIENCE,
                        RealmSetting.CERTIFICATE_DURATION,
                        RealmSetting.AUTO_ROTATE_CERTIFICATE_KEY));
        SECTIONS.put(
                "security",
                List.of(
                        RealmSetting.MFA_MODE,
                        RealmSetting.MFA_REQUIRED_GRACE_PERIOD,
                        RealmSetting.ALLOWED_CIDRS_ADMIN_API,
                        RealmSetting.ALLOWED_CIDRS_DEVICE_API,
                        RealmSetting.ALLOWED_CIDRS_UI));
        SECTIONS.put(
                "abuse",
                List.of(
                        RealmSetting.ABUSE_PREVENTION_ENABLED,
                        RealmSetting.ABUSE_PREVENTION_LIMIT,
                        RealmSetting.ABUSE_PREVENTION_LIMIT_FACTOR));
        SECTIONS.put(
                "email",
                List.of(
                        RealmSetting.EMAIL_INVITE_TEMPLATE,
                        RealmSetting.EMAIL_VERIFY_TEMPLATE,
                        RealmSetting.EMAIL_PASSWORD_RESET_TEMPLATE));
        SECTIONS.put(
                "accountSecurity",
                List.of(
                        RealmSetting.EMAIL_VERIFICATION,
                        RealmSetting.PASSWORD_ROTATION_DAYS,
                        RealmSetting.PASSWORD_ROTATION_WARNING_DAYS));
    }

    private SettingSections() {}

    /** Every setting by section, in page order; settings in no section come last under "other". */
    static Map<String, List<RealmSetting>> all() {
        Map<String, List<RealmSetting>> sections = new LinkedHashMap<>(SECTIONS);
        List<RealmSetting> other = new ArrayList<>();
        for (RealmSetting setting : RealmSetting.values()) {
            if (SECTIONS.values().stream().noneMatch(list -> list.contains(setting))) {
                other.add(setting);
            }
        }
        if (!other.isEmpty()) {
            sections.put("other", other);
        }
        return sections;
    }
}
