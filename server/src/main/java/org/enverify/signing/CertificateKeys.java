package org.enverify.signing;

import java.util.List;
import java.util.Map;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
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

    /** Creates a new key version for the realm and returns its kid; the first one is active at once. */
    @Transactional
    public String createRealmKey(RealmId realm, Actor actor) {
        String kid = store.createRealmKey(realm);
        recordCreated(audit, realm, actor, kid);
        signers.forget(realm);
        return kid;
    }

    static void recordCreated(AuditLog audit, RealmId realm, Actor actor, String kid) {
        audit.record(realm, actor, "certificate_key.create", "certificate_keys:" + kid, Map.of(), Map.of("kid", kid));
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
        if (changed.after().useRealmCertificateKey()
                && store.realmKeys(changed.after().id()).stream().noneMatch(StoredKey::active)) {
            createRealmKey(changed.after().id(), changed.actor());
        }
    }
}
