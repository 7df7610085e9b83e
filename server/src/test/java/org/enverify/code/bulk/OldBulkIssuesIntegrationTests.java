package org.enverify.code.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.Issuer;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cleanup task forgets bulk issues, with their rows, once they are older than their retention. */
@EnverifyIntegrationTest
class OldBulkIssuesIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    BulkIssues bulkIssues;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void bulkIssuesOlderThanThirtyDaysGoWithTheirRowsAndYoungerOnesStay(ApiClient api) throws Exception {
        TestRealm test =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        Realm realm = realms.find(test.id()).orElseThrow();
        // the realm's own key: the codes it issues are counted under it
        Issuer issuer = Issuer.apiKey(apiKeys.authenticate(test.adminKey(), ApiKeyType.ADMIN)
                .orElseThrow()
                .keyId());
        UUID old = upload(realm, issuer, "+12065550100\n+12065550101\n");
        UUID young = upload(realm, issuer, "+12065550102\n+12065550103\n+12065550104\n");
        uploadedAgo(old, Duration.ofDays(30).plusMinutes(5));
        uploadedAgo(young, Duration.ofDays(30).minusMinutes(5));

        assertThat(Jobs.runNow(tasks, "cleanup")).contains("old bulk issues");

        assertThat(rows("bulk_issues", "id", old)).isZero();
        assertThat(rows("bulk_issue_rows", "bulk_id", old))
                .as("its rows go with it")
                .isZero();
        assertThat(api.get("/api/v1/bulk-issues/" + old, test.adminKey()).status())
                .isEqualTo(404);
        assertThat(rows("bulk_issues", "id", young)).isOne();
        assertThat(rows("bulk_issue_rows", "bulk_id", young)).isEqualTo(3);
        assertThat(api.get("/api/v1/bulk-issues/" + young, test.adminKey()).status())
                .isEqualTo(200);
    }

    private UUID upload(Realm realm, Issuer issuer, String file) {
        return bulkIssues
                .submit(realm, issuer, "people.csv", file.getBytes())
                .status()
                .id();
    }

    private void uploadedAgo(UUID bulk, Duration age) {
        jdbc.sql("UPDATE bulk_issues SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minus(age)), bulk)
                .update();
    }

    private long rows(String table, String column, UUID bulk) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")
                .param(bulk)
                .query(Long.class)
                .single();
    }
}
