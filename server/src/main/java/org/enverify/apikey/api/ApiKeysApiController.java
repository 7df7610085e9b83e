package org.enverify.apikey.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.CreatedApiKey;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.stats.Statistics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's API keys through the same service as its API key page and the CLI: the key itself is shown once, in
 * the answer to its creation (and to a replay of that creation under its {@code Idempotency-Key}, which the
 * foundation keeps encrypted); afterwards only its preview. A key of another realm is not found.
 */
@RestController
@ManagementApi
class ApiKeysApiController {

    private final ApiKeys apiKeys;
    private final Statistics statistics;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    ApiKeysApiController(ApiKeys apiKeys, Statistics statistics, JsonRequestReader reader, Idempotency idempotency) {
        this.apiKeys = apiKeys;
        this.statistics = statistics;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /**
     * A key as the API shows it.
     *
     * @param lastUsed the last UTC day with activity in the key's statistics; absent when none
     * @param key the key itself, only in the answer to its creation
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyView(
            String id,
            String name,
            String type,
            String preview,
            boolean enabled,
            Instant createdAt,
            Instant disabledAt,
            LocalDate lastUsed,
            String key) {

        /** @param secret the key itself, just created; null afterwards */
        static ApiKeyView of(ApiKeySummary key, LocalDate lastUsed, String secret) {
            return new ApiKeyView(
                    Long.toString(key.id()),
                    key.name(),
                    key.type().name().toLowerCase(Locale.ROOT),
                    key.preview(),
                    key.enabled(),
                    key.createdAt(),
                    key.disabledAt(),
                    lastUsed,
                    secret);
        }
    }

    /** A new key: its name and its type, {@code admin}, {@code device} or {@code stats}. */
    record NewApiKey(String name, String type) {}

    /** A key's new name. */
    record ApiKeyChange(String name) {}

    @GetMapping("/api/v1/realms/{realmId}/api-keys")
    Envelope<List<ApiKeyView>> list(
            @RequireScope(Permission.API_KEY_READ) RealmCaller caller,
            @Paging(sorts = {"created_at", "name"}) ListQuery query) {
        Listing<ApiKeySummary> page = apiKeys.list(caller.realm(), query);
        Map<Long, LocalDate> lastUsed = statistics.lastUsedDays(
                caller.realm(), page.items().stream().map(ApiKeySummary::id).toList());
        return Envelope.page(page, query, key -> ApiKeyView.of(key, lastUsed.get(key.id()), null));
    }

    @GetMapping("/api/v1/realms/{realmId}/api-keys/{keyId}")
    Envelope<ApiKeyView> show(@RequireScope(Permission.API_KEY_READ) RealmCaller caller, @PathVariable long keyId) {
        return Envelope.of(view(caller, key(caller, keyId)));
    }

    @PostMapping("/api/v1/realms/{realmId}/api-keys")
    ResponseEntity<?> create(@RequireScope(Permission.API_KEY_WRITE) RealmCaller caller, HttpServletRequest request) {
        NewApiKey wanted = reader.read(request, NewApiKey.class, ErrorCode.UNPARSABLE_REQUEST);
        ApiKeyType type = type(wanted.type());
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, wanted, () -> {
            CreatedApiKey created = apiKeys.create(caller.realm(), type, wanted.name(), caller.actor());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Envelope.of(ApiKeyView.of(created.summary(), null, created.key())));
        });
    }

    @PatchMapping("/api/v1/realms/{realmId}/api-keys/{keyId}")
    Envelope<ApiKeyView> rename(
            @RequireScope(Permission.API_KEY_WRITE) RealmCaller caller,
            @PathVariable long keyId,
            HttpServletRequest request) {
        ApiKeyChange change = reader.read(request, ApiKeyChange.class, ErrorCode.UNPARSABLE_REQUEST);
        if (change.name() == null) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "name is required")
                    .about("name");
        }
        key(caller, keyId);
        return Envelope.of(view(caller, apiKeys.rename(caller.realm(), keyId, change.name(), caller.actor())));
    }

    /** Disables the key: the device or admin API refuses it from now on (other processes within the cache's lifetime). */
    @PostMapping("/api/v1/realms/{realmId}/api-keys/{keyId}/disable")
    Envelope<ApiKeyView> disable(@RequireScope(Permission.API_KEY_WRITE) RealmCaller caller, @PathVariable long keyId) {
        key(caller, keyId);
        return Envelope.of(view(caller, apiKeys.disable(caller.realm(), keyId, caller.actor())));
    }

    @PostMapping("/api/v1/realms/{realmId}/api-keys/{keyId}/enable")
    Envelope<ApiKeyView> enable(@RequireScope(Permission.API_KEY_WRITE) RealmCaller caller, @PathVariable long keyId) {
        key(caller, keyId);
        return Envelope.of(view(caller, apiKeys.enable(caller.realm(), keyId, caller.actor())));
    }

    private ApiKeySummary key(RealmCaller caller, long keyId) {
        return apiKeys.find(caller.realm(), keyId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found"));
    }

    private ApiKeyView view(RealmCaller caller, ApiKeySummary key) {
        return ApiKeyView.of(
                key, statistics.lastUsedDays(caller.realm(), List.of(key.id())).get(key.id()), null);
    }

    private static ApiKeyType type(String name) {
        for (ApiKeyType type : ApiKeyType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(name)) {
                return type;
            }
        }
        throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "type must be admin, device or stats")
                .about("type");
    }
}
