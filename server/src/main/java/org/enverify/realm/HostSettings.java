package org.enverify.realm;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which host names select a realm.
 *
 * @param redirectDomain the redirect role's app-link domain ({@code ENVERIFY_REDIRECT_DOMAIN}), such as
 *     {@code en.example.org}: {@code us-wa.en.example.org} serves the realm with region code {@code US-WA}
 * @param redirectHosts more app-link hosts, each {@code host:REGION} ({@code ENVERIFY_REDIRECT_HOSTS},
 *     comma-separated), as upstream's {@code HOSTNAME_TO_REGION}
 * @param tenancy realm hosts
 */
@ConfigurationProperties("enverify")
record HostSettings(
        @DefaultValue("") String redirectDomain,
        @DefaultValue("") List<String> redirectHosts,
        @DefaultValue Tenancy tenancy) {

    /**
     * @param hostSuffix {@code ENVERIFY_TENANCY_HOST_SUFFIX}: with {@code example.org}, the realm with slug
     *     {@code wa} is served at {@code wa.example.org} (UI) and {@code wa-api.example.org} (APIs), and other
     *     hosts are refused; empty leaves host names alone
     */
    record Tenancy(@DefaultValue("") String hostSuffix) {}
}
