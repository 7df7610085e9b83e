package org.enverify.account;

import java.security.SecureRandom;
import java.util.Base64;

/** One-time passwords the server makes up for accounts it creates itself; their owners must replace them. */
public final class GeneratedPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPasswords() {}

    /** 18 random bytes in URL-safe Base64: 24 characters, far past the policy's minimum. */
    public static String next() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
