package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention rows features declare, as the cleanup task runs them against the database. */
@EnverifyIntegrationTest
class RetentionIntegrationTests {

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void featureDaysGoOnceOlderThanTheirRetentionAndTheBoundaryDayStays(TestRealm realm) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Integer> keptDays =
                Map.of("realm_quota_days", 91, "sms_error_days", 91, "realm_notices", 91, "realm_chaff_events", 7);
        keptDays.forEach((table, days) -> {
            insertDay(table, realm, today.minusDays(days));
            insertDay(table, realm, today.minusDays(days + 1));
        });

        assertThat(Jobs.runNow(tasks, "cleanup"))
                .contains("old quota days", "old SMS error counts", "old realm notices", "old chaff events");

        keptDays.forEach((table, days) -> assertThat(jdbc.sql("SELECT day FROM " + table + " WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(LocalDate.class)
                        .list())
                .as(table)
                .containsExactly(today.minusDays(days)));
    }

    private void insertDay(String table, TestRealm realm, LocalDate day) {
        String sql = switch (table) {
            case "sms_error_days" ->
                "INSERT INTO sms_error_days (realm_id, day, error_code, quantity) VALUES (?, ?, '30007', 1)";
            case "realm_notices" ->
                "INSERT INTO realm_notices (realm_id, day, kind, sent_at) VALUES (?, ?, 'quota', now())";
            default -> "INSERT INTO " + table + " (realm_id, day) VALUES (?, ?)";
        };
        jdbc.sql(sql).params(realm.id().value(), day).update();
    }
}
