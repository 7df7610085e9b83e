package org.enverify.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A realm's audit trail through the management API: who reads it, its pages and filters, and its chain's check. */
@ManagementApiIntegrationTest
class AuditEventsApiIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    AuditEntries audit;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;
    /** The entries the realm starts with: its creation, its API keys and what its setup wrote. */
    private List<AuditEntry> starting;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        clock.freeze();
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
        this.starting =
                audit.page(realm.id(), AuditQuery.all(0, AuditQuery.MAX_SIZE)).entries();
    }

    /** The seqs of the starting entries that match, newest first. */
    private List<String> startingSeqs(Predicate<AuditEntry> matching) {
        return starting.stream()
                .filter(matching)
                .map(entry -> Long.toString(entry.seq()))
                .toList();
    }

    private ApiClient.Response get(String rest, String token) {
        return realm.call(api, "GET", rest, token, null, Map.of());
    }

    private static List<String> seqs(ApiClient.Response response) {
        List<String> seqs = new ArrayList<>();
        response.json().path("data").forEach(entry -> seqs.add(entry.path("seq").asString()));
        return seqs;
    }

    @Test
    void auditReadReadsTheTrailNewestFirstAndOtherScopesDoNot() {
        ApiClient.Response listed = get("/audit-events", realm.token("AuditRead"));

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("status").asString()).isEqualTo("success");
        assertThat(seqs(listed)).isEqualTo(startingSeqs(entry -> true)).endsWith("1");
        assertThat(listed.json().path("pagination").path("total_items").asLong())
                .isEqualTo(starting.size());
        JsonNode created = listed.json().path("data").path(starting.size() - 1);
        assertThat(created.path("action").asString()).isEqualTo("realm.create");
        assertThat(created.path("actor").asString()).isEqualTo("cli");
        assertThat(created.path("target").asString()).isEqualTo("realms:" + realm.id());
        assertThat(created.path("created_at").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(created.path("changes").isArray()).isTrue();
        assertThat(created.path("changes").path(0).has("field")).isTrue();

        assertError(get("/audit-events", realm.token("StatsRead", "UserWrite")), 403, "insufficient_scope", null);
        assertError(get("/audit-events/verification", realm.token("StatsRead")), 403, "insufficient_scope", null);
        assertThat(get("/audit-events/verification", realm.token("AuditRead")).status())
                .isEqualTo(200);
    }

    @Test
    void anotherRealmsTokenIsRefusedAndTheOperatorReadsAnyRealm() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);

        assertThat(api.request("GET", other.path("/audit-events"), bearer(realm.token("AuditRead")), null)
                        .status())
                .isEqualTo(401);
        ApiClient.Response operator = get("/audit-events", OAuthRealm.operatorToken(clock));
        assertThat(operator.status()).as(operator.body()).isEqualTo(200);
        assertThat(seqs(operator)).hasSize(starting.size());
    }

    @Test
    void oneHundredTwentyEntriesArePagedNewestFirstOrOldestFirst() {
        for (int i = starting.size(); i < 120; i++) {
            apiKeys.create(realm.id(), ApiKeyType.DEVICE, "key " + i, Actor.cli());
        }
        String token = realm.token("AuditRead");
        List<String> newestFirst = new ArrayList<>();

        for (int page = 1; page <= 3; page++) {
            ApiClient.Response listed = get("/audit-events?limit=50&page=" + page, token);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(120);
            assertThat(listed.json().path("pagination").path("current_page").asInt())
                    .isEqualTo(page);
            assertThat(listed.json().path("data").size()).isEqualTo(page < 3 ? 50 : 20);
            newestFirst.addAll(seqs(listed));
        }
        assertThat(newestFirst)
                .hasSize(120)
                .doesNotHaveDuplicates()
                .startsWith("120")
                .endsWith("1");
        assertThat(seqs(get("/audit-events?limit=3&sort=created_at", token))).containsExactly("1", "2", "3");
        assertThat(seqs(get("/audit-events?limit=50&page=4", token))).isEmpty();

        assertError(get("/audit-events?limit=201", token), 400, "unparsable_request", "limit");
        assertError(get("/audit-events?page=0", token), 400, "unparsable_request", "page");
        assertError(get("/audit-events?sort=seq", token), 400, "unparsable_request", "sort");
    }

    @Test
    void entriesAreFilteredByDayActorAndAction() {
        LocalDate first = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        clock.advance(Duration.ofDays(2));
        realms.update(realm.id(), Map.of("code_length", "7"), Actor.user(42));
        String later = Integer.toString(starting.size() + 1);
        String token = realm.token("AuditRead");

        assertThat(seqs(get("/audit-events?from=" + first.plusDays(1), token))).containsExactly(later);
        assertThat(seqs(get("/audit-events?from=" + first + "&to=" + first, token)))
                .isEqualTo(startingSeqs(entry -> true));
        assertThat(seqs(get("/audit-events?actor=users:42", token))).containsExactly(later);
        assertThat(seqs(get("/audit-events?action=apikey.create", token)))
                .hasSize(3)
                .isEqualTo(startingSeqs(entry -> entry.action().equals("apikey.create")));
        assertThat(seqs(get("/audit-events?action=apikey.create&actor=users:42", token)))
                .isEmpty();
        assertThat(seqs(get("/audit-events?action=realm.update&to=" + first, token)))
                .isEqualTo(startingSeqs(entry -> entry.action().equals("realm.update")))
                .doesNotContain(later);
        ApiClient.Response byAction = get("/audit-events?action=realm.update&actor=users:42", token);
        assertThat(byAction.json().path("pagination").path("total_items").asLong())
                .isEqualTo(1);
        assertThat(byAction.json()
                        .path("data")
                        .path(0)
                        .path("changes")
                        .path(0)
                        .path("field")
                        .asString())
                .isEqualTo("code_length");
    }

    @Test
    void badFilterValuesAreRefusedAboutTheirParameter() {
        String token = realm.token("AuditRead");

        assertError(get("/audit-events?from=2026-13-01", token), 400, "unparsable_request", "from");
        assertError(get("/audit-events?to=yesterday", token), 400, "unparsable_request", "to");
        assertError(get("/audit-events?from=2026-03-02&to=2026-03-01", token), 400, "unparsable_request", "from");
        assertError(get("/audit-events?actor=root", token), 400, "unparsable_request", "actor");
        assertError(get("/audit-events?action=apikey.explode", token), 400, "unparsable_request", "action");
        assertError(get("/audit-events/not-a-resource", token), 404, "not_found", null);
    }

    @Test
    void theVerificationNamesWhereATamperedChainBreaks() {
        String token = realm.token("AuditRead");
        ApiClient.Response intact = get("/audit-events/verification", token);
        assertThat(intact.status()).as(intact.body()).isEqualTo(200);
        assertThat(intact.json().path("data").path("intact").asBoolean()).isTrue();
        assertThat(intact.json().path("data").path("entries_verified").asLong()).isEqualTo(starting.size());
        assertThat(intact.json().path("data").has("first_break")).isFalse();

        String original = jdbc.sql("SELECT diff::text FROM audit_entries WHERE realm_id = ? AND seq = 2")
                .param(realm.id().value())
                .query(String.class)
                .single();
        asSuperuser(
                "UPDATE audit_entries SET diff = '{\"name\":{\"after\":\"forged\",\"before\":null}}'"
                        + " WHERE realm_id = ? AND seq = 2",
                realm.id().value());
        try {
            JsonNode broken = get("/audit-events/verification", token).json().path("data");
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("entries_verified").asLong()).isEqualTo(1);
            assertThat(broken.path("first_break").path("seq").asString()).isEqualTo("2");
            assertThat(broken.path("first_break").path("problem").asString()).isEqualTo("hash_mismatch");
            assertThat(broken.path("first_break").path("detail").asString())
                    .isEqualTo("its content was changed after it was written");
        } finally {
            asSuperuser(
                    "UPDATE audit_entries SET diff = ?::jsonb WHERE realm_id = ? AND seq = 2",
                    original,
                    realm.id().value());
        }
        assertThat(get("/audit-events/verification", token)
                        .json()
                        .path("data")
                        .path("intact")
                        .asBoolean())
                .isTrue();
    }

    /** As a database superuser would, past the triggers that keep the trail append-only. */
    private void asSuperuser(String sql, Object... params) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql(sql).params(params).update();
        });
    }
}
