package org.enverify.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: long, and not one of the shapes that guessing lists try first. No
 * rules about upper case, lower case or digits: they make passwords harder to remember, not to guess.
 */
final class PasswordPolicy {

    static final int MINIMUM_LENGTH = 12;
    static final int MAXIMUM_LENGTH = 200;

    private static final Set<String> GUESSED_FIRST = Set.of(
            "password",
            "passw0rd",
            "qwerty",
            "qwertyuiop",
            "asdfghjkl",
            "zxcvbnm",
            "letmein",
            "welcome",
            "iloveyou",
            "admin",
            "administrator",
            "changeme",
            "monkey",
            "dragon",
            "football",
            "baseball",
            "sunshine",
            "princess",
            "trustno1",
            "abc123",
            "enverify",
            "verification",
            "covid",
            "covid19");

    private static final String RUNS = "abcdefghijklmnopqrstuvwxyz 01234567890 qwertyuiopasdfghjklzxcvbnm";

    private PasswordPolicy() {}

    /** The message key of the first rule the password breaks; empty when it is acceptable. */
    static Optional<String> problem(String password, String email, String name) {
        if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.length() > MAXIMUM_LENGTH) {
            return Optional.of("password.tooLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() < 5) {
            return Optional.of("password.repetitive");
        }
        String letters = lower.replaceAll("[^a-z0-9]", "");
        String stripped = letters.replaceAll("\\d+$", "").replaceAll("^\\d+", "");
        if (GUESSED_FIRST.contains(stripped) || repeats(stripped) || isRun(letters) || isRun(lower)) {
            return Optional.of("password.common");
        }
        if (contains(lower, localPart(email)) || contains(lower, name)) {
            return Optional.of("password.personal");
        }
        return Optional.empty();
    }

    private static boolean repeats(String text) {
        for (String word : GUESSED_FIRST) {
            if (!text.isEmpty() && text.replace(word, "").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRun(String text) {
        return text.length() >= MINIMUM_LENGTH / 2
                && (RUNS.contains(text)
                        || new StringBuilder(RUNS).reverse().toString().contains(text));
    }

    private static boolean contains(String password, String personal) {
        if (personal == null) {
            return false;
        }
        String part = personal.toLowerCase(Locale.ROOT).trim();
        return part.length() >= 4 && password.contains(part);
    }

    private static String localPart(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
