package org.enverify.mobileapp;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds, lists and disables a realm's phone apps. What the redirect role reads is cached for the cache lifetime. */
@Service
public class MobileApps {

    private final MobileAppRepository repository;
    private final Realms realms;
    private final Clock clock;
    private final AuditLog audit;
    private final LoadingCache<RealmId, List<MobileApp>> enabledByRealm;

    MobileApps(
            MobileAppRepository repository,
            Realms realms,
            Clock clock,
            EnverifySettings settings,
            MeterRegistry meters,
            AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
        this.realms = realms;
        this.clock = clock;
        this.enabledByRealm = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .maximumSize(10_000)
                .recordStats()
                .build(repository::listEnabled);
        CaffeineCacheMetrics.monitor(meters, enabledByRealm, "mobile-apps");
    }

    /**
     * Adds an app after judging every field (see {@code docs/operators.md}); all or nothing.
     *
     * @throws Refusal about every refused field
     * @throws RealmNotFoundException when there is no such realm
     */
    @Transactional
    public MobileApp add(RealmId realm, NewMobileApp app, Actor actor) {
        realms.find(realm).orElseThrow(() -> new RealmNotFoundException(realm));
        List<Refusal> refused = new ArrayList<>();
        MobileAppRules.Checked checked = MobileAppRules.check(app, refused);
        boolean nameRefused = refused.stream().anyMatch(field -> field.field().equals(Optional.of("name")));
        if (!nameRefused && repository.nameTaken(realm, checked.name())) {
            refused.add(nameTaken(checked.name()));
        }
        if (!refused.isEmpty()) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, refused);
        }
        MobileApp added;
        try {
            added = repository.insert(realm, checked, clock.instant());
        } catch (DuplicateKeyException e) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, List.of(nameTaken(checked.name())));
        }
        audit.record(realm, actor, "mobileapp.create", target(added.id()), Map.of(), fields(added));
        enabledByRealm.invalidate(realm);
        return added;
    }

    /** Every app of the realm, disabled ones included, oldest first. */
    public List<MobileApp> list(RealmId realm) {
        return repository.list(realm);
    }

    /** The realm's enabled apps, oldest first, as the redirect role serves them; at most a cache lifetime old. */
    public List<MobileApp> enabled(RealmId realm) {
        return enabledByRealm.get(realm);
    }

    /**
     * Disables an app: it leaves the association files and redirects (in other processes within the cache
     * lifetime). Its name stays taken.
     *
     * @throws IllegalArgumentException when the realm has no such app
     */
    @Transactional
    public MobileApp disable(RealmId realm, long id, Actor actor) {
        MobileApp app = repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("There is no mobile app " + id));
        repository.disable(realm, id, clock.instant());
        MobileApp disabled = repository.find(realm, id).orElseThrow();
        audit.record(realm, actor, "mobileapp.disable", target(id), fields(app), fields(disabled));
        enabledByRealm.invalidate(realm);
        return disabled;
    }

    /** An app by its id alone, for the operator's command line, which names apps across realms. */
    public Optional<MobileApp> findAcrossRealms(long id) {
        return repository.find(id);
    }

    private static String target(long appId) {
        return "mobile_apps:" + appId;
    }

    private static Map<String, Object> fields(MobileApp app) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", app.name());
        fields.put("os", app.os().displayName());
        fields.put("app_id", app.appId());
        fields.put("url", app.url());
        fields.put("sha256_fingerprints", app.sha256Fingerprints());
        fields.put("disable_redirect", app.disableRedirect());
        fields.put("enabled", app.enabled());
        return fields;
    }

    private static Refusal nameTaken(String name) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "the realm already has an app named '" + name + "'")
                .about("name")
                .shown("apps.error.nameTaken", name);
    }
}
