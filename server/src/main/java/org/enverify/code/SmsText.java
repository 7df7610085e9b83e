package org.enverify.code;

import org.enverify.realm.Realm;

/** The SMS a person receives, from the realm's template. */
final class SmsText {

    private SmsText() {}

    static String render(Realm realm, String shortCode, String longCode) {
        return realm.smsTextTemplate()
                .replace("[code]", shortCode)
                .replace("[longcode]", longCode)
                .replace("[expires]", Long.toString(realm.codeDuration().toMinutes()))
                .replace("[longexpires]", Long.toString(realm.longCodeDuration().toHours()));
    }
}
