package org.enverify.sms;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Locale;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.SettingValueRefused;
import org.enverify.redirect.ExpressRealmSettings;
import org.springframework.stereotype.Component;

@Component
class SmsRealmSettingsGroup implements RealmSettingsGroup<SmsRealmSettings> {

    static final RealmSettingDeclaration<SmsRealmSettings, String> SMS_COUNTRY = RealmSettingDeclaration.of(
            "sms_country",
            RealmSettingType.of(SmsRealmSettingsGroup::country, country -> country),
            "US",
            SmsRealmSettings::smsCountry);
    static final RealmSettingDeclaration<SmsRealmSettings, String> SMS_TEXT_TEMPLATE = RealmSettingDeclaration.of(
            SmsRealmSettings.TEXT_TEMPLATE,
            RealmSettingType.of(
                    SmsTemplateRules::normalize,
                    template -> template,
                    RealmSettingType.Entry.lines(SmsTemplateRules.MAX_LENGTH)),
            SmsTemplateRules.DEFAULT_TEMPLATE,
            SmsRealmSettings::smsTextTemplate);
    static final RealmSettingDeclaration<SmsRealmSettings, Boolean> USE_AUTHENTICATED_SMS = RealmSettingDeclaration.of(
            "use_authenticated_sms", RealmSettingType.bool(), false, SmsRealmSettings::useAuthenticatedSms);
    static final RealmSettingDeclaration<SmsRealmSettings, Boolean> SMS_FAIL_CLOSED = RealmSettingDeclaration.of(
            "sms_fail_closed", RealmSettingType.bool(), false, SmsRealmSettings::smsFailClosed);
    static final RealmSettingDeclaration<SmsRealmSettings, Boolean> CAN_USE_SYSTEM_SMS_CONFIG =
            RealmSettingDeclaration.of(
                            "can_use_system_sms_config",
                            RealmSettingType.bool(),
                            false,
                            SmsRealmSettings::canUseSystemSmsConfig)
                    .forSystemAdminsOnly();

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public Class<SmsRealmSettings> type() {
        return SmsRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<SmsRealmSettings, ?>> settings() {
        return List.of(
                SMS_COUNTRY, SMS_TEXT_TEMPLATE, CAN_USE_SYSTEM_SMS_CONFIG, USE_AUTHENTICATED_SMS, SMS_FAIL_CLOSED);
    }

    @Override
    public SmsRealmSettings create(Values values) {
        return new SmsRealmSettings(
                values.get(SMS_COUNTRY),
                values.get(SMS_TEXT_TEMPLATE),
                values.get(USE_AUTHENTICATED_SMS),
                values.get(SMS_FAIL_CLOSED),
                values.get(CAN_USE_SYSTEM_SMS_CONFIG));
    }

    /** A realm turning EN Express on or off gets that mode's default text, unless its text already suits the mode. */
    @Override
    public SmsRealmSettings reconcile(RealmSettings before, RealmSettings after) {
        SmsRealmSettings sms = after.get(SmsRealmSettings.class);
        boolean enExpress = after.get(ExpressRealmSettings.class).enableEnExpress();
        if (enExpress == before.get(ExpressRealmSettings.class).enableEnExpress()
                || SmsTemplateRules.suits(sms.smsTextTemplate(), enExpress)) {
            return sms;
        }
        return sms.withTextTemplate(SmsTemplateRules.defaultTemplate(enExpress));
    }

    private static String country(String value) {
        String region = value.trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new SettingValueRefused("setting.error.smsCountry");
        }
        return region;
    }
}
