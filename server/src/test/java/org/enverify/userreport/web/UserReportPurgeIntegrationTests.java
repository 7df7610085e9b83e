package org.enverify.userreport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A realm admin forgets a phone's user report, so the person can report again; audited without the number. */
@EnverifyIntegrationTest
class UserReportPurgeIntegrationTests {

    private static final String REPORT = "{\"testType\":\"user-report\",\"phone\":\"+12065550177\"}";

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
    JdbcClient jdbc;

    @Test
    void aPurgedPhoneMayReportAgainAndItsCodeStopsWorking(ApiClient api) {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "allowed_test_types", "confirmed,user-report",
                        "allow_admin_user_report", "true"));
        String code = api.post("/api/issue", realm.adminKey(), REPORT)
                .json()
                .path("code")
                .asString();
        assertThat(api.post("/api/issue", realm.adminKey(), REPORT).errorCode()).isEqualTo("user_report_try_later");

        UiClient worker = signedIn(realm.id(), Permission.CASE_WORKER);
        assertThat(worker.get("/realm/user-reports").status()).isEqualTo(403);
        UiClient admin = signedIn(realm.id(), Permission.REALM_ADMIN);
        admin.get("/realm/user-reports");
        UiClient.Page invalid = admin.postConfirmed("/realm/user-reports/purge", Map.of("phone", "call me"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("phone-error");
        UiClient stranger = signedIn(TestRealm.create(realms, apiKeys).id(), Permission.REALM_ADMIN);
        stranger.get("/realm/user-reports");
        assertThat(stranger.postConfirmed("/realm/user-reports/purge", Map.of("phone", "(206) 555-0177"))
                        .location())
                .as("another realm has no report of this phone")
                .contains("none");
        assertThat(api.post("/api/issue", realm.adminKey(), REPORT).errorCode()).isEqualTo("user_report_try_later");

        admin.get("/realm/user-reports");
        assertThat(admin.postConfirmed("/realm/user-reports/purge", Map.of("phone", "(206) 555-0177"))
                        .location())
                .contains("purged");

        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                        .status())
                .as("the purged report's code")
                .isNotEqualTo(200);
        assertThat(api.post("/api/issue", realm.adminKey(), REPORT).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT diff::text || target FROM audit_entries WHERE realm_id = ? AND action = ?")
                        .params(realm.id().value(), "user_report.purge")
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(entry -> assertThat(entry).doesNotContain("+1206", "2065550177"));
    }

    private UiClient signedIn(RealmId realmId, Set<Permission> permissions) {
        UiClient client = new UiClient(port);
        client.signIn(TestUsers.member(users, memberships, realmId, permissions).email(), TestUsers.PASSWORD);
        return client;
    }
}
