package org.enverify.sms;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.crypto.EcKeys;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authenticated SMS: a realm's P-256 keys that sign the SMS it sends, so a phone app can tell them
 * from forgeries. At most one key per realm is active; the signature follows upstream's format
 * exactly, which apps already verify.
 */
@Component
public class SmsSigningKeys {

    static final int MAX_KEYS = 5;
    static final String AUTHENTICATION_MARK = " \nAuthentication:";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH_DAY =
            DateTimeFormatter.ofPattern("MMdd").withZone(ZoneOffset.UTC);

    /** One key as listed to operators. */
    public record KeyInfo(String kid, long id, boolean active, boolean disabled, byte[] publicKey) {}

    private record ActiveKey(String kid, ECPrivateKey key) {}

    private final SmsKeyRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;
    private final LoadingCache<RealmId, Optional<ActiveKey>> active;
    private final AuditLog audit;

    SmsSigningKeys(SmsKeyRepository repository, SecretCipher cipher, Clock clock, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
        // upstream caches a realm's signer for 30 seconds too
        this.active = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30))
                .maximumSize(10_000)
                .build(this::loadActive);
    }

    /** A new, inactive key; the realm keeps at most {@value #MAX_KEYS} that are not disabled. */
    @Transactional
    public KeyInfo create(RealmId realm, Actor actor) {
        long usable = repository.list(realm).stream()
                .filter(key -> key.disabledAt() == null)
                .count();
        if (usable >= MAX_KEYS) {
            throw new IllegalArgumentException(
                    "The realm has " + MAX_KEYS + " SMS signing keys; disable one before creating another");
        }
        KeyPair pair = EcKeys.generateP256();
        Instant now = clock.instant();
        byte[] publicKey = pair.getPublic().getEncoded();
        // the id is needed in the associated data, so insert a placeholder first and fill it in
        long id = repository.insert(realm, new byte[0], publicKey, now);
        repository.setPrivateKey(realm, id, cipher.encrypt(pair.getPrivate().getEncoded(), keyContext(realm, id)));
        audit.record(realm, actor, "sms_key.create", target(realm, id), Map.of(), Map.of("kid", kid(realm, id)));
        return new KeyInfo(kid(realm, id), id, false, false, publicKey);
    }

    public List<KeyInfo> list(RealmId realm) {
        return repository.list(realm).stream()
                .map(row -> new KeyInfo(
                        kid(realm, row.id()), row.id(), row.active(), row.disabledAt() != null, row.publicKey()))
                .toList();
    }

    /** @throws IllegalArgumentException when the realm has no such enabled key */
    @Transactional
    public void activate(RealmId realm, long id, Actor actor) {
        if (!repository.activate(realm, id)) {
            throw new IllegalArgumentException("The realm has no enabled SMS signing key " + id);
        }
        active.invalidate(realm);
        audit.record(
                realm, actor, "sms_key.activate", target(realm, id), Map.of("active", false), Map.of("active", true));
    }

    /** @throws IllegalArgumentException when the realm has no such enabled key */
    @Transactional
    public void disable(RealmId realm, long id, Actor actor) {
        if (!repository.disable(realm, id, clock.instant())) {
            throw new IllegalArgumentException("The realm has no enabled SMS signing key " + id);
        }
        active.invalidate(realm);
        audit.record(
                realm,
                actor,
                "sms_key.disable",
                target(realm, id),
                Map.of("disabled", false),
                Map.of("disabled", true));
    }

    private static String target(RealmId realm, long id) {
        return "realms:" + realm + "/sms-keys/" + id;
    }

    /**
     * The SMS with its signature appended, as upstream writes it: {@code body + " \nAuthentication:" + MMDD + ":"
     * + kid + ":" + base64(DER ECDSA-SHA256 of purpose.phone.YYYY-MM-DD.body-with-mark)}.
     *
     * @throws IllegalStateException when the realm has no active key or signing fails
     */
    String sign(RealmId realm, boolean userReport, String phone, String body) {
        ActiveKey key = active.get(realm)
                .orElseThrow(() -> new IllegalStateException("realm " + realm + " has no active SMS signing key"));
        Instant now = clock.instant();
        String marked = body + AUTHENTICATION_MARK;
        String signed = (userReport ? "User Report" : "EN Report") + "." + phone + "." + DAY.format(now) + "." + marked;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key.key());
            ecdsa.update(signed.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().withoutPadding().encodeToString(ecdsa.sign());
            return marked + MONTH_DAY.format(now) + ":" + key.kid() + ":" + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the SMS of realm " + realm + " failed", e);
        }
    }

    private Optional<ActiveKey> loadActive(RealmId realm) {
        return repository
                .active(realm)
                .map(row -> new ActiveKey(
                        kid(realm, row.id()),
                        EcKeys.privateKey(cipher.decrypt(row.privateKeyCiphertext(), keyContext(realm, row.id())))));
    }

    static String kid(RealmId realm, long id) {
        return "r" + realm + "v" + id + "sms";
    }

    private static String keyContext(RealmId realm, long id) {
        return "sms_signing_keys.private_key:" + realm + ":" + id;
    }
}
