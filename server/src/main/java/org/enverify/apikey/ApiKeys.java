package org.enverify.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.cache.CacheInvalidation;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys have the form {@code <secret>.<realm id>.<signature>}: 64 random bytes, the realm, and an
 * HMAC-SHA512 of both, all base64url without padding. The signature lets forged keys be refused
 * without touching the database; the database holds only an HMAC of the key.
 */
@Service
public class ApiKeys {

    /** The request header that carries the key. */
    public static final String HEADER = "X-API-Key";

    static final String CACHE = "api-keys";
    private static final String AUTHENTICATED = ApiKeys.class.getName() + ".authenticated.";

    private static final int SECRET_BYTES = 64;
    private static final int ENCODED_SECRET_LENGTH = 86;
    private static final int ENCODED_SIGNATURE_LENGTH = 86;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern REALM_ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final ApiKeyRepository repository;
    private final HmacKeyring hmacs;
    private final Realms realms;
    private final Clock clock;
    private final CacheInvalidation invalidation;
    private final AuditLog audit;
    private final Cache<String, Optional<ApiKeySummary>> bySignature;

    ApiKeys(
            ApiKeyRepository repository,
            HmacKeyring hmacs,
            Realms realms,
            Clock clock,
            EnverifySettings settings,
            MeterRegistry meters,
            CacheInvalidation invalidation,
            AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
        this.hmacs = hmacs;
        this.realms = realms;
        this.clock = clock;
        this.invalidation = invalidation;
        this.bySignature = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(settings.cacheTtl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, bySignature, CACHE);
        invalidation.onInvalidate(CACHE, key -> {
            long keyId = Long.parseLong(key);
            bySignature
                    .asMap()
                    .values()
                    .removeIf(found -> found.filter(k -> k.id() == keyId).isPresent());
        });
    }

    /**
     * @throws Refusal about the {@code name} for an empty, overlong or duplicate name
     * @throws RealmNotFoundException when the realm does not exist
     */
    @Transactional
    public CreatedApiKey create(RealmId realm, ApiKeyType type, String name, Actor actor) {
        String cleanName = checkedName(name);
        realms.find(realm).orElseThrow(() -> new RealmNotFoundException(realm));
        checkNameFree(realm, cleanName, 0);
        String prefix = BASE64URL.encodeToString(CryptoProvider.randomBytes(SECRET_BYTES)) + "." + realm.value();
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        String key = prefix + "." + BASE64URL.encodeToString(hmacs.mac(HmacPurpose.API_KEY_SIGNATURE, prefixBytes));
        ApiKeySummary summary = repository.insert(
                realm,
                cleanName,
                type,
                hmacs.mac(HmacPurpose.API_KEY, prefixBytes),
                key.substring(0, 6),
                clock.instant());
        audit.record(
                realm,
                actor,
                "apikey.create",
                target(summary.id()),
                Map.of(),
                Map.of("name", summary.name(), "type", summary.type().name(), "enabled", true));
        return new CreatedApiKey(summary, key);
    }

    /** The caller a presented key stands for, if it is a live key of the required type. */
    public Optional<ApiCaller> authenticate(String presented, ApiKeyType required) {
        if (presented == null) {
            return Optional.empty();
        }
        String[] parts = presented.trim().split("\\.", -1);
        if (parts.length != 3
                || parts[0].length() != ENCODED_SECRET_LENGTH
                || parts[2].length() != ENCODED_SIGNATURE_LENGTH
                || !REALM_ID.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        byte[] prefix = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!hmacs.matchesAny(HmacPurpose.API_KEY_SIGNATURE, prefix, signature)) {
            return Optional.empty();
        }
        RealmId realm = new RealmId(Long.parseLong(parts[1]));
        Optional<ApiKeySummary> key = bySignature.get(
                parts[2], ignored -> repository.findByHmac(realm, hmacs.macsForLookup(HmacPurpose.API_KEY, prefix)));
        return key.filter(found -> found.enabled() && found.type() == required)
                .flatMap(found -> realms.find(realm)
                        .filter(loaded -> !loaded.disabled())
                        .map(loaded -> new ApiCaller(loaded, found.id(), found.type())));
    }

    /**
     * The caller the request's {@value #HEADER} stands for, as {@link #authenticate(String, ApiKeyType)}
     * judges it. The outcome is kept on the request, so a key that an earlier filter checked is not
     * checked again.
     */
    public Optional<ApiCaller> authenticate(HttpServletRequest request, ApiKeyType required) {
        String attribute = AUTHENTICATED + required.name();
        if (request.getAttribute(attribute) instanceof Optional<?> known) {
            return known.map(ApiCaller.class::cast);
        }
        Optional<ApiCaller> caller = authenticate(request.getHeader(HEADER), required);
        request.setAttribute(attribute, caller);
        return caller;
    }

    public List<ApiKeySummary> list(RealmId realm) {
        return repository.list(realm);
    }

    /** A page of the realm's keys, by {@code created_at} or {@code name}, ties broken by the id. */
    public Listing<ApiKeySummary> list(RealmId realm, ListQuery query) {
        return repository.list(realm, query);
    }

    /**
     * Gives a key another name, under the rules of a new key's name.
     *
     * @throws Refusal about the {@code name} for an empty, overlong or duplicate name
     * @throws IllegalArgumentException when the realm has no such key
     */
    @Transactional
    public ApiKeySummary rename(RealmId realm, long keyId, String name, Actor actor) {
        String cleanName = checkedName(name);
        ApiKeySummary key = repository
                .find(realm, keyId)
                .orElseThrow(() -> new IllegalArgumentException("There is no API key " + keyId));
        if (key.name().equals(cleanName)) {
            return key;
        }
        checkNameFree(realm, cleanName, keyId);
        repository.rename(realm, keyId, cleanName);
        audit.record(
                realm, actor, "apikey.update", target(keyId), Map.of("name", key.name()), Map.of("name", cleanName));
        invalidation.publish(CACHE, Long.toString(keyId));
        return repository.find(realm, keyId).orElseThrow();
    }

    /** A key of the realm, enabled or not; a key of another realm is not found. */
    public Optional<ApiKeySummary> find(RealmId realm, long keyId) {
        return repository.find(realm, keyId);
    }

    /** A key by its id alone, for the operator's command line, which names keys across realms. */
    public Optional<ApiKeySummary> findAcrossRealms(long keyId) {
        return repository.find(keyId);
    }

    /**
     * Disables a key: this process refuses it at once, others when they hear of it through Redis,
     * and within the cache lifetime at the latest.
     *
     * @throws IllegalArgumentException when the realm has no such key
     */
    @Transactional
    public ApiKeySummary disable(RealmId realm, long keyId, Actor actor) {
        return setEnabled(realm, keyId, false, actor);
    }

    /** @throws IllegalArgumentException when the realm has no such key */
    @Transactional
    public ApiKeySummary enable(RealmId realm, long keyId, Actor actor) {
        return setEnabled(realm, keyId, true, actor);
    }

    private ApiKeySummary setEnabled(RealmId realm, long keyId, boolean enabled, Actor actor) {
        ApiKeySummary key = repository
                .find(realm, keyId)
                .orElseThrow(() -> new IllegalArgumentException("There is no API key " + keyId));
        repository.setDisabledAt(realm, keyId, enabled ? null : clock.instant());
        audit.record(
                realm,
                actor,
                enabled ? "apikey.enable" : "apikey.disable",
                target(keyId),
                Map.of("enabled", key.enabled()),
                Map.of("enabled", enabled));
        invalidation.publish(CACHE, Long.toString(keyId));
        return repository.find(realm, keyId).orElseThrow();
    }

    private static String checkedName(String name) {
        String cleanName = name == null ? "" : name.trim();
        if (cleanName.isEmpty() || cleanName.length() > 100 || cleanName.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The key name must be 1 to 100 printable characters")
                    .about("name")
                    .shown("apikeys.nameInvalid");
        }
        return cleanName;
    }

    /** @param except the key that may keep the name; 0 for none */
    private void checkNameFree(RealmId realm, String name, long except) {
        if (repository.nameTaken(realm, name, except)) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The realm already has a key named '" + name + "'")
                    .about("name")
                    .shown("apikeys.nameTaken");
        }
    }

    private static String target(long keyId) {
        return "apikeys:" + keyId;
    }
}
