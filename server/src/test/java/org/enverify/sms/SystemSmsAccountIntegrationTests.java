package org.enverify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.ThirdParties;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The system Twilio account on the system administrator's page: the environment's account until the first change,
 * the stored one after it, its token never shown, logged or audited, bad input refused with nothing stored.
 */
@MessagingIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SystemSmsAccountIntegrationTests {

    private static final String TOKEN = "stored-token-0f9e8d7c6b5a";

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    SmsSenders senders;

    @Autowired
    JdbcClient jdbc;

    UiClient system;
    long auditsBefore;

    @BeforeEach
    void signIn() {
        system = signedIn(TestUsers.systemAdmin(users));
        auditsBefore = systemAudits();
    }

    /** The stored account is the installation's state: the next test starts from the environment's again. */
    @AfterEach
    void forgetTheStoredAccount() {
        jdbc.sql("DELETE FROM system_sms_senders").update();
        jdbc.sql("DELETE FROM system_sms_account").update();
        ThirdParties.server().resetAll();
    }

    @Test
    @Tag("security")
    void theStoredAccountReplacesTheEnvironmentsAndItsTokenIsNeverShown(ApiClient api, CapturedOutput output) {
        UiClient.Page initial = system.get("/admin/sms");
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.attribute("#accountSid", "value")).isEqualTo("ACsystem");
        assertThat(initial.text("#account-source")).contains("environment");
        assertThat(initial.text("main table")).contains("main", "+15550001111");
        assertThat(initial.body()).doesNotContain("system-token");

        assertThat(system.post("/admin/sms/account", Map.of("accountSid", "ACstored", "authToken", TOKEN))
                        .location())
                .endsWith("/admin/sms?saved");
        system.get("/admin/sms");
        assertThat(system.post("/admin/sms/senders", Map.of("label", "Main", "sender", "+15550003333"))
                        .location())
                .endsWith("/admin/sms?saved");
        UiClient.Page stored = system.get("/admin/sms");
        assertThat(stored.text("#account-source")).contains("Stored");
        assertThat(stored.attribute("#accountSid", "value")).isEqualTo("ACstored");
        assertThat(stored.text("#authToken-help")).contains("A token is set");
        assertThat(stored.text("main table")).contains("main", "+15550003333").doesNotContain("+15550001111");
        assertThat(stored.body()).doesNotContain(TOKEN);

        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false"));
        realms.update(realm.id(), Map.of("can_use_system_sms_config", "true"), Actor.system());
        senders.useSystem(realm.id(), "main", Actor.cli());
        TestSms.accepting("ACstored");
        ApiClient.Response issued =
                api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed", "phone", "+12065550100"));

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(TestSms.sent("ACstored"))
                .singleElement()
                .satisfies(form -> assertThat(form).containsEntry("From", "+15550003333"));
        assertThat(TestSms.sent("ACsystem")).isEmpty();
        assertThat(systemAudits() - auditsBefore).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE diff::text LIKE ?")
                        .param("%" + TOKEN + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void badInputIsRefusedOnItsFieldAndNothingIsStored() {
        system.get("/admin/sms");
        UiClient.Page badSid = system.post("/admin/sms/account", Map.of("accountSid", "SK123", "authToken", TOKEN));
        assertThat(badSid.status()).isEqualTo(422);
        assertThat(badSid.text("#accountSid-error")).contains("AC followed by letters and digits");
        assertThat(badSid.body()).doesNotContain(TOKEN);
        UiClient.Page longToken =
                system.post("/admin/sms/account", Map.of("accountSid", "ACnew", "authToken", "x".repeat(201)));
        assertThat(longToken.status()).isEqualTo(422);
        assertThat(longToken.has("#authToken-error")).isTrue();
        for (Map<String, String> refused : new Map[] {
            Map.of("label", "", "sender", "+15550004444"),
            Map.of("label", "no spaces", "sender", "+15550004444"),
            Map.of("label", "x".repeat(41), "sender", "+15550004444"),
            Map.of("label", "spare", "sender", "call me"),
            Map.of("label", "spare", "sender", "15550004444")
        }) {
            UiClient.Page page = system.post("/admin/sms/senders", refused);
            assertThat(page.status()).as(refused.toString()).isEqualTo(422);
            assertThat(page.has("#label-error") || page.has("#sender-error")).isTrue();
        }
        assertThat(system.postConfirmed("/admin/sms/senders/remove", Map.of("label", "unknown"))
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM system_sms_account")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(systemAudits()).isEqualTo(auditsBefore);
    }

    @Test
    void aSenderNumberARealmSendsFromIsNotRemoved() {
        system.get("/admin/sms");
        system.post("/admin/sms/senders", Map.of("label", "spare", "sender", "+15550005555"));
        TestRealm realm = TestRealm.create(realms, apiKeys);
        realms.update(realm.id(), Map.of("can_use_system_sms_config", "true"), Actor.system());
        senders.useSystem(realm.id(), "spare", Actor.cli());

        system.get("/admin/sms");
        UiClient.Page refused = system.postConfirmed("/admin/sms/senders/remove", Map.of("label", "spare"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("#senders-error")).contains("Realms sending from this number: 1");
        assertThat(senders.systemSenderLabels()).contains("spare");

        senders.useDefault(realm.id(), Actor.cli());
        assertThat(system.postConfirmed("/admin/sms/senders/remove", Map.of("label", "spare"))
                        .location())
                .endsWith("/admin/sms?saved");
        assertThat(senders.systemSenderLabels()).doesNotContain("spare").contains("main");
    }

    @Test
    void onlySystemAdministratorsReachThePage() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        UiClient admin = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
        assertThat(admin.get("/admin/sms").status()).isEqualTo(403);
        admin.get("/realm/sms");
        assertThat(admin.post("/admin/sms/account", Map.of("accountSid", "ACmine", "authToken", TOKEN))
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM system_sms_account")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long systemAudits() {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = 0 AND action = 'sms.system-account'")
                .query(Long.class)
                .single();
    }

    private UiClient signedIn(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return browser;
    }
}
