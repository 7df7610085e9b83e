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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = new byte[1024 + random.nextInt(1024)];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
