package org.enverify.redirect;

/**
 * A realm's EN Express settings: whether its codes go out as links to its app-link host, which phones open
 * in the operating system's Exposure Notifications Express, and whether it may still choose how long its
 * short codes last.
 *
 * @param enableEnExpress EN Express is on: SMS texts carry {@code [enslink]}, the codes have upstream's
 *     default shape and only confirmed tests (and user reports) are issued
 * @param enxCodeExpirationConfigurable under EN Express, the short code's lifetime stays the realm's choice
 *     instead of the default; set by system administrators
 */
public record ExpressRealmSettings(boolean enableEnExpress, boolean enxCodeExpirationConfigurable) {

    /** Whether a change from {@code before} to this turned EN Express on. */
    public boolean turnedOnSince(ExpressRealmSettings before) {
        return enableEnExpress && !before.enableEnExpress;
    }

    /** Whether the short code's lifetime is fixed to the default. */
    public boolean fixesCodeDuration() {
        return enableEnExpress && !enxCodeExpirationConfigurable;
    }
}
