package org.enverify.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/** The audit trail pages: a realm's entries for its auditors only, filtered by day and actor, in pages. */
@EnverifyIntegrationTest
class AuditEventsPageIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MutableClock clock;

    @Autowired
    MessageSource messages;

    TestRealm realm;
    User admin;
    UiClient adminUi;

    @BeforeEach
    void setUp(UiClient adminUi) {
        realm = TestRealm.create(realms, apiKeys);
        admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        this.adminUi = adminUi;
        adminUi.signIn(admin.email(), TestUsers.PASSWORD);
    }

    @Test
    void aChangeMadeInTheBrowserIsListedWithWhoMadeItAndTheChangedFields() {
        adminUi.get("/realm/apikeys");
        assertThat(adminUi.post("/realm/apikeys", Map.of("name", "Lab feed", "type", "ADMIN"))
                        .status())
                .isLessThan(400);

        UiClient.Page page = adminUi.get("/realm/events");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("apikey.create")
                .contains(admin.email())
                .contains("Lab feed");

        assertThat(adminUi.get("/realm/events?actor=" + admin.email()).body()).contains("apikey.create");
        assertThat(adminUi.get("/realm/events?actor=system").body()).doesNotContain("Lab feed");
        assertThat(adminUi.get("/realm/events?actor=apikeys:1" + realm.id().value() + "999")
                        .body())
                .contains("No entries match");
    }

    @Test
    void actionsAndPermissionsAreNamedInTheViewersLanguageAndTimesCarryTheirUtcInstant(UiClient spanish) {
        User member =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_ISSUE, Permission.CODE_READ));
        spanish.header("Accept-Language", "es").signIn(admin.email(), TestUsers.PASSWORD);
        Locale es = Locale.of("es");

        Element entry = spanish.get("/realm/events").html().select("tbody tr").stream()
                .filter(row -> row.select("td").get(2).attr("title").equals("membership.create"))
                .filter(row -> row.select("td").get(3).text().equals("users:" + member.id()))
                .findFirst()
                .orElseThrow();
        assertThat(entry.select("td").get(2).text())
                .isEqualTo(messages.getMessage("audit.action.membership.create", null, es));
        assertThat(entry.select("dt").text()).isEqualTo(messages.getMessage("audit.field.permissions", null, es));
        assertThat(entry.select("ins").text())
                .isEqualTo(Stream.of(Permission.CODE_ISSUE, Permission.CODE_READ)
                        .map(permission -> messages.getMessage(permission.messageKey(), null, es))
                        .collect(Collectors.joining(", ")));
        Element time = entry.selectFirst("time[data-local-time]");
        Instant at = Instant.parse(time.attr("datetime"));
        assertThat(at).isEqualTo(at.truncatedTo(ChronoUnit.SECONDS));
        assertThat(time.attr("title"))
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(at));
    }

    @Test
    void theFilterIsKeptWhenPaging() {
        for (int i = 0; i < AuditEventsController.PAGE_SIZE + 1; i++) {
            realms.update(realm.id(), Map.of("name", "Kept filter " + realm.id() + " " + i), Actor.cli());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        UiClient.Page first = adminUi.get("/realm/events?actor=cli&from=" + today + "&to=" + today);
        String next = first.attribute("main nav a", "href");
        assertThat(next)
                .contains("actor=cli")
                .contains("from=" + today)
                .contains("to=" + today)
                .contains("page=1");
        assertThat(adminUi.get(next).html().select("tbody tr td:eq(1)"))
                .isNotEmpty()
                .allSatisfy(who -> assertThat(who.text()).isEqualTo("cli"));
    }

    @Test
    void daysBoundTheEntriesShown() {
        realms.update(realm.id(), Map.of("name", "Renamed on day one"), Actor.user(admin.id()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        assertThat(adminUi.get("/realm/events?from=" + today + "&to=" + today).body())
                .contains("<ins>Renamed on day one</ins>");
        assertThat(adminUi.get("/realm/events?from=" + today.plusDays(1)).body())
                .doesNotContain("<ins>Renamed on day one</ins>");
        assertThat(adminUi.get("/realm/events?to=" + today.minusDays(1)).body())
                .doesNotContain("<ins>Renamed on day one</ins>");
    }

    @Test
    void aLongTrailIsPaged() {
        for (int i = 0; i < AuditEventsController.PAGE_SIZE + 5; i++) {
            realms.update(realm.id(), Map.of("name", "Name " + i), Actor.cli());
        }
        UiClient.Page first = adminUi.get("/realm/events?actor=cli");
        assertThat(first.body())
                .contains("<ins>Name 54</ins>")
                .doesNotContain("<ins>Name 3</ins>")
                .contains("page=1");
        UiClient.Page second = adminUi.get("/realm/events?actor=cli&page=1");
        assertThat(second.body())
                .contains("<ins>Name 3</ins>")
                .doesNotContain("<ins>Name 54</ins>")
                .contains("page=0");
    }

    @Test
    void refusedFiltersReRenderWithFieldMessages() {
        UiClient.Page badDay = adminUi.get("/realm/events?from=yesterday");
        assertThat(badDay.status()).isEqualTo(422);
        assertThat(badDay.body()).contains("id=\"from-error\"");

        UiClient.Page reversed = adminUi.get("/realm/events?from=2026-05-02&to=2026-05-01");
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.body()).contains("id=\"to-error\"");

        UiClient.Page unknown = adminUi.get("/realm/events?actor=nobody@example.org");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("id=\"actor-error\"");

        UiClient.Page hostile = adminUi.get("/realm/events?actor=%3Cscript%3E'%20OR%201=1--");
        assertThat(hostile.status()).isEqualTo(422);
        assertThat(hostile.body()).doesNotContain("<script>'");
    }

    @Test
    void onlyAuditorsOfTheRealmSeeItsEntries(UiClient caseWorker, UiClient otherAdmin) {
        realms.update(realm.id(), Map.of("name", "Secret rename"), Actor.user(admin.id()));

        caseWorker.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        assertThat(caseWorker.get("/realm/events").status()).isEqualTo(403);

        TestRealm other = TestRealm.create(realms, apiKeys);
        apiKeys.create(other.id(), ApiKeyType.ADMIN, "Other realm key", Actor.cli());
        otherAdmin.signIn(
                TestUsers.member(users, memberships, other.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        assertThat(otherAdmin.get("/realm/events").body())
                .contains("Other realm key")
                .doesNotContain("<ins>Secret rename</ins>");
        assertThat(adminUi.get("/realm/events").body()).doesNotContain("Other realm key");
        assertThat(adminUi.get("/admin/events").status()).isEqualTo(403);
    }

    @Test
    void systemAdministratorsSeeTheSystemWideTrail(UiClient system) {
        system.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        UiClient.Page page = system.get("/admin/events");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("System audit events");
    }
}
