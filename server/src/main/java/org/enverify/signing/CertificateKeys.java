package org.enverify.signing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Manages certificate signing keys and publishes their public halves. */
@Service
public class CertificateKeys {

    private final CertificateKeyStore store;
    private final CertificateSigners signers;
    private final AuditLog audit;

    CertificateKeys(CertificateKeyStore store, CertificateSigners signers, AuditLog audit) {
        this.store = store;
        this.signers = signers;
        this.audit = audit;
    }

    /**
     * Creates a new key version for the realm; the first one is active at once.
     *
     * @throws Refusal when the realm has as many keys as it may have
     */
    @Transactional
    public RealmKeyVersion createRealmKey(RealmId realm, Actor actor) {
        RealmKeyVersion created = version(realm, store.createRealmKey(realm));
        recordCreated(audit, realm, actor, created.kid());
        signers.forget(realm);
        return created;
    }

    /** A realm key version as its administrators see it. */
    public record RealmKeyVersion(long id, String kid, boolean active, Instant createdAt, Instant activatedAt) {}

    /** The realm's keys that are not destroyed, newest first. */
    public List<RealmKeyVersion> realmKeyVersions(RealmId realm) {
        return store.realmKeyRows(realm).stream()
                .map(row -> version(realm, row))
                .toList();
    }

    /** One of the realm's keys that is not destroyed. */
    public Optional<RealmKeyVersion> realmKeyVersion(RealmId realm, long keyId) {
        return realmKeyVersions(realm).stream().filter(key -> key.id() == keyId).findFirst();
    }

    /**
     * Makes a published key the realm's signing key; key servers must have imported it first. The key that signs
     * already stays as it is.
     *
     * @throws IllegalArgumentException when the realm has no such key
     */
    @Transactional
    public void activateRealmKey(RealmId realm, long keyId, Actor actor) {
        SigningLocks.lock(store.jdbc(), "realm_certificate_keys:" + realm.value());
        if (lockedKey(realm, keyId).active()) {
            return;
        }
        store.activate(realm, keyId);
        recordActivated(audit, realm, actor, CertificateKeyStore.realmKid(realm, keyId));
        signers.forget(realm);
    }

    /**
     * Withdraws a key that no longer signs: it leaves the published keys, and certificates it signed stop verifying.
     *
     * @throws IllegalArgumentException when the realm has no such key
     * @throws Refusal when the key is the one that signs
     */
    @Transactional
    public void destroyRealmKey(RealmId realm, long keyId, Actor actor) {
        SigningLocks.lock(store.jdbc(), "realm_certificate_keys:" + realm.value());
        if (lockedKey(realm, keyId).active()) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST,
                            "the key signs the realm's certificates; sign with another key before destroying it")
                    .shown("keys.error.signingKey");
        }
        store.destroy(realm, keyId);
        recordDestroyed(audit, realm, actor, CertificateKeyStore.realmKid(realm, keyId));
        signers.forget(realm);
    }

    /** The realm's key, read under the realm's key lock. */
    private CertificateKeyStore.RealmKeyRow lockedKey(RealmId realm, long keyId) {
        return store.realmKeyRows(realm).stream()
                .filter(row -> row.id() == keyId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Realm " + realm + " has no key " + keyId));
    }

    private static RealmKeyVersion version(RealmId realm, CertificateKeyStore.RealmKeyRow row) {
        return new RealmKeyVersion(
                row.id(),
                CertificateKeyStore.realmKid(realm, row.id()),
                row.active(),
                row.createdAt(),
                row.activatedAt());
    }

    static void recordCreated(AuditLog audit, RealmId realm, Actor actor, String kid) {
        audit.record(realm, actor, "certificate_key.create", target(kid), Map.of(), Map.of("kid", kid));
    }

    static void recordActivated(AuditLog audit, RealmId realm, Actor actor, String kid) {
        audit.record(
                realm, actor, "certificate_key.activate", target(kid), Map.of("active", false), Map.of("active", true));
    }

    static void recordDestroyed(AuditLog audit, RealmId realm, Actor actor, String kid) {
        audit.record(
                realm,
                actor,
                "certificate_key.destroy",
                target(kid),
                Map.of("destroyed", false),
                Map.of("destroyed", true));
    }

    private static String target(String kid) {
        return "certificate_keys:" + kid;
    }

    /** The realm's published keys, newest first, as JWKs. */
    public List<PublicJwk> realmJwks(RealmId realm) {
        return store.realmKeys(realm).stream().map(PublicJwk::of).toList();
    }

    /** The system keys, newest first, as JWKs. */
    public List<PublicJwk> systemJwks() {
        return store.systemKeys().stream().map(PublicJwk::of).toList();
    }

    /** A realm switched to its own key gets one, in the same transaction, if it has none yet. */
    @EventListener
    void onRealmSettingsChanged(RealmSettingsChanged changed) {
        if (changed.after().settings(SigningRealmSettings.class).useRealmCertificateKey()
                && store.realmKeys(changed.after().id()).stream().noneMatch(StoredKey::active)) {
            createRealmKey(changed.after().id(), changed.actor());
        }
    }
}
