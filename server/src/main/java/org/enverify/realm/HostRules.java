package org.enverify.realm;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.enverify.realm.RequestHost.Kind;

/**
 * What a host name selects by the configured names alone, before any realm is looked up. Names are
 * compared ignoring case and a trailing dot; the servlet container has removed the port.
 */
final class HostRules {

    /** A kind of host and the label that names its realm: a region code or a slug; null for none. */
    record Match(Kind kind, String label) {}

    private static final Match MAIN = new Match(Kind.MAIN, null);
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final String API_LABEL_SUFFIX = "-api";

    private final String redirectDomain;
    private final Map<String, String> redirectHosts;
    private final String hostSuffix;

    HostRules(HostSettings settings) {
        this.redirectDomain = configuredName(settings.redirectDomain(), "ENVERIFY_REDIRECT_DOMAIN");
        this.hostSuffix = configuredName(settings.tenancy().hostSuffix(), "ENVERIFY_TENANCY_HOST_SUFFIX");
        this.redirectHosts = redirectHosts(settings.redirectHosts());
        if (!hostSuffix.isEmpty() && hostSuffix.equals(redirectDomain)) {
            throw new IllegalArgumentException(
                    "ENVERIFY_REDIRECT_DOMAIN and ENVERIFY_TENANCY_HOST_SUFFIX must differ: each label under it"
                            + " would name both a region and a realm");
        }
    }

    /** Whether any host name means anything; without a setting every host is the main host. */
    boolean interpretsHosts() {
        return !redirectDomain.isEmpty() || !redirectHosts.isEmpty() || !hostSuffix.isEmpty();
    }

    /**
     * Redirect hosts come first, so the redirect domain may lie under the host suffix. With a host suffix,
     * only the suffix itself, the realm hosts under it and the redirect hosts are served.
     *
     * @return empty for a host nothing is served on
     */
    Optional<Match> classify(String serverName) {
        String host = normalize(serverName);
        String mappedRegion = redirectHosts.get(host);
        if (mappedRegion != null) {
            return Optional.of(new Match(Kind.REDIRECT, mappedRegion));
        }
        if (!redirectDomain.isEmpty()) {
            if (host.equals(redirectDomain)) {
                return Optional.of(new Match(Kind.REDIRECT, null));
            }
            String label = labelUnder(host, redirectDomain);
            if (label != null) {
                String region = label.toUpperCase(Locale.ROOT);
                return Optional.of(new Match(
                        Kind.REDIRECT,
                        GeneralSettingsGroup.REGION_CODE_PATTERN.matcher(region).matches() ? region : null));
            }
        }
        if (hostSuffix.isEmpty() || host.equals(hostSuffix)) {
            return Optional.of(MAIN);
        }
        String label = labelUnder(host, hostSuffix);
        if (label == null) {
            return Optional.empty();
        }
        boolean api = label.endsWith(API_LABEL_SUFFIX);
        String slug = api ? label.substring(0, label.length() - API_LABEL_SUFFIX.length()) : label;
        if (!GeneralSettingsGroup.SLUG_PATTERN.matcher(slug).matches() || slug.endsWith(API_LABEL_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(new Match(api ? Kind.REALM_API : Kind.REALM_UI, slug));
    }

    /** The single label in front of {@code domain}, or null when {@code host} is not directly under it. */
    private static String labelUnder(String host, String domain) {
        int dot = host.length() - domain.length() - 1;
        if (dot <= 0 || !host.endsWith(domain) || host.charAt(dot) != '.') {
            return null;
        }
        String label = host.substring(0, dot);
        return label.indexOf('.') < 0 ? label : null;
    }

    static String normalize(String name) {
        String host = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String configuredName(String value, String variable) {
        String name = normalize(value);
        if (!name.isEmpty() && (name.length() > 253 || !HOST_NAME.matcher(name).matches())) {
            throw new IllegalArgumentException(
                    variable + " holds '" + value + "', which is not a host name such as example.org");
        }
        return name;
    }

    private static Map<String, String> redirectHosts(List<String> entries) {
        Map<String, String> hosts = new HashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String region = colon < 0 ? "" : entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            if (colon <= 0
                    || !GeneralSettingsGroup.REGION_CODE_PATTERN.matcher(region).matches()) {
                throw new IllegalArgumentException("ENVERIFY_REDIRECT_HOSTS holds '" + entry.trim()
                        + "', which is not host:REGION such as links.example.org:US-WA");
            }
            String host = configuredName(entry.substring(0, colon), "ENVERIFY_REDIRECT_HOSTS");
            if (hosts.put(host, region) != null) {
                throw new IllegalArgumentException("ENVERIFY_REDIRECT_HOSTS names " + host + " twice");
            }
        }
        return Map.copyOf(hosts);
    }
}
