package org.enverify.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.Outcome;

/**
 * The management API's phases, each with its raw SQL in the same run: A12 a page of a realm's API keys
 * ({@code GET /api/v1/realms/{id}/api-keys?limit=50}) against B12, the three statements that page runs over
 * JDBC; A13 a GraphQL query of the realm's 91 days of statistics against B13, the statement behind it. On a
 * realm of their own that trusts the {@link BenchIdentityProvider}, with {@value #KEYS} API keys made through
 * the API and 90 days × 16 shards of counters, with a bearer token of that provider.
 */
final class ManagementPhases {

    static final int KEYS = 100;
    private static final int PAGE = 50;

    /** The counter columns of {@code realm_daily_counters} that a realm's statistics add up, as Enverify's. */
    private static final List<String> COUNTERS = List.of(
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "tokens_claimed",
            "tokens_invalid",
            "user_reports_issued",
            "user_reports_claimed",
            "user_report_tokens_claimed",
            "user_reports_invalid_nonce",
            "codes_invalid_unknown_os",
            "codes_invalid_ios",
            "codes_invalid_android",
            "user_reports_invalid_nonce_unknown_os",
            "user_reports_invalid_nonce_ios",
            "user_reports_invalid_nonce_android",
            "sms_sent",
            "code_claim_age_seconds_sum",
            "claim_age_le_1m",
            "claim_age_le_5m",
            "claim_age_le_15m",
            "claim_age_le_30m",
            "claim_age_le_1h",
            "claim_age_le_2h",
            "claim_age_le_3h",
            "claim_age_le_6h",
            "claim_age_le_12h",
            "claim_age_le_24h",
            "claim_age_le_336h");

    /** Every field of the realm's days, 91 of them: what a statistics dashboard reads. */
    private static final String STATISTICS_QUERY = """
            query($realm: ID!) { realm(id: $realm) { realmStats(limit: 91) {
              items { day codesIssued codesClaimed codesInvalid codesInvalidByOs { unknown ios android }
                userReportsIssued userReportsClaimed userReportsInvalidNonce
                userReportsInvalidNonceByOs { unknown ios android } tokensClaimed tokensInvalid
                userReportTokensClaimed codeClaimMeanAgeSeconds codeClaimAgeDistribution }
              pagination { totalItems } } } }""";

    private final Infrastructure infra;
    private final long realm;
    private final HttpClient client;
    private final Bench bench;
    private final String token;
    private final URI apiKeys;
    private final URI graphql;
    private final String statisticsRequest;

    ManagementPhases(
            Infrastructure infra, long realm, BenchIdentityProvider identityProvider, HttpClient client, Bench bench)
            throws Exception {
        this.infra = infra;
        this.realm = realm;
        this.client = client;
        this.bench = bench;
        this.token = identityProvider.token(
                "bench-platform", "enverify:APIKeyWrite enverify:StatsRead", Duration.ofHours(2));
        this.apiKeys = URI.create(infra.baseUrl() + "/api/v1/realms/" + realm + "/api-keys");
        this.graphql = URI.create(infra.baseUrl() + "/api/v1/graphql");
        this.statisticsRequest =
                "{\"query\":\"" + STATISTICS_QUERY.replace("\n", " ").replace("\"", "\\\"")
                        + "\",\"variables\":{\"realm\":\"" + realm + "\"}}";
    }

    void run() throws Exception {
        System.out.println("Management API (realm " + realm + ", a bearer token of the bench's identity provider)");
        seed();
        bench.warmUp("(warming the management API up)", w -> () -> w % 2 == 0 ? listKeys() : statistics());
        Duration warmup = bench.warmup();
        Duration measure = bench.measure();
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run("B12 jdbc api-keys page", c, warmup, measure, w -> keysPageQueries()));
        }
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run(
                    "A12 GET /api/v1/realms/{id}/api-keys?limit=50", c, warmup, measure, w -> this::listKeys));
        }
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run("B13 jdbc realmStats query", c, warmup, measure, w -> statisticsQuery()));
        }
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run(
                    "A13 GraphQL realmStats, 91 days (cached)", c, warmup, measure, w -> this::statistics));
        }
    }

    /** The realm's keys, made as a platform team would, and its counters, made as B5's. */
    private void seed() throws Exception {
        String[] types = {"admin", "device", "stats"};
        for (int i = 0; i < KEYS; i++) {
            HttpResponse<String> created = client.send(
                    request(apiKeys)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"managed-" + i + "\",\"type\":\"" + types[i % 3] + "\"}",
                                    StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "creating an API key answered " + created.statusCode() + ": " + created.body());
            }
        }
        new Baselines(infra.jdbcUrl(), realm).seedStatistics();
        try (Connection connection = new Baselines(infra.jdbcUrl(), realm).connect();
                Statement statement = connection.createStatement()) {
            bench.check(
                    "API keys of the managed realm = keys made through the management API",
                    KEYS,
                    Bench.count(statement, "SELECT count(*) FROM api_keys WHERE realm_id = " + realm));
        }
        for (HttpResponse<String> first : List.of(keysPage(), statisticsAnswer())) {
            if (outcome(first) != Outcome.SUCCESS) {
                throw new IllegalStateException(
                        "the management API answered " + first.statusCode() + ": " + first.body());
            }
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> keysPage() throws Exception {
        return client.send(
                request(URI.create(apiKeys + "?limit=" + PAGE)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> statisticsAnswer() throws Exception {
        return client.send(
                request(graphql)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(statisticsRequest, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GraphQL error answers 200 too, with {@code errors}. */
    private static Outcome outcome(HttpResponse<String> response) {
        return response.statusCode() == 200 && !response.body().contains("\"errors\"")
                ? Outcome.SUCCESS
                : Outcome.FAILURE;
    }

    private Outcome listKeys() throws Exception {
        return outcome(keysPage());
    }

    private Outcome statistics() throws Exception {
        return outcome(statisticsAnswer());
    }

    /**
     * B12: what Enverify's page of keys runs, each statement autocommitted: the page, newest first; the count;
     * the last day each key of the page was used.
     */
    private Operation keysPageQueries() throws Exception {
        Connection connection = new Baselines(infra.jdbcUrl(), realm).connect();
        PreparedStatement page = connection.prepareStatement("""
                SELECT realm_id, id, name, type, preview, created_at, disabled_at FROM api_keys
                WHERE realm_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""");
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM api_keys WHERE realm_id = ?");
        PreparedStatement lastUsed = connection.prepareStatement(
                "SELECT api_key_id, max(day) FROM api_key_daily_counters WHERE realm_id = ? AND api_key_id IN ("
                        + String.join(", ", Collections.nCopies(PAGE, "?")) + ") GROUP BY api_key_id");
        return Operation.holding(connection, () -> {
            page.setLong(1, realm);
            page.setInt(2, PAGE);
            page.setInt(3, 0);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = page.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(2));
                    rows.getString(3);
                    rows.getString(4);
                    rows.getString(5);
                    rows.getTimestamp(6);
                    rows.getTimestamp(7);
                }
            }
            count.setLong(1, realm);
            long total;
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
            }
            lastUsed.setLong(1, realm);
            for (int i = 0; i < PAGE; i++) {
                lastUsed.setLong(i + 2, ids.get(Math.min(i, ids.size() - 1)));
            }
            try (ResultSet rows = lastUsed.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(2, LocalDate.class);
                }
            }
            return ids.size() == PAGE && total == KEYS ? Outcome.SUCCESS : Outcome.FAILURE;
        });
    }

    /** B13: the realm's days as Enverify reads them, every counter added up over the shards. */
    private Operation statisticsQuery() throws Exception {
        Connection connection = new Baselines(infra.jdbcUrl(), realm).connect();
        PreparedStatement query = connection.prepareStatement("SELECT day, "
                + COUNTERS.stream()
                        .map(column -> "sum(" + column + ") AS " + column)
                        .collect(Collectors.joining(", "))
                + " FROM realm_daily_counters WHERE realm_id = ? AND day BETWEEN ? AND ? GROUP BY day");
        return Operation.holding(connection, () -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            query.setLong(1, realm);
            query.setObject(2, today.minusDays(90));
            query.setObject(3, today);
            int days = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (int column = 2; column <= COUNTERS.size() + 1; column++) {
                        rows.getLong(column);
                    }
                    days++;
                }
            }
            return days == 90 ? Outcome.SUCCESS : Outcome.FAILURE;
        });
    }
}
