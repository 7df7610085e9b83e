package org.enverify.realm.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.IfMatch;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;

/**
 * The realm's settings as one document, every setting by name in its text form (as the CLI and the settings
 * page take it). PATCH changes the named ones through the same declarations, checks and audit; its
 * {@code If-Match} names the {@code ETag} the caller read, so it never overwrites a change it has not seen.
 */
@RestController
@ManagementApi
class RealmSettingsApiController {

    private static final TypeReference<Map<String, String>> CHANGES = new TypeReference<>() {};

    private final Realms realms;
    private final RealmSettingsCatalog catalog;
    private final JsonRequestReader reader;

    RealmSettingsApiController(Realms realms, RealmSettingsCatalog catalog, JsonRequestReader reader) {
        this.realms = realms;
        this.catalog = catalog;
        this.reader = reader;
    }

    @GetMapping("/api/v1/realms/{realmId}/settings")
    ResponseEntity<Envelope<Map<String, String>>> get(@RequireScope(Permission.SETTINGS_READ) RealmCaller caller) {
        return document(realms.find(caller.realm()).orElseThrow(() -> new RealmNotFoundException(caller.realm())));
    }

    @PatchMapping("/api/v1/realms/{realmId}/settings")
    ResponseEntity<Envelope<Map<String, String>>> change(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, HttpServletRequest request) {
        Map<String, String> changes = reader.read(request, CHANGES, ErrorCode.UNPARSABLE_REQUEST);
        Optional<String> expected = IfMatch.version(request);
        try {
            Realm changed = expected.isEmpty()
                    ? caller.systemAdmin()
                            ? realms.update(caller.realm(), changes, caller.actor())
                            : realms.updateAsRealmAdmin(caller.realm(), changes, caller.actor())
                    : realms.updateIfUnchanged(
                            caller.realm(), expected.get(), changes, caller.actor(), caller.systemAdmin());
            return document(changed);
        } catch (RealmSettingsRefused refused) {
            throw SettingsRefusals.of(refused);
        }
    }

    private ResponseEntity<Envelope<Map<String, String>>> document(Realm realm) {
        return ResponseEntity.ok()
                .eTag("\"" + realms.settingsVersion(realm) + "\"")
                .body(Envelope.of(catalog.describe(realm)));
    }
}
