package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * The form fragments on a real page, the mobile apps form: a select and a textarea the server refuses are
 * marked invalid and described by their message, also when the refusal's key is not the field's name.
 */
@EnverifyIntegrationTest
class FormFieldsIntegrationTests {

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

    UiClient admin;

    @BeforeEach
    void setUp(UiClient admin) {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        this.admin = admin;
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        admin.get("/realm/mobile-apps");
    }

    @Test
    void aRefusedSelectIsMarkedInvalidAndDescribedByItsMessage() {
        UiClient.Page refused =
                admin.post("/realm/mobile-apps", Map.of("name", "App", "os", "windows", "appId", "gov.example.app"));

        assertThat(refused.status()).isEqualTo(422);
        Document page = refused.html();
        Element select = page.selectFirst("select#os[name=os]");
        assertThat(select).isNotNull();
        assertThat(select.classNames()).contains("form-select", "is-invalid");
        assertThat(select.attr("aria-describedby").split(" ")).containsExactly("os-error");
        assertThat(page.getElementById("os-error").text()).isEqualTo(message("apps.error.os"));
    }

    @Test
    void aRefusedTextareaIsDescribedByItsHelpAndTheMessageOfTheKeyItIsRefusedUnder() {
        UiClient.Page refused = admin.post(
                "/realm/mobile-apps",
                Map.of("name", "App", "os", "ios", "appId", "ABCDE12345.gov.example.app", "fingerprints", "AB:CD"));

        assertThat(refused.status()).isEqualTo(422);
        Document page = refused.html();
        Element textarea = page.selectFirst("textarea#fingerprints[name=fingerprints]");
        assertThat(textarea).isNotNull();
        assertThat(textarea.classNames()).contains("is-invalid");
        assertThat(textarea.text()).isEqualTo("AB:CD");
        assertThat(textarea.attr("aria-describedby").split(" ")).containsExactly("fingerprints-help", "sha256-error");
        assertThat(page.getElementById("fingerprints-help").text()).isEqualTo(message("apps.fingerprintsHelp"));
        assertThat(page.getElementById("sha256-error").text()).isEqualTo(message("apps.error.fingerprintsIos"));
        assertThat(page.selectFirst("select#os option[selected]").val()).isEqualTo("ios");
        assertThat(page.selectFirst("select#os").classNames()).doesNotContain("is-invalid");
    }

    private String message(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }
}
