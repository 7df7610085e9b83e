package org.enverify.management.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The management API's GraphQL endpoint with tokens of a real JWKS: who reads what, and what it refuses. */
@ManagementApiIntegrationTest
@Tag("security")
class GraphQlIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/api/v1/graphql";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    private OAuthRealm realm;
    private ApiClient api;
    private MutableClock clock;

    @BeforeEach
    void realmTrustingItsProvider(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    private ApiClient.Response query(String token, String query) {
        return query(token, query, Map.of());
    }

    private ApiClient.Response query(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return post(token, JSON.writeValueAsString(body));
    }

    private ApiClient.Response post(String token, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return api.request("POST", PATH, headers, body);
    }

    private static String errorCode(ApiClient.Response response) {
        return response.json()
                .path("errors")
                .path(0)
                .path("extensions")
                .path("code")
                .asString();
    }

    private static void assertNoData(ApiClient.Response response) {
        JsonNode data = response.json().path("data");
        assertThat(data.isMissingNode() || data.isNull()).as(response.body()).isTrue();
    }

    private String realmStats(String fields) {
        return "query($id: ID!) { realm(id: $id) { id realmStats(limit: 91) { items { " + fields
                + " } pagination { currentPage perPage totalItems } } } }";
    }

    private Map<String, Object> ofRealm() {
        return Map.of("id", realm.id().toString());
    }

    @Nested
    class Permissions {

        @Test
        void statsReadReadsTheRealmsDaysNewestFirst() {
            ApiClient.Response response = query(realm.token("StatsRead"), realmStats("day codesIssued"), ofRealm());

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("errors").isMissingNode())
                    .as(response.body())
                    .isTrue();
            JsonNode stats = response.json().path("data").path("realm").path("realmStats");
            assertThat(stats.path("items")).hasSize(91);
            assertThat(stats.path("items").path(0).path("day").asString())
                    .isEqualTo(clock.instant().toString().substring(0, 10));
            assertThat(stats.path("pagination").path("totalItems").asInt()).isEqualTo(91);
            assertThat(stats.path("pagination").path("perPage").asInt()).isEqualTo(91);
        }

        @Test
        void withoutStatsReadTheStatisticsAreForbiddenAndNothingIsShown() {
            ApiClient.Response response =
                    query(realm.token("AuditRead", "CodeRead"), realmStats("day codesIssued"), ofRealm());

            assertThat(response.status()).isEqualTo(200);
            assertThat(errorCode(response)).as(response.body()).isEqualTo("FORBIDDEN");
            assertThat(response.json().path("errors").path(0).path("message").asString())
                    .contains("enverify:StatsRead");
            assertNoData(response);
        }

        @Test
        void perUserStatisticsAlsoNeedUserRead() {
            String perUser = "query($id: ID!) { realm(id: $id) { perUserStats { items { day codesIssued } } } }";

            assertThat(errorCode(query(realm.token("StatsRead"), perUser, ofRealm())))
                    .isEqualTo("FORBIDDEN");
            ApiClient.Response allowed = query(realm.token("StatsRead", "UserRead"), perUser, ofRealm());
            assertThat(allowed.json().path("errors").isMissingNode())
                    .as(allowed.body())
                    .isTrue();
            assertThat(allowed.json()
                            .path("data")
                            .path("realm")
                            .path("perUserStats")
                            .path("items")
                            .isArray())
                    .isTrue();
        }

        @Test
        void auditReadReadsTheAuditTrailAndNothingElseDoes() {
            String audit = "query($id: ID!) { realm(id: $id) { auditEvents(limit: 5) { items { seq createdAt actor"
                    + " action target changes { field before after } } pagination { totalItems } } } }";

            ApiClient.Response allowed = query(realm.token("AuditRead"), audit, ofRealm());
            assertThat(allowed.json().path("errors").isMissingNode())
                    .as(allowed.body())
                    .isTrue();
            JsonNode events = allowed.json().path("data").path("realm").path("auditEvents");
            // the realm's creation with its settings wrote entries
            assertThat(events.path("pagination").path("totalItems").asInt()).isPositive();
            assertThat(events.path("items").path(0).path("createdAt").asString())
                    .endsWith("Z");

            ApiClient.Response refused = query(realm.token("StatsRead"), audit, ofRealm());
            assertThat(errorCode(refused)).isEqualTo("FORBIDDEN");
            assertNoData(refused);
        }

        @Test
        void codeReadAsksForACodesStatus() {
            String code =
                    "query($id: ID!, $uuid: ID!) { realm(id: $id) { code(uuid: $uuid) { uuid claimed expiresAt } } }";
            Map<String, Object> variables = Map.of(
                    "id", realm.id().toString(), "uuid", UUID.randomUUID().toString());

            ApiClient.Response unknown = query(realm.token("CodeRead"), code, variables);
            assertThat(errorCode(unknown)).as(unknown.body()).isEqualTo("NOT_FOUND");
            assertThat(errorCode(query(realm.token("StatsRead"), code, variables)))
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Nested
    class RealmScope {

        @Test
        void aTokenOfRealmANeverReadsRealmB() {
            OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);

            ApiClient.Response response = query(
                    realm.token("StatsRead"),
                    realmStats("day codesIssued"),
                    Map.of("id", other.id().toString()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(errorCode(response)).as(response.body()).isEqualTo("NOT_FOUND");
            assertNoData(response);
        }

        @Test
        void anIdThatIsNotAnIdIsNotFound() {
            assertThat(errorCode(query(realm.token("StatsRead"), realmStats("day"), Map.of("id", "12abc"))))
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void theOperatorsSystemTokenReadsAnyRealm() {
            ApiClient.Response response = query(OAuthRealm.operatorToken(clock), realmStats("day"), ofRealm());

            assertThat(response.json().path("errors").isMissingNode())
                    .as(response.body())
                    .isTrue();
            assertThat(response.json().path("data").path("realm").path("id").asString())
                    .isEqualTo(realm.id().toString());
        }

        @Test
        void anOperatorsTokenWithoutTheSystemScopeReadsNothing() {
            String token = TestIdentityProvider.get()
                    .tenant(TestIdentityProvider.OPERATOR)
                    .token(clock.instant(), TestIdentityProvider.OPERATOR_AUDIENCE, "ops-robot", "enverify:StatsRead");

            assertThat(errorCode(query(token, realmStats("day"), ofRealm()))).isEqualTo("NOT_FOUND");
        }
    }

    @Nested
    class Authentication {

        @Test
        void withoutATokenTheRequestIsRefusedBeforeAnyQuery() {
            ApiClient.Response response = query(null, realmStats("day"), ofRealm());

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(response.json().path("error").path("code").asString()).isEqualTo("unauthorized");
        }

        @Test
        void aTokenNoRealmTrustsIsRefused() {
            String stranger = TestIdentityProvider.get()
                    .newTenant()
                    .token(clock.instant(), OAuthRealm.AUDIENCE, "mallory", "enverify:StatsRead");
            String wrongAudience =
                    realm.provider().token(clock.instant(), "another-audience", "alice", "enverify:StatsRead");

            assertThat(query(stranger, realmStats("day"), ofRealm()).status()).isEqualTo(401);
            assertThat(query(wrongAudience, realmStats("day"), ofRealm()).status())
                    .isEqualTo(401);
            assertThat(query("not-a-jwt", realmStats("day"), ofRealm()).status())
                    .isEqualTo(401);
            assertThat(query(
                                    realm.provider()
                                            .hmacToken(
                                                    clock.instant(),
                                                    claims -> claims.audience(OAuthRealm.AUDIENCE)
                                                            .subject("alice")
                                                            .claim("scope", "enverify:StatsRead")),
                                    realmStats("day"),
                                    ofRealm())
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void introspectionIsServedToAuthenticatedCallers() {
            ApiClient.Response response = query(realm.token(), "{ __schema { queryType { name } } }");

            assertThat(response.json()
                            .path("data")
                            .path("__schema")
                            .path("queryType")
                            .path("name")
                            .asString())
                    .as(response.body())
                    .isEqualTo("Query");
        }
    }

    @Nested
    class Limits {

        @Test
        void anOverDeepQueryIsRefusedBeforeItRuns() {
            String ofType = "ofType { ".repeat(14) + "name" + " }".repeat(14);
            ApiClient.Response response =
                    query(realm.token("StatsRead"), "{ __schema { types { fields { type { " + ofType + " } } } } }");

            assertThat(errorCode(response)).as(response.body()).isEqualTo("QUERY_TOO_DEEP");
            assertNoData(response);
        }

        @Test
        void anOverCostlyQueryIsRefusedBeforeItRuns() {
            // each page costs 200 × (1 + 10): four fit in the limit, five do not
            String page = "realmStats(limit: 200) { items { day codesIssued codesClaimed codesInvalid tokensClaimed"
                    + " codesInvalidByOs { ios android unknown } } }";
            ApiClient.Response response = query(
                    realm.token("StatsRead"),
                    "query($id: ID!) { realm(id: $id) { a: " + page + " b: " + page + " c: " + page + " d: " + page
                            + " e: " + page + " } }",
                    ofRealm());

            assertThat(errorCode(response)).as(response.body()).isEqualTo("QUERY_TOO_COSTLY");
            assertNoData(response);
        }

        @Test
        void aQueryTextSeenBeforeIsJudgedAgainWithEachRequestsVariables() {
            String page = "realmStats(limit: $limit) { items { day codesIssued codesClaimed codesInvalid tokensClaimed"
                    + " codesInvalidByOs { ios android unknown } } }";
            String text = "query($id: ID!, $limit: Int!) { realm(id: $id) { a: " + page + " b: " + page + " c: " + page
                    + " d: " + page + " e: " + page + " } }";
            String token = realm.token("StatsRead");

            ApiClient.Response small =
                    query(token, text, Map.of("id", realm.id().toString(), "limit", 10));
            ApiClient.Response large =
                    query(token, text, Map.of("id", realm.id().toString(), "limit", 200));
            ApiClient.Response smallAgain =
                    query(token, text, Map.of("id", realm.id().toString(), "limit", 10));

            assertThat(small.json().path("errors").isMissingNode())
                    .as(small.body())
                    .isTrue();
            assertThat(small.json()
                            .path("data")
                            .path("realm")
                            .path("e")
                            .path("items")
                            .isArray())
                    .as(small.body())
                    .isTrue();
            assertThat(errorCode(large)).as(large.body()).isEqualTo("QUERY_TOO_COSTLY");
            assertNoData(large);
            assertThat(smallAgain.body()).isEqualTo(small.body());
        }

        @Test
        void anOverDeepQueryIsRefusedEachTimeItIsSent() {
            String ofType = "ofType { ".repeat(14) + "name" + " }".repeat(14);
            String deep = "{ __schema { types { fields { type { " + ofType + " } } } } }";

            for (int attempt = 0; attempt < 2; attempt++) {
                ApiClient.Response response = query(realm.token("StatsRead"), deep);

                assertThat(errorCode(response)).as(response.body()).isEqualTo("QUERY_TOO_DEEP");
                assertNoData(response);
            }
        }

        @Test
        void aLimitOutsideOneTo200IsRefused() {
            ApiClient.Response response = query(
                    realm.token("StatsRead"),
                    "query($id: ID!) { realm(id: $id) { realmStats(limit: 201) { items { day } } } }",
                    ofRealm());

            assertThat(errorCode(response)).as(response.body()).isEqualTo("BAD_REQUEST");
            assertThat(response.json()
                            .path("errors")
                            .path(0)
                            .path("extensions")
                            .path("field")
                            .asString())
                    .isEqualTo("limit");
            assertThat(errorCode(query(
                            realm.token("StatsRead"),
                            "query($id: ID!) { realm(id: $id) { realmStats(page: 0) { items { day } } } }",
                            ofRealm())))
                    .isEqualTo("BAD_REQUEST");
        }

        @Test
        void aSecondPageHoldsTheNextDays() {
            ApiClient.Response response = query(
                    realm.token("StatsRead"),
                    "query($id: ID!) { realm(id: $id) { realmStats(page: 2, limit: 50) { items { day }"
                            + " pagination { currentPage totalItems } } } }",
                    ofRealm());

            JsonNode stats = response.json().path("data").path("realm").path("realmStats");
            assertThat(stats.path("items")).as(response.body()).hasSize(41);
            assertThat(stats.path("pagination").path("currentPage").asInt()).isEqualTo(2);
        }
    }

    @Nested
    class BadInput {

        @Test
        void malformedGraphQlUnknownFieldsAndWrongVariableTypesAreErrorsNeverServerFailures() {
            String token = realm.token("StatsRead");

            ApiClient.Response malformed = query(token, "{ realm(id: ");
            ApiClient.Response unknownField = query(token, "query($id: ID!) { realm(id: $id) { nmae } }", ofRealm());
            ApiClient.Response wrongType = query(
                    token,
                    "query($id: ID!, $limit: Int) { realm(id: $id) { realmStats(limit: $limit) { items { day } } } }",
                    Map.of("id", realm.id().toString(), "limit", "many"));

            for (ApiClient.Response response : new ApiClient.Response[] {malformed, unknownField, wrongType}) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().path("errors").size()).isPositive();
                assertNoData(response);
            }
            assertThat(malformed
                            .json()
                            .path("errors")
                            .path(0)
                            .path("extensions")
                            .path("classification")
                            .asString())
                    .isEqualTo("InvalidSyntax");
            assertThat(unknownField
                            .json()
                            .path("errors")
                            .path(0)
                            .path("extensions")
                            .path("classification")
                            .asString())
                    .isEqualTo("ValidationError");
        }

        @Test
        void withTheGraphQlResponseMediaTypeARefusedRequestIs400() {
            Map<String, String> headers = new HashMap<>(OAuthRealm.bearer(realm.token("StatsRead")));
            headers.put("Content-Type", "application/json");
            headers.put("Accept", "application/graphql-response+json");

            ApiClient.Response response = api.request("POST", PATH, headers, "{\"query\": \"{ realm(id: \"}");

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().path("errors").size()).isPositive();
        }

        @Test
        void aBodyThatIsNotJsonIsRefusedWithoutAServerFailure() {
            ApiClient.Response response = post(realm.token("StatsRead"), "query { realm }");

            assertThat(response.status()).as(response.body()).isBetween(400, 499);
        }

        @Test
        void aOneMegabyteBodyIsRefused() {
            String padding = "#".repeat(1024 * 1024);
            ApiClient.Response response = query(realm.token("StatsRead"), padding + "\n{ __typename }");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().path("error").path("code").asString()).isEqualTo("unparsable_request");
        }
    }

    @Nested
    class AuditFilters {

        @Test
        void auditEventsAreFilteredByActionAndAnActionTheTrailDoesNotRecordIsRefused() {
            String byAction = "query($id: ID!, $action: String) { realm(id: $id) { auditEvents(action: $action) {"
                    + " items { seq action } pagination { totalItems } } } }";

            ApiClient.Response created = query(
                    realm.token("AuditRead"), byAction, Map.of("id", realm.id().toString(), "action", "apikey.create"));
            JsonNode events = created.json().path("data").path("realm").path("auditEvents");
            assertThat(events.path("pagination").path("totalItems").asInt())
                    .as(created.body())
                    .isEqualTo(3);
            events.path("items")
                    .forEach(
                            event -> assertThat(event.path("action").asString()).isEqualTo("apikey.create"));

            ApiClient.Response unknown = query(
                    realm.token("AuditRead"),
                    byAction,
                    Map.of("id", realm.id().toString(), "action", "apikey.explode"));
            assertThat(errorCode(unknown)).as(unknown.body()).isEqualTo("BAD_REQUEST");
            assertThat(unknown.json()
                            .path("errors")
                            .path(0)
                            .path("extensions")
                            .path("field")
                            .asString())
                    .isEqualTo("action");
            assertNoData(unknown);
        }
    }
}
