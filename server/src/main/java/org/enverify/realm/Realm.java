package org.enverify.realm;

import java.time.Instant;
import java.util.List;
import org.enverify.platform.net.AddressRanges;

/**
 * A realm: its identity and hosting, and every feature's settings of it, parsed once per load. Changed only
 * through {@link Realms#update}.
 */
public record Realm(RealmId id, RealmSettings settings, Instant createdAt, Instant updatedAt) {

    /** The settings a feature declared as a {@link RealmSettingsGroup} of this record type. */
    public <T extends Record> T settings(Class<T> group) {
        return settings.get(group);
    }

    public String name() {
        return general().name();
    }

    /** Upper case, such as {@code US-WA}; null when the realm has none. */
    public String regionCode() {
        return general().regionCode();
    }

    /** The realm's label in host names; null when the realm has none. */
    public String slug() {
        return general().slug();
    }

    /** A disabled realm's API keys are refused. */
    public boolean disabled() {
        return general().disabled();
    }

    /** Blocks issuing codes in the realm. */
    public boolean maintenanceMode() {
        return general().maintenanceMode();
    }

    public AddressRanges adminApiNetworks() {
        return general().adminApiNetworks();
    }

    public AddressRanges deviceApiNetworks() {
        return general().deviceApiNetworks();
    }

    public AddressRanges uiNetworks() {
        return general().uiNetworks();
    }

    /** {@code allowed_cidrs_admin_api}: the ranges the admin API may be called from; none allows all. */
    public List<String> allowedCidrsAdminApi() {
        return adminApiNetworks().texts();
    }

    /** {@code allowed_cidrs_ui}: the ranges the realm's web UI may be used from; none allows all. */
    public List<String> allowedCidrsUi() {
        return uiNetworks().texts();
    }

    private GeneralRealmSettings general() {
        return settings.get(GeneralRealmSettings.class);
    }
}
