package org.enverify.mobileapp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a phone app acceptable, field by field; every message says what a correct value looks like. */
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
     * Judges every field of {@code app}, adding a message per refused field to {@code errors}.
     *
     * @return the normalised app, meaningful only when nothing was added to {@code errors}
     */
    static Checked check(NewMobileApp app, Map<String, String> errors) {
        String name = name(app.name(), errors);
        Optional<MobileOs> os = MobileOs.parse(app.os());
        if (os.isEmpty()) {
            errors.put("os", "must be ios or android");
        }
        String appId = os.map(platform -> appId(platform, app.appId(), errors)).orElse(null);
        String url = url(app.url(), errors);
        List<String> fingerprints = os.map(platform -> fingerprints(platform, app.sha256Fingerprints(), errors))
                .orElse(List.of());
        return new Checked(name, os.orElse(null), appId, url, fingerprints, app.disableRedirect());
    }

    private static String name(String value, Map<String, String> errors) {
        String name = value == null ? "" : value.trim();
        if (name.isEmpty()) {
            errors.put("name", "must not be empty");
        } else if (name.length() > MAX_NAME) {
            errors.put("name", "must be at most " + MAX_NAME + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "must not contain control characters");
        }
        return name;
    }

    private static String appId(MobileOs os, String value, Map<String, String> errors) {
        String appId = value == null ? "" : value.trim();
        if (appId.isEmpty()) {
            errors.put("app_id", "is required");
            return appId;
        }
        boolean valid = appId.length() <= MAX_APP_ID
                && (os == MobileOs.IOS ? IOS_APP_ID : ANDROID_PACKAGE)
                        .matcher(appId)
                        .matches();
        if (!valid) {
            errors.put(
                    "app_id",
                    os == MobileOs.IOS
                            ? "must be an iOS app id such as ABCDE12345.org.example.app: the 10-character team id"
                                    + " (capital letters and digits), a dot and the bundle id"
                            : "must be an Android package name such as org.example.app: two or more parts separated"
                                    + " by dots, each starting with a letter and made of letters, digits and underscores");
        }
        return appId;
    }

    private static String url(String value, Map<String, String> errors) {
        String url = value == null ? "" : value.trim();
        if (url.isEmpty()) {
            return null;
        }
        if (!isHttpsUrl(url)) {
            errors.put("url", "must be an https URL such as https://apps.apple.com/app/id1234567890");
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

    private static List<String> fingerprints(MobileOs os, List<String> values, Map<String, String> errors) {
        List<String> given = values == null
                ? List.of()
                : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (os == MobileOs.IOS) {
            if (!given.isEmpty()) {
                errors.put("sha256", "only Android apps have signing certificate fingerprints");
            }
            return List.of();
        }
        if (given.isEmpty()) {
            errors.put("sha256", "an Android app needs at least one SHA-256 signing certificate fingerprint");
            return List.of();
        }
        if (given.size() > MAX_FINGERPRINTS) {
            errors.put("sha256", "at most " + MAX_FINGERPRINTS + " fingerprints");
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String fingerprint = given.get(i).toUpperCase(Locale.ROOT);
            if (fingerprint.length() != FINGERPRINT_LENGTH) {
                problems.add("fingerprint " + (i + 1) + " has " + fingerprint.length() + " characters, not "
                        + FINGERPRINT_LENGTH);
            } else if (!FINGERPRINT.matcher(fingerprint).matches()) {
                problems.add("fingerprint " + (i + 1) + " is not 32 hex pairs separated by colons");
            } else {
                fingerprints.add(fingerprint);
            }
        }
        if (!problems.isEmpty()) {
            errors.put(
                    "sha256",
                    String.join("; ", problems)
                            + " (a SHA-256 fingerprint is 32 hex pairs separated by colons, such as 14:6D:E9:...:BA:5B,"
                            + " as keytool -list or the Play Console shows it)");
        }
        return List.copyOf(fingerprints);
    }
}
