package org.enverify.realm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeRealmSettings;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiLanguages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * The settings page in Chromium, in every language the UI has: a section per feature, saved on its own with the
 * controls its declarations ask for, and a refused value shown next to its field in the page's language.
 */
@BrowserTest
@EnverifyIntegrationTest
class SettingsSectionsBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

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
    MessageSource messages;

    @Test
    void aSectionSavesOnlyItsOwnSettingsAndShowsARefusalNextToItsFieldInEveryLanguage() {
        browser.open(port);
        for (String language : UiLanguages.all()) {
            Locale locale = Locale.forLanguageTag(language);
            RealmId realm = TestRealm.create(realms, apiKeys, Map.of()).id();
            User admin = TestUsers.member(users, memberships, realm, Permission.REALM_ADMIN);
            browser.signIn(admin.email(), TestUsers.PASSWORD).go("/realm/settings?lang=" + language);
            String name = realms.find(realm).orElseThrow().name();

            assertThat(browser.find("#mfa_mode").getTagName())
                    .as("a mode is a choice")
                    .isEqualTo("select");
            assertThat(browser.find("#allowed_past_days").getAttribute("type")).isEqualTo("number");
            assertThat(browser.find("#allowed_past_days").getAttribute("max")).isEqualTo("60");
            assertThat(browser.findAll("#settings-codes input[type=checkbox][name=allowed_test_types]"))
                    .hasSize(TestType.values().length);

            browser.type("#name", "changed in another section")
                    .type("#allowed_past_days", "99")
                    .clickAndWait("#settings-codes button[type=submit]");
            assertThat(browser.text("#allowed_past_days-error"))
                    .as(language)
                    .isEqualTo(messages.getMessage("setting.error.range", new Object[] {"1", "60"}, locale));
            assertThat(browser.text("#settings-codes [role=alert]"))
                    .isEqualTo(messages.getMessage("settings.refused", null, locale));
            assertThat(browser.find("#allowed_past_days").getAttribute("value")).isEqualTo("99");
            browser.screenshot("refused-" + language);
            assertThat(codes(realm).allowedPastDays()).as("nothing saved").isEqualTo(28);

            browser.type("#allowed_past_days", "14")
                    .click("#allowed_test_types-negative")
                    .clickAndWait("#settings-codes button[type=submit]");
            assertThat(browser.text("#settings-codes [role=status]"))
                    .isEqualTo(messages.getMessage("form.saved", null, locale));
            assertThat(codes(realm).allowedPastDays()).isEqualTo(14);
            assertThat(codes(realm).allowedTestTypes()).isEqualTo(Set.of(TestType.CONFIRMED, TestType.LIKELY));
            assertThat(realms.find(realm).map(Realm::name))
                    .as("the general section was not saved")
                    .hasValue(name);
            browser.signOut();
        }
    }

    private CodeRealmSettings codes(RealmId realm) {
        return realms.find(realm).orElseThrow().settings(CodeRealmSettings.class);
    }
}
