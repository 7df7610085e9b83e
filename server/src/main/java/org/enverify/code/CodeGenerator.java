package org.enverify.code;

import java.security.SecureRandom;
import org.enverify.platform.crypto.CryptoProvider;

/** Draws codes uniformly: short codes from digits, long codes from {@code [a-z0-9]}. */
final class CodeGenerator {

    private static final String LONG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private CodeGenerator() {}

    static String shortCode(int length) {
        SecureRandom random = CryptoProvider.random();
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }

    static String longCode(int length) {
        SecureRandom random = CryptoProvider.random();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = LONG_ALPHABET.charAt(random.nextInt(LONG_ALPHABET.length()));
        }
        return new String(chars);
    }
}
