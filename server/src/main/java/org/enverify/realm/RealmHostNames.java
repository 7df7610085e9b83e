package org.enverify.realm;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The host names realms are served on, from {@code ENVERIFY_TENANCY_HOST_SUFFIX} and each realm's slug. */
@Component
public class RealmHostNames {

    private final String hostSuffix;

    RealmHostNames(HostSettings settings) {
        this.hostSuffix =
                settings.tenancy().hostSuffix().strip().toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
    }

    /** {@code <slug>.<host suffix>}, the realm's web UI; empty when realms have no hosts of their own. */
    public Optional<String> uiHost(Realm realm) {
        return hostSuffix.isEmpty() ? Optional.empty() : Optional.of(realm.slug() + "." + hostSuffix);
    }
}
