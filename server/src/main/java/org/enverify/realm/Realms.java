package org.enverify.realm;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.cache.CacheInvalidation;
import org.enverify.platform.crypto.CryptoProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads and changes realms. Reads are cached for the configured cache lifetime; a change
 * drops the realm from the caches of every process.
 */
@Service
public class Realms {

    static final String CACHE = "realms";

    private final RealmRepository repository;
    private final RealmSettingsCatalog catalog;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CacheInvalidation invalidation;
    private final LoadingCache<RealmId, Optional<Realm>> cache;
    private final LoadingCache<String, Optional<RealmId>> bySlug;
    private final LoadingCache<String, Optional<RealmId>> byRegion;

    Realms(
            RealmRepository repository,
            RealmSettingsCatalog catalog,
            MessageSource messages,
            ApplicationEventPublisher events,
            Clock clock,
            EnverifySettings settings,
            MeterRegistry meters,
            CacheInvalidation invalidation) {
        this.repository = repository;
        this.catalog = catalog;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
        this.invalidation = invalidation;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .maximumSize(10_000)
                .recordStats()
                .build(repository::find);
        CaffeineCacheMetrics.monitor(meters, cache, "realms");
        this.bySlug = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .maximumSize(10_000)
                .build(repository::findBySlug);
        this.byRegion = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .maximumSize(10_000)
                .build(repository::findByRegion);
        invalidation.onInvalidate(CACHE, key -> {
            cache.invalidate(new RealmId(Long.parseLong(key)));
            bySlug.invalidateAll();
            byRegion.invalidateAll();
        });
    }

    /**
     * Creates a realm with default settings, then applies {@code settings} as {@link #update} would.
     * Publishes {@link RealmCreated} (and {@link RealmSettingsChanged} for the settings) in the transaction.
     *
     * @throws RealmSettingsRefused when the name or a setting is refused
     */
    @Transactional
    public Realm create(String name, Map<String, String> settings, Actor actor) {
        String cleanName;
        try {
            cleanName = GeneralSettingsGroup.REALM_NAME.type().parse(name == null ? "" : name);
        } catch (SettingValueRefused refused) {
            throw refused(List.of(new RealmSettingsCatalog.Problem(
                    GeneralSettingsGroup.REALM_NAME.name(), refused.messageKey(), refused.arguments())));
        }
        if (repository.nameTaken(cleanName, null)) {
            throw refused(List.of(nameTaken()));
        }
        RealmId id = repository.insert(cleanName, null, clock.instant());
        // a process that looked the id up before keeps "no such realm" cached otherwise
        invalidation.publish(CACHE, id.toString());
        Realm created = repository.find(id).orElseThrow();
        events.publishEvent(new RealmCreated(created, actor));
        return settings.isEmpty() ? created : update(id, settings, actor);
    }

    /** Runs {@code listener} after a realm was created or changed, in this process or (with Redis) another. */
    public void onChange(Consumer<RealmId> listener) {
        invalidation.onInvalidate(CACHE, key -> listener.accept(new RealmId(Long.parseLong(key))));
    }

    public Optional<Realm> find(RealmId id) {
        return cache.get(id);
    }

    /** The realm a host name's label points at (see {@code ENVERIFY_TENANCY_HOST_SUFFIX}). */
    public Optional<Realm> findBySlug(String slug) {
        return bySlug.get(slug).flatMap(this::find);
    }

    /** The realm with this region code (upper case), as an app-link host names it. */
    public Optional<Realm> findByRegion(String regionCode) {
        return byRegion.get(regionCode).flatMap(this::find);
    }

    public List<Realm> list() {
        return repository.findAll();
    }

    /** A page of the realms, ordered by {@code created_at} or {@code name}. */
    public Listing<Realm> list(ListQuery query) {
        return repository.list(query);
    }

    /**
     * Applies settings by name (see {@link RealmSettingsCatalog}) as a system administrator may; all or
     * nothing. Publishes {@link RealmSettingsChanged} in the transaction, which the audit trail records.
     *
     * @throws RealmSettingsRefused naming every refused setting
     * @throws RealmNotFoundException when there is no such realm
     */
    @Transactional
    public Realm update(RealmId id, Map<String, String> settings, Actor actor) {
        return update(id, settings, actor, true);
    }

    /**
     * Applies settings by name as a realm administrator may, as {@link #update}; a setting only system
     * administrators change is refused.
     */
    @Transactional
    public Realm updateAsRealmAdmin(RealmId id, Map<String, String> settings, Actor actor) {
        return update(id, settings, actor, false);
    }

    /**
     * A fingerprint of the realm's settings: any change of any setting changes it. A caller that read the
     * settings names it to {@link #updateIfUnchanged} so that it never overwrites a change it has not seen.
     */
    public String settingsVersion(Realm realm) {
        StringBuilder printed = new StringBuilder();
        catalog.describe(realm)
                .forEach((name, value) ->
                        printed.append(name).append('=').append(value).append('\n'));
        return HexFormat.of()
                .formatHex(CryptoProvider.sha256(printed.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    /**
     * Applies settings as {@link #update} (a system administrator) or {@link #updateAsRealmAdmin} does, if the
     * realm's {@link #settingsVersion} is still {@code expectedVersion}; the check and the change are one
     * transaction.
     *
     * @throws Refusal {@code precondition_failed} when the settings changed since that version
     */
    @Transactional
    public Realm updateIfUnchanged(
            RealmId id, String expectedVersion, Map<String, String> settings, Actor actor, boolean bySystemAdmin) {
        Realm current = repository.findForUpdate(id).orElseThrow(() -> new RealmNotFoundException(id));
        if (!settingsVersion(current).equals(expectedVersion)) {
            throw Refusal.of(ErrorCode.PRECONDITION_FAILED, "the realm's settings changed since this version");
        }
        return update(id, settings, actor, bySystemAdmin);
    }

    private Realm update(RealmId id, Map<String, String> settings, Actor actor, boolean bySystemAdmin) {
        Realm before = repository.findForUpdate(id).orElseThrow(() -> new RealmNotFoundException(id));
        RealmSettingsCatalog.Applied applied = catalog.apply(before.settings(), settings, bySystemAdmin);
        List<RealmSettingsCatalog.Problem> problems = new ArrayList<>(applied.problems());
        if (problems.isEmpty()) {
            problems.addAll(unique(applied.settings().get(GeneralRealmSettings.class), id));
        }
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
        Realm after = new Realm(id, applied.settings(), before.createdAt(), clock.instant());
        repository.update(after);
        invalidation.publish(CACHE, id.toString());
        events.publishEvent(new RealmSettingsChanged(before, after, actor));
        return after;
    }

    /** What the modeler last learned about the realm's claimed codes; empty until it has modeled the realm. */
    public Optional<ClaimRatio> claimRatio(RealmId id) {
        return repository.claimRatio(id);
    }

    /** Stores what the modeler learned; not a setting, so no one else writes it. */
    @Transactional
    public void recordClaimRatio(RealmId id, ClaimRatio ratio) {
        if (!repository.saveClaimRatio(id, ratio)) {
            throw new RealmNotFoundException(id);
        }
    }

    private List<RealmSettingsCatalog.Problem> unique(GeneralRealmSettings general, RealmId id) {
        List<RealmSettingsCatalog.Problem> problems = new ArrayList<>();
        if (repository.nameTaken(general.name(), id)) {
            problems.add(nameTaken());
        }
        if (general.slug() != null && repository.slugTaken(general.slug(), id)) {
            problems.add(new RealmSettingsCatalog.Problem("slug", "setting.error.slugTaken", List.of()));
        }
        if (general.regionCode() != null && repository.regionTaken(general.regionCode(), id)) {
            problems.add(new RealmSettingsCatalog.Problem("region_code", "setting.error.regionCodeTaken", List.of()));
        }
        return problems;
    }

    private static RealmSettingsCatalog.Problem nameTaken() {
        return new RealmSettingsCatalog.Problem("name", "setting.error.nameTaken", List.of());
    }

    /** Each problem as a refusal about its setting, with the English text the CLI and the API show. */
    private RealmSettingsRefused refused(List<RealmSettingsCatalog.Problem> problems) {
        return new RealmSettingsRefused(problems.stream()
                .map(problem -> Refusal.of(
                                ErrorCode.UNPARSABLE_REQUEST,
                                messages.getMessage(
                                        problem.messageKey(),
                                        problem.arguments().toArray(),
                                        Locale.ROOT))
                        .about(problem.setting())
                        .shown(problem.messageKey(), problem.arguments().toArray()))
                .toList());
    }
}
