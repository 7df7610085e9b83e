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
 * by the realm its host names and its EN Express switch, and by whether the link carries a query (a code)
 * or is an onboarding link; or the page that says why it goes nowhere.
 */
public final class AppLinkTargets {

    static final String ANDROID_PICKER = "ensonboarding://picker";
    static final String APPLE_ONBOARDING = "ens://onboarding";
    /** Where a browser that is no phone's goes from an onboarding link. */
    public static final String GENERIC_ONBOARDING = "https://www.google.com/covid19/exposurenotifications/";

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

    /** What an app-link host names: a region code (null for none), whether a realm has it, and that realm's apps. */
    record Site(String region, boolean known, boolean enExpress, StoreData store) {

        /** The bare redirect domain, which names no region. */
        static final Site NONE = new Site(null, false, false, StoreData.NONE);

        static Site unknown(String region) {
            return new Site(region, false, false, StoreData.NONE);
        }

        static Site of(String region, boolean enExpress, StoreData store) {
            return new Site(region, true, enExpress, store);
        }
    }

    /** What a link is answered with: a 303 to a target, or a page that says why there is none. */
    sealed interface Answer permits Redirect, Page {}

    record Redirect(String location) implements Answer {}

    enum Page implements Answer {
        /** The host names a region no realm has. */
        UNKNOWN_REGION(404, "applink.unknownRegion"),
        /** A code link whose code is missing or cannot be one. */
        BROKEN_LINK(400, "applink.brokenLink"),
        /** A code link opened on a computer, or on a phone of no known kind. */
        OPEN_ON_PHONE(404, "applink.openOnPhone"),
        /** A code link on an Apple device in a realm with neither an iOS app nor EN Express. */
        NO_APP(404, "applink.noApp");

        final int status;
        final String messageKey;

        Page(int status, String messageKey) {
            this.status = status;
            this.messageKey = messageKey;
        }
    }

    /**
     * @param path the decoded request path
     * @param rawQuery the query as sent, or null
     */
    static Answer answer(Device device, Site site, String path, String rawQuery) {
        List<Parameter> query = parameters(rawQuery);
        boolean onboarding = query.isEmpty();
        if (site.region() == null) {
            return switch (device) {
                case ANDROID -> new Redirect(ANDROID_PICKER);
                case APPLE -> new Redirect(APPLE_ONBOARDING);
                case OTHER -> Page.OPEN_ON_PHONE;
            };
        }
        if (!site.known()) {
            return Page.UNKNOWN_REGION;
        }
        if (isCodeLink(path, rawQuery) && !carriesCode(query)) {
            return Page.BROKEN_LINK;
        }
        String region = site.region();
        StoreData store = site.store();
        return switch (device) {
            case ANDROID -> {
                String picker = ANDROID_PICKER + "/" + region.toLowerCase(Locale.ROOT);
                if (store.androidHeadless()) {
                    yield new Redirect(picker);
                }
                if (onboarding) {
                    yield new Redirect(store.androidUrl() != null ? store.androidUrl() : picker);
                }
                if (store.androidAppId() != null && store.androidUrl() != null) {
                    yield new Redirect(withRegion("intent", path, query, region) + "#Intent;scheme=ens;package="
                            + store.androidAppId()
                            + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                            + ";S.browser_fallback_url=" + encode(store.androidUrl())
                            + ";end");
                }
                yield new Redirect(picker);
            }
            case APPLE -> {
                if (store.iosUrl() != null) {
                    yield new Redirect(store.iosUrl());
                }
                if (onboarding) {
                    yield new Redirect(APPLE_ONBOARDING);
                }
                yield site.enExpress() ? new Redirect(withRegion("ens", path, query, region)) : Page.NO_APP;
            }
            case OTHER -> onboarding ? new Redirect(GENERIC_ONBOARDING) : Page.OPEN_ON_PHONE;
        };
    }

    /** A link to the code path with any query at all, even one of malformed pairs only. */
    private static boolean isCodeLink(String path, String rawQuery) {
        return path.equalsIgnoreCase(EnExpressLinks.CODE_PATH)
                && rawQuery != null
                && !rawQuery.replace("&", "").isEmpty();
    }

    /** Exactly one code parameter, with a value that can be a code. */
    private static boolean carriesCode(List<Parameter> query) {
        List<Parameter> codes = query.stream()
                .filter(parameter -> parameter.name().equals(EnExpressLinks.CODE_PARAMETER))
                .toList();
        return codes.size() == 1 && EnExpressLinks.isCode(codes.getFirst().value());
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
