package org.enverify.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creations that a caller may send again without a second effect: the first reply to a caller's key is kept
 * for {@link #LIFETIME} and given again for the same request; the same key with another request is refused.
 * The creation and the kept reply commit together, and a second request with a key in flight waits for the
 * first. A refused creation keeps nothing, so the request may be corrected and sent again with its key.
 */
@Service
public class IdempotentReplies {

    public static final Duration LIFETIME = Duration.ofHours(24);

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** A reply as sent: its status and its body's bytes. */
    public record Reply(int status, byte[] body) {}

    private final IdempotencyKeyRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;

    IdempotentReplies(IdempotencyKeyRepository repository, SecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Whether a caller's key is one the contract takes: 1 to 255 printable ASCII characters without spaces. */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    /**
     * The reply to {@code request} under the caller's {@code key}: the kept one, or the one {@code create} makes
     * now. The reply's body is stored encrypted, since it may show a secret once.
     *
     * @param realm the realm the call works in; empty for a system-scope call
     * @param request what identifies the request: its method, path and body in a canonical form
     * @throws Refusal {@code idempotency_key_reused} when the key was used for another request
     */
    @Transactional
    public Reply reply(Optional<RealmId> realm, Actor caller, String key, String request, Supplier<Reply> create) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("Not an idempotency key");
        }
        repository.lock(realm, caller.id(), key);
        byte[] requestHash = sha256(request);
        Instant now = clock.instant();
        String associatedData = "idempotency_keys.body:"
                + realm.map(RealmId::toString).orElse("system") + ":" + caller.id() + ":" + key;
        Optional<IdempotencyKeyRepository.Stored> stored =
                repository.find(realm, caller.id(), key, now.minus(LIFETIME));
        if (stored.isPresent()) {
            if (!MessageDigest.isEqual(stored.get().requestHash(), requestHash)) {
                throw Refusal.of(
                                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "this Idempotency-Key was used for another request in the last 24 hours")
                        .about("Idempotency-Key");
            }
            return new Reply(stored.get().status(), cipher.decrypt(stored.get().body(), associatedData));
        }
        Reply reply = create.get();
        repository.save(
                realm,
                caller.id(),
                key,
                new IdempotencyKeyRepository.Stored(
                        requestHash, reply.status(), cipher.encrypt(reply.body(), associatedData)),
                now);
        return reply;
    }

    private static byte[] sha256(String request) {
        return CryptoProvider.sha256(request.getBytes(StandardCharsets.UTF_8));
    }
}
