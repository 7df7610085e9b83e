package org.enverify.stats.keyserver;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.net.HttpUrls;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Which realms have their key server statistics pulled, and the days pulled so far. */
@Service
public class KeyServerStats {

    private final JdbcClient jdbc;
    private final Realms realms;
    private final Clock clock;
    private final AuditLog audit;

    private final OutboundUrls urls;

    KeyServerStats(JdbcClient jdbc, Realms realms, Clock clock, AuditLog audit, OutboundUrls urls) {
        this.urls = urls;
        this.jdbc = jdbc;
        this.realms = realms;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Starts pulling the realm's statistics, or changes where from.
     *
     * @param url the realm's key server, or null or blank for {@code ENVERIFY_KEY_SERVER_URL}
     * @param audience {@code aud} of the pull token, or null or blank for {@code ENVERIFY_KEY_SERVER_STATS_AUDIENCE}
     * @throws IllegalArgumentException for a URL that is not http(s) or leads to a special-purpose address
     *     ({@link OutboundUrls}), or an audience over 150 characters
     */
    @Transactional
    public KeyServerStatsConfig enable(RealmId realm, String url, String audience, Actor actor) {
        realms.find(realm).orElseThrow(() -> new RealmNotFoundException(realm));
        String cleanUrl = url == null || url.isBlank() ? null : checkedUrl(url);
        String cleanAudience = audience == null || audience.isBlank() ? null : audience.trim();
        if (cleanAudience != null
                && (cleanAudience.length() > 150 || cleanAudience.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("the audience is at most 150 characters, without control characters");
        }
        Map<String, Object> before = fields(config(realm));
        jdbc.sql("""
                INSERT INTO key_server_stats (realm_id, url_override, audience_override, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (realm_id) DO UPDATE SET url_override = excluded.url_override,
                    audience_override = excluded.audience_override""")
                .params(realm.value(), cleanUrl, cleanAudience, Timestamp.from(clock.instant()))
                .update();
        KeyServerStatsConfig enabled = new KeyServerStatsConfig(realm, cleanUrl, cleanAudience);
        audit.record(realm, actor, "keyserver.enable", target(realm), before, fields(Optional.of(enabled)));
        return enabled;
    }

    private String checkedUrl(String url) {
        String checked = HttpUrls.check(url);
        try {
            urls.check(checked);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("the key server URL " + refused.getMessage());
        }
        return checked;
    }

    /** Stops pulling; the days pulled so far stay until cleanup ages them out. @return whether it was enabled */
    @Transactional
    public boolean disable(RealmId realm, Actor actor) {
        Map<String, Object> before = fields(config(realm));
        boolean disabled = jdbc.sql("DELETE FROM key_server_stats WHERE realm_id = ?")
                        .param(realm.value())
                        .update()
                > 0;
        if (disabled) {
            audit.record(realm, actor, "keyserver.disable", target(realm), before, fields(Optional.empty()));
        }
        return disabled;
    }

    private static String target(RealmId realm) {
        return "realms:" + realm + "/keyserver";
    }

    /** What the audit trail shows of a configuration: null overrides stand for the system defaults. */
    private static Map<String, Object> fields(Optional<KeyServerStatsConfig> config) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("enabled", config.isPresent());
        config.ifPresent(c -> {
            fields.put("url_override", c.urlOverride());
            fields.put("audience_override", c.audienceOverride());
        });
        return fields;
    }

    public Optional<KeyServerStatsConfig> config(RealmId realm) {
        return jdbc.sql("SELECT realm_id, url_override, audience_override FROM key_server_stats WHERE realm_id = ?")
                .param(realm.value())
                .query(KeyServerStats::config)
                .optional();
    }

    public List<KeyServerStatsConfig> configs() {
        return jdbc.sql("SELECT realm_id, url_override, audience_override FROM key_server_stats ORDER BY realm_id")
                .query(KeyServerStats::config)
                .list();
    }

    /** The realm's days from {@code from} to {@code to} inclusive, oldest first. */
    public List<KeyServerStatsDay> days(RealmId realm, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT day, publish_requests_unknown, publish_requests_android, publish_requests_ios,
                    total_teks_published, revision_requests, tek_age_distribution, onset_to_upload_distribution,
                    requests_missing_onset_date
                FROM key_server_stats_days WHERE realm_id = ? AND day BETWEEN ? AND ? ORDER BY day""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new KeyServerStatsDay(
                        rs.getObject(1, LocalDate.class),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        longs(rs.getArray(7)),
                        longs(rs.getArray(8)),
                        rs.getLong(9)))
                .list();
    }

    /** Stores the days as pulled, replacing what an earlier pull stored for the same days. */
    @Transactional(propagation = Propagation.MANDATORY)
    void save(RealmId realm, List<KeyServerStatsDay> days, Instant pulledAt) {
        for (KeyServerStatsDay day : days) {
            jdbc.sql("""
                    INSERT INTO key_server_stats_days (realm_id, day, publish_requests_unknown, publish_requests_android,
                        publish_requests_ios, total_teks_published, revision_requests, tek_age_distribution,
                        onset_to_upload_distribution, requests_missing_onset_date, pulled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (realm_id, day) DO UPDATE SET
                        publish_requests_unknown = excluded.publish_requests_unknown,
                        publish_requests_android = excluded.publish_requests_android,
                        publish_requests_ios = excluded.publish_requests_ios,
                        total_teks_published = excluded.total_teks_published,
                        revision_requests = excluded.revision_requests,
                        tek_age_distribution = excluded.tek_age_distribution,
                        onset_to_upload_distribution = excluded.onset_to_upload_distribution,
                        requests_missing_onset_date = excluded.requests_missing_onset_date,
                        pulled_at = excluded.pulled_at""")
                    .params(
                            realm.value(),
                            day.day(),
                            day.publishRequestsUnknown(),
                            day.publishRequestsAndroid(),
                            day.publishRequestsIos(),
                            day.totalTeksPublished(),
                            day.revisionRequests(),
                            day.tekAgeDistribution().toArray(Long[]::new),
                            day.onsetToUploadDistribution().toArray(Long[]::new),
                            day.requestsMissingOnsetDate(),
                            Timestamp.from(pulledAt))
                    .update();
        }
    }

    private static KeyServerStatsConfig config(ResultSet rs, int row) throws SQLException {
        return new KeyServerStatsConfig(new RealmId(rs.getLong(1)), rs.getString(2), rs.getString(3));
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.asList((Long[]) array.getArray());
    }
}
