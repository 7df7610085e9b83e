package org.enverify.signing.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.signing.CertificateKeys;
import org.enverify.signing.CertificateKeys.RealmKeyVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's certificate signing keys through the same service and rules as its signing keys page: publish a new
 * version, make a published one the key that signs, destroy one that no longer signs. Whether the realm signs
 * with its own keys at all is its {@code use_realm_certificate_key} setting. A key of another realm, or a
 * destroyed one, is not found.
 */
@RestController
@ManagementApi
class CertificateKeysApiController {

    private final CertificateKeys keys;
    private final Idempotency idempotency;

    CertificateKeysApiController(CertificateKeys keys, Idempotency idempotency) {
        this.keys = keys;
        this.idempotency = idempotency;
    }

    /**
     * A key version as the API shows it.
     *
     * @param kid the key id in the certificates it signs and in the realm's published keys
     * @param active it signs the realm's certificates
     * @param activatedAt when it last became the key that signs; absent when it never did
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CertificateKeyView(String id, String kid, boolean active, Instant createdAt, Instant activatedAt) {

        static CertificateKeyView of(RealmKeyVersion key) {
            return new CertificateKeyView(
                    Long.toString(key.id()), key.kid(), key.active(), key.createdAt(), key.activatedAt());
        }
    }

    @GetMapping("/api/v1/realms/{realmId}/certificate-keys")
    Envelope<List<CertificateKeyView>> list(
            @RequireScope(Permission.SETTINGS_READ) RealmCaller caller,
            @Paging(sorts = {"created_at"}) ListQuery query) {
        List<RealmKeyVersion> newestFirst = keys.realmKeyVersions(caller.realm());
        List<RealmKeyVersion> ordered = query.descending() ? newestFirst : newestFirst.reversed();
        return Envelope.page(Listing.page(ordered, query), query, CertificateKeyView::of);
    }

    @GetMapping("/api/v1/realms/{realmId}/certificate-keys/{keyId}")
    Envelope<CertificateKeyView> show(
            @RequireScope(Permission.SETTINGS_READ) RealmCaller caller, @PathVariable long keyId) {
        return Envelope.of(CertificateKeyView.of(key(caller, keyId)));
    }

    /** Publishes a new key version; the realm's first one signs at once, later ones once activated. */
    @PostMapping("/api/v1/realms/{realmId}/certificate-keys")
    ResponseEntity<?> create(@RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, HttpServletRequest request) {
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, Map.of(), () -> {
            RealmKeyVersion created = keys.createRealmKey(caller.realm(), caller.actor());
            return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(CertificateKeyView.of(created)));
        });
    }

    /** Makes the key the one that signs the realm's certificates; key servers must have imported it first. */
    @PostMapping("/api/v1/realms/{realmId}/certificate-keys/{keyId}/activate")
    Envelope<CertificateKeyView> activate(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, @PathVariable long keyId) {
        try {
            keys.activateRealmKey(caller.realm(), keyId, caller.actor());
        } catch (IllegalArgumentException unknown) {
            throw notFound();
        }
        return Envelope.of(CertificateKeyView.of(key(caller, keyId)));
    }

    /** Withdraws a key that no longer signs from the published keys. */
    @DeleteMapping("/api/v1/realms/{realmId}/certificate-keys/{keyId}")
    ResponseEntity<Void> destroy(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, @PathVariable long keyId) {
        try {
            keys.destroyRealmKey(caller.realm(), keyId, caller.actor());
        } catch (IllegalArgumentException unknown) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private RealmKeyVersion key(RealmCaller caller, long keyId) {
        return keys.realmKeyVersion(caller.realm(), keyId).orElseThrow(CertificateKeysApiController::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }
}
