package org.enverify.audit;

import java.util.Map;
import org.enverify.realm.RealmBrandingChanged;
import org.enverify.realm.RealmCreated;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records realm creation, setting changes and branding changes. The realm feature cannot call {@link AuditLog} (this
 * feature depends on it), so it publishes events; listeners run in the publishing transaction.
 */
@Component
class RealmChanges {

    private final AuditLog log;
    private final RealmSettingsCatalog settings;

    RealmChanges(AuditLog log, RealmSettingsCatalog settings) {
        this.log = log;
        this.settings = settings;
    }

    @EventListener
    void onCreated(RealmCreated created) {
        log.record(
                created.realm().id(),
                created.actor(),
                "realm.create",
                target(created.realm().id().value()),
                Map.of(),
                settings.describe(created.realm()));
    }

    @EventListener
    void onSettingsChanged(RealmSettingsChanged changed) {
        Map<String, String> before = settings.describe(changed.before());
        Map<String, String> after = settings.describe(changed.after());
        if (!before.equals(after)) {
            log.record(
                    changed.after().id(),
                    changed.actor(),
                    "realm.update",
                    target(changed.after().id().value()),
                    before,
                    after);
        }
    }

    @EventListener
    void onBrandingChanged(RealmBrandingChanged changed) {
        log.record(
                changed.realm(),
                changed.actor(),
                "realm.branding",
                target(changed.realm().value()) + "/branding",
                changed.before(),
                changed.after());
    }

    private static String target(long realmId) {
        return "realms:" + realmId;
    }
}
