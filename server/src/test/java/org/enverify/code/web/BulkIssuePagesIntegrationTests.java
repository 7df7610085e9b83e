package org.enverify.code.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bulk issuing in the browser: upload, progress until done, results, and a re-upload that issues nothing. */
@EnverifyIntegrationTest
class BulkIssuePagesIntegrationTests {

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

    TestRealm realm;
    UiClient browser;

    @BeforeEach
    void setUp(UiClient browser) {
        realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        this.browser = browser;
        browser.signIn(worker.email(), TestUsers.PASSWORD);
    }

    @Test
    void anUploadedFileIsIssuedByTheWorkerAndItsResultsDownload() {
        String csv = "phone,testType,symptomDate,testDate,externalIssuerID\n+12065550100,confirmed,,,\n"
                + "+12065550101,likely,,,\n+12065550102,bogus,,,\n";
        browser.get("/codes/bulk-issue");
        UiClient.Page uploaded =
                browser.postFile("/codes/bulk-issue", "file", "people.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).isEqualTo(302);
        String statusPath = uploaded.location().replaceFirst("^https?://[^/]+", "");
        assertThat(browser.get(statusPath).body()).contains("people.csv");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(browser.get(statusPath + "/progress").body())
                                .contains("results.csv")
                                .doesNotContain("hx-trigger"));
        String results = browser.get(statusPath + "/results.csv").body();
        assertThat(results.lines().filter(line -> line.contains(",issued,"))).hasSize(2);
        assertThat(results.lines().filter(line -> line.contains(",failed,"))).hasSize(1);
        assertThat(codesIssuedInRealm()).isEqualTo(2);

        UiClient.Page status = browser.get(statusPath);
        assertThat(status.text("#failed-lines tbody tr td:nth-child(1)")).isEqualTo("4");
        assertThat(status.text("#failed-lines tbody tr td:nth-child(2)")).isEqualTo("Choose one of the test types.");
        assertThat(status.text("#failed-lines tbody tr td:nth-child(3)"))
                .isEqualTo("Write confirmed, likely or negative in the testType column.");
        String retry = browser.get(status.attribute("#retry-file", "href")).body();
        assertThat(retry.lines().toList())
                .as("the failed line alone, in the template's format")
                .containsExactly("phone,testType,symptomDate,testDate,externalIssuerID", "'+12065550102,bogus,,,");
        browser.get("/codes/bulk-issue");
        UiClient.Page retried = browser.postFile(
                "/codes/bulk-issue",
                "file",
                "retry.csv",
                retry.replace("bogus", "confirmed").getBytes(StandardCharsets.UTF_8));
        assertThat(retried.status()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(codesIssuedInRealm()).isEqualTo(3));

        browser.get("/codes/bulk-issue");
        UiClient.Page again =
                browser.postFile("/codes/bulk-issue", "file", "people.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(again.location()).contains("?again");
        assertThat(codesIssuedInRealm()).isEqualTo(3);
    }

    @Test
    void theTemplatesSampleLineIsCompleteAndIssues() {
        String template = browser.get("/codes/bulk-issue/template.csv").body();
        List<String> lines = template.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).split(",", -1)).hasSize(5).allMatch(cell -> !cell.isBlank());
        browser.get("/codes/bulk-issue");
        assertThat(browser.postFile(
                                "/codes/bulk-issue", "file", "template.csv", template.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(302);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(codesIssuedInRealm()).isEqualTo(1));
    }

    @Test
    void filesThatAreNotCodeCsvsAreRefusedWithAMessage() {
        browser.get("/codes/bulk-issue");
        UiClient.Page refused = browser.postFile(
                "/codes/bulk-issue", "file", "photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("file-error");
        browser.get("/codes/bulk-issue");
        assertThat(browser.postFile("/codes/bulk-issue", "file", "empty.csv", new byte[0])
                        .status())
                .isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM bulk_issues WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void upstreamsHeaderlessFileIsIssued() {
        browser.get("/codes/bulk-issue");
        UiClient.Page uploaded = browser.postFile(
                "/codes/bulk-issue",
                "file",
                "upstream.csv",
                "+12065550100\n+12065550101,,,likely\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(codesIssuedInRealm()).isEqualTo(2));
    }

    @Test
    void linesThatCannotBeIssuedAreListedAndNothingIsStored() {
        browser.get("/codes/bulk-issue");
        UiClient.Page refused = browser.postFile(
                "/codes/bulk-issue",
                "file",
                "people.csv",
                "+12065550100\n,2026-11-20\nnot a phone\n".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#line-problems li").eachText())
                .containsExactly(
                        "Line 2: no phone number. A code issued in bulk reaches its person by SMS only.",
                        "Line 3: the phone number is not valid.");
        assertThat(refused.body()).contains("2 lines of the file cannot be issued");
        assertThat(codesIssuedInRealm()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM bulk_issue_rows WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theTemplateOffersASampleLineWithAPhone() {
        String template = browser.get("/codes/bulk-issue/template.csv").body();

        assertThat(template.lines().toList()).hasSize(2).last().asString().startsWith("+");
    }

    @Test
    void aRealmWithoutBulkIssuingRefusesUploads() {
        realms.update(realm.id(), Map.of("allow_bulk_upload", "false"), Actor.system());
        browser.get("/codes/bulk-issue");
        UiClient.Page refused = browser.postFile(
                "/codes/bulk-issue",
                "file",
                "people.csv",
                "phone,testType\n+12065550100,confirmed\n".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(codesIssuedInRealm()).isZero();
    }

    @Test
    void anotherRealmsUploadIsNotFound(UiClient stranger) {
        TestRealm other =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        stranger.signIn(
                TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        browser.get("/codes/bulk-issue");
        String statusPath = browser.postFile(
                        "/codes/bulk-issue",
                        "file",
                        "mine.csv",
                        "phone,testType\n+12065550100,confirmed\n".getBytes(StandardCharsets.UTF_8))
                .location()
                .replaceFirst("^https?://[^/]+", "");
        assertThat(stranger.get(statusPath).status()).isEqualTo(404);
        assertThat(stranger.get(statusPath + "/results.csv").status()).isEqualTo(404);
    }

    private long codesIssuedInRealm() {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }
}
