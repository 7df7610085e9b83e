package org.enverify.realm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The settings page in Spanish shows every setting's help and every refusal in Spanish: for each setting
 * a value it refuses is posted, and the message next to the field must differ from the English page's. In
 * English and in Arabic every field is described by its help.
 */
@EnverifyIntegrationTest
class SettingsPageLanguageIntegrationTests {

    private static final Locale SPANISH = Locale.of("es");

    private static final Locale ARABIC = Locale.of("ar");

    /** A value each setting refuses on its own; a setting added without one fails the test. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("name", "");
        REFUSED.put("region_code", "!!");
        REFUSED.put("slug", "Not_A_Slug");
        REFUSED.put("disabled", "maybe");
        REFUSED.put("maintenance_mode", "maybe");
        REFUSED.put("allowed_cidrs_admin_api", "10.0.0.0/99");
        REFUSED.put("allowed_cidrs_device_api", "example.org");
        REFUSED.put("allowed_cidrs_ui", "10.0.0/8");
        REFUSED.put("abuse_prevention_enabled", "maybe");
        REFUSED.put("abuse_prevention_limit", "0");
        REFUSED.put("abuse_prevention_limit_factor", "abc");
        REFUSED.put("mfa_mode", "sometimes");
        REFUSED.put("mfa_required_grace_period", "2d");
        REFUSED.put("email_verification", "sometimes");
        REFUSED.put("password_rotation_days", "400");
        REFUSED.put("password_rotation_warning_days", "31");
        REFUSED.put("email_invite_template", "Welcome without a link");
        REFUSED.put("email_verify_template", "Verify without a link");
        REFUSED.put("email_password_reset_template", "Reset \u0001 without a link");
        REFUSED.put("allowed_test_types", "positive");
        REFUSED.put("require_date", "maybe");
        REFUSED.put("allowed_past_days", "0");
        REFUSED.put("code_length", "99");
        REFUSED.put("code_duration", "forever");
        REFUSED.put("short_code_max_minutes", "ten");
        REFUSED.put("long_code_length", "1.5");
        REFUSED.put("long_code_duration", "25h");
        REFUSED.put("allow_bulk_upload", "maybe");
        REFUSED.put("allow_generated_sms", "maybe");
        REFUSED.put("allow_admin_user_report", "maybe");
        REFUSED.put("contact_email_addresses", "not-an-address");
        REFUSED.put("use_realm_certificate_key", "maybe");
        REFUSED.put("certificate_issuer", "x".repeat(151));
        REFUSED.put("certificate_audience", "a\tb");
        REFUSED.put("certificate_duration", "2h");
        REFUSED.put("auto_rotate_certificate_key", "maybe");
        REFUSED.put("sms_country", "XX");
        REFUSED.put("sms_text_template", "A text without a code");
        REFUSED.put("can_use_system_sms_config", "maybe");
        REFUSED.put("can_use_system_email_config", "maybe");
        REFUSED.put("use_authenticated_sms", "maybe");
        REFUSED.put("sms_fail_closed", "maybe");
        REFUSED.put("allow_user_report_web_view", "maybe");
        REFUSED.put("enable_en_express", "maybe");
        REFUSED.put("enx_code_expiration_configurable", "maybe");
        REFUSED.put("oauth_enabled", "maybe");
        REFUSED.put("oauth_issuer", "ftp://login.example.org/realms/county");
        REFUSED.put("oauth_jwks_uri", "keys.json");
        REFUSED.put("oauth_audience", "a".repeat(201));
    }

    /** Values each setting parses, refused by a rule between settings: the field where the message shows. */
    private static final List<Combination> REFUSED_TOGETHER = List.of(
            new Combination(Map.of("code_duration", "90m"), "code_duration"),
            new Combination(Map.of("allow_admin_user_report", "true"), "allow_admin_user_report"),
            new Combination(Map.of("allow_user_report_web_view", "true"), "allow_user_report_web_view"),
            new Combination(Map.of("use_realm_certificate_key", "true"), "certificate_issuer"),
            new Combination(Map.of("password_rotation_warning_days", "5"), "password_rotation_warning_days"),
            new Combination(Map.of("sms_text_template", "[code] [enslink]"), "sms_text_template"),
            new Combination(Map.of("enable_en_express", "true", "region_code", ""), "region_code"));

    private record Combination(Map<String, String> posted, String field) {}

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    RealmSettingsCatalog settings;

    @Autowired
    MessageSource messages;

    @Test
    void everySettingHasALabelAndHelpInEveryLanguageAndAValueItRefusesHere() {
        for (RealmSettingsCatalog.Section section : settings.sections()) {
            for (RealmSettingDeclaration<?, ?> setting : section.settings()) {
                for (Locale locale : List.of(Locale.ROOT, SPANISH)) {
                    messages.getMessage(setting.labelKey(), null, locale);
                    messages.getMessage(setting.helpKey(), null, locale);
                }
                assertThat(REFUSED).as("a refused value of %s", setting.name()).containsKey(setting.name());
            }
        }
    }

    /**
     * Under every field its help in the viewer's language, which each of its controls names in aria-describedby, so
     * a screen reader reads it with the field.
     */
    @Test
    void everyFieldIsDescribedByItsHelpInTheViewersLanguage() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        String page = "/admin/realms/" + realm.id();
        for (Locale language : List.of(Locale.ENGLISH, ARABIC)) {
            Document shown = signedIn(language.getLanguage()).get(page).html();
            for (RealmSettingsCatalog.Section section : settings.sections()) {
                for (RealmSettingDeclaration<?, ?> setting : section.settings()) {
                    String helpId = setting.name() + "-help";
                    Element help = shown.getElementById(helpId);
                    assertThat(help)
                            .as("help of %s in %s", setting.name(), language)
                            .isNotNull();
                    assertThat(help.text())
                            .as("help of %s in %s", setting.name(), language)
                            .isEqualTo(messages.getMessage(setting.helpKey(), null, language));
                    assertThat(shown.select("[name=" + setting.name() + "]:not([type=hidden])"))
                            .as("controls of %s in %s", setting.name(), language)
                            .isNotEmpty()
                            .allSatisfy(control -> assertThat(
                                            control.attr("aria-describedby").split(" "))
                                    .contains(helpId));
                }
            }
            if (language == Locale.ENGLISH) {
                assertThat(shown.getElementById("code_length-help").text())
                        .isEqualTo("How many digits the short code has, from 6 to 8. Longer codes are harder to guess"
                                + " but harder to read out and type; the default is 8. It stays at 8 while EN Express"
                                + " is on.");
            }
        }
    }

    @Test
    void theSpanishPageShowsEveryHelpAndEveryRefusalInSpanish() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        String page = "/admin/realms/" + realm.id();
        UiClient spanish = signedIn("es");
        UiClient english = signedIn("en");

        String shown = spanish.get(page).body();
        for (RealmSettingsCatalog.Section section : settings.sections()) {
            for (RealmSettingDeclaration<?, ?> setting : section.settings()) {
                String help = text(shown, setting.name() + "-help");
                assertThat(help)
                        .as("help of %s", setting.name())
                        .isEqualTo(messages.getMessage(setting.helpKey(), null, SPANISH))
                        .isNotEqualTo(messages.getMessage(setting.helpKey(), null, Locale.ROOT));
            }
        }

        english.get(page);
        REFUSED.forEach((name, value) -> assertRefusedInSpanish(spanish, english, page, Map.of(name, value), name));
        for (Combination combination : REFUSED_TOGETHER) {
            assertRefusedInSpanish(spanish, english, page, combination.posted(), combination.field());
        }
    }

    private void assertRefusedInSpanish(
            UiClient spanish, UiClient english, String page, Map<String, String> posted, String field) {
        UiClient.Page inSpanish = spanish.post(page, posted);
        UiClient.Page inEnglish = english.post(page, posted);
        assertThat(inSpanish.status()).as("%s", posted).isEqualTo(422);
        String spanishError = text(inSpanish.body(), field + "-error");
        String englishError = text(inEnglish.body(), field + "-error");
        assertThat(spanishError).as("%s", posted).isNotBlank().isNotEqualTo(englishError);
    }

    private static String text(String body, String id) {
        return HtmlUtils.htmlUnescape(new UiClient.Page(200, null, body, null)
                .find("id=\"" + id + "\"[^>]*>\\s*(.*?)\\s*</div>")
                .strip());
    }

    private UiClient signedIn(String language) {
        UiClient client = new UiClient(port).header("Accept-Language", language);
        client.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        return client;
    }
}
