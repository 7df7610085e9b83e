package org.enverify.abuse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.platform.Actor;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A realm's daily issuing quota: one token per issued code, counted per UTC day in PostgreSQL so
 * every replica sees one count. A token is taken in the transaction that stores the code, so a
 * code that is not stored costs nothing.
 */
@Component
public class RealmQuota {

    private static final List<Integer> THRESHOLDS = List.of(70, 90);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Events events;
    private final ApplicationEventPublisher publisher;

    RealmQuota(JdbcClient jdbc, Clock clock, AuditLog audit, Events events, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
        this.publisher = publisher;
    }

    /** Whether issuing a code in the realm takes a token of its daily quota: only under abuse prevention. */
    public boolean limits(Realm realm) {
        return realm.settings(AbuseRealmSettings.class).abusePreventionEnabled();
    }

    /**
     * Takes one token; false when today's quota (limit plus bursts) is spent. Always true without abuse prevention.
     * The token that reaches 70 or 90 percent of the quota records a {@code quota.threshold} event and publishes
     * {@link QuotaThresholdReached}, once per threshold, realm and day whatever the number of replicas.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean tryTake(Realm realm) {
        if (!limits(realm)) {
            return true;
        }
        LocalDate today = today();
        Optional<QuotaDay> taken = jdbc.sql("""
                        INSERT INTO realm_quota_days AS q (realm_id, day, used) VALUES (?, ?, 1)
                        ON CONFLICT (realm_id, day) DO UPDATE SET used = q.used + 1 WHERE q.used < ? + q.burst
                        RETURNING used, burst, notified_percent""")
                .params(
                        realm.id().value(),
                        today,
                        realm.settings(AbuseRealmSettings.class).dailyQuota())
                .query((rs, row) -> new QuotaDay(rs.getInt("used"), rs.getInt("burst"), rs.getInt("notified_percent")))
                .optional();
        taken.ifPresent(day -> noticeThreshold(
                realm,
                today,
                day.used(),
                realm.settings(AbuseRealmSettings.class).dailyQuota() + day.burst(),
                day.notifiedPercent()));
        return taken.isPresent();
    }

    /** The day's row after a token was taken: tokens used, bursts added, and the last threshold announced. */
    private record QuotaDay(int used, int burst, int notifiedPercent) {}

    /** The upsert above holds the day's row, so only one transaction at a time gets here for a realm. */
    private void noticeThreshold(Realm realm, LocalDate day, int used, int quota, int notified) {
        int percent = THRESHOLDS.stream()
                .filter(threshold -> threshold > notified && (long) used * 100 >= (long) threshold * quota)
                .max(Integer::compare)
                .orElse(0);
        if (percent == 0) {
            return;
        }
        jdbc.sql("UPDATE realm_quota_days SET notified_percent = ? WHERE realm_id = ? AND day = ?")
                .params(percent, realm.id().value(), day)
                .update();
        events.record(
                realm.id(),
                EventType.QUOTA_THRESHOLD,
                Map.of("percent", percent, "used", used, "quota", quota, "day", day.toString()));
        publisher.publishEvent(new QuotaThresholdReached(realm, day, percent, used, quota));
    }

    /** What is left of today's quota. */
    public int remaining(Realm realm) {
        var day = jdbc.sql("SELECT used, burst FROM realm_quota_days WHERE realm_id = ? AND day = ?")
                .params(realm.id().value(), today())
                .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional()
                .orElse(new int[] {0, 0});
        return Math.max(0, realm.settings(AbuseRealmSettings.class).dailyQuota() + day[1] - day[0]);
    }

    /** Adds a one-off allowance for today, for a realm facing a real surge. */
    @Transactional
    public void addBurst(RealmId realm, int amount, Actor actor) {
        if (amount < 1 || amount > 1_000_000) {
            throw new IllegalArgumentException("A burst is 1 to 1000000 codes");
        }
        LocalDate today = today();
        int burst = jdbc.sql("""
                        INSERT INTO realm_quota_days AS q (realm_id, day, burst) VALUES (?, ?, ?)
                        ON CONFLICT (realm_id, day) DO UPDATE SET burst = q.burst + excluded.burst
                        RETURNING burst""")
                .params(realm.value(), today, amount)
                .query(Integer.class)
                .single();
        audit.record(
                realm,
                actor,
                "quota.burst",
                "realms:" + realm + "/quota/" + today,
                Map.of("burst", burst - amount),
                Map.of("burst", burst));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
