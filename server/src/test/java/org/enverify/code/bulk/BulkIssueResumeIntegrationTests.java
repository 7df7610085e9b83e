package org.enverify.code.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.Issuer;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Without a worker in this process, the test plays the worker, and stops it mid-file like a crash. */
@EnverifyIntegrationTest
@TestPropertySource(properties = "enverify.roles=ui,device-api,admin-api")
class BulkIssueResumeIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    BulkIssues bulkIssues;

    @Autowired
    BulkIssueJob job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunStoppedMidFileResumesWithoutIssuingAnyRowTwice() {
        TestRealm test =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        Realm realm = realms.find(test.id()).orElseThrow();
        String file = "phone,testType\n" + "+12065550100,confirmed\n".repeat(50);
        var submitted = bulkIssues.submit(realm, Issuer.apiKey(1L), "resume.csv", file.getBytes());

        job.process(realm.id(), submitted.status().id(), 20);
        assertThat(bulkIssues
                        .status(realm.id(), submitted.status().id())
                        .orElseThrow()
                        .issued())
                .isEqualTo(20);
        // A run that died after issuing a row but before marking it leaves the row pending.
        jdbc.sql("UPDATE bulk_issue_rows SET status = 'pending' WHERE realm_id = ? AND line IN (5, 6)")
                .param(realm.id().value())
                .update();

        job.execute(new BulkIssueJob.Work(realm.id(), submitted.status().id()));

        BulkStatus status =
                bulkIssues.status(realm.id(), submitted.status().id()).orElseThrow();
        assertThat(status.status()).isEqualTo("done");
        assertThat(status.issued()).isEqualTo(50);
        assertThat(status.failed()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(50);
    }

    @Test
    void theQueuedWorkKeepsThePayloadShapeOfEarlierVersions() {
        TestRealm test =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        Realm realm = realms.find(test.id()).orElseThrow();
        var submitted = bulkIssues.submit(realm, Issuer.apiKey(1L), "shape.csv", "+12065550100\n".getBytes());

        byte[] stored = jdbc.sql(
                        "SELECT task_data FROM scheduled_tasks WHERE task_name = 'bulk-issue' AND task_instance = ?")
                .param(realm.id() + ":" + submitted.status().id())
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.UTF_8))
                .isEqualTo("{\"realm\":" + realm.id().value() + ",\"bulk\":\""
                        + submitted.status().id() + "\"}");
    }
}
