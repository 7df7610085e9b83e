package org.enverify.realm.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.SystemCaller;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The installation's realms, for the operator's tokens ({@code enverify:system}): list, create, update, disable. */
@RestController
@ManagementApi
class RealmsApiController {

    private final Realms realms;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    RealmsApiController(Realms realms, JsonRequestReader reader, Idempotency idempotency) {
        this.realms = realms;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /** A realm as the API shows it; its settings are a document of their own. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RealmView(
            String id,
            String name,
            String regionCode,
            String slug,
            boolean disabled,
            Instant createdAt,
            Instant updatedAt) {

        static RealmView of(Realm realm) {
            return new RealmView(
                    realm.id().toString(),
                    realm.name(),
                    realm.regionCode(),
                    realm.slug(),
                    realm.disabled(),
                    realm.createdAt(),
                    realm.updatedAt());
        }
    }

    /** A new realm: its name, and any settings by name in their text form. */
    record NewRealm(String name, Map<String, String> settings) {

        NewRealm {
            settings = settings == null ? Map.of() : settings;
        }
    }

    /** Settings to change by name, in their text form, as a system administrator may. */
    record RealmChange(Map<String, String> settings) {}

    @GetMapping("/api/v1/realms")
    Envelope<List<RealmView>> list(SystemCaller caller, @Paging(sorts = {"created_at", "name"}) ListQuery query) {
        return Envelope.page(realms.list(query), query, RealmView::of);
    }

    @PostMapping("/api/v1/realms")
    ResponseEntity<?> create(SystemCaller caller, HttpServletRequest request) {
        NewRealm wanted = reader.read(request, NewRealm.class, ErrorCode.UNPARSABLE_REQUEST);
        return idempotency.create(Optional.empty(), caller.actor(), request, wanted, () -> {
            try {
                Realm created = realms.create(wanted.name(), wanted.settings(), caller.actor());
                return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(RealmView.of(created)));
            } catch (RealmSettingsRefused refused) {
                throw SettingsRefusals.of(refused);
            }
        });
    }

    @PatchMapping("/api/v1/realms/{realmId}")
    Envelope<RealmView> update(SystemCaller caller, @PathVariable long realmId, HttpServletRequest request) {
        RealmChange change = reader.read(request, RealmChange.class, ErrorCode.UNPARSABLE_REQUEST);
        if (change.settings() == null) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "settings is required")
                    .about("settings");
        }
        return Envelope.of(RealmView.of(change(realmId, change.settings(), caller)));
    }

    /** Disables the realm: its API keys and tokens are refused until a change sets {@code disabled} to false. */
    @PostMapping("/api/v1/realms/{realmId}/disable")
    Envelope<RealmView> disable(SystemCaller caller, @PathVariable long realmId) {
        return Envelope.of(RealmView.of(change(realmId, Map.of("disabled", "true"), caller)));
    }

    private Realm change(long realmId, Map<String, String> settings, SystemCaller caller) {
        RealmId id = realmId > 0 ? new RealmId(realmId) : null;
        if (id == null || realms.find(id).isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
        }
        try {
            return realms.update(id, settings, caller.actor());
        } catch (RealmSettingsRefused refused) {
            throw SettingsRefusals.of(refused);
        } catch (RealmNotFoundException gone) {
            throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
        }
    }
}
