package org.enverify.platform.api;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Response padding: 1024 to 2047 random bytes, standard base64, so that response sizes do not tell
 * an observer which call a phone made. The bytes hide nothing secret, so a fast generator suffices.
 */
public final class Padding {

    private Padding() {}

    public static String random() {
        return random(1024 + ThreadLocalRandom.current().nextInt(1024));
    }

    /** {@code count} random bytes in standard base64: for chaff, whose size follows other responses. */
    public static String random(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
