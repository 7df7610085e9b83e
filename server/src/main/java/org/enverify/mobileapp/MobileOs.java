package org.enverify.mobileapp;

import java.util.Locale;
import java.util.Optional;

/** The platform a phone app runs on. */
public enum MobileOs {
    IOS,
    ANDROID;

    /** {@code ios} or {@code android}, in any case. */
    public static Optional<MobileOs> parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "ios" -> Optional.of(IOS);
            case "android" -> Optional.of(ANDROID);
            default -> Optional.empty();
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
