package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.realm.Permission;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pages link their scripts and styles by fingerprinted URLs, which browsers may keep for a year. */
@EnverifyIntegrationTest
class UiAssetsIntegrationTests {

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Test
    void everyScriptAndStyleOfAPageHasAFingerprintedUrlCachedForAYear(TestRealm realm, UiClient browser) {
        UiClient.Page page = browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        List<String> assets = page.html().select("link[rel=stylesheet], link[rel=icon], script[src]").stream()
                .map(element -> element.hasAttr("src") ? element.attr("src") : element.attr("href"))
                .toList();
        assertThat(assets)
                .hasSizeGreaterThanOrEqualTo(5)
                .allMatch(url -> url.matches("/(ui|webjars)/.+-[0-9a-f]{32}\\.(css|js|svg)"), "fingerprinted");
        for (String asset : assets) {
            UiClient.Page served = browser.get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(directives(served.header("Cache-Control")))
                    .as(asset)
                    .isEqualTo(Set.of("public", "max-age=31536000", "immutable"));
            assertThat(served.headers().firstValue("Pragma")).as(asset).isEmpty();
        }
    }

    @Test
    void aStatisticsPageLinksItsChartScriptsFingerprintedToo(TestRealm realm, UiClient browser) {
        browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        assertThat(browser.get("/realm/stats").html().select("script[src]").stream()
                        .map(Element::attributes)
                        .map(attributes -> attributes.get("src")))
                .anyMatch(src -> src.matches("/ui/stats-[0-9a-f]{32}\\.js"))
                .anyMatch(src -> src.matches("/webjars/chart\\.js/.+-[0-9a-f]{32}\\.js"));
    }

    private static Set<String> directives(String cacheControl) {
        return Arrays.stream(cacheControl.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
