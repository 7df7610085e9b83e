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
import java.util.Set;
import java.util.function.Supplier;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Adds, lists, changes and disables a realm's phone apps. What the redirect role reads is cached for the cache lifetime. */
@Service
public class MobileApps {

    private static final String PLAY_STORE = "https://play.google.com/store/apps/details?id=";

    /** An id no app has, for judging an app being added. */
    private static final long NO_APP = 0;

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
        MobileAppRules.Checked checked = judged(realm, app, NO_APP);
        MobileApp added = withUniqueName(checked, () -> repository.insert(realm, checked, clock.instant()));
        audit.record(realm, actor, "mobileapp.create", target(added.id()), Map.of(), fields(added));
        enabledByRealm.invalidate(realm);
        return added;
    }

    /**
     * Gives an app the fields of {@code app}, judged as an app being added is (its own name it may keep); all or
     * nothing. An app that app sync added follows the published feed and is not changed otherwise.
     *
     * @throws Refusal about every refused field, or when app sync added the app
     * @throws IllegalArgumentException when the realm has no such app
     */
    @Transactional
    public MobileApp update(RealmId realm, long id, NewMobileApp app, Actor actor) {
        MobileApp before = repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("There is no mobile app " + id));
        if (before.synced()) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST,
                            "app sync added this app from the published feed, which it follows; it cannot be changed")
                    .shown("apps.error.synced");
        }
        MobileAppRules.Checked checked = judged(realm, app, id);
        MobileApp after = withUniqueName(checked, () -> repository.update(realm, id, checked));
        audit.record(realm, actor, "mobileapp.update", target(id), fields(before), fields(after));
        enabledByRealm.invalidate(realm);
        return after;
    }

    /**
     * Every field of {@code app} judged, and its name free in the realm but for the app {@code otherThan}.
     *
     * @throws Refusal about every refused field
     */
    private MobileAppRules.Checked judged(RealmId realm, NewMobileApp app, long otherThan) {
        List<Refusal> refused = new ArrayList<>();
        MobileAppRules.Checked checked = MobileAppRules.check(app, refused);
        boolean nameRefused = refused.stream().anyMatch(field -> field.field().equals(Optional.of("name")));
        if (!nameRefused && repository.nameTakenByAnother(realm, checked.name(), otherThan)) {
            refused.add(nameTaken(checked.name()));
        }
        if (!refused.isEmpty()) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, refused);
        }
        return checked;
    }

    /** A write that a concurrent one may beat to the name: the name is then refused as taken. */
    private static MobileApp withUniqueName(MobileAppRules.Checked app, Supplier<MobileApp> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, List.of(nameTaken(app.name())));
        }
    }

    /** What one app sync did to a realm's apps; {@code skipped} says why a listed app was not taken, without values. */
    public record SyncResult(int added, int updated, List<String> skipped) {}

    /**
     * Makes the Android apps the app feed lists for the realm its apps, inside the caller's transaction, as upstream's
     * app sync does: an app is identified by its signing certificates; one that no enabled Android app of the realm
     * has is added (store link to Google Play, redirect off, headless as listed, marked synced), named as listed or
     * "REGION Android App". Apps the feed no longer lists are kept. Unlike upstream, an app that sync added follows
     * the feed's package name and headless flag, since realm administrators cannot change it. Every change is
     * audited as the system's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SyncResult sync(RealmId realm, String region, List<ListedApp> listed) {
        List<MobileApp> android = new ArrayList<>(repository.listEnabled(realm).stream()
                .filter(app -> app.os() == MobileOs.ANDROID)
                .toList());
        int added = 0;
        int updated = 0;
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            ListedApp app = listed.get(i);
            String name = app.name().isBlank() ? region + " Android App" : app.name();
            List<Refusal> refused = new ArrayList<>();
            MobileAppRules.Checked checked = MobileAppRules.check(
                    new NewMobileApp(
                            name,
                            "android",
                            app.packageName(),
                            PLAY_STORE + app.packageName(),
                            app.sha256Fingerprints(),
                            true),
                    refused);
            if (!refused.isEmpty()) {
                skipped.add(region + " app " + (i + 1) + " skipped: "
                        + String.join(
                                "; ",
                                refused.stream()
                                        .map(refusal -> refusal.field().orElse("") + " " + refusal.apiText())
                                        .toList()));
                continue;
            }
            Set<String> fingerprints = Set.copyOf(checked.sha256Fingerprints());
            Optional<MobileApp> known = android.stream()
                    .filter(existing ->
                            Set.copyOf(existing.sha256Fingerprints()).equals(fingerprints))
                    .findFirst();
            if (known.isEmpty()) {
                MobileApp inserted =
                        repository.insert(realm, withFreeName(realm, checked), app.headless(), true, clock.instant());
                audit.record(
                        realm, Actor.system(), "mobileapp.create", target(inserted.id()), Map.of(), fields(inserted));
                android.add(inserted);
                added++;
            } else if (known.get().synced()
                    && (!known.get().appId().equals(checked.appId())
                            || known.get().headless() != app.headless())) {
                MobileApp before = known.get();
                repository.updateSynced(realm, before.id(), checked.appId(), checked.url(), app.headless());
                MobileApp after = repository.find(realm, before.id()).orElseThrow();
                audit.record(
                        realm, Actor.system(), "mobileapp.update", target(after.id()), fields(before), fields(after));
                android.set(android.indexOf(before), after);
                updated++;
            }
        }
        if (added + updated > 0) {
            enabledByRealm.invalidate(realm);
        }
        return new SyncResult(added, updated, List.copyOf(skipped));
    }

    /** Upstream adds a random suffix when the listed name is taken; a number says the same and can be read. */
    private MobileAppRules.Checked withFreeName(RealmId realm, MobileAppRules.Checked app) {
        String name = app.name();
        for (int n = 2; repository.nameTaken(realm, name); n++) {
            name = app.name() + " (" + n + ")";
        }
        return new MobileAppRules.Checked(
                name, app.os(), app.appId(), app.url(), app.sha256Fingerprints(), app.disableRedirect());
    }

    /** Every app of the realm, disabled ones included, oldest first. */
    public List<MobileApp> list(RealmId realm) {
        return repository.list(realm);
    }

    /** A page of the realm's apps, disabled ones included, by {@code created_at} or {@code name}, ties by the id. */
    public Listing<MobileApp> list(RealmId realm, ListQuery query) {
        return repository.list(realm, query);
    }

    public Optional<MobileApp> find(RealmId realm, long id) {
        return repository.find(realm, id);
    }

    /** The realm's enabled apps, oldest first, as the redirect role serves them; at most a cache lifetime old. */
    public List<MobileApp> enabled(RealmId realm) {
        return enabledByRealm.get(realm);
    }

    /**
     * Disables an app: it leaves the association files and redirects (in other processes within the cache
     * lifetime). Its name stays taken. An app that app sync added is disabled by the operator only.
     *
     * @throws Refusal when someone other than the operator's command line disables a synced app
     * @throws IllegalArgumentException when the realm has no such app
     */
    @Transactional
    public MobileApp disable(RealmId realm, long id, Actor actor) {
        MobileApp app = repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("There is no mobile app " + id));
        if (app.synced() && !actor.equals(Actor.cli())) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST,
                            "app sync added this app from the published feed; only the operator's command line can"
                                    + " disable it")
                    .shown("apps.error.synced");
        }
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
        fields.put("headless", app.headless());
        fields.put("synced", app.synced());
        fields.put("enabled", app.enabled());
        return fields;
    }

    private static Refusal nameTaken(String name) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "the realm already has an app named '" + name + "'")
                .about("name")
                .shown("apps.error.nameTaken", name);
    }
}
