package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.support.HostNamesIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On a realm's own host the web UI serves that realm only: no picker, and other realms' members get nothing. */
@HostNamesIntegrationTest
class RealmHostPagesIntegrationTests {

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

    TestRealm realm;
    TestRealm other;
    String host;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
        other = TestRealm.create(realms, apiKeys);
        String slug = "ui" + UUID.randomUUID().toString().substring(0, 8);
        realms.update(realm.id(), Map.of("slug", slug), Actor.cli());
        host = slug + "." + HostNamesIntegrationTest.SUFFIX;
    }

    @Test
    void aMemberOfSeveralRealmsWorksInTheHostsRealmWithoutChoosing() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        memberships.setPermissions(Memberships.Granter.system(), other.id(), worker.id(), Set.of(Permission.CODE_READ));
        UiClient browser = new UiClient(port).header("Host", host);
        UiClient.Page landing = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body())
                .contains("name=\"testType\"")
                .contains(realms.find(realm.id()).orElseThrow().name());
        assertThat(browser.post(
                                "/login/select-realm",
                                Map.of("realm", other.id().toString()))
                        .location())
                .endsWith("/login/select-realm");
        assertThat(browser.get("/codes/issue").status()).isEqualTo(200);
    }

    @Test
    void aMemberOfAnotherRealmGetsNothingOnThisRealmsHost() {
        User outsider = TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER);
        UiClient browser = new UiClient(port).header("Host", host);
        browser.signIn(outsider.email(), TestUsers.PASSWORD);
        assertThat(browser.get("/codes/issue").status()).isEqualTo(403);
        assertThat(browser.get("/realm/users").status()).isEqualTo(403);
    }

    @Test
    void theRealmsApiHostServesNoPages() {
        String apiHost = host.replaceFirst("\\.", "-api.");
        assertThat(new UiClient(port).header("Host", apiHost).get("/login").status())
                .isEqualTo(404);
        assertThat(new UiClient(port)
                        .header("Host", "unknown." + HostNamesIntegrationTest.SUFFIX)
                        .get("/login")
                        .status())
                .isEqualTo(404);
    }
}
