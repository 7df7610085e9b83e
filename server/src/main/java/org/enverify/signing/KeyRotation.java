package org.enverify.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.Actor;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the token signing key, the HMAC keys and the certificate keys of realms with automatic
 * rotation. Nothing valid before a rotation stops working because of it: old token keys still verify,
 * old HMAC versions still match until they retire, and a new certificate key is published an
 * activation delay before it signs, so key servers import it first.
 */
@Component
class KeyRotation implements PeriodicTask {

    private final TokenSigningKeyStore tokenKeys;
    private final TokenSigner tokenSigner;
    private final HmacKeyStore hmacKeys;
    private final HmacKeyring hmacKeyring;
    private final CertificateKeyStore certificateKeys;
    private final CertificateSigners signers;
    private final Realms realms;
    private final RotationSettings settings;
    private final TransactionTemplate transactions;
    private final Events events;
    private final AuditLog audit;

    KeyRotation(
            TokenSigningKeyStore tokenKeys,
            TokenSigner tokenSigner,
            HmacKeyStore hmacKeys,
            HmacKeyring hmacKeyring,
            CertificateKeyStore certificateKeys,
            CertificateSigners signers,
            Realms realms,
            RotationSettings settings,
            TransactionTemplate transactions,
            Events events,
            AuditLog audit) {
        this.audit = audit;
        this.tokenKeys = tokenKeys;
        this.tokenSigner = tokenSigner;
        this.hmacKeys = hmacKeys;
        this.hmacKeyring = hmacKeyring;
        this.certificateKeys = certificateKeys;
        this.signers = signers;
        this.realms = realms;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public String name() {
        return "rotation";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT15M";
    }

    @Override
    public String run(Instant now) {
        List<String> changes = new ArrayList<>();
        Optional<String> newTokenKey = transactions.execute(status -> {
            Optional<String> kid = tokenKeys.rotateIfOlderThan(settings.tokenKeyMaxAge());
            kid.ifPresent(k -> audit.recordSystemWide(
                    Actor.system(), "token_key.rotate", "token_signing_keys", Map.of(), Map.of("active_kid", k)));
            return kid;
        });
        if (newTokenKey != null && newTokenKey.isPresent()) {
            tokenSigner.reload();
            changes.add("token key replaced");
        }
        for (HmacPurpose purpose : HmacPurpose.values()) {
            String change = transactions.execute(status -> {
                String changed = hmacKeys.rotate(
                        purpose, settings.minAge(purpose), settings.maxAge(purpose), settings.hmacActivationDelay());
                if (!"unchanged".equals(changed)) {
                    audit.recordSystemWide(
                            Actor.system(),
                            "hmac_key.rotate",
                            "hmac_keys:" + purpose.column(),
                            Map.of(),
                            Map.of("rotation", changed));
                }
                return changed;
            });
            if (!"unchanged".equals(change)) {
                changes.add(purpose.column() + " hmac: " + change);
            }
        }
        hmacKeyring.reload();
        for (Realm realm : realms.list()) {
            if (realm.settings(SigningRealmSettings.class).autoRotateCertificateKey()) {
                String change = transactions.execute(status -> rotateRealmKey(realm, now));
                if (!change.isEmpty()) {
                    changes.add("realm " + realm.id() + ": " + change);
                    signers.forget(realm.id());
                }
            }
        }
        return changes.isEmpty() ? "nothing to rotate" : String.join("; ", changes);
    }

    private String rotateRealmKey(Realm realm, Instant now) {
        SigningLocks.lock(
                certificateKeys.jdbc(), "realm_certificate_keys:" + realm.id().value());
        List<CertificateKeyStore.RealmKeyRow> keys = certificateKeys.realmKeyRows(realm.id());
        if (keys.isEmpty()) {
            String kid = CertificateKeyStore.realmKid(
                    realm.id(), certificateKeys.createRealmKey(realm.id()).id());
            CertificateKeys.recordCreated(audit, realm.id(), Actor.system(), kid);
            return "created " + kid;
        }
        CertificateKeyStore.RealmKeyRow newest = keys.getFirst();
        if (!newest.active()) {
            if (newest.createdAt().plus(settings.certificateActivationDelay()).isBefore(now)) {
                certificateKeys.activate(realm.id(), newest.id());
                String kid = CertificateKeyStore.realmKid(realm.id(), newest.id());
                events.record(realm.id(), EventType.REALM_KEY_ROTATED, Map.of("kid", kid));
                CertificateKeys.recordActivated(audit, realm.id(), Actor.system(), kid);
                return "activated " + kid;
            }
            return "";
        }
        Instant activated = newest.activatedAt() == null ? newest.createdAt() : newest.activatedAt();
        if (activated.plus(settings.certificateKeyMaxAge()).isBefore(now)) {
            String kid = CertificateKeyStore.realmKid(
                    realm.id(), certificateKeys.createRealmKey(realm.id()).id());
            CertificateKeys.recordCreated(audit, realm.id(), Actor.system(), kid);
            return "published " + kid + ", signs after the activation delay";
        }
        List<String> destroyed = new ArrayList<>();
        if (activated.plus(settings.certificateActivationDelay()).isBefore(now)) {
            for (CertificateKeyStore.RealmKeyRow old : keys.subList(1, keys.size())) {
                certificateKeys.destroy(realm.id(), old.id());
                String kid = CertificateKeyStore.realmKid(realm.id(), old.id());
                CertificateKeys.recordDestroyed(audit, realm.id(), Actor.system(), kid);
                destroyed.add(kid);
            }
        }
        return destroyed.isEmpty() ? "" : "destroyed " + String.join(", ", destroyed);
    }
}
