package org.enverify.userreport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The user-report web view where production serves it, in a process that runs only the redirect role (so this
 * class starts its own application): a browser language nobody offers gets the agency's default locale there
 * too, not only where the UI role's language cookie is at hand.
 */
@EnverifyIntegrationTest
@TestPropertySource(properties = {"enverify.roles=redirect", "enverify.redirect-domain=en.example.org"})
class WebViewOnTheRedirectRoleIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmBranding branding;

    @Autowired
    TransactionOperations transactions;

    @Test
    void aLanguageNobodyOffersGetsTheAgencysDefaultLocale(ApiClient api) {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "region_code", "WR-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000),
                        "allowed_test_types", "confirmed,user-report",
                        "allow_user_report_web_view", "true"));
        transactions.executeWithoutResult(status ->
                branding.replace(realm.id(), new AgencyBranding(null, null, "es", null), List.of(), Actor.system()));

        ApiClient.Response page = api.onHost("en.example.org")
                .get(
                        "/report",
                        Map.of(
                                "X-API-Key",
                                realm.deviceKey(),
                                "X-Nonce",
                                nonce(),
                                "Accept-Language",
                                "sv-SE,sv;q=0.9"));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("html").attr("lang")).isEqualTo("es");
        assertThat(html.select("h1").text()).isEqualTo("Notificar un resultado positivo");
    }

    private static String nonce() {
        byte[] bytes = new byte[256];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
