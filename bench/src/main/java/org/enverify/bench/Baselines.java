package org.enverify.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.Outcome;

/** The raw baselines: the same row shapes over plain JDBC, a plain ES256 loop, an HTTP server that does no work. */
final class Baselines {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String jdbcUrl;
    private final long realmId;
    private final AtomicLong nextSeededCode = new AtomicLong();
    private long seeded;

    Baselines(String jdbcUrl, long realmId) {
        this.jdbcUrl = jdbcUrl;
        this.realmId = realmId;
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /** B1: one code row per autocommitted INSERT, the row shape {@code /api/issue} writes. */
    Operation insertCode(int worker) throws Exception {
        Connection connection = connect();
        PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO verification_codes (realm_id, uuid, code_hmac, long_code_hmac, test_type,
                    expires_at, long_expires_at, created_at)
                VALUES (?, ?, ?, ?, 'confirmed', now() + interval '15 minutes', now() + interval '1 day', now())
                ON CONFLICT DO NOTHING""");
        return Operation.holding(connection, () -> {
            insert.setLong(1, realmId);
            insert.setObject(2, UUID.randomUUID());
            insert.setBytes(3, random(64));
            insert.setBytes(4, random(64));
            return insert.executeUpdate() == 1 ? Outcome.SUCCESS : Outcome.FAILURE;
        });
    }

    /** B2: ten code rows in one autocommitted multi-row INSERT, the shape of a batch issue. */
    Operation insertTenCodes(int worker) throws Exception {
        Connection connection = connect();
        StringBuilder sql = new StringBuilder("""
                INSERT INTO verification_codes (realm_id, uuid, code_hmac, long_code_hmac, test_type,
                    expires_at, long_expires_at, created_at) VALUES """);
        for (int i = 0; i < 10; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append(
                            "(?, ?, ?, ?, 'confirmed', now() + interval '15 minutes', now() + interval '1 day', now())");
        }
        PreparedStatement insert = connection.prepareStatement(sql + " ON CONFLICT DO NOTHING");
        return Operation.holding(connection, () -> {
            for (int i = 0; i < 10; i++) {
                insert.setLong(i * 4 + 1, realmId);
                insert.setObject(i * 4 + 2, UUID.randomUUID());
                insert.setBytes(i * 4 + 3, random(64));
                insert.setBytes(i * 4 + 4, random(64));
            }
            return insert.executeUpdate() == 10 ? Outcome.SUCCESS : Outcome.FAILURE;
        });
    }

    /** Seeds unclaimed codes whose code_hmac is the 8 bytes of from..from+count-1. */
    void seedCodes(long from, long count) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO verification_codes (realm_id, uuid, code_hmac, test_type, expires_at,
                        long_expires_at, created_at)
                    SELECT %d, gen_random_uuid(), int8send(i), 'confirmed', now() + interval '2 hours',
                        now() + interval '1 day', now()
                    FROM generate_series(%d, %d) i""".formatted(realmId, from, from + count - 1));
            statement.execute("ANALYZE verification_codes");
        }
    }

    /** Seeds unused tokens whose token_hash is the 8 bytes of from..from+count-1. */
    void seedTokens(long from, long count) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, expires_at, created_at)
                    SELECT %d, int8send(i), gen_random_uuid(), 'confirmed', now() + interval '1 day', now()
                    FROM generate_series(%d, %d) i""".formatted(realmId, from, from + count - 1));
            statement.execute("ANALYZE tokens");
        }
    }

    /** B3 claims the seeded codes 1..count. */
    void seedCodes(long count) throws Exception {
        seedCodes(1, count);
        seeded = count;
    }

    /** Seeds 90 days of counters, every shard, for B5. */
    void seedStatistics() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO realm_daily_counters (realm_id, day, shard, codes_issued, codes_claimed, tokens_claimed)
                    SELECT %d, current_date - d, s, 100, 80, 70 FROM generate_series(0, 89) d, generate_series(0, 15) s
                    ON CONFLICT DO NOTHING""".formatted(realmId));
            statement.execute("ANALYZE realm_daily_counters");
        }
    }

    /** B5: the 90-day statistics query of a realm, shards added up per day. */
    Operation statisticsQuery(int worker) throws Exception {
        Connection connection = connect();
        StringBuilder sums = new StringBuilder("sum(codes_issued), sum(codes_claimed), sum(codes_invalid), "
                + "sum(tokens_claimed), sum(tokens_invalid), sum(code_claim_age_seconds_sum)");
        for (String bucket : new String[] {"1m", "5m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "24h", "336h"}) {
            sums.append(", sum(claim_age_le_").append(bucket).append(')');
        }
        PreparedStatement query = connection.prepareStatement("SELECT day, " + sums
                + " FROM realm_daily_counters WHERE realm_id = ? AND day BETWEEN current_date - 89 AND current_date"
                + " GROUP BY day");
        return Operation.holding(connection, () -> {
            query.setLong(1, realmId);
            int days = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    days++;
                }
            }
            return days == 90 ? Outcome.SUCCESS : Outcome.FAILURE;
        });
    }

    /** B3: the verify transaction: claim with UPDATE … RETURNING, insert the token, commit. */
    Operation verifyTransaction(int worker) throws Exception {
        Connection connection = connect();
        connection.setAutoCommit(false);
        PreparedStatement claim = connection.prepareStatement("""
                UPDATE verification_codes SET claimed_at = now()
                WHERE realm_id = ? AND claimed_at IS NULL AND test_type IN ('confirmed')
                  AND ((code_hmac = ? AND expires_at > now()) OR (long_code_hmac = ? AND long_expires_at > now()))
                RETURNING uuid, test_type, symptom_date, test_date, created_at""");
        PreparedStatement token = connection.prepareStatement("""
                INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, symptom_date, test_date,
                    expires_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, now() + interval '1 day', now())""");
        return Operation.holding(connection, () -> {
            long code = nextSeededCode.incrementAndGet();
            if (code > seeded) {
                return Outcome.EXHAUSTED;
            }
            byte[] hmac = longBytes(code);
            claim.setLong(1, realmId);
            claim.setBytes(2, hmac);
            claim.setBytes(3, hmac);
            try (ResultSet claimed = claim.executeQuery()) {
                if (!claimed.next()) {
                    connection.rollback();
                    return Outcome.FAILURE;
                }
                token.setLong(1, realmId);
                token.setBytes(2, longBytes(code));
                token.setObject(3, claimed.getObject(1));
                token.setString(4, claimed.getString(2));
                token.setObject(5, claimed.getObject(3));
                token.setObject(6, claimed.getObject(4));
                token.executeUpdate();
            }
            connection.commit();
            return Outcome.SUCCESS;
        });
    }

    /** B4: the certificate transaction: mark a seeded token used, once. */
    Operation useToken(AtomicLong next, long last) throws Exception {
        Connection connection = connect();
        PreparedStatement use = connection.prepareStatement("""
                UPDATE tokens SET used_at = now()
                WHERE realm_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > now()
                RETURNING code_uuid, test_type, symptom_date""");
        return Operation.holding(connection, () -> {
            long code = next.getAndIncrement();
            if (code > last) {
                return Outcome.EXHAUSTED;
            }
            use.setLong(1, realmId);
            use.setBytes(2, longBytes(code));
            try (ResultSet used = use.executeQuery()) {
                return used.next() ? Outcome.SUCCESS : Outcome.FAILURE;
            }
        });
    }

    /** B7: ES256 signing of a certificate-sized input with the provider Enverify would choose. */
    static Operation sign(Provider provider) throws Exception {
        KeyPair pair = keyPair(provider);
        byte[] input = random(420);
        Signature signature = provider == null
                ? Signature.getInstance("SHA256withECDSAinP1363Format")
                : Signature.getInstance("SHA256withECDSAinP1363Format", provider);
        return () -> {
            signature.initSign(pair.getPrivate());
            signature.update(input);
            return signature.sign().length == 64 ? Outcome.SUCCESS : Outcome.FAILURE;
        };
    }

    /** B7: ES256 verification, as a key server does with the certificate. */
    static Operation verify(Provider provider) throws Exception {
        KeyPair pair = keyPair(provider);
        byte[] input = random(420);
        Signature signature = provider == null
                ? Signature.getInstance("SHA256withECDSAinP1363Format")
                : Signature.getInstance("SHA256withECDSAinP1363Format", provider);
        signature.initSign(pair.getPrivate());
        signature.update(input);
        byte[] signed = signature.sign();
        return () -> {
            signature.initVerify(pair.getPublic());
            signature.update(input);
            return signature.verify(signed) ? Outcome.SUCCESS : Outcome.FAILURE;
        };
    }

    private static KeyPair keyPair(Provider provider) throws Exception {
        KeyPairGenerator generator =
                provider == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** What a verify answers: its fields, a token and the padding, as B9 and B10 answer every request. */
    static byte[] verifySizedBody() {
        String body = "{\"testtype\":\"confirmed\",\"symptomDate\":\"2026-11-20\",\"testDate\":\"2026-11-21\","
                + "\"token\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(450)) + "\","
                + "\"padding\":\"" + Base64.getEncoder().encodeToString(random(1536)) + "\"}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** B9: the JDK's HttpServer on virtual threads answering every POST with a verify-sized JSON body. */
    static HttpServer bareServer() throws Exception {
        byte[] bytes = verifySizedBody();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    static Operation post(HttpClient client, URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return () -> client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                ? Outcome.SUCCESS
                : Outcome.FAILURE;
    }
}
