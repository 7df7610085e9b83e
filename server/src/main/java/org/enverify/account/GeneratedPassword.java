package org.enverify.account;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A one-time password the server made up for an account it creates itself, with its hash; its owner must
 * replace it at the first sign-in.
 */
public final class GeneratedPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String text;
    private final String hash;

    private GeneratedPassword(String text, String hash) {
        this.text = text;
        this.hash = hash;
    }

    /** 18 random bytes in URL-safe Base64: 24 characters, far past the policy's minimum. */
    static GeneratedPassword hashedWith(PasswordEncoder encoder) {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new GeneratedPassword(text, encoder.encode(text));
    }

    /** The password itself, to be shown once to the account's owner. */
    public String text() {
        return text;
    }

    String hash() {
        return hash;
    }

    @Override
    public String toString() {
        return "GeneratedPassword[hidden]";
    }
}
