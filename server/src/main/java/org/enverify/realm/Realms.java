package org.enverify.realm;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.cache.CacheInvalidation;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CacheInvalidation invalidation;
    private final LoadingCache<RealmId, Optional<Realm>> cache;
    private final LoadingCache<String, Optional<RealmId>> bySlug;
    private final LoadingCache<String, Optional<RealmId>> byRegion;

    Realms(
            RealmRepository repository,
            ApplicationEventPublisher events,
            Clock clock,
            EnverifySettings settings,
            MeterRegistry meters,
            CacheInvalidation invalidation) {
        this.repository = repository;
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
     */
    @Transactional
    public Realm create(String name, Map<String, String> settings, Actor actor) {
        String cleanName;
        try {
            cleanName = SettingValues.text(name == null ? "" : name, 100);
        } catch (IllegalArgumentException e) {
            throw new InvalidRealmSettingsException(Map.of("name", e.getMessage()));
        }
        if (cleanName.isEmpty()) {
            throw new InvalidRealmSettingsException(Map.of("name", "must not be empty"));
        }
        if (repository.nameTaken(cleanName, null)) {
            throw new InvalidRealmSettingsException(Map.of("name", "a realm with this name exists"));
        }
        RealmId id = repository.insert(cleanName, null, clock.instant());
        // a process that looked the id up before keeps "no such realm" cached otherwise
        invalidation.publish(CACHE, id.toString());
        Realm created = repository.find(id).orElseThrow();
        events.publishEvent(new RealmCreated(created, actor));
        return settings.isEmpty() ? created : update(id, settings, actor);
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

    /**
     * Applies settings by name (see {@link RealmSetting}); all or nothing. Publishes
     * {@link RealmSettingsChanged} in the transaction, which the audit trail records.
     *
     * @throws InvalidRealmSettingsException naming every refused setting
     * @throws RealmNotFoundException when there is no such realm
     */
    @Transactional
    public Realm update(RealmId id, Map<String, String> settings, Actor actor) {
        Realm before = repository.findForUpdate(id).orElseThrow(() -> new RealmNotFoundException(id));
        RealmDraft draft = new RealmDraft(before);
        Map<String, String> errors = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            Optional<RealmSetting> setting = RealmSetting.byName(name);
            if (setting.isEmpty()) {
                errors.put(name, "is not a realm setting");
                return;
            }
            try {
                setting.get().applyTo(draft, value == null ? "" : value);
            } catch (IllegalArgumentException e) {
                errors.put(name, e.getMessage());
            }
        });
        if (errors.isEmpty()) {
            checkTogether(draft, id, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRealmSettingsException(errors);
        }
        Realm after = draft.toRealm(clock.instant());
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

    private void checkTogether(RealmDraft draft, RealmId id, Map<String, String> errors) {
        if (repository.nameTaken(draft.name, id)) {
            errors.put("name", "a realm with this name exists");
        }
        if (draft.slug != null && repository.slugTaken(draft.slug, id)) {
            errors.put("slug", "another realm has this slug");
        }
        if (draft.regionCode != null && repository.regionTaken(draft.regionCode, id)) {
            errors.put("region_code", "another realm has this region code");
        }
        if (draft.codeDuration.compareTo(Duration.ofMinutes(draft.shortCodeMaxMinutes)) > 0) {
            errors.put("code_duration", "must be at most short_code_max_minutes (" + draft.shortCodeMaxMinutes + "m)");
        }
        if (draft.longCodeDuration.compareTo(draft.codeDuration) < 0) {
            errors.put("long_code_duration", "must be at least code_duration");
        }
        if (draft.allowAdminUserReport && !draft.allowedTestTypes.contains(TestType.USER_REPORT)) {
            errors.put("allow_admin_user_report", "needs user-report in allowed_test_types");
        }
        if (draft.allowUserReportWebView && !draft.allowedTestTypes.contains(TestType.USER_REPORT)) {
            errors.put("allow_user_report_web_view", "needs user-report in allowed_test_types");
        }
        if (draft.useRealmCertificateKey) {
            if (draft.certificateIssuer.isBlank()) {
                errors.put("certificate_issuer", "is required to sign with the realm's own key");
            }
            if (draft.certificateAudience.isBlank()) {
                errors.put("certificate_audience", "is required to sign with the realm's own key");
            }
        }
        if (draft.passwordRotationWarningDays > draft.passwordRotationDays) {
            errors.put("password_rotation_warning_days", "must be at most password_rotation_days");
        }
        List<String> template = SmsTemplateRules.problems(
                SmsTemplateRules.DEFAULT_LABEL, draft.smsTextTemplate, draft.codeLength, draft.longCodeLength);
        if (!template.isEmpty()) {
            errors.put("sms_text_template", String.join("; ", template));
        }
    }
}
