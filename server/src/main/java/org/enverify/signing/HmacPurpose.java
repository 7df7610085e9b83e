package org.enverify.signing;

import java.util.Locale;

/** What an HMAC key protects; each purpose has its own key versions. */
public enum HmacPurpose {
    CODE,
    API_KEY,
    API_KEY_SIGNATURE,
    PHONE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
