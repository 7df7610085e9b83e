package org.enverify.account;

import java.util.Locale;
import org.enverify.realm.SettingValueRefused;

/** Whether a realm's members must have verified their email address, as upstream's {@code email_verified_mode}. */
public enum EmailVerificationMode {
    /** Nobody is asked. */
    OFF,
    /** A member whose email is not verified sees a notice with a link to verify it, and may go on. */
    PROMPT,
    /** A member whose email is not verified cannot work in the realm until they verify it. */
    REQUIRED;

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EmailVerificationMode parse(String text) {
        for (EmailVerificationMode mode : values()) {
            if (mode.settingValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new SettingValueRefused("setting.error.emailVerification");
    }
}
