package org.enverify.redirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.redirect.AppLinkTargets.Device.ANDROID;
import static org.enverify.redirect.AppLinkTargets.Device.APPLE;
import static org.enverify.redirect.AppLinkTargets.Device.OTHER;

import org.enverify.redirect.AppLinkTargets.Device;
import org.enverify.redirect.AppLinkTargets.StoreData;
import org.junit.jupiter.api.Test;

class AppLinkTargetsTests {

    static final String PLAY = "https://play.google.com/store/apps/details?id=org.example.app";
    static final String APP_STORE = "https://apps.apple.com/app/id1234567890";
    static final StoreData BOTH = new StoreData(PLAY, "org.example.app", false, APP_STORE);

    private static String target(Device device, String region, StoreData store, String path, String query) {
        return AppLinkTargets.target(device, region, store, path, query).orElse("404");
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
        assertThat(target(ANDROID, "US-WA", BOTH, "/", null)).isEqualTo(PLAY);
        assertThat(target(ANDROID, "US-WA", BOTH, "/v", "c=12345678"))
                .isEqualTo("intent://v?c=12345678&r=US-WA#Intent;scheme=ens;package=org.example.app"
                        + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                        + ";S.browser_fallback_url=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3Dorg"
                        + ".example.app;end");
        assertThat(target(ANDROID, "US-WA", StoreData.NONE, "/", null)).isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, "US-WA", StoreData.NONE, "/v", "c=1")).isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, "US-WA", new StoreData(null, "org.example.app", false, null), "/v", "c=1"))
                .as("an intent needs a fallback URL")
                .isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, "US-WA", new StoreData(PLAY, "org.example.app", true, null), "/", null))
                .as("headless")
                .isEqualTo("ensonboarding://picker/us-wa");
        assertThat(target(ANDROID, null, BOTH, "/v", "c=1")).isEqualTo("ensonboarding://picker");
    }

    @Test
    void appleDevicesGetTheAppStoreOrEnExpress() {
        assertThat(target(APPLE, "US-WA", BOTH, "/", null)).isEqualTo(APP_STORE);
        assertThat(target(APPLE, "US-WA", BOTH, "/v", "c=1")).isEqualTo(APP_STORE);
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/", null)).isEqualTo("ens://onboarding");
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/V", "c=12345678")).isEqualTo("ens://v?c=12345678&r=US-WA");
        assertThat(target(APPLE, null, BOTH, "/v", "c=1")).isEqualTo("ens://onboarding");
    }

    @Test
    void otherDevicesGetTheGenericPageForOnboardingLinksOnly() {
        assertThat(target(OTHER, "US-WA", BOTH, "/", null)).isEqualTo(AppLinkTargets.GENERIC_ONBOARDING);
        assertThat(target(OTHER, "US-WA", BOTH, "/v", "c=1")).isEqualTo("404");
        assertThat(target(OTHER, null, BOTH, "/", null)).isEqualTo("404");
    }

    @Test
    void theQueryIsPassedOnReEncodedWithTheRealmsRegion() {
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/v", "r=XX&c=1%202&x=a+b&flag&=&%zz=1"))
                .as("r replaced, encodings normalised, a malformed pair dropped")
                .isEqualTo("ens://v?c=1+2&x=a+b&flag=&=&r=US-WA");
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/v", "r=XX"))
                .as("a link with only r= still carries a query")
                .isEqualTo("ens://v?r=US-WA");
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/v", "&")).isEqualTo("ens://onboarding");
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/A b/Ü", "c=1")).isEqualTo("ens://a%20b/%C3%BC?c=1&r=US-WA");
        assertThat(target(APPLE, "US-WA", StoreData.NONE, "/", "c=1")).isEqualTo("ens://?c=1&r=US-WA");
    }
}
