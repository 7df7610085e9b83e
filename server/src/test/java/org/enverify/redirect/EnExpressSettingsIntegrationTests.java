package org.enverify.redirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsTemplateRules;
import org.enverify.sms.SmsTemplates;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * EN Express as realm settings: turning it on fixes the codes' shape and switches the SMS texts to
 * {@code [enslink]} as upstream does, the fixed settings stay fixed while it is on, and templates with the
 * link are taken only while it is on.
 */
@EnverifyIntegrationTest
class EnExpressSettingsIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmSettingsCatalog catalog;

    @Autowired
    SmsTemplates templates;

    @Autowired
    JdbcClient jdbc;

    private Realm realm(String... settings) {
        Map<String, String> all = new HashMap<>(
                Map.of("region_code", "X-" + UUID.randomUUID().toString().substring(0, 8)));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return realms.find(TestRealm.create(realms, apiKeys, all).id()).orElseThrow();
    }

    private Realm change(Realm realm, String... settings) {
        Map<String, String> changes = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            changes.put(settings[i], settings[i + 1]);
        }
        return realms.update(realm.id(), changes, Actor.cli());
    }

    private Map<String, String> described(Realm realm) {
        return catalog.describe(realms.find(realm.id()).orElseThrow());
    }

    /** The refused settings, each with the key of its message. */
    private static Map<String, String> refusedBy(Runnable change) {
        Map<String, String> refused = new HashMap<>();
        assertThatThrownBy(change::run).isInstanceOfSatisfying(RealmSettingsRefused.class, refusal -> {
            for (Refusal each : refusal.refusals()) {
                refused.put(each.field().orElseThrow(), each.messageKey().orElseThrow());
            }
        });
        return refused;
    }

    @Test
    void turningItOnSetsUpstreamsCodeShapeAndTheEnExpressTexts() {
        Realm realm = realm(
                "code_length", "6",
                "code_duration", "10m",
                "long_code_length", "12",
                "long_code_duration", "4h",
                "allowed_test_types", "confirmed,likely,user-report");
        templates.save(realm, "Spanish", "Su código: [longcode]", Actor.cli());
        templates.save(realm, SmsTemplateRules.USER_REPORT_LABEL, "Your code [code]", Actor.cli());

        change(realm, "enable_en_express", "true");

        Map<String, String> settings = described(realm);
        assertThat(settings)
                .containsEntry("enable_en_express", "true")
                .containsEntry("code_length", "8")
                .containsEntry("code_duration", "15m")
                .containsEntry("long_code_length", "16")
                .containsEntry("long_code_duration", "24h")
                .containsEntry("allowed_test_types", "confirmed,user-report")
                .containsEntry("sms_text_template", SmsTemplateRules.EN_EXPRESS_TEMPLATE);
        assertThat(templates.list(realms.find(realm.id()).orElseThrow()))
                .containsEntry("Spanish", SmsTemplateRules.EN_EXPRESS_TEMPLATE)
                .containsEntry(SmsTemplateRules.USER_REPORT_LABEL, SmsTemplateRules.EN_EXPRESS_USER_REPORT_TEMPLATE);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = 'sms.template.save'")
                        .param(realm.id().value())
                        .query(Integer.class)
                        .single())
                .as("the two saves and the two resets")
                .isEqualTo(4);
    }

    @Test
    void turningItOffSwitchesTheTextsBackAndKeepsTheCodes() {
        Realm realm = realm("enable_en_express", "true");
        templates.save(realm, "Short", "Open [enslink]", Actor.cli());

        change(realm, "enable_en_express", "false");

        assertThat(described(realm))
                .containsEntry("enable_en_express", "false")
                .containsEntry("sms_text_template", SmsTemplateRules.DEFAULT_TEMPLATE)
                .containsEntry("allowed_test_types", "confirmed");
        assertThat(templates.list(realms.find(realm.id()).orElseThrow()))
                .containsEntry("Short", SmsTemplateRules.DEFAULT_TEMPLATE);
    }

    @Test
    void aTextGivenWithTheSwitchIsKeptWhenItSuitsTheMode() {
        Realm realm = realm();
        change(realm, "enable_en_express", "true", "sms_text_template", "Tap [enslink] within [longexpires] hours");
        assertThat(described(realm)).containsEntry("sms_text_template", "Tap [enslink] within [longexpires] hours");
    }

    @Test
    void itNeedsARegionCode() {
        Realm realm = realms.find(TestRealm.create(realms, apiKeys).id()).orElseThrow();
        assertThat(refusedBy(() -> change(realm, "enable_en_express", "true")))
                .containsExactly(Map.entry("region_code", "setting.error.regionCodeNeededByEnExpress"));

        Realm enabled = realm("enable_en_express", "true");
        assertThat(refusedBy(() -> change(enabled, "region_code", "")))
                .containsExactly(Map.entry("region_code", "setting.error.regionCodeNeededByEnExpress"));
    }

    @Test
    void whileItIsOnTheCodeShapeAndTestTypesAreFixed() {
        Realm realm = realm("enable_en_express", "true");
        assertThat(refusedBy(() -> change(
                        realm,
                        "code_length",
                        "7",
                        "long_code_length",
                        "14",
                        "long_code_duration",
                        "12h",
                        "code_duration",
                        "20m")))
                .containsOnlyKeys("code_length", "long_code_length", "long_code_duration", "code_duration")
                .containsValue("setting.error.fixedByEnExpress");
        assertThat(refusedBy(() -> change(realm, "allowed_test_types", "confirmed,likely")))
                .containsExactly(Map.entry("allowed_test_types", "setting.error.enExpressTestTypes"));
        assertThat(change(realm, "allowed_test_types", "confirmed,user-report"))
                .as("user reports may be added back, as upstream allows")
                .isNotNull();
    }

    @Test
    void aSystemAdministratorMayLeaveTheShortCodeLifetimeToTheRealm() {
        Realm realm = realm("enable_en_express", "true");
        assertThatThrownBy(() -> realms.updateAsRealmAdmin(
                        realm.id(), Map.of("enx_code_expiration_configurable", "true"), Actor.cli()))
                .isInstanceOf(RealmSettingsRefused.class);

        change(realm, "enx_code_expiration_configurable", "true");
        realms.updateAsRealmAdmin(realm.id(), Map.of("code_duration", "30m"), Actor.cli());
        assertThat(described(realm)).containsEntry("code_duration", "30m");

        change(realm, "enx_code_expiration_configurable", "false");
        assertThat(described(realm)).as("fixed again").containsEntry("code_duration", "15m");
    }

    @Test
    void theLinkIsTakenInTemplatesOnlyWhileItIsOn() {
        Realm off = realm();
        assertThat(refusedBy(() -> change(off, "sms_text_template", "Open [enslink]")))
                .containsExactly(Map.entry("sms_text_template", "setting.error.smsTemplateEnsLink"));
        assertThatThrownBy(() -> templates.save(off, "Link", "Open [enslink]", Actor.cli()))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("[enslink] needs EN Express");

        Realm on = realm("enable_en_express", "true");
        assertThat(templates.save(on, "Link", "Open  [enslink]\n(phones only)", Actor.cli()))
                .isEqualTo("Open [enslink] (phones only)");
        change(on, "sms_text_template", "Open [enslink] now");
        assertThat(refusedBy(() -> change(on, "sms_text_template", "Your code is [code]")))
                .containsExactly(Map.entry("sms_text_template", "setting.error.smsTemplateNeedsEnsLink"));
        assertThat(refusedBy(() -> change(on, "sms_text_template", "[enslink] [longcode]")))
                .containsExactly(Map.entry("sms_text_template", "setting.error.smsTemplateCarriedByEnsLink"));
        assertThatThrownBy(() -> templates.save(on, "Code", "Your code is [code]", Actor.cli()))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("must contain [enslink]");
    }

    @Test
    void theExpandedLinkCountsAgainstTheSmsLength() {
        Realm on = realm("enable_en_express", "true");
        // without a redirect domain the link is ens://v?r=<region>&c=<long code of 16 characters>
        int link = ("ens://v?r=" + on.regionCode() + "&c=").length() + 16;
        String fits = "[enslink]".repeat(4) + "x".repeat(918 - 4 * link);
        assertThat(fits.length()).as("within the unexpanded limit").isLessThanOrEqualTo(800);
        change(on, "sms_text_template", fits);
        assertThat(refusedBy(() -> change(on, "sms_text_template", fits + "x")))
                .containsExactly(Map.entry("sms_text_template", "setting.error.smsTemplateExpanded"));
    }
}
