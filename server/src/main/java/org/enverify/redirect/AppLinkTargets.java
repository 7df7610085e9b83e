package org.enverify.redirect;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileOs;
import org.springframework.web.util.UriUtils;

/**
 * Where an app link sends a phone that opened it in a browser (the app did not catch it): by device,
 * by the realm its host names, and by whether the link carries a query (a code) or is an onboarding link.
 */
final class AppLinkTargets {

    static final String ANDROID_PICKER = "ensonboarding://picker";
    static final String APPLE_ONBOARDING = "ens://onboarding";
    static final String GENERIC_ONBOARDING = "https://www.google.com/covid19/exposurenotifications/";

    private AppLinkTargets() {}

    enum Device {
        ANDROID,
        /** iPhones, and iPads, whose Safari presents itself as a Mac. */
        APPLE,
        OTHER;

        /** By plain substring search: linear in the length of the agent, however long and odd it is. */
        static Device of(String userAgent) {
            String agent = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
            if (agent.contains("android")) {
                return ANDROID;
            }
            if (agent.contains("iphone") || agent.contains("ipad") || agent.contains("macintosh")) {
                return APPLE;
            }
            return OTHER;
        }
    }

    /** The store data of a realm: from its first enabled app per platform that allows redirects. */
    record StoreData(String androidUrl, String androidAppId, boolean androidHeadless, String iosUrl) {

        static final StoreData NONE = new StoreData(null, null, false, null);

        static StoreData of(List<MobileApp> apps) {
            Optional<MobileApp> android = first(apps, MobileOs.ANDROID);
            return new StoreData(
                    android.map(MobileApp::url).orElse(null),
                    android.map(MobileApp::appId).orElse(null),
                    android.map(MobileApp::headless).orElse(false),
                    first(apps, MobileOs.IOS).map(MobileApp::url).orElse(null));
        }

        private static Optional<MobileApp> first(List<MobileApp> apps, MobileOs os) {
            return apps.stream()
                    .filter(app -> app.os() == os && !app.disableRedirect())
                    .findFirst();
        }
    }

    /**
     * @param region the region code of the realm the host names, or null when it names none
     * @param path the decoded request path
     * @param rawQuery the query as sent, or null
     * @return the 303 target, or empty when there is nowhere to send the device (404)
     */
    static Optional<String> target(Device device, String region, StoreData store, String path, String rawQuery) {
        List<Parameter> query = parameters(rawQuery);
        boolean onboarding = query.isEmpty();
        return switch (device) {
            case ANDROID -> {
                if (region == null) {
                    yield Optional.of(ANDROID_PICKER);
                }
                String picker = ANDROID_PICKER + "/" + region.toLowerCase(Locale.ROOT);
                if (store.androidHeadless()) {
                    yield Optional.of(picker);
                }
                if (onboarding) {
                    yield Optional.of(store.androidUrl() != null ? store.androidUrl() : picker);
                }
                if (store.androidAppId() != null && store.androidUrl() != null) {
                    yield Optional.of(withRegion("intent", path, query, region) + "#Intent;scheme=ens;package="
                            + store.androidAppId()
                            + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                            + ";S.browser_fallback_url=" + encode(store.androidUrl())
                            + ";end");
                }
                yield Optional.of(picker);
            }
            case APPLE -> {
                if (region == null) {
                    yield Optional.of(APPLE_ONBOARDING);
                }
                if (store.iosUrl() != null) {
                    yield Optional.of(store.iosUrl());
                }
                // Enverify has no EN Express switch: a realm that a redirect host names is served as one.
                yield Optional.of(onboarding ? APPLE_ONBOARDING : withRegion("ens", path, query, region));
            }
            case OTHER -> region != null && onboarding ? Optional.of(GENERIC_ONBOARDING) : Optional.empty();
        };
    }

    /** {@code scheme://path?query&r=REGION}: the path lower-cased, an {@code r} the link carried replaced. */
    private static String withRegion(String scheme, String path, List<Parameter> query, String region) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        StringBuilder target = new StringBuilder(scheme)
                .append("://")
                .append(UriUtils.encodePath(relative.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8))
                .append('?');
        for (Parameter parameter : query) {
            if (!parameter.name().equals("r")) {
                target.append(encode(parameter.name()))
                        .append('=')
                        .append(encode(parameter.value()))
                        .append('&');
            }
        }
        return target.append("r=").append(region).toString();
    }

    private record Parameter(String name, String value) {}

    /** The query's parameters, decoded; malformed ones are dropped, as upstream's parser does. */
    private static List<Parameter> parameters(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                parameters.add(new Parameter(
                        URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the pair is no parameter
            }
        }
        return parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
