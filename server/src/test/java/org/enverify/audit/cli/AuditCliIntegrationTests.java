package org.enverify.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.RealmId;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The CLI in a JVM of its own, as an operator runs it next to the running server. */
@EnverifyIntegrationTest
class AuditCliIntegrationTests {

    @Autowired
    EnverifySettings settings;

    @Autowired
    AuditEntries auditEntries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void cliChangesAreRecordedAsTheCliAndAuditVerifyNamesATamperedEntry() {
        EnverifyProcess.Result created = cli("realm", "create", "--name", "Audit Cli " + System.nanoTime());
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        RealmId realm = new RealmId(Long.parseLong(created.stdout().strip()));
        assertThat(auditEntries.page(realm, AuditQuery.all(0, 10)).entries())
                .extracting(AuditEntry::actor, AuditEntry::action)
                .containsExactly(tuple("cli", "realm.create"));

        String original = jdbc.sql("SELECT diff::text FROM audit_entries WHERE realm_id = ? AND seq = 1")
                .param(realm.value())
                .query(String.class)
                .single();
        asSuperuser(
                "UPDATE audit_entries SET diff = jsonb_set(diff, '{name,after}', '\"Someone Else\"') WHERE realm_id = ? AND seq = 1",
                realm.value());
        try {
            EnverifyProcess.Result broken = cli("audit", "verify");
            assertThat(broken.exitCode()).as(broken.stderr()).isEqualTo(1);
            assertThat(broken.stdout())
                    .contains(
                            "realm " + realm + ", entry 1: hash mismatch: its content was changed after it was written")
                    .contains("chains verified; 1 broken");
        } finally {
            asSuperuser(
                    "UPDATE audit_entries SET diff = ?::jsonb WHERE realm_id = ? AND seq = 1", original, realm.value());
        }

        EnverifyProcess.Result intact = cli("audit", "verify", "--realm", realm.toString());
        assertThat(intact.exitCode()).as(intact.stderr()).isZero();
        assertThat(intact.stdout().strip()).isEqualTo("1 entries in 1 chains verified");
    }

    @Test
    void mistypedAuditCommandsAreUsageErrors() {
        EnverifyProcess.Result typo = cli("audit", "verfy");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).contains("Unknown audit action 'verfy'", "audit verify [--realm ID|system]");
        assertThat(typo.stdout()).isEmpty();
        EnverifyProcess.Result badRealm = cli("audit", "verify", "--realm", "abc");
        assertThat(badRealm.exitCode()).isEqualTo(2);
        assertThat(badRealm.stderr()).contains("--realm must be a positive whole number, not 'abc'");
        assertThat(badRealm.stdout()).isEmpty();
    }

    private EnverifyProcess.Result cli(String... arguments) {
        return EnverifyProcess.run(
                Map.of("ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString()), arguments);
    }

    private void asSuperuser(String sql, Object... params) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql(sql).params(params).update();
        });
    }
}
