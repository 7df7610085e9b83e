package org.enverify.account;

import java.util.Locale;
import org.enverify.realm.SettingValueRefused;

/** How a realm asks its members for a second factor in the web UI, as upstream's {@code mfa_mode}. */
public enum MfaMode {
    /** Once per session, a member without a second factor is offered to set one up, and may skip. */
    PROMPT,
    /** A member without a second factor must set one up before working in the realm, after the grace period. */
    REQUIRED,
    /** Nobody is asked. */
    OPTIONAL;

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MfaMode parse(String text) {
        for (MfaMode mode : values()) {
            if (mode.settingValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new SettingValueRefused("setting.error.mfaMode");
    }
}
