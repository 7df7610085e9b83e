package org.enverify.account;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingType.Entry;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.SettingValueRefused;
import org.springframework.stereotype.Component;

@Component
class AccountRealmSettingsGroup implements RealmSettingsGroup<AccountRealmSettings> {

    static final RealmSettingDeclaration<AccountRealmSettings, MfaMode> MFA_MODE = RealmSettingDeclaration.of(
            "mfa_mode",
            RealmSettingType.of(
                    MfaMode::parse,
                    MfaMode::settingValue,
                    Entry.oneOf(Arrays.stream(MfaMode.values())
                            .map(MfaMode::settingValue)
                            .toList())),
            MfaMode.PROMPT,
            AccountRealmSettings::mfaMode);
    static final RealmSettingDeclaration<AccountRealmSettings, Duration> MFA_REQUIRED_GRACE_PERIOD =
            RealmSettingDeclaration.of(
                    "mfa_required_grace_period",
                    RealmSettingType.of(AccountRealmSettingsGroup::gracePeriod, period -> period.toDays() + "d"),
                    Duration.ZERO,
                    AccountRealmSettings::mfaRequiredGracePeriod);
    static final RealmSettingDeclaration<AccountRealmSettings, EmailVerificationMode> EMAIL_VERIFICATION =
            RealmSettingDeclaration.of(
                    "email_verification",
                    RealmSettingType.of(
                            EmailVerificationMode::parse,
                            EmailVerificationMode::settingValue,
                            Entry.oneOf(Arrays.stream(EmailVerificationMode.values())
                                    .map(EmailVerificationMode::settingValue)
                                    .toList())),
                    EmailVerificationMode.OFF,
                    AccountRealmSettings::emailVerification);
    static final RealmSettingDeclaration<AccountRealmSettings, Integer> PASSWORD_ROTATION_DAYS =
            RealmSettingDeclaration.of(
                    "password_rotation_days",
                    RealmSettingType.integer(0, 365),
                    0,
                    AccountRealmSettings::passwordRotationDays);
    static final RealmSettingDeclaration<AccountRealmSettings, Integer> PASSWORD_ROTATION_WARNING_DAYS =
            RealmSettingDeclaration.of(
                    "password_rotation_warning_days",
                    RealmSettingType.integer(0, 30),
                    0,
                    AccountRealmSettings::passwordRotationWarningDays);

    @Override
    public String name() {
        return "accountSecurity";
    }

    @Override
    public Class<AccountRealmSettings> type() {
        return AccountRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<AccountRealmSettings, ?>> settings() {
        return List.of(
                MFA_MODE,
                MFA_REQUIRED_GRACE_PERIOD,
                EMAIL_VERIFICATION,
                PASSWORD_ROTATION_DAYS,
                PASSWORD_ROTATION_WARNING_DAYS);
    }

    @Override
    public AccountRealmSettings create(Values values) {
        return new AccountRealmSettings(
                values.get(MFA_MODE),
                values.get(MFA_REQUIRED_GRACE_PERIOD),
                values.get(EMAIL_VERIFICATION),
                values.get(PASSWORD_ROTATION_DAYS),
                values.get(PASSWORD_ROTATION_WARNING_DAYS));
    }

    @Override
    public void check(AccountRealmSettings settings, RealmSettings all, Check check) {
        if (settings.passwordRotationWarningDays() > settings.passwordRotationDays()) {
            check.refuse(PASSWORD_ROTATION_WARNING_DAYS.name(), "setting.error.warningOverRotation");
        }
    }

    private static Duration gracePeriod(String value) {
        Duration period =
                RealmSettingType.duration(Duration.ZERO, Duration.ofDays(30)).parse(value);
        if (!List.of(0L, 1L, 7L, 30L).contains(period.toDays()) || period.toDays() * 86_400 != period.toSeconds()) {
            throw new SettingValueRefused("setting.error.gracePeriod");
        }
        return period;
    }
}
