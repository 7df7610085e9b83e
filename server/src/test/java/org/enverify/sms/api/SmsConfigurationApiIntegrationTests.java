package org.enverify.sms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsSenders;
import org.enverify.sms.SmsTemplates;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The realm's SMS configuration through the management API: one document, secrets written and never read. */
@ManagementApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SmsConfigurationApiIntegrationTests {

    private static final String TOKEN = "twilio-auth-token-0123456789";
    private static final String SECRET = "webhook-secret-0123456789";
    private static final String OWN_ACCOUNT =
            "{\"kind\":\"twilio\",\"account_sid\":\"AC123\",\"auth_token\":\"" + TOKEN + "\",\"from\":\"+15550100\"}";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    SmsSenders senders;

    @Autowired
    SmsTemplates templates;

    @Autowired
    AuditEntries audit;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    private ApiClient.Response call(String method, String token, String body, Map<String, String> more) {
        return realm.call(api, method, "/sms", token, body, more);
    }

    private ApiClient.Response patch(String body) {
        return call("PATCH", realm.token("SettingsWrite"), body, Map.of());
    }

    private SmsSenders.Configuration configuration() {
        return senders.configuration(realm.id());
    }

    private Map<String, String> alternates() {
        Map<String, String> all =
                new LinkedHashMap<>(templates.list(realms.find(realm.id()).orElseThrow()));
        all.remove("Default SMS template");
        return all;
    }

    private List<AuditEntry> audits() {
        return audit.page(realm.id(), AuditQuery.all(0, 50)).entries();
    }

    @Test
    void readingTakesSettingsReadAndWritingSettingsWrite() {
        ApiClient.Response read = call("GET", realm.token("SettingsRead"), null, Map.of());

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.header("ETag")).startsWith("\"");
        JsonNode data = read.json().path("data");
        assertThat(data.path("kind").asString()).isEqualTo("default");
        assertThat(data.path("auth_token_set").asBoolean()).isFalse();
        assertThat(data.path("templates").isObject()).isTrue();
        assertError(
                call("GET", realm.token("MobileAppWrite", "APIKeyWrite"), null, Map.of()),
                403,
                "insufficient_scope",
                null);
        assertError(call("PATCH", realm.token("SettingsRead"), OWN_ACCOUNT, Map.of()), 403, "insufficient_scope", null);

        assertThat(configuration().kind()).isEqualTo("default");
    }

    @Test
    @Tag("security")
    void theRealmsOwnTwilioAccountIsSetAndItsTokenIsNeverShown(CapturedOutput output) {
        ApiClient.Response set =
                call("PATCH", realm.tokenOf("sms-iac", "SettingsWrite"), OWN_ACCOUNT, Map.of("X-Request-Id", "iac-42"));

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode data = set.json().path("data");
        assertThat(data.path("kind").asString()).isEqualTo("twilio");
        assertThat(data.path("account_sid").asString()).isEqualTo("AC123");
        assertThat(data.path("from").asString()).isEqualTo("+15550100");
        assertThat(data.path("auth_token_set").asBoolean()).isTrue();
        assertThat(data.has("auth_token")).isFalse();
        assertThat(set.body()).doesNotContain(TOKEN);
        AuditEntry entry = audits().getFirst();
        assertThat(entry.action()).isEqualTo("sms.configure");
        assertThat(entry.actor()).isEqualTo("oauth:sms-iac");
        assertThat(entry.requestId()).isEqualTo("iac-42");
        assertThat(entry.toString()).doesNotContain(TOKEN);

        ApiClient.Response changed = patch("{\"from\":\"+15550199\",\"user_report_from\":\"+15550101\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(configuration())
                .extracting(
                        SmsSenders.Configuration::kind,
                        SmsSenders.Configuration::accountSid,
                        SmsSenders.Configuration::from,
                        SmsSenders.Configuration::userReportFrom,
                        SmsSenders.Configuration::authTokenSet)
                .containsExactly("twilio", "AC123", "+15550199", "+15550101", true);

        ApiClient.Response read = call("GET", realm.token("SettingsRead"), null, Map.of());
        assertThat(read.body()).doesNotContain(TOKEN);
        assertThat(read.json().path("data").path("user_report_from").asString()).isEqualTo("+15550101");

        assertThat(patch("{\"kind\":\"default\"}")
                        .json()
                        .path("data")
                        .path("kind")
                        .asString())
                .isEqualTo("default");
        assertError(
                patch("{\"kind\":\"twilio\",\"account_sid\":\"AC123\",\"from\":\"+15550100\"}"),
                400,
                "unparsable_request",
                "auth_token");
        assertThat(configuration().kind()).isEqualTo("default");
        assertThat(output.getAll()).doesNotContain(TOKEN);
        assertThat(audits().toString()).doesNotContain(TOKEN);
    }

    @Test
    @Tag("security")
    void theWebhookAndTheTemplatesAreSetUnderThePagesRules(CapturedOutput output) {
        ApiClient.Response set = patch("{\"report_webhook_url\":\"https://hooks.example.org/sms\","
                + "\"report_webhook_secret\":\"" + SECRET + "\","
                + "\"templates\":{\"Spanish\":\"Su código: [code]. Vence en [expires] minutos.\"}}");

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode data = set.json().path("data");
        assertThat(data.path("report_webhook_url").asString()).isEqualTo("https://hooks.example.org/sms");
        assertThat(data.path("report_webhook_secret_set").asBoolean()).isTrue();
        assertThat(data.path("templates").path("Spanish").asString()).startsWith("Su código");
        assertThat(set.body()).doesNotContain(SECRET);
        assertThat(audits()).extracting(AuditEntry::action).contains("sms.configure", "sms.template.save");

        assertThat(patch("{\"templates\":{\"Spanish\":null,\"Short\":\"Code [longcode]\"}}")
                        .status())
                .isEqualTo(200);
        assertThat(alternates()).containsOnlyKeys("Short");
        assertThat(audits().getFirst().action()).isEqualTo("sms.template.save");
        assertThat(audits().get(1).action()).isEqualTo("sms.template.remove");

        assertError(patch("{\"templates\":{\"Bad\":\"no code at all\"}}"), 400, "unparsable_request", "templates");
        assertError(
                patch("{\"templates\":{\"Default SMS template\":\"[code]\"}}"), 400, "unparsable_request", "templates");
        assertError(
                patch("{\"report_webhook_url\":\"https://hooks.example.org/other\"}"),
                400,
                "unparsable_request",
                "report_webhook_secret");
        assertError(
                patch("{\"report_webhook_url\":\"ftp://hooks.example.org\",\"report_webhook_secret\":\"" + SECRET
                        + "\"}"),
                400,
                "unparsable_request",
                "report_webhook_url");
        assertThat(configuration().reportWebhookUrl()).isEqualTo("https://hooks.example.org/sms");
        assertThat(alternates()).containsOnlyKeys("Short");

        ApiClient.Response removed = patch("{\"report_webhook_url\":\"\"}");
        assertThat(removed.json().path("data").has("report_webhook_url")).isFalse();
        assertThat(removed.json().path("data").path("report_webhook_secret_set").asBoolean())
                .isFalse();
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void aChangeIsAllOrNothing() {
        assertError(
                patch(OWN_ACCOUNT.replace("}", ",\"templates\":{\"Bad\":\"no code at all\"}}")),
                400,
                "unparsable_request",
                "templates");

        assertThat(configuration().kind()).isEqualTo("default");
        assertThat(alternates()).isEmpty();
        assertThat(audits()).extracting(AuditEntry::action).doesNotContain("sms.configure");
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        String read = call("GET", realm.token("SettingsRead"), null, Map.of()).header("ETag");
        String token = realm.token("SettingsWrite");

        ApiClient.Response changed = call("PATCH", token, OWN_ACCOUNT, Map.of("If-Match", read));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String current = changed.header("ETag");
        assertThat(current).isNotEqualTo(read);

        assertError(
                call("PATCH", token, "{\"from\":\"+15550111\"}", Map.of("If-Match", read)),
                412,
                "precondition_failed",
                null);
        templates.save(realms.find(realm.id()).orElseThrow(), "Page", "Code [code]", Actor.cli());
        assertError(
                call("PATCH", token, "{\"from\":\"+15550111\"}", Map.of("If-Match", current)),
                412,
                "precondition_failed",
                null);
        assertThat(configuration().from()).isEqualTo("+15550100");

        String fresh = call("GET", realm.token("SettingsRead"), null, Map.of()).header("ETag");
        assertThat(call("PATCH", token, "{\"from\":\"+15550111\"}", Map.of("If-Match", "W/" + fresh))
                        .status())
                .isEqualTo(200);
        assertThat(call("PATCH", token, "{\"from\":\"+15550122\"}", Map.of("If-Match", "*"))
                        .status())
                .isEqualTo(200);
        assertThat(configuration().from()).isEqualTo("+15550122");
    }

    @Test
    void anotherRealmsTokenIsRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);

        ApiClient.Response refused = api.request(
                "PATCH",
                other.path("/sms"),
                Map.of(
                        "Authorization",
                        bearer(realm.token("SettingsWrite")).get("Authorization"),
                        "Content-Type",
                        "application/json"),
                OWN_ACCOUNT);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(api.request("GET", other.path("/sms"), bearer(realm.token("SettingsRead")), null)
                        .status())
                .isEqualTo(401);
        assertThat(senders.configuration(other.id()).kind()).isEqualTo("default");
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        assertError(patch("{\"auth_tokn\":\"" + TOKEN + "\"}"), 400, "unparsable_request", "auth_tokn");
        assertError(patch("{\"auth_token\":5}"), 400, "unparsable_request", "auth_token");
        assertError(patch("{\"templates\":[\"Code [code]\"]}"), 400, "unparsable_request", "templates");
        assertError(patch("{\"kind\":\"carrier-pigeon\"}"), 400, "unparsable_request", "kind");
        assertError(patch("{\"kind\":\"system\",\"from\":\"main\"}"), 400, "unparsable_request", "kind");
        assertError(patch("{\"kind\":\"default\",\"account_sid\":\"AC1\"}"), 400, "unparsable_request", "account_sid");
        assertError(patch("{\"auth_token_set\":true}"), 400, "unparsable_request", "auth_token_set");
        ApiClient.Response badSid = patch(OWN_ACCOUNT.replace("AC123", "SK123"));
        assertError(badSid, 400, "unparsable_request", "account_sid");
        assertThat(badSid.body()).doesNotContain(TOKEN);
        assertError(patch(OWN_ACCOUNT.replace("+15550100", "call me")), 400, "unparsable_request", "from");
        assertError(patch("{\"auth_token\":\"" + "t".repeat(1024 * 1024) + "\"}"), 413, "unparsable_request", null);
        assertError(call("PUT", realm.token("SettingsWrite"), OWN_ACCOUNT, Map.of()), 405, "unparsable_request", null);

        assertThat(configuration().kind()).isEqualTo("default");
        assertThat(configuration().authTokenSet()).isFalse();
        assertThat(audits()).extracting(AuditEntry::action).doesNotContain("sms.configure");
    }
}
