package org.enverify.realm;

import org.enverify.platform.net.AddressRanges;

/**
 * The realm's own settings, its identity and hosting, kept in the {@code realms} table's columns; read
 * them through {@link Realm}.
 */
public record GeneralRealmSettings(
        String name,
        String regionCode,
        String slug,
        boolean disabled,
        boolean maintenanceMode,
        AddressRanges adminApiNetworks,
        AddressRanges deviceApiNetworks,
        AddressRanges uiNetworks) {}
