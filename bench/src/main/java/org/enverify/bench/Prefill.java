package org.enverify.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the database with two years of history for the growth group, with set-based SQL only (one {@code INSERT …
 * SELECT} over {@code generate_series} per table), on two connections side by side, then vacuums and analyzes
 * what it filled and checkpoints, so that the phases after it find the tables as a production server's are:
 * analyzed, vacuumed, with no autovacuum or checkpoint pending.
 *
 * <p>At scale 1: 1,000 realms with 100 users each (one administrator, the rest case workers) and three API keys,
 * 10,000,000 codes over two years (about half claimed, 90% of their tokens spent), a token per claimed code, the
 * events of the last 31 days, and the daily statistics per realm, API key and user of the last 181 days. The bench
 * realm takes a tenth of the codes, a large realm's history; the others share the rest unevenly (realm {@code k}
 * of {@code n} about {@code sqrt((k+1)/n) - sqrt(k/n)}). Code {@code i}'s every column is a function of {@code i}
 * (hashes of it), so its token and its events are made from the same series without reading the code back, and
 * two runs fill the same rows. All of it was created before the run started, which is how the correctness checks
 * tell it from what the phases made.
 *
 * <p>The retention the bench gives Enverify ({@link #serverEnvironment()}) makes exactly one day of these rows due
 * for cleanup: the oldest day of codes and tokens, the oldest day of statistics, events and chaff days, and one
 * day of codes whose HMACs are to be cleared (older codes had theirs cleared already, as by cleanups before).
 * Statistics span 181 days, not two years: Enverify keeps at most 180 days of them
 * ({@code ENVERIFY_CLEANUP_STATISTICS_MAX_AGE} accepts 30 to 180), so no server that runs its cleanup holds more.
 */
final class Prefill {

    static final long CODES = 10_000_000;
    static final int REALMS = 1_000;
    static final int USERS = 100_000;

    /** Codes and tokens span two years; the oldest day of them is due for cleanup. */
    static final int HISTORY_DAYS = 730;

    /** The days of statistics Enverify keeps at most (180), and the one due. */
    static final int STATISTICS_DAYS = 181;

    /** Relayed events are kept 30 days ({@code OldEvents.KEEP}), chaff days 7 ({@code chaffEventsMaxAge}). */
    static final int EVENT_DAYS = 31;

    static final int CHAFF_DAYS = 8;

    /**
     * Codes keep their HMACs for 48 hours after their long code expires (a day after issue); older ones were
     * recycled by earlier cleanups, but for the day due now.
     */
    static final int HMAC_DAYS = 4;

    /** The bench realm's share of the codes: a large realm's history under the realm the phases measure. */
    static final double BENCH_REALM_SHARE = 0.1;

    /** A realm with more events a day writes its counters to more of the 16 shards (one per flush). */
    private static final String SHARDS =
            "greatest(1, least(16, round(16 * (1 - (15.0 / 16) ^ (2.2 * codes_per_day)))::int))";

    private static final Pattern INSERT_INTO = Pattern.compile("INSERT INTO (\\w+)");

    private final String jdbcUrl;
    private final double scale;
    private final long benchRealm;
    private final Map<String, String> values = new LinkedHashMap<>();

    /** What the pre-fill made and how long it took. */
    record Outcome(
            double scale,
            Map<String, Long> rows,
            Duration inserts,
            Duration vacuum,
            Duration checkpoint,
            long bytesBefore,
            long bytesAfter) {

        Duration total() {
            return inserts.plus(vacuum).plus(checkpoint);
        }
    }

    /**
     * @param end when the run started: every pre-filled row is older
     */
    Prefill(String jdbcUrl, double scale, long benchRealm, long baselineRealm, Instant end) {
        this.jdbcUrl = jdbcUrl;
        this.scale = scale;
        this.benchRealm = benchRealm;
        int realms = realms(scale);
        long codes = Math.max(1000, Math.round(CODES * scale));
        values.put("END", "timestamptz '" + end + "'");
        values.put("START_DAY", "date '" + LocalDate.ofInstant(end, ZoneOffset.UTC) + "'");
        values.put("HISTORY", "interval '" + HISTORY_DAYS + " days'");
        values.put("HISTORY_DAYS", Integer.toString(HISTORY_DAYS));
        values.put("N", Long.toString(codes));
        values.put("REALMS", Integer.toString(realms));
        values.put("USERS_PER_REALM", Integer.toString(Math.max(1, Math.round((float) (USERS * scale) / realms))));
        values.put("BENCH_SHARE", Double.toString(BENCH_REALM_SHARE));
        values.put("BENCH", Long.toString(benchRealm));
        values.put("BASELINE", Long.toString(baselineRealm));
        values.put("STATISTICS_DAYS", Integer.toString(STATISTICS_DAYS));
        values.put("EVENT_DAYS", Integer.toString(EVENT_DAYS));
        values.put("CHAFF_DAYS", Integer.toString(CHAFF_DAYS));
        values.put("HMAC_DAYS", Integer.toString(HMAC_DAYS));
        // the codes created in the events' window, and the day before, whose claims and certificates fall in it
        values.put("EVENTS_FROM", Long.toString(Math.max(1, (long) (codes * (1 - (EVENT_DAYS + 1.0) / HISTORY_DAYS)))));
    }

    private static int realms(double scale) {
        return Math.max(10, (int) Math.round(REALMS * scale));
    }

    /**
     * The retention that makes one day of the pre-filled rows due, for Enverify's environment: code and token rows
     * kept two years but the day due (the long code expires a day after issue, a token a day after its claim);
     * statistics for the most days Enverify allows. Other retentions keep their defaults.
     */
    static Map<String, String> serverEnvironment() {
        return Map.of(
                "ENVERIFY_CLEANUP_CODE_PURGE_AFTER", (HISTORY_DAYS - 2) + "d",
                "ENVERIFY_CLEANUP_TOKEN_PURGE_AFTER", (HISTORY_DAYS - 2) + "d",
                "ENVERIFY_CLEANUP_STATISTICS_MAX_AGE", (STATISTICS_DAYS - 1) + "d");
    }

    Outcome run() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        long bytesBefore;
        Duration inserts;
        Duration vacuum;
        Duration checkpoint;
        try (Connection first = connect();
                Connection second = connect();
                Statement one = first.createStatement();
                Statement two = second.createStatement()) {
            bytesBefore = Bench.count(one, "SELECT pg_database_size(current_database())");
            // Write-ahead log for gigabytes of rows: checkpoint once at the end instead of every gigabyte.
            one.execute("ALTER SYSTEM SET max_wal_size = '64GB'");
            one.execute("SELECT pg_reload_conf()");
            long started = System.nanoTime();
            try {
                prepare(one);
                prepare(two);
                rows.put("realms", update(one, REALMS_SQL));
                rows.put("api_keys", update(one, API_KEYS_SQL));
                rows.put("users", update(one, USERS_SQL));
                rows.put("memberships", update(one, MEMBERSHIPS_SQL));
                realmMap(one);
                realmMap(two);
                try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<Map<String, Long>> other = side.submit(() -> {
                        Map<String, Long> made = new LinkedHashMap<>();
                        made.put("tokens", update(two, TOKENS_SQL));
                        made.put("events", update(two, EVENTS_SQL));
                        made.put("realm_daily_counters", update(two, REALM_COUNTERS_SQL));
                        made.put("api_key_daily_counters", update(two, API_KEY_COUNTERS_SQL));
                        made.put("user_daily_counters", update(two, USER_COUNTERS_SQL));
                        made.put("realm_chaff_events", update(two, CHAFF_SQL));
                        return made;
                    });
                    rows.put("verification_codes", update(one, CODES_SQL));
                    rows.putAll(other.get());
                }
                inserts = since(started);
                long vacuumStarted = System.nanoTime();
                try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<?> other = side.submit(() -> {
                        for (String table : rows.keySet()) {
                            if (!table.equals("verification_codes")) {
                                two.execute("VACUUM (ANALYZE) " + table);
                            }
                        }
                        return null;
                    });
                    one.execute("VACUUM (ANALYZE) verification_codes");
                    other.get();
                }
                vacuum = since(vacuumStarted);
            } finally {
                one.execute("ALTER SYSTEM RESET max_wal_size");
                one.execute("SELECT pg_reload_conf()");
            }
            long checkpointStarted = System.nanoTime();
            one.execute("CHECKPOINT");
            checkpoint = since(checkpointStarted);
            return new Outcome(
                    scale,
                    rows,
                    inserts,
                    vacuum,
                    checkpoint,
                    bytesBefore,
                    Bench.count(one, "SELECT pg_database_size(current_database())"));
        }
    }

    private Connection connect() throws Exception {
        return new Baselines(jdbcUrl, benchRealm).connect();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /**
     * A loading session: the rows refer to realms, users and keys that exist, so the foreign key triggers are
     * skipped (as {@code pg_restore --disable-triggers} does), and sorts and vacuums get memory.
     */
    private static void prepare(Statement statement) throws Exception {
        statement.execute("SET session_replication_role = replica");
        statement.execute("SET work_mem = '256MB'");
        statement.execute("SET maintenance_work_mem = '1GB'");
        statement.execute("SET TIME ZONE 'UTC'");
        statement.execute("SELECT setseed(0.19)");
    }

    private long update(Statement statement, String template) throws Exception {
        long started = System.nanoTime();
        long count = statement.executeLargeUpdate(sql(template));
        Matcher table = INSERT_INTO.matcher(template);
        System.out.printf(
                Locale.ROOT,
                "  (pre-fill: %,d rows into %s in %.1f s)%n",
                count,
                table.find() ? table.group(1) : "?",
                (System.nanoTime() - started) / 1e9);
        return count;
    }

    private String sql(String template) {
        String sql = template.replace("${RECENT_CODE_SERIES}", CODE_SERIES.replace("${FROM}", "${EVENTS_FROM}"))
                .replace("${CODE_SERIES}", CODE_SERIES.replace("${FROM}", "1"));
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (sql.contains("${")) {
            throw new IllegalStateException("unfilled placeholder in " + sql);
        }
        return sql;
    }

    /**
     * Each connection's map from a realm's number {@code k} in the pre-fill to its rows: ids, keys, users, its
     * share of the codes and how many counter shards a day it writes. The bench realm is {@code k = -1}; the
     * baseline realm, {@code k = -2}, gets statistics only (older than B5's 90 days).
     */
    private void realmMap(Statement statement) throws Exception {
        statement.execute(sql("""
                CREATE TEMP TABLE growth_realms AS
                SELECT k, realm_id, admin_key_id, device_key_id, first_user_id, users, last_user_id, share,
                       codes_per_day, %s AS shards
                FROM (
                    SELECT x.k, r.id AS realm_id,
                           (SELECT id FROM api_keys a WHERE a.realm_id = r.id AND a.type = 'ADMIN') AS admin_key_id,
                           (SELECT id FROM api_keys a WHERE a.realm_id = r.id AND a.type = 'DEVICE') AS device_key_id,
                           m.first_user_id, m.users, m.last_user_id,
                           (1 - ${BENCH_SHARE}) * (sqrt((x.k + 1)::float8 / ${REALMS}) - sqrt(x.k::float8 / ${REALMS}))
                               AS share
                    FROM realms r
                    CROSS JOIN LATERAL (SELECT substring(r.name FROM '^Growth realm (\\d+)$')::int AS k) x
                    CROSS JOIN LATERAL (SELECT min(user_id) AS first_user_id, count(*) AS users,
                                               max(user_id) AS last_user_id
                                        FROM memberships WHERE realm_id = r.id) m
                    WHERE x.k IS NOT NULL
                    UNION ALL
                    SELECT -1, ${BENCH},
                           (SELECT min(id) FROM api_keys WHERE realm_id = ${BENCH} AND type = 'ADMIN'),
                           (SELECT min(id) FROM api_keys WHERE realm_id = ${BENCH} AND type = 'DEVICE'),
                           NULL, 0, NULL, ${BENCH_SHARE}
                    UNION ALL
                    SELECT -2, ${BASELINE}, NULL, NULL, NULL, 0, NULL, 0
                ) realm
                CROSS JOIN LATERAL (SELECT CASE WHEN realm.k = -2 THEN 100.0
                                                ELSE realm.share * ${N} / ${HISTORY_DAYS} END
                                           AS codes_per_day) c""".formatted(SHARDS)));
        statement.execute("ANALYZE growth_realms");
        // Codes name their issuing user by the realm's first user id and an offset: each realm's users are one run.
        long gaps = Bench.count(
                statement,
                "SELECT count(*) FROM growth_realms WHERE users > 0 AND last_user_id - first_user_id + 1 <> users");
        if (gaps > 0) {
            throw new IllegalStateException(gaps + " pre-filled realms have users with ids that are not consecutive");
        }
    }

    private static final String REALMS_SQL = """
            INSERT INTO realms (name, created_at, updated_at)
            SELECT 'Growth realm ' || k, ${END} - ${HISTORY} - interval '1 day', ${END} - ${HISTORY} - interval '1 day'
            FROM generate_series(0, ${REALMS} - 1) k""";

    private static final String API_KEYS_SQL = """
            INSERT INTO api_keys (realm_id, name, type, key_hmac, preview, created_at)
            SELECT r.id, 'growth-' || lower(t.type), t.type, sha512(int8send(r.id) || convert_to(t.type, 'UTF8')),
                   left(md5(r.id || t.type), 6), r.created_at
            FROM realms r CROSS JOIN (VALUES ('ADMIN'), ('DEVICE'), ('STATS')) t (type)
            WHERE r.name LIKE 'Growth realm %'
            ORDER BY r.id, t.type""";

    /** Ordered by realm, so that each realm's users have consecutive ids. */
    private static final String USERS_SQL = """
            INSERT INTO users (email, name, password_hash, password_changed_at, email_verified_at, created_at)
            SELECT 'user' || j || '@realm' || k || '.growth.example', 'Growth user ' || j || ' of realm ' || k,
                   '{bcrypt}$2a$10$' || left(md5(k || '/' || j) || md5(j || '/' || k), 53), t.at, t.at, t.at
            FROM generate_series(0, ${REALMS} - 1) k
            CROSS JOIN generate_series(0, ${USERS_PER_REALM} - 1) j
            CROSS JOIN LATERAL (SELECT ${END} - ${HISTORY}
                                       + ((k * ${USERS_PER_REALM} + j)::float8 / (${REALMS} * ${USERS_PER_REALM}))
                                         * ${HISTORY} AS at) t
            ORDER BY k, j""";

    /** A realm's first user administers it, the others are case workers (upstream's legacy roles). */
    private static final String MEMBERSHIPS_SQL = """
            INSERT INTO memberships (realm_id, user_id, permissions, created_at)
            SELECT r.id, u.id, CASE WHEN u.email LIKE 'user0@%' THEN 32766 ELSE 240 END, u.created_at
            FROM users u
            JOIN realms r ON r.name = 'Growth realm ' || substring(u.email FROM '@realm(\\d+)\\.growth\\.example$')
            WHERE u.email LIKE '%.growth.example'""";

    /** A uniform number in [0, 1) drawn from code {@code i} and a salt. */
    private static String uniform(int salt) {
        return "((hashint8extended(i, " + salt + ") & 4503599627370495)::float8 / 4503599627370496)";
    }

    /**
     * Codes {@code i} from {@code FROM} to the last with every column: created one after the other over two
     * years; 80% confirmed, 15% likely, 5% negative; symptom and test dates on most; half claimed, most within
     * hours (never after the run started), and 90% of those tokens spent within the hour; half issued by a case
     * worker in the web UI, half through the realm's ADMIN key.
     */
    private static final String CODE_SERIES = """
            SELECT s.i, g.realm_id, g.admin_key_id, g.first_user_id, g.users, s.uuid, s.test_type, s.symptom_date,
                   s.test_date, s.created_at, s.claimed_at,
                   CASE WHEN s.used_at < ${END} THEN s.used_at END AS used_at,
                   s.by_user AND g.users > 0 AS by_user, s.user_pick
            FROM (
                SELECT raw.*,
                       CASE WHEN raw.claimed_at IS NOT NULL AND %10$s < 0.9
                            THEN raw.claimed_at + (5 + floor(3600 * %11$s ^ 2)) * interval '1 second' END AS used_at
                FROM (
                    SELECT i,
                           CASE WHEN %1$s < ${BENCH_SHARE} THEN -1
                                ELSE least(${REALMS} - 1, floor(${REALMS} * %2$s ^ 2))::int END AS k,
                           md5(int8send(i))::uuid AS uuid,
                           CASE WHEN %3$s < 0.8 THEN 'confirmed' WHEN %3$s < 0.95 THEN 'likely' ELSE 'negative' END
                               AS test_type,
                           CASE WHEN %4$s < 0.7 THEN t.created_at::date - floor(7 * %5$s)::int END AS symptom_date,
                           CASE WHEN %6$s < 0.8 THEN t.created_at::date - floor(3 * %7$s)::int END AS test_date,
                           t.created_at,
                           CASE WHEN %8$s < 0.5 AND t.created_at + c.delay < ${END}
                                THEN t.created_at + c.delay END AS claimed_at,
                           %12$s < 0.5 AS by_user,
                           %13$s AS user_pick
                    FROM generate_series(${FROM}, ${N}) i
                    CROSS JOIN LATERAL (SELECT ${END} - ${HISTORY} + (i - 0.5)::float8 * (${HISTORY} / ${N})
                                               AS created_at) t
                    CROSS JOIN LATERAL (SELECT (5 + floor(86000 * %9$s ^ 3)) * interval '1 second' AS delay) c
                ) raw
            ) s
            JOIN growth_realms g ON g.k = s.k""".formatted(
                    uniform(1),
                    uniform(2),
                    uniform(3),
                    uniform(4),
                    uniform(5),
                    uniform(6),
                    uniform(7),
                    uniform(8),
                    uniform(9),
                    uniform(10),
                    uniform(11),
                    uniform(12),
                    uniform(13));

    /** A code's HMACs (64 bytes, as HMAC-SHA512's) are kept only by codes not yet recycled. */
    private static final String CODES_SQL = """
            INSERT INTO verification_codes (realm_id, uuid, code_hmac, long_code_hmac, test_type, symptom_date,
                test_date, expires_at, long_expires_at, claimed_at, issuing_api_key_id, issuing_user_id, created_at)
            SELECT realm_id, uuid,
                   CASE WHEN created_at >= ${END} - ${HMAC_DAYS} * interval '1 day'
                        THEN sha512(int8send(i) || '\\x01'::bytea) END,
                   CASE WHEN created_at >= ${END} - ${HMAC_DAYS} * interval '1 day'
                        THEN sha512(int8send(i) || '\\x02'::bytea) END,
                   test_type, symptom_date, test_date, created_at + interval '15 minutes', created_at + interval '1 day',
                   claimed_at,
                   CASE WHEN NOT by_user THEN admin_key_id END,
                   CASE WHEN by_user THEN first_user_id + floor(user_pick * users)::bigint END,
                   created_at
            FROM (${CODE_SERIES}) code""";

    /** A token per claimed code, made at the claim, valid a day (ENVERIFY_TOKEN_DURATION's default). */
    private static final String TOKENS_SQL = """
            INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, symptom_date, test_date, expires_at,
                used_at, created_at)
            SELECT realm_id, sha256(int8send(i)), uuid, test_type, symptom_date, test_date,
                   claimed_at + interval '1 day', used_at, claimed_at
            FROM (${CODE_SERIES}) code
            WHERE claimed_at IS NOT NULL""";

    /** The events of the last days, relayed (a worker runs) and never published (no stream configured). */
    private static final String EVENTS_SQL = """
            INSERT INTO events (realm_id, id, type, occurred_at, data, relayed_at)
            SELECT realm_id, md5(int8send(i) || '\\x01'::bytea)::uuid, 'code.issued', created_at,
                   jsonb_build_object('uuid', uuid::text, 'testType', test_type), created_at + interval '1 second'
            FROM (${RECENT_CODE_SERIES}) code
            WHERE created_at >= ${END} - ${EVENT_DAYS} * interval '1 day'
            UNION ALL
            SELECT realm_id, md5(int8send(i) || '\\x02'::bytea)::uuid, 'code.claimed', claimed_at,
                   jsonb_build_object('uuid', uuid::text, 'testType', test_type), claimed_at + interval '1 second'
            FROM (${RECENT_CODE_SERIES}) code
            WHERE claimed_at >= ${END} - ${EVENT_DAYS} * interval '1 day'
            UNION ALL
            SELECT realm_id, md5(int8send(i) || '\\x03'::bytea)::uuid, 'certificate.issued', used_at,
                   jsonb_build_object('testType', test_type), used_at + interval '1 second'
            FROM (${RECENT_CODE_SERIES}) code
            WHERE used_at >= ${END} - ${EVENT_DAYS} * interval '1 day'""";

    /**
     * A row per realm, day and shard written, with counts near the realm's daily codes: half claimed, a tenth
     * refused, claims mostly within the hour. The baseline realm's 90 days of B5 stay as B5 seeded them.
     */
    private static final String REALM_COUNTERS_SQL = """
            INSERT INTO realm_daily_counters (realm_id, day, shard, codes_issued, codes_claimed, codes_invalid,
                tokens_claimed, tokens_invalid, code_claim_age_seconds_sum, claim_age_le_1m, claim_age_le_5m,
                claim_age_le_15m, claim_age_le_30m, claim_age_le_1h, claim_age_le_2h, claim_age_le_3h,
                claim_age_le_6h, claim_age_le_12h, claim_age_le_24h, codes_invalid_unknown_os, codes_invalid_ios,
                codes_invalid_android)
            SELECT g.realm_id, ${START_DAY} - 1 - d, shard, v.issued, v.claimed, v.invalid, v.claimed * 9 / 10,
                   v.claimed / 50, v.claimed * 1800, v.claimed / 10, v.claimed / 5, v.claimed / 4, v.claimed * 3 / 20,
                   v.claimed / 10, v.claimed * 7 / 100, v.claimed / 25, v.claimed / 25, v.claimed * 3 / 100,
                   v.claimed / 50, v.invalid / 5, v.invalid * 2 / 5, v.invalid - v.invalid / 5 - v.invalid * 2 / 5
            FROM growth_realms g
            CROSS JOIN generate_series(0, ${STATISTICS_DAYS} - 1) d
            CROSS JOIN LATERAL generate_series(0, g.shards - 1) shard
            CROSS JOIN LATERAL (SELECT round(g.codes_per_day / g.shards * (0.5 + random()))::bigint AS issued) n
            CROSS JOIN LATERAL (SELECT n.issued, n.issued / 2 AS claimed, n.issued / 10 AS invalid) v
            WHERE g.k <> -2 OR d >= 89
            ON CONFLICT DO NOTHING""";

    /** The ADMIN key counts the codes it issued (half of them), the DEVICE key the claims and certificates. */
    private static final String API_KEY_COUNTERS_SQL = """
            INSERT INTO api_key_daily_counters (realm_id, api_key_id, day, shard, codes_issued, codes_claimed,
                codes_invalid, tokens_claimed, tokens_invalid)
            SELECT g.realm_id, api_key.id, ${START_DAY} - 1 - d, shard,
                   CASE WHEN api_key.admin THEN n.per_shard / 2 ELSE 0 END,
                   CASE WHEN api_key.admin THEN 0 ELSE n.per_shard / 2 END,
                   CASE WHEN api_key.admin THEN 0 ELSE n.per_shard / 10 END,
                   CASE WHEN api_key.admin THEN 0 ELSE n.per_shard * 9 / 20 END,
                   CASE WHEN api_key.admin THEN 0 ELSE n.per_shard / 100 END
            FROM growth_realms g
            CROSS JOIN generate_series(0, ${STATISTICS_DAYS} - 1) d
            CROSS JOIN LATERAL generate_series(0, (g.shards + 1) / 2 - 1) shard
            CROSS JOIN LATERAL (VALUES (g.admin_key_id, true), (g.device_key_id, false)) api_key (id, admin)
            CROSS JOIN LATERAL (SELECT round(g.codes_per_day / ((g.shards + 1) / 2) * (0.5 + random()))::bigint
                                       AS per_shard) n
            WHERE api_key.id IS NOT NULL
            ON CONFLICT DO NOTHING""";

    /** The case workers who issued codes that day, each on one shard: about one code each. */
    private static final String USER_COUNTERS_SQL = """
            INSERT INTO user_daily_counters (realm_id, user_id, day, shard, codes_issued)
            SELECT g.realm_id, g.first_user_id + (j + d * 37) % g.users, ${START_DAY} - 1 - d, 0,
                   greatest(1, round(g.codes_per_day / 2 / a.active))::bigint
            FROM growth_realms g
            CROSS JOIN LATERAL (SELECT least(g.users, ceil(g.codes_per_day / 2))::int AS active) a
            CROSS JOIN generate_series(0, ${STATISTICS_DAYS} - 1) d
            CROSS JOIN LATERAL generate_series(0, a.active - 1) j
            WHERE g.users > 0""";

    private static final String CHAFF_SQL = """
            INSERT INTO realm_chaff_events (realm_id, day)
            SELECT g.realm_id, ${START_DAY} - 1 - d
            FROM growth_realms g CROSS JOIN generate_series(0, ${CHAFF_DAYS} - 1) d
            WHERE g.k >= -1
            ON CONFLICT DO NOTHING""";
}
