package org.enverify.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Process-wide settings.
 *
 * @param roles the roles this process serves ({@code ENVERIFY_ROLES}); {@code all} by default
 * @param dataDir where the embedded database, the master keyset and local files live
 * @param maintenanceMode blocks issuing and verifying everywhere ({@code ENVERIFY_MAINTENANCE_MODE})
 * @param cacheTtl how long realms, API keys, signers and stats API answers are cached; a change made elsewhere
 *     takes effect within it
 * @param region a label for this deployment (such as {@code eu-west}), shown by {@code /statusz}
 */
@ConfigurationProperties("enverify")
public record EnverifySettings(
        @DefaultValue("all") String roles,
        @DefaultValue("./var") Path dataDir,
        @DefaultValue("false") boolean maintenanceMode,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("") String region) {

    public Set<ProcessRole> activeRoles() {
        return ProcessRole.parse(roles);
    }
}
