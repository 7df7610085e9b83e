package org.enverify.appsync;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.enverify.jobs.PeriodicTask;
import org.enverify.mobileapp.ListedApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.Actor;
import org.enverify.platform.ConditionalOnSettings;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.Translation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Copies the app feed's Android apps, agency branding and translations to the realms whose region code the feed
 * names. The whole feed is read and judged before anything is written, and every realm is written in
 * one transaction: a feed that cannot be read changes nothing. For a realm in the feed, the feed is
 * the truth: a value it leaves out is cleared, a translation it no longer lists is removed; a value
 * it gets wrong keeps what was stored.
 */
@Component
@ConditionalOnSettings("enverify.appsync.url")
class AppSync implements PeriodicTask, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppSync.class);

    private final AppSyncSettings settings;
    private final Realms realms;
    private final RealmBranding branding;
    private final MobileApps mobileApps;
    private final TransactionOperations transactions;
    private final OutboundHttp http;

    AppSync(
            AppSyncSettings settings,
            Realms realms,
            RealmBranding branding,
            MobileApps mobileApps,
            TransactionOperations transactions,
            OutboundUrls urls) {
        this.settings = settings;
        this.realms = realms;
        this.branding = branding;
        this.mobileApps = mobileApps;
        this.transactions = transactions;
        this.http = new OutboundHttp(settings.timeout(), settings.maxBytes(), urls);
    }

    @Override
    public String name() {
        return "appsync";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT1H";
    }

    @Override
    public String run(Instant now) {
        URI feedUri = URI.create(settings.url().trim());
        String call = "GET " + OutboundHttp.describe(feedUri);
        OutboundHttp.Response response =
                http.get(feedUri, Map.of("Accept", "application/json", "User-Agent", "enverify-appsync"));
        if (!response.ok()) {
            throw new OutboundHttpException(call + ": the feed answered " + response.status());
        }
        AppFeed.Feed feed;
        try {
            feed = AppFeed.read(response.body());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(call + ": " + e.getMessage());
        }

        Map<String, RealmId> byRegion = new LinkedHashMap<>();
        for (Realm realm : realms.list()) {
            if (realm.regionCode() != null) {
                byRegion.put(realm.regionCode(), realm.id());
            }
        }
        Map<RealmId, List<AppFeed.Entry>> entriesByRealm = new LinkedHashMap<>();
        Set<String> unknownRegions = new TreeSet<>();
        for (AppFeed.Entry entry : feed.entries()) {
            RealmId realm = byRegion.get(entry.region());
            if (realm == null) {
                unknownRegions.add(entry.region());
            } else {
                entriesByRealm
                        .computeIfAbsent(realm, ignored -> new ArrayList<>())
                        .add(entry);
            }
        }
        List<String> notes = new ArrayList<>(feed.notes());
        int[] counts = new int[3];
        transactions.executeWithoutResult(status -> {
            for (var realm : entriesByRealm.entrySet()) {
                counts[0] += sync(realm.getKey(), realm.getValue());
                MobileApps.SyncResult apps = mobileApps.sync(
                        realm.getKey(), realm.getValue().getFirst().region(), androidApps(realm.getValue()));
                counts[1] += apps.added();
                counts[2] += apps.updated();
                notes.addAll(apps.skipped());
            }
        });

        StringBuilder summary = new StringBuilder()
                .append(entriesByRealm.size())
                .append(" realms synced, ")
                .append(counts[0])
                .append(" values changed; ")
                .append(counts[1])
                .append(" apps added, ")
                .append(counts[2])
                .append(" apps updated");
        if (!unknownRegions.isEmpty()) {
            summary.append("; no realm for regions ").append(String.join(", ", unknownRegions));
        }
        if (!notes.isEmpty()) {
            summary.append("; ").append(String.join("; ", notes));
            log.warn("App feed problems: {}", String.join("; ", notes));
        }
        return summary.toString();
    }

    /** Entries without a package name carry only branding. */
    private static List<ListedApp> androidApps(List<AppFeed.Entry> entries) {
        return entries.stream()
                .filter(entry -> !entry.packageName().isEmpty())
                .map(entry -> new ListedApp(
                        entry.appName(), entry.packageName(), entry.sha256Fingerprints(), entry.headless()))
                .toList();
    }

    /** Later entries of a region win over earlier ones; a value no entry gets right keeps what was stored. */
    private int sync(RealmId realm, List<AppFeed.Entry> entries) {
        AgencyBranding stored = branding.branding(realm);
        AgencyBranding merged = new AgencyBranding(
                merge(entries, AppFeed.Entry::agencyColor, "agency_color", stored.backgroundColor()),
                merge(entries, AppFeed.Entry::agencyImage, "agency_image", stored.image()),
                merge(entries, AppFeed.Entry::defaultLocale, "default_locale", stored.defaultLocale()),
                merge(entries, AppFeed.Entry::learnMoreUrl, "web_report_learn_more_url", stored.learnMoreUrl()));
        Map<List<String>, Translation> translations = new LinkedHashMap<>();
        for (AppFeed.Entry entry : entries) {
            for (Translation translation : entry.translations()) {
                translations.put(List.of(translation.messageId(), translation.locale()), translation);
            }
        }
        return branding.replace(realm, merged, List.copyOf(translations.values()), Actor.system());
    }

    private static String merge(
            List<AppFeed.Entry> entries, Function<AppFeed.Entry, String> field, String name, String stored) {
        String value = null;
        boolean refused = false;
        for (AppFeed.Entry entry : entries) {
            if (field.apply(entry) != null) {
                value = field.apply(entry);
            }
            refused |= entry.invalid().contains(name);
        }
        return value == null && refused ? stored : value;
    }

    @Override
    public void close() {
        http.close();
    }
}
