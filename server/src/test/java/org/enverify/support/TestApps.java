package org.enverify.support;

import java.util.List;
import org.enverify.mobileapp.NewMobileApp;

/** Phone apps as an operator would add them. */
public final class TestApps {

    /** A SHA-256 certificate fingerprint in lower case, as some tools print it. */
    public static final String FINGERPRINT =
            "14:6d:e9:83:c5:73:06:50:d8:ee:b9:99:1c:a1:9d:2f:" + "4b:6e:79:23:c1:5d:8a:a1:3c:ee:f2:17:20:ba:5b:9e";

    private TestApps() {}

    public static NewMobileApp android(String name, String appId, String url, String... fingerprints) {
        return new NewMobileApp(name, "android", appId, url, List.of(fingerprints), false);
    }

    public static NewMobileApp ios(String name, String appId, String url) {
        return new NewMobileApp(name, "ios", appId, url, List.of(), false);
    }
}
