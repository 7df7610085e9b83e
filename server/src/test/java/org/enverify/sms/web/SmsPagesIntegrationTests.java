package org.enverify.sms.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsSenders;
import org.enverify.sms.SmsSigningKeys;
import org.enverify.sms.SmsTemplates;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A realm admin's SMS page: sender, templates and signing keys, refused input, permissions, other realms. */
@MessagingIntegrationTest
class SmsPagesIntegrationTests {

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
    SmsTemplates templates;

    @Autowired
    SmsSigningKeys keys;

    @Autowired
    JdbcClient jdbc;

    TestRealm realm;
    UiClient admin;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
        admin = signedIn(realm.id(), Permission.REALM_ADMIN);
    }

    @Test
    void theRealmsTwilioAccountIsStoredWithoutShowingItsTokenAgain() {
        admin.get("/realm/sms");
        UiClient.Page badSid = admin.post("/realm/sms/sender", twilio("nope", "a-secret-token-1", "+15550100"));
        assertThat(badSid.status()).isEqualTo(422);
        assertThat(badSid.body()).contains("accountSid-error");
        UiClient.Page noToken = admin.post("/realm/sms/sender", twilio("AC1234", "", "+15550100"));
        assertThat(noToken.status()).isEqualTo(422);
        assertThat(noToken.body()).contains("authToken-error");
        UiClient.Page badFrom = admin.post("/realm/sms/sender", twilio("AC1234", "a-secret-token-1", "call me"));
        assertThat(badFrom.status()).isEqualTo(422);
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("default");
        assertThat(audits("sms.configure")).isZero();

        assertThat(admin.post("/realm/sms/sender", twilio("AC1234", "a-secret-token-1", "+15550100"))
                        .location())
                .contains("saved");
        UiClient.Page shown = admin.get("/realm/sms");
        assertThat(shown.body())
                .contains("AC1234", "+15550100", "A token is set")
                .doesNotContain("a-secret-token-1");

        assertThat(admin.post("/realm/sms/sender", twilio("AC1234", "", "MG0123"))
                        .location())
                .as("a blank token keeps the stored one")
                .contains("saved");
        SmsSenders.Configuration configuration = senders.configuration(realm.id());
        assertThat(configuration.kind()).isEqualTo("twilio");
        assertThat(configuration.authTokenSet()).isTrue();
        assertThat(configuration.from()).isEqualTo("MG0123");
        assertThat(audits("sms.configure")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND diff::text LIKE '%a-secret%'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();

        realms.update(realm.id(), Map.of("can_use_system_sms_config", "true"), Actor.system());
        admin.get("/realm/sms");
        assertThat(admin.post("/realm/sms/sender", Map.of("kind", "system", "systemFrom", "unknown"))
                        .status())
                .isEqualTo(422);
        admin.get("/realm/sms");
        assertThat(admin.post("/realm/sms/sender", Map.of("kind", "system", "systemFrom", "main"))
                        .location())
                .contains("saved");
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("system");
    }

    @Test
    void templatesAreCheckedByTheRulesAndAudited() {
        admin.get("/realm/sms");
        UiClient.Page refused =
                admin.post("/realm/sms/templates", Map.of("label", "Spanish", "text", "no code in here"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("text-error", "exactly one of");
        assertThat(templates.list(realms.find(realm.id()).orElseThrow())).hasSize(1);

        assertThat(admin.post("/realm/sms/templates", Map.of("label", "Spanish", "text", "Su código: [code]"))
                        .location())
                .contains("saved");
        assertThat(templates.list(realms.find(realm.id()).orElseThrow())).containsEntry("Spanish", "Su código: [code]");
        admin.get("/realm/sms");
        assertThat(admin.postConfirmed("/realm/sms/templates/remove", Map.of("label", "Spanish"))
                        .location())
                .contains("saved");
        assertThat(templates.list(realms.find(realm.id()).orElseThrow())).hasSize(1);
        assertThat(audits("sms.template.save")).isEqualTo(1);
        assertThat(audits("sms.template.remove")).isEqualTo(1);
    }

    @Test
    void theUserReportWebhookNeedsAUrlAndASecretAndKeepsTheSecretHidden() {
        admin.get("/realm/sms");
        UiClient.Page badUrl = admin.post(
                "/realm/sms/report-webhook",
                Map.of("url", "ftp://hooks.example.org", "secret", "a-long-enough-secret"));
        assertThat(badUrl.status()).isEqualTo(422);
        assertThat(badUrl.body()).contains("id=\"reportWebhookUrl-error\"");
        UiClient.Page shortSecret = admin.post(
                "/realm/sms/report-webhook", Map.of("url", "https://hooks.example.org/sms", "secret", "short"));
        assertThat(shortSecret.status()).isEqualTo(422);
        assertThat(shortSecret.body()).contains("id=\"reportWebhookSecret-error\"");
        assertThat(senders.configuration(realm.id()).reportWebhookUrl()).isNull();

        assertThat(admin.post(
                                "/realm/sms/report-webhook",
                                Map.of("url", "https://hooks.example.org/sms", "secret", "a-long-enough-secret"))
                        .location())
                .contains("saved");
        UiClient.Page page = admin.get("/realm/sms");
        assertThat(page.body()).contains("https://hooks.example.org/sms").doesNotContain("a-long-enough-secret");
        assertThat(senders.configuration(realm.id()).reportWebhookUrl()).isEqualTo("https://hooks.example.org/sms");

        assertThat(admin.post("/realm/sms/report-webhook", Map.of("url", "", "secret", ""))
                        .location())
                .contains("saved");
        assertThat(senders.configuration(realm.id()).reportWebhookUrl()).isNull();
        assertThat(audits("sms.configure")).isEqualTo(2);
    }

    @Test
    void signingKeysAreCreatedActivatedAndDisabledInTheirRealmOnly() {
        admin.get("/realm/sms");
        assertThat(admin.post("/realm/sms/keys", Map.of()).location()).contains("saved");
        long id = keys.list(realm.id()).getFirst().id();
        admin.get("/realm/sms");
        assertThat(admin.postConfirmed("/realm/sms/keys/" + id + "/activate", Map.of())
                        .location())
                .contains("saved");
        assertThat(keys.list(realm.id()).getFirst().active()).isTrue();

        TestRealm other = TestRealm.create(realms, apiKeys);
        UiClient stranger = signedIn(other.id(), Permission.REALM_ADMIN);
        stranger.get("/realm/sms");
        assertThat(stranger.postConfirmed("/realm/sms/keys/" + id + "/disable", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(keys.list(realm.id()).getFirst().disabled()).isFalse();

        admin.get("/realm/sms");
        assertThat(admin.postConfirmed("/realm/sms/keys/" + id + "/disable", Map.of())
                        .location())
                .contains("saved");
        assertThat(keys.list(realm.id()).getFirst().disabled()).isTrue();
        assertThat(audits("sms_key.create") + audits("sms_key.activate") + audits("sms_key.disable"))
                .isEqualTo(3);
    }

    @Test
    void readersSeeThePageButOnlyWritersChangeIt() {
        UiClient reader = signedIn(realm.id(), Set.of(Permission.SETTINGS_READ));
        UiClient.Page page = reader.get("/realm/sms");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("action=\"/realm/sms/keys\"");
        assertThat(reader.post("/realm/sms/keys", Map.of()).status()).isEqualTo(403);
        assertThat(keys.list(realm.id())).isEmpty();
        UiClient worker = signedIn(realm.id(), Permission.CASE_WORKER);
        assertThat(worker.get("/realm/sms").status()).isEqualTo(403);
    }

    private UiClient signedIn(RealmId realmId, Set<Permission> permissions) {
        UiClient client = new UiClient(port);
        client.signIn(TestUsers.member(users, memberships, realmId, permissions).email(), TestUsers.PASSWORD);
        return client;
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = ?")
                .params(realm.id().value(), action)
                .query(Long.class)
                .single();
    }

    private static Map<String, String> twilio(String sid, String token, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "twilio");
        form.put("accountSid", sid);
        form.put("authToken", token);
        form.put("from", from);
        form.put("userReportFrom", "");
        return form;
    }
}
