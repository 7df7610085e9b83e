package org.enverify.abuse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    RealmQuota(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Takes one token; false when today's quota (limit plus bursts) is spent. Always true without abuse prevention. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean tryTake(Realm realm) {
        if (!realm.abusePreventionEnabled()) {
            return true;
        }
        return jdbc.sql("""
                        INSERT INTO realm_quota_days AS q (realm_id, day, used) VALUES (?, ?, 1)
                        ON CONFLICT (realm_id, day) DO UPDATE SET used = q.used + 1 WHERE q.used < ? + q.burst
                        RETURNING used""")
                .params(realm.id().value(), today(), realm.dailyQuota())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** What is left of today's quota. */
    public int remaining(Realm realm) {
        var day = jdbc.sql("SELECT used, burst FROM realm_quota_days WHERE realm_id = ? AND day = ?")
                .params(realm.id().value(), today())
                .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional()
                .orElse(new int[] {0, 0});
        return Math.max(0, realm.dailyQuota() + day[1] - day[0]);
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
