package org.enverify.sms;

/** A realm's SMS settings: phone numbers' default country, the default text, signing, the system account. */
public record SmsRealmSettings(
        String smsCountry,
        String smsTextTemplate,
        boolean useAuthenticatedSms,
        boolean smsFailClosed,
        boolean canUseSystemSmsConfig) {

    /** The setting of the realm's default SMS text, which the codes' rules check against the code lengths. */
    public static final String TEXT_TEMPLATE = "sms_text_template";

    SmsRealmSettings withTextTemplate(String template) {
        return new SmsRealmSettings(smsCountry, template, useAuthenticatedSms, smsFailClosed, canUseSystemSmsConfig);
    }
}
