package org.enverify.realm;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The host names realms are served on: from {@code ENVERIFY_TENANCY_HOST_SUFFIX} and each realm's slug, and
 * from {@code ENVERIFY_REDIRECT_DOMAIN} and each realm's region code.
 */
@Component
public class RealmHostNames {

    private final String hostSuffix;
    private final String redirectDomain;

    RealmHostNames(HostSettings settings) {
        this.hostSuffix = HostRules.normalize(settings.tenancy().hostSuffix());
        this.redirectDomain = HostRules.normalize(settings.redirectDomain());
    }

    /** {@code <slug>.<host suffix>}, the realm's web UI; empty when realms have no hosts of their own. */
    public Optional<String> uiHost(Realm realm) {
        return hostSuffix.isEmpty() ? Optional.empty() : Optional.of(realm.slug() + "." + hostSuffix);
    }

    /**
     * {@code <region code in lower case>.<redirect domain>}, the app-link host of the realm with this region
     * code; empty without a redirect domain.
     */
    public Optional<String> appLinkHost(String regionCode) {
        return redirectDomain.isEmpty()
                ? Optional.empty()
                : Optional.of(regionCode.toLowerCase(Locale.ROOT) + "." + redirectDomain);
    }
}
