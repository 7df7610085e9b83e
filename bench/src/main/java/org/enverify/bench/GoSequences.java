package org.enverify.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.Outcome;

/**
 * B6: the statements the Go verification server runs per request, replayed over JDBC on the same
 * rows, which bounds what that design reaches on this machine. Its statistics are best-effort
 * upserts after the transaction, each its own statement, on one row per realm and day and one per
 * API key and day: every request of a realm queues on the same row lock.
 */
final class GoSequences {

    private final Baselines baselines;
    private final long realmId;
    private final long appId;
    private final AtomicLong nextCode;
    private final long lastCode;
    private final AtomicLong nextToken;
    private final long lastToken;

    /** Go's realm_stats and authorized_app_stats, reduced to the columns these requests touch. */
    static void createTables(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS go_realm_stats (
                        realm_id bigint NOT NULL, date date NOT NULL,
                        codes_issued integer NOT NULL DEFAULT 0, codes_claimed integer NOT NULL DEFAULT 0,
                        code_claim_age_distribution integer[] NOT NULL DEFAULT '{0,0,0,0,0,0,0,0,0,0,0}',
                        code_claim_mean_age bigint NOT NULL DEFAULT 0,
                        tokens_claimed integer NOT NULL DEFAULT 0,
                        PRIMARY KEY (realm_id, date))""");
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS go_app_stats (
                        authorized_app_id bigint NOT NULL, date date NOT NULL,
                        codes_issued integer NOT NULL DEFAULT 0, codes_claimed integer NOT NULL DEFAULT 0,
                        tokens_claimed integer NOT NULL DEFAULT 0,
                        PRIMARY KEY (authorized_app_id, date))""");
        }
    }

    /** @param firstCode the seeded codes (and tokens) this sequence may use, {@code count} of each */
    GoSequences(Baselines baselines, long realmId, long firstCode, long count) throws Exception {
        this.baselines = baselines;
        this.realmId = realmId;
        this.appId = realmId;
        this.nextCode = new AtomicLong(firstCode);
        this.lastCode = firstCode + count - 1;
        this.nextToken = new AtomicLong(firstCode);
        this.lastToken = firstCode + count - 1;
        baselines.seedCodes(firstCode, count);
        baselines.seedTokens(firstCode, count);
        try (Connection connection = baselines.connect()) {
            createTables(connection);
        }
    }

    private PreparedStatement realmStat(Connection connection, String column) throws Exception {
        return connection.prepareStatement("INSERT INTO go_realm_stats (realm_id, date, " + column
                + ") VALUES (?, current_date, 1) ON CONFLICT (realm_id, date) DO UPDATE SET " + column
                + " = go_realm_stats." + column + " + 1");
    }

    private PreparedStatement appStat(Connection connection, String column) throws Exception {
        return connection.prepareStatement("INSERT INTO go_app_stats (authorized_app_id, date, " + column
                + ") VALUES (?, current_date, 1) ON CONFLICT (authorized_app_id, date) DO UPDATE SET " + column
                + " = go_app_stats." + column + " + 1");
    }

    private void stats(PreparedStatement realm, PreparedStatement app) throws Exception {
        realm.setLong(1, realmId);
        realm.executeUpdate();
        app.setLong(1, appId);
        app.executeUpdate();
    }

    /** go_issue: the code's INSERT in a transaction, then the realm's and the key's codes_issued. */
    Operation issue(int worker) throws Exception {
        Connection connection = baselines.connect();
        PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO verification_codes (realm_id, uuid, code_hmac, long_code_hmac, test_type,
                    expires_at, long_expires_at, created_at)
                VALUES (?, ?, ?, ?, 'confirmed', now() + interval '15 minutes', now() + interval '1 day', now())""");
        PreparedStatement realm = realmStat(connection, "codes_issued");
        PreparedStatement app = appStat(connection, "codes_issued");
        return Operation.holding(connection, () -> {
            connection.setAutoCommit(false);
            insert.setLong(1, realmId);
            insert.setObject(2, UUID.randomUUID());
            insert.setBytes(3, Baselines.random(64));
            insert.setBytes(4, Baselines.random(64));
            insert.executeUpdate();
            connection.commit();
            connection.setAutoCommit(true);
            stats(realm, app);
            return Outcome.SUCCESS;
        });
    }

    /**
     * go_verify: in a transaction the code row FOR UPDATE, its claim, the token's INSERT; then the
     * realm's codes_claimed with the claim-age histogram and mean, and the key's codes_claimed.
     */
    Operation verify(int worker) throws Exception {
        Connection connection = baselines.connect();
        PreparedStatement lock = connection.prepareStatement("""
                SELECT uuid, test_type, symptom_date, test_date, expires_at, long_expires_at, claimed_at, created_at
                FROM verification_codes WHERE realm_id = ? AND (code_hmac IN (?) OR long_code_hmac IN (?))
                FOR UPDATE""");
        PreparedStatement claim = connection.prepareStatement(
                "UPDATE verification_codes SET claimed_at = now() WHERE realm_id = ? AND uuid = ?");
        PreparedStatement token = connection.prepareStatement("""
                INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, symptom_date, test_date,
                    expires_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, now() + interval '1 day', now())""");
        PreparedStatement realm = connection.prepareStatement("""
                INSERT INTO go_realm_stats (realm_id, date, codes_claimed, code_claim_age_distribution, code_claim_mean_age)
                VALUES (?, current_date, 1, '{1,0,0,0,0,0,0,0,0,0,0}', 30)
                ON CONFLICT (realm_id, date) DO UPDATE SET
                    code_claim_mean_age = (go_realm_stats.code_claim_mean_age * go_realm_stats.codes_claimed + 30)
                        / (go_realm_stats.codes_claimed + 1),
                    codes_claimed = go_realm_stats.codes_claimed + 1,
                    code_claim_age_distribution[1] = go_realm_stats.code_claim_age_distribution[1] + 1""");
        PreparedStatement app = appStat(connection, "codes_claimed");
        return Operation.holding(connection, () -> {
            long code = nextCode.getAndIncrement();
            if (code > lastCode) {
                return Outcome.EXHAUSTED;
            }
            byte[] hmac = Baselines.longBytes(code);
            connection.setAutoCommit(false);
            lock.setLong(1, realmId);
            lock.setBytes(2, hmac);
            lock.setBytes(3, hmac);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next() || row.getObject(7) != null) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    return Outcome.FAILURE;
                }
                claim.setLong(1, realmId);
                claim.setObject(2, row.getObject(1));
                claim.executeUpdate();
                token.setLong(1, realmId);
                token.setBytes(2, Baselines.random(32));
                token.setObject(3, row.getObject(1));
                token.setString(4, row.getString(2));
                token.setObject(5, row.getObject(3));
                token.setObject(6, row.getObject(4));
                token.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
            stats(realm, app);
            return Outcome.SUCCESS;
        });
    }

    /** go_cert: in a transaction the token row FOR UPDATE and its use; then tokens_claimed twice. */
    Operation certificate(int worker) throws Exception {
        Connection connection = baselines.connect();
        PreparedStatement lock = connection.prepareStatement(
                "SELECT used_at, expires_at, test_type FROM tokens WHERE realm_id = ? AND token_hash = ? FOR UPDATE");
        PreparedStatement use =
                connection.prepareStatement("UPDATE tokens SET used_at = now() WHERE realm_id = ? AND token_hash = ?");
        PreparedStatement realm = realmStat(connection, "tokens_claimed");
        PreparedStatement app = appStat(connection, "tokens_claimed");
        return Operation.holding(connection, () -> {
            long id = nextToken.getAndIncrement();
            if (id > lastToken) {
                return Outcome.EXHAUSTED;
            }
            byte[] hash = Baselines.longBytes(id);
            connection.setAutoCommit(false);
            lock.setLong(1, realmId);
            lock.setBytes(2, hash);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next() || row.getObject(1) != null) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    return Outcome.FAILURE;
                }
            }
            use.setLong(1, realmId);
            use.setBytes(2, hash);
            use.executeUpdate();
            connection.commit();
            connection.setAutoCommit(true);
            stats(realm, app);
            return Outcome.SUCCESS;
        });
    }
}
