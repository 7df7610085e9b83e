package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.EnverifySettings;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An operator locked out of the web UI makes a system administrator with the CLI, next to the running server. */
@EnverifyIntegrationTest
class UserCommandsIntegrationTests {

    @Autowired
    EnverifySettings settings;

    @Autowired
    Users users;

    @Autowired
    AuditEntries audit;

    @Test
    void createAdminPrintsAOneTimePasswordThatMustBeChanged(UiClient browser) {
        String email = "cli-admin-" + UUID.randomUUID() + "@example.org";
        EnverifyProcess.Result created = EnverifyProcess.run(
                Map.of("ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString()),
                "user",
                "create-admin",
                "--email",
                email);
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String[] fields = created.stdout().strip().split("\t");
        assertThat(fields[0]).isEqualTo(email);
        assertThat(users.findByEmail(email).orElseThrow().systemAdmin()).isTrue();

        assertThat(browser.signIn(email, fields[1]).body()).contains("name=\"currentPassword\"");

        EnverifyProcess.Result refused = EnverifyProcess.run(
                Map.of("ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString()),
                "user",
                "create-admin",
                "--email",
                "not an email");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("email");

        EnverifyProcess.Result revoked = EnverifyProcess.run(
                Map.of("ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString()),
                "user",
                "revoke-sessions",
                "--email",
                email);
        assertThat(revoked.exitCode()).as(revoked.stderr()).isZero();
        String target = "users:" + users.findByEmail(email).orElseThrow().id();
        assertThat(audit.pageSystemWide(new AuditQuery(null, null, "cli", null, false, 0, AuditQuery.MAX_SIZE))
                        .entries())
                .filteredOn(entry -> entry.target().equals(target))
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder("user.system_admin", "user.revoke_sessions");
    }
}
