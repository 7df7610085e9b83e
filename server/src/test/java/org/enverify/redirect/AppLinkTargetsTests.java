package org.enverify.redirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.redirect.AppLinkTargets.Device.ANDROID;
import static org.enverify.redirect.AppLinkTargets.Device.APPLE;
import static org.enverify.redirect.AppLinkTargets.Device.OTHER;

import org.enverify.redirect.AppLinkTargets.Device;
import org.enverify.redirect.AppLinkTargets.Page;
import org.enverify.redirect.AppLinkTargets.Redirect;
import org.enverify.redirect.AppLinkTargets.Site;
import org.enverify.redirect.AppLinkTargets.StoreData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppLinkTargetsTests {

    static final String PLAY = "https://play.google.com/store/apps/details?id=org.example.app";
    static final String APP_STORE = "https://apps.apple.com/app/id1234567890";
    static final StoreData BOTH = new StoreData(PLAY, "org.example.app", false, APP_STORE);

    /** The redirect target, or the page's name when there is none. */
    private static String target(Device device, Site site, String path, String query) {
        return switch (AppLinkTargets.answer(device, site, path, query)) {
            case Redirect redirect -> redirect.location();
            case Page page -> page.name();
        };
    }

    private static String target(Device device, StoreData store, String path, String query) {
        return target(device, Site.of("US-WA", true, store), path, query);
    }

    @Test
    void recognisesDevicesByTheirUserAgents() {
        assertThat(Device.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile"))
                .isEqualTo(ANDROID);
        assertThat(Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"))
                .isEqualTo(APPLE);
        assertThat(Device.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15"))
                .isEqualTo(APPLE);
        assertThat(Device.of("curl/8.5.0")).isEqualTo(OTHER);
        assertThat(Device.of(null)).isEqualTo(OTHER);
        assertThat(Device.of("x".repeat(10_240) + "ANDROID")).isEqualTo(ANDROID);
    }

    @Test
    void androidGetsTheStoreTheAppOrThePicker() {
        assertThat(target(ANDROID, BOTH, "/", null)).isEqualTo(PLAY);
        assertThat(target(ANDROID, BOTH, "/v", "c=12345678"))
                .isEqualTo("intent://v?c=12345678&r=US-WA#Intent;scheme=ens;package=org.example.app"
                        + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                        + ";S.browser_fallback_url=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3Dorg"
                        + ".example.app;end");
        assertThat(target(ANDROID, StoreData.NONE, "/", null)).isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, StoreData.NONE, "/v", "c=1")).isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, new StoreData(null, "org.example.app", false, null), "/v", "c=1"))
                .as("an intent needs a fallback URL")
                .isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, new StoreData(PLAY, "org.example.app", true, null), "/", null))
                .as("headless")
                .isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, Site.of("US-WA", false, BOTH), "/v", "c=1"))
                .as("Android does not depend on EN Express")
                .startsWith("intent://v?c=1&r=US-WA#Intent");
    }

    @Test
    void appleDevicesGetTheAppStoreOrEnExpress() {
        assertThat(target(APPLE, BOTH, "/", null)).isEqualTo(APP_STORE);
        assertThat(target(APPLE, BOTH, "/v", "c=1")).isEqualTo(APP_STORE);
        assertThat(target(APPLE, StoreData.NONE, "/", null)).isEqualTo("ens://onboarding");
        assertThat(target(APPLE, StoreData.NONE, "/V", "c=12345678")).isEqualTo("ens://v?c=12345678&r=US-WA");
    }

    @Test
    void appleDevicesWithoutAnAppOfARealmWithoutEnExpressGetAPage() {
        Site withoutEnExpress = Site.of("US-WA", false, StoreData.NONE);
        assertThat(target(APPLE, withoutEnExpress, "/v", "c=1")).isEqualTo("NO_APP");
        assertThat(target(APPLE, withoutEnExpress, "/", null)).isEqualTo("ens://onboarding");
        assertThat(target(APPLE, Site.of("US-WA", false, BOTH), "/v", "c=1")).isEqualTo(APP_STORE);
    }

    @Test
    void otherDevicesGetTheGenericPageForOnboardingLinksAndAreToldToUseAPhoneForCodes() {
        assertThat(target(OTHER, BOTH, "/", null)).isEqualTo(AppLinkTargets.GENERIC_ONBOARDING);
        assertThat(target(OTHER, BOTH, "/v", "c=1")).isEqualTo("OPEN_ON_PHONE");
    }

    @Test
    void theBareDomainSendsPhonesToOnboardingAndOthersToAPhone() {
        assertThat(target(ANDROID, Site.NONE, "/v", "c=1")).isEqualTo("ensonboarding://picker");
        assertThat(target(APPLE, Site.NONE, "/v", "c=1")).isEqualTo("ens://onboarding");
        assertThat(target(OTHER, Site.NONE, "/", null)).isEqualTo("OPEN_ON_PHONE");
    }

    @ParameterizedTest
    @EnumSource(Device.class)
    void aRegionWithoutARealmGetsThePageOnEveryDevice(Device device) {
        assertThat(target(device, Site.unknown("ZZ"), "/v", "c=12345678")).isEqualTo("UNKNOWN_REGION");
        assertThat(target(device, Site.unknown("ZZ"), "/", null)).isEqualTo("UNKNOWN_REGION");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "x=1",
                "c=",
                "c",
                "r=XX",
                "c=12%2034",
                "c=%3Cscript%3E",
                "c=abc&c=def",
                "c=%zz",
                "c=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void aCodeLinkWithoutAUsableCodeGetsThePageOnEveryDevice(String query) {
        for (Device device : Device.values()) {
            assertThat(target(device, BOTH, "/v", query)).as(device.name()).isEqualTo("BROKEN_LINK");
        }
        assertThat(target(APPLE, StoreData.NONE, "/v", "c=" + "a".repeat(64)))
                .isEqualTo("ens://v?c=" + "a".repeat(64) + "&r=US-WA");
    }

    @Test
    void theQueryIsPassedOnReEncodedWithTheRealmsRegion() {
        assertThat(target(APPLE, StoreData.NONE, "/x", "r=XX&c=1%202&x=a+b&flag&=&%zz=1"))
                .as("r replaced, encodings normalised, a malformed pair dropped")
                .isEqualTo("ens://x?c=1+2&x=a+b&flag=&=&r=US-WA");
        assertThat(target(APPLE, StoreData.NONE, "/x", "r=XX"))
                .as("a link with only r= still carries a query")
                .isEqualTo("ens://x?r=US-WA");
        assertThat(target(APPLE, StoreData.NONE, "/v", "&")).isEqualTo("ens://onboarding");
        assertThat(target(APPLE, StoreData.NONE, "/A b/Ü", "c=1")).isEqualTo("ens://a%20b/%C3%BC?c=1&r=US-WA");
        assertThat(target(APPLE, StoreData.NONE, "/", "c=1")).isEqualTo("ens://?c=1&r=US-WA");
        assertThat(target(APPLE, StoreData.NONE, "/v", "c=AbC123&r=XX&lang=de"))
                .isEqualTo("ens://v?c=AbC123&lang=de&r=US-WA");
    }
}
