package org.enverify.mobileapp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/**
 * What makes a phone app acceptable, field by field; every refusal says what a correct value looks like, in the
 * command line's English and as a page's message key.
 */
final class MobileAppRules {

    static final int FINGERPRINT_LENGTH = 95;
    private static final int MAX_NAME = 100;
    private static final int MAX_APP_ID = 255;
    private static final int MAX_URL = 2000;
    private static final int MAX_FINGERPRINTS = 10;

    // Dot-separated parts of a fixed alphabet: nothing to backtrack over, and lengths are checked first.
    private static final Pattern IOS_APP_ID = Pattern.compile("[A-Z0-9]{10}\\.[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern ANDROID_PACKAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){31}");

    private MobileAppRules() {}

    /** An app whose every field passed, normalised. */
    record Checked(
            String name,
            MobileOs os,
            String appId,
            String url,
            List<String> sha256Fingerprints,
            boolean disableRedirect) {}

    /**
     * Judges every field of {@code app}, adding a refusal per refused field to {@code refused}.
     *
     * @return the normalised app, meaningful only when nothing was added to {@code refused}
     */
    static Checked check(NewMobileApp app, List<Refusal> refused) {
        String name = name(app.name(), refused);
        Optional<MobileOs> os = MobileOs.parse(app.os());
        if (os.isEmpty()) {
            refused.add(refusal("os", "must be ios or android", "apps.error.os"));
        }
        String appId = os.map(platform -> appId(platform, app.appId(), refused)).orElse(null);
        String url = url(app.url(), refused);
        List<String> fingerprints = os.map(platform -> fingerprints(platform, app.sha256Fingerprints(), refused))
                .orElse(List.of());
        return new Checked(name, os.orElse(null), appId, url, fingerprints, app.disableRedirect());
    }

    private static String name(String value, List<Refusal> refused) {
        String name = value == null ? "" : value.trim();
        if (name.isEmpty()) {
            refused.add(refusal("name", "must not be empty", "form.required"));
        } else if (name.length() > MAX_NAME) {
            refused.add(refusal("name", "must be at most " + MAX_NAME + " characters", "form.tooLong"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            refused.add(refusal("name", "must not contain control characters", "form.invalidCharacters"));
        }
        return name;
    }

    private static String appId(MobileOs os, String value, List<Refusal> refused) {
        String appId = value == null ? "" : value.trim();
        if (appId.isEmpty()) {
            refused.add(refusal("app_id", "is required", "form.required"));
            return appId;
        }
        boolean valid = appId.length() <= MAX_APP_ID
                && (os == MobileOs.IOS ? IOS_APP_ID : ANDROID_PACKAGE)
                        .matcher(appId)
                        .matches();
        if (!valid) {
            refused.add(
                    os == MobileOs.IOS
                            ? refusal(
                                    "app_id",
                                    "must be an iOS app id such as ABCDE12345.org.example.app: the 10-character team id"
                                            + " (capital letters and digits), a dot and the bundle id",
                                    "apps.error.iosAppId")
                            : refusal(
                                    "app_id",
                                    "must be an Android package name such as org.example.app: two or more parts"
                                            + " separated by dots, each starting with a letter and made of letters,"
                                            + " digits and underscores",
                                    "apps.error.androidPackage"));
        }
        return appId;
    }

    private static String url(String value, List<Refusal> refused) {
        String url = value == null ? "" : value.trim();
        if (url.isEmpty()) {
            return null;
        }
        if (!isHttpsUrl(url)) {
            refused.add(refusal(
                    "url", "must be an https URL such as https://apps.apple.com/app/id1234567890", "apps.error.url"));
        }
        return url;
    }

    /** An absolute https URL with a host, of printable ASCII only: it ends up in a Location header. */
    private static boolean isHttpsUrl(String url) {
        if (url.length() > MAX_URL || !url.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> fingerprints(MobileOs os, List<String> values, List<Refusal> refused) {
        List<String> given = values == null
                ? List.of()
                : values.stream()
                        .map(value -> value == null ? "" : value.trim())
                        .filter(v -> !v.isEmpty())
                        .toList();
        if (os == MobileOs.IOS) {
            if (!given.isEmpty()) {
                refused.add(refusal(
                        "sha256",
                        "only Android apps have signing certificate fingerprints",
                        "apps.error.fingerprintsIos"));
            }
            return List.of();
        }
        if (given.isEmpty()) {
            refused.add(refusal(
                    "sha256",
                    "an Android app needs at least one SHA-256 signing certificate fingerprint",
                    "apps.error.fingerprintsRequired"));
            return List.of();
        }
        if (given.size() > MAX_FINGERPRINTS) {
            refused.add(refusal(
                    "sha256",
                    "at most " + MAX_FINGERPRINTS + " fingerprints",
                    "apps.error.fingerprintsTooMany",
                    MAX_FINGERPRINTS));
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        List<String> refusedNumbers = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String fingerprint = given.get(i).toUpperCase(Locale.ROOT);
            String number = Integer.toString(i + 1);
            if (fingerprint.length() != FINGERPRINT_LENGTH) {
                problems.add("fingerprint " + number + " has " + fingerprint.length() + " characters, not "
                        + FINGERPRINT_LENGTH);
                refusedNumbers.add(number);
            } else if (!FINGERPRINT.matcher(fingerprint).matches()) {
                problems.add("fingerprint " + number + " is not 32 hex pairs separated by colons");
                refusedNumbers.add(number);
            } else {
                fingerprints.add(fingerprint);
            }
        }
        if (!problems.isEmpty()) {
            refused.add(refusal(
                    "sha256",
                    String.join("; ", problems)
                            + " (a SHA-256 fingerprint is 32 hex pairs separated by colons, such as 14:6D:E9:...:BA:5B,"
                            + " as keytool -list or the Play Console shows it)",
                    "apps.error.fingerprintsMalformed",
                    String.join(", ", refusedNumbers)));
        }
        return List.copyOf(fingerprints);
    }

    private static Refusal refusal(String field, String text, String messageKey, Object... arguments) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, text).about(field).shown(messageKey, arguments);
    }
}
