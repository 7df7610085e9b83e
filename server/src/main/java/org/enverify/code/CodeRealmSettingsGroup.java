package org.enverify.code;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingType.Entry;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.SettingValueRefused;
import org.enverify.realm.TestType;
import org.enverify.redirect.EnExpressLinks;
import org.enverify.redirect.ExpressRealmSettings;
import org.enverify.sms.SmsRealmSettings;
import org.enverify.sms.SmsTemplateRules;
import org.springframework.stereotype.Component;

@Component
class CodeRealmSettingsGroup implements RealmSettingsGroup<CodeRealmSettings> {

    /** The test types an EN Express realm issues: upstream's EN Express takes confirmed tests only. */
    private static final Set<TestType> EN_EXPRESS_TEST_TYPES = Set.of(TestType.CONFIRMED, TestType.USER_REPORT);

    static final RealmSettingDeclaration<CodeRealmSettings, Integer> CODE_LENGTH =
            RealmSettingDeclaration.of("code_length", RealmSettingType.integer(6, 8), 8, CodeRealmSettings::codeLength);
    static final RealmSettingDeclaration<CodeRealmSettings, Duration> CODE_DURATION = RealmSettingDeclaration.of(
            "code_duration",
            RealmSettingType.duration(Duration.ofMinutes(1), Duration.ofMinutes(120)),
            Duration.ofMinutes(15),
            CodeRealmSettings::codeDuration);
    static final RealmSettingDeclaration<CodeRealmSettings, Integer> LONG_CODE_LENGTH = RealmSettingDeclaration.of(
            "long_code_length", RealmSettingType.integer(12, 16), 16, CodeRealmSettings::longCodeLength);
    static final RealmSettingDeclaration<CodeRealmSettings, Duration> LONG_CODE_DURATION = RealmSettingDeclaration.of(
            "long_code_duration",
            RealmSettingType.duration(Duration.ofHours(1), Duration.ofHours(24)),
            Duration.ofHours(24),
            CodeRealmSettings::longCodeDuration);
    static final RealmSettingDeclaration<CodeRealmSettings, Integer> SHORT_CODE_MAX_MINUTES =
            RealmSettingDeclaration.of(
                            "short_code_max_minutes",
                            RealmSettingType.integer(60, 120),
                            60,
                            CodeRealmSettings::shortCodeMaxMinutes)
                    .forSystemAdminsOnly();
    static final RealmSettingDeclaration<CodeRealmSettings, Set<TestType>> ALLOWED_TEST_TYPES =
            RealmSettingDeclaration.of(
                    "allowed_test_types",
                    RealmSettingType.of(
                            CodeRealmSettingsGroup::testTypes,
                            TestType::describe,
                            Entry.anyOf(Arrays.stream(TestType.values())
                                    .map(TestType::apiName)
                                    .toList())),
                    Set.of(TestType.CONFIRMED, TestType.LIKELY, TestType.NEGATIVE),
                    CodeRealmSettings::allowedTestTypes);
    static final RealmSettingDeclaration<CodeRealmSettings, Boolean> REQUIRE_DATE =
            RealmSettingDeclaration.of("require_date", RealmSettingType.bool(), true, CodeRealmSettings::requireDate);
    static final RealmSettingDeclaration<CodeRealmSettings, Integer> ALLOWED_PAST_DAYS = RealmSettingDeclaration.of(
            "allowed_past_days", RealmSettingType.integer(1, 60), 28, CodeRealmSettings::allowedPastDays);
    static final RealmSettingDeclaration<CodeRealmSettings, Boolean> ALLOW_BULK_UPLOAD = RealmSettingDeclaration.of(
            "allow_bulk_upload", RealmSettingType.bool(), false, CodeRealmSettings::allowBulkUpload);
    static final RealmSettingDeclaration<CodeRealmSettings, Boolean> ALLOW_GENERATED_SMS = RealmSettingDeclaration.of(
                    "allow_generated_sms", RealmSettingType.bool(), false, CodeRealmSettings::allowGeneratedSms)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<CodeRealmSettings, Boolean> ALLOW_ADMIN_USER_REPORT =
            RealmSettingDeclaration.of(
                    "allow_admin_user_report", RealmSettingType.bool(), false, CodeRealmSettings::allowAdminUserReport);

    private final EnExpressLinks links;

    CodeRealmSettingsGroup(EnExpressLinks links) {
        this.links = links;
    }

    @Override
    public String name() {
        return "codes";
    }

    @Override
    public Class<CodeRealmSettings> type() {
        return CodeRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<CodeRealmSettings, ?>> settings() {
        return List.of(
                ALLOWED_TEST_TYPES,
                REQUIRE_DATE,
                ALLOWED_PAST_DAYS,
                CODE_LENGTH,
                CODE_DURATION,
                SHORT_CODE_MAX_MINUTES,
                LONG_CODE_LENGTH,
                LONG_CODE_DURATION,
                ALLOW_BULK_UPLOAD,
                ALLOW_GENERATED_SMS,
                ALLOW_ADMIN_USER_REPORT);
    }

    @Override
    public CodeRealmSettings create(Values values) {
        return new CodeRealmSettings(
                values.get(CODE_LENGTH),
                values.get(CODE_DURATION),
                values.get(LONG_CODE_LENGTH),
                values.get(LONG_CODE_DURATION),
                values.get(SHORT_CODE_MAX_MINUTES),
                values.get(ALLOWED_TEST_TYPES),
                values.get(REQUIRE_DATE),
                values.get(ALLOWED_PAST_DAYS),
                values.get(ALLOW_BULK_UPLOAD),
                values.get(ALLOW_GENERATED_SMS),
                values.get(ALLOW_ADMIN_USER_REPORT));
    }

    /** The SMS text is checked here too, since how long it gets depends on the codes filled in. */
    @Override
    public void check(CodeRealmSettings settings, RealmSettings all, Check check) {
        if (settings.codeDuration().compareTo(Duration.ofMinutes(settings.shortCodeMaxMinutes())) > 0) {
            check.refuse(
                    CODE_DURATION.name(),
                    "setting.error.codeDurationOverMaximum",
                    Integer.toString(settings.shortCodeMaxMinutes()));
        }
        if (settings.longCodeDuration().compareTo(settings.codeDuration()) < 0) {
            check.refuse(LONG_CODE_DURATION.name(), "setting.error.longCodeDurationUnderShort");
        }
        if (settings.allowAdminUserReport() && !settings.allows(TestType.USER_REPORT)) {
            check.refuse(ALLOW_ADMIN_USER_REPORT.name(), "setting.error.needsUserReport");
        }
        ExpressRealmSettings express = all.get(ExpressRealmSettings.class);
        if (express.enableEnExpress()) {
            fixedByEnExpress(CODE_LENGTH, settings, check);
            fixedByEnExpress(LONG_CODE_LENGTH, settings, check);
            fixedByEnExpress(LONG_CODE_DURATION, settings, check);
            if (express.fixesCodeDuration()) {
                fixedByEnExpress(CODE_DURATION, settings, check);
            }
            if (!EN_EXPRESS_TEST_TYPES.containsAll(settings.allowedTestTypes())) {
                check.refuse(ALLOWED_TEST_TYPES.name(), "setting.error.enExpressTestTypes");
            }
        }
        String template = all.get(SmsRealmSettings.class).smsTextTemplate();
        SmsTemplateRules.Expansion expansion =
                SmsTemplateRules.Expansion.of(all, settings.codeLength(), settings.longCodeLength(), links);
        for (SmsTemplateRules.Problem problem :
                SmsTemplateRules.templateProblems(SmsTemplateRules.DEFAULT_LABEL, template, expansion)) {
            check.refuse(
                    SmsRealmSettings.TEXT_TEMPLATE,
                    problem.messageKey(),
                    problem.arguments().toArray(String[]::new));
        }
    }

    /**
     * Turning EN Express on gives the codes upstream's default shape and leaves confirmed tests (and user
     * reports, which upstream lets an EN Express realm add back); a short code lifetime that stops being
     * configurable under it returns to the default.
     */
    @Override
    public CodeRealmSettings reconcile(RealmSettings before, RealmSettings after) {
        CodeRealmSettings codes = after.get(CodeRealmSettings.class);
        ExpressRealmSettings express = after.get(ExpressRealmSettings.class);
        ExpressRealmSettings was = before.get(ExpressRealmSettings.class);
        boolean turnedOn = express.turnedOnSince(was);
        if (!turnedOn && !(express.fixesCodeDuration() && !was.fixesCodeDuration())) {
            return codes;
        }
        Set<TestType> types = turnedOn ? EnumSet.of(TestType.CONFIRMED) : codes.allowedTestTypes();
        if (turnedOn && codes.allows(TestType.USER_REPORT)) {
            types.add(TestType.USER_REPORT);
        }
        return new CodeRealmSettings(
                turnedOn ? CODE_LENGTH.defaultValue() : codes.codeLength(),
                CODE_DURATION.defaultValue(),
                turnedOn ? LONG_CODE_LENGTH.defaultValue() : codes.longCodeLength(),
                turnedOn ? LONG_CODE_DURATION.defaultValue() : codes.longCodeDuration(),
                codes.shortCodeMaxMinutes(),
                types,
                codes.requireDate(),
                codes.allowedPastDays(),
                codes.allowBulkUpload(),
                codes.allowGeneratedSms(),
                codes.allowAdminUserReport());
    }

    private static <V> void fixedByEnExpress(
            RealmSettingDeclaration<CodeRealmSettings, V> setting, CodeRealmSettings settings, Check check) {
        if (!setting.read().apply(settings).equals(setting.defaultValue())) {
            check.refuse(
                    setting.name(),
                    "setting.error.fixedByEnExpress",
                    setting.type().print(setting.defaultValue()));
        }
    }

    private static Set<TestType> testTypes(String text) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        for (String name : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            types.add(TestType.fromApiName(name)
                    .orElseThrow(() -> new SettingValueRefused("setting.error.testType", name.trim())));
        }
        if (types.isEmpty()) {
            throw new SettingValueRefused("setting.error.noTestType");
        }
        return types;
    }
}
