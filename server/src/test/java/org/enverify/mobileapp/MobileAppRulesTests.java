package org.enverify.mobileapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enverify.platform.Refusal;
import org.enverify.support.TestApps;
import org.junit.jupiter.api.Test;

class MobileAppRulesTests {

    static final String FINGERPRINT = TestApps.FINGERPRINT;

    private static Map<String, String> errors(NewMobileApp app) {
        List<Refusal> refused = new ArrayList<>();
        MobileAppRules.check(app, refused);
        Map<String, String> errors = new LinkedHashMap<>();
        refused.forEach(field -> errors.put(field.field().orElseThrow(), field.apiText()));
        return errors;
    }

    private static NewMobileApp android(String appId, String url, List<String> fingerprints) {
        return new NewMobileApp("Android app", "android", appId, url, fingerprints, false);
    }

    private static NewMobileApp ios(String appId, String url) {
        return new NewMobileApp("iOS app", "ios", appId, url, List.of(), false);
    }

    @Test
    void acceptsAndNormalisesAValidAndroidApp() {
        List<Refusal> errors = new ArrayList<>();
        MobileAppRules.Checked checked = MobileAppRules.check(
                new NewMobileApp(
                        "  WA Notify ",
                        "Android",
                        "gov.wa.doh.exposurenotifications",
                        " https://play.google.com/store/apps/details?id=gov.wa.doh.exposurenotifications ",
                        List.of(FINGERPRINT, " " + FINGERPRINT.toUpperCase() + " "),
                        true),
                errors);
        assertThat(errors).isEmpty();
        assertThat(checked.name()).isEqualTo("WA Notify");
        assertThat(checked.os()).isEqualTo(MobileOs.ANDROID);
        assertThat(checked.url()).startsWith("https://play.google.com/");
        assertThat(checked.sha256Fingerprints())
                .as("upper-cased, and the same fingerprint twice is kept once")
                .containsExactly(FINGERPRINT.toUpperCase());
        assertThat(checked.sha256Fingerprints().getFirst()).hasSize(95);
        assertThat(checked.disableRedirect()).isTrue();
    }

    @Test
    void acceptsAValidIosAppWithoutAStoreLink() {
        List<Refusal> errors = new ArrayList<>();
        MobileAppRules.Checked checked = MobileAppRules.check(ios("ABCDE12345.gov.wa.doh.notify", ""), errors);
        assertThat(errors).isEmpty();
        assertThat(checked.url()).isNull();
        assertThat(checked.sha256Fingerprints()).isEmpty();
    }

    @Test
    void refusesFingerprintsOfTheWrongLengthOrNotHex() {
        assertThat(errors(android("org.example.app", null, List.of(FINGERPRINT.substring(3)))))
                .containsEntry(
                        "sha256",
                        "fingerprint 1 has 92 characters, not 95 (a SHA-256 fingerprint is 32 hex pairs separated by"
                                + " colons, such as 14:6D:E9:...:BA:5B, as keytool -list or the Play Console shows it)");
        assertThat(errors(android("org.example.app", null, List.of(FINGERPRINT + ":AB")))
                        .get("sha256"))
                .startsWith("fingerprint 1 has 98 characters, not 95");
        assertThat(errors(android("org.example.app", null, List.of(FINGERPRINT, "ZZ" + FINGERPRINT.substring(2))))
                        .get("sha256"))
                .startsWith("fingerprint 2 is not 32 hex pairs separated by colons");
        assertThat(errors(android("org.example.app", null, List.of(FINGERPRINT.replace(":", "-"))))
                        .get("sha256"))
                .startsWith("fingerprint 1 is not 32 hex pairs");
        String sha1Like = FINGERPRINT.substring(0, 59);
        assertThat(errors(android("org.example.app", null, List.of(sha1Like))).get("sha256"))
                .startsWith("fingerprint 1 has 59 characters");
    }

    @Test
    void anAndroidAppNeedsAFingerprintAndAnIosAppHasNone() {
        assertThat(errors(android("org.example.app", null, List.of())))
                .containsEntry("sha256", "an Android app needs at least one SHA-256 signing certificate fingerprint");
        assertThat(errors(android("org.example.app", null, List.of("  ")))).containsKey("sha256");
        assertThat(errors(
                        new NewMobileApp("x", "ios", "ABCDE12345.org.example.app", null, List.of(FINGERPRINT), false)))
                .containsEntry("sha256", "only Android apps have signing certificate fingerprints");
    }

    @Test
    void refusesABadAndroidPackageName() {
        for (String bad : List.of(
                "app",
                "org..app",
                "org.example.",
                "1org.example",
                "org.1example",
                "org.ex-ample",
                "org.example app",
                ".org.example",
                "org.example/app",
                "x".repeat(200) + ".y".repeat(40))) {
            assertThat(errors(android(bad, null, List.of(FINGERPRINT))))
                    .as(bad)
                    .containsEntry(
                            "app_id",
                            "must be an Android package name such as org.example.app: two or more parts separated by"
                                    + " dots, each starting with a letter and made of letters, digits and underscores");
        }
        assertThat(errors(android("com.example_1.app2", null, List.of(FINGERPRINT))))
                .isEmpty();
    }

    @Test
    void refusesABadIosAppId() {
        for (String bad : List.of(
                "org.example.app",
                "ABCDE1234.org.example.app",
                "abcde12345.org.example.app",
                "ABCDE12345.app",
                "ABCDE12345..app",
                "ABCDE12345.org.example.app.",
                "ABCDE12345.org.exa mple")) {
            assertThat(errors(ios(bad, null)))
                    .as(bad)
                    .containsEntry(
                            "app_id",
                            "must be an iOS app id such as ABCDE12345.org.example.app: the 10-character team id"
                                    + " (capital letters and digits), a dot and the bundle id");
        }
        assertThat(errors(ios("", null))).containsEntry("app_id", "is required");
    }

    @Test
    void theStoreLinkMustBeHttps() {
        String message = "must be an https URL such as https://apps.apple.com/app/id1234567890";
        for (String bad : List.of(
                "http://apps.apple.com/app/id1",
                "apps.apple.com/app/id1",
                "https:///app",
                "https://user@apps.apple.com/app",
                "https://apps.apple.com/app id",
                "https://apps.apple.com/\r\nSet-Cookie: x",
                "https://apps.apple.com/ä",
                "ftp://apps.apple.com/",
                "javascript:alert(1)")) {
            assertThat(errors(ios("ABCDE12345.org.example.app", bad))).as(bad).containsEntry("url", message);
        }
        assertThat(errors(ios("ABCDE12345.org.example.app", "HTTPS://apps.apple.com/us/app/x/id1?l=en")))
                .isEmpty();
    }

    @Test
    void namesTheOsAndNameProblems() {
        assertThat(errors(new NewMobileApp(" ", "windows", "x", null, List.of(), false)))
                .containsOnlyKeys("name", "os")
                .containsEntry("name", "must not be empty")
                .containsEntry("os", "must be ios or android");
        assertThat(errors(new NewMobileApp("a\tb", "ios", "ABCDE12345.org.example.app", null, List.of(), false)))
                .containsEntry("name", "must not contain control characters");
    }
}
