package org.enverify.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One failure drill's figures and ledger check (deploy/drills/run.sh), from the ledger that {@link
 * DrillTraffic} wrote and the database, printed as one JSON line:
 *
 * <ul>
 *   <li>failed requests: answers other than the expected status (200, or 400 for a wrong code and
 *       for replays), timeouts and refused connections included;
 *   <li>the longest latency, from when each request was due;
 *   <li>recovery: from the fault to the end of the last request that failed or took over a second;
 *   <li>the ledger check: every code that got a 200 exists; no code claimed twice and no token used
 *       twice (in the ledger, and a replay of each was refused); the rows of the phase's keys match
 *       the ledger (more only where a request failed after its commit); the per-key statistics equal
 *       the rows.
 * </ul>
 */
public final class DrillLedger {

    private record Entry(String operation, long due, long end, int status, String id, int expected) {
        boolean failed() {
            return status != expected;
        }

        boolean ok() {
            return status == 200;
        }
    }

    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DrillTraffic.options(args);
        System.out.println(new DrillLedger().check(options));
    }

    private String check(Map<String, String> options) throws Exception {
        String phase = options.get("--phase");
        List<Entry> entries = read(Path.of(options.get("--ledger")), phase);
        Map<String, Long> marks = marks(Path.of(options.get("--window")));
        long fault = marks.getOrDefault("fault", marks.getOrDefault("start", 0L));

        long failed = entries.stream().filter(Entry::failed).count();
        long maxLatency = entries.stream().mapToLong(e -> e.end - e.due).max().orElse(0);
        long lastTrouble = entries.stream()
                .filter(e -> e.failed() || e.end - e.due > 1000)
                .mapToLong(e -> e.end)
                .max()
                .orElse(fault);
        double recovery = Math.max(0, lastTrouble - fault) / 1000.0;
        Map<String, Long> failedBy = new HashMap<>();
        entries.stream()
                .filter(Entry::failed)
                .forEach(e -> failedBy.merge(e.operation + " " + (e.status < 0 ? e.id : e.status), 1L, Long::sum));

        ledger(entries, options, phase);

        boolean pass = problems.isEmpty() && "0".equals(options.getOrDefault("--drill-status", "0"));
        String expect = options.getOrDefault("--expect", "any");
        if (expect.equals("none") && failed > 0) {
            pass = false;
            notes.add("target missed: no failed request expected");
        }
        if (expect.equals("in-flight")) {
            long outside = entries.stream()
                    .filter(e -> e.failed() && !(e.due <= fault && e.end >= fault))
                    .count();
            if (outside > 0) {
                pass = false;
                notes.add("target missed: " + outside + " failed request(s) were not in flight at the kill");
            } else if (failed > 0) {
                notes.add("every failed request was in flight at the kill");
            }
        }
        String maxRecovery = options.get("--max-recovery");
        if (maxRecovery != null && recovery > Double.parseDouble(maxRecovery)) {
            pass = false;
            notes.add("target missed: recovery over " + maxRecovery + " s");
        }
        if (!failedBy.isEmpty()) {
            notes.add("failed: " + failedBy);
        }
        String drillNote = options.getOrDefault("--note", "");
        List<String> all = new ArrayList<>();
        if (!drillNote.isBlank()) {
            all.add(drillNote);
        }
        all.addAll(notes);
        String ledger = problems.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", problems);
        return String.format(
                Locale.ROOT,
                "{\"drill\":%s,\"title\":%s,\"requests\":%d,\"failedRequests\":%d,\"maxLatencyMs\":%d,"
                        + "\"recoverySeconds\":%.1f,\"ledger\":%s,\"pass\":%b,\"note\":%s}",
                quote(phase),
                quote(options.getOrDefault("--title", phase)),
                entries.size(),
                failed,
                maxLatency,
                recovery,
                quote(ledger),
                pass,
                quote(String.join("; ", all)));
    }

    private void ledger(List<Entry> entries, Map<String, String> options, String phase) throws SQLException {
        Set<String> issued = distinct(entries, "issue", "codes issued twice in the ledger");
        Set<String> claimed = distinct(entries, "verify", "code claimed twice");
        Set<String> certified = distinct(entries, "certificate", "token used twice");
        long replayedCodes = count(entries, "replay-code", Entry::ok);
        long replayedTokens = count(entries, "replay-token", Entry::ok);
        if (replayedCodes > 0) {
            problems.add(replayedCodes + " claimed code(s) claimed again");
        }
        if (replayedTokens > 0) {
            problems.add(replayedTokens + " used token(s) used again");
        }
        long wrong = count(entries, "wrong", e -> e.status == 400);
        long issueFailures = count(entries, "issue", Entry::failed);
        long verifyFailures = count(entries, "verify", Entry::failed);
        long certificateFailures = count(entries, "certificate", Entry::failed);
        long wrongFailures = count(entries, "wrong", Entry::failed);

        long realm = Long.parseLong(options.get("--realm"));
        try (Connection db =
                DriverManager.getConnection(options.get("--jdbc"), options.get("--user"), options.get("--password"))) {
            long admin = keyId(db, realm, phase + "-admin");
            long device = keyId(db, realm, phase + "-device");
            Set<String> stored = new HashSet<>();
            Set<String> storedClaimed = new HashSet<>();
            try (PreparedStatement query =
                    db.prepareStatement("SELECT uuid::text, claimed_at IS NOT NULL FROM verification_codes"
                            + " WHERE realm_id = ? AND issuing_api_key_id = ?")) {
                query.setLong(1, realm);
                query.setLong(2, admin);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                        if (rows.getBoolean(2)) {
                            storedClaimed.add(rows.getString(1));
                        }
                    }
                }
            }
            Set<String> missing = new HashSet<>(issued);
            missing.removeAll(stored);
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " code(s) that got a 200 do not exist");
            }
            within("codes stored", stored.size(), issued.size(), issueFailures);
            Set<String> notClaimed = new HashSet<>(claimed);
            notClaimed.removeAll(storedClaimed);
            if (!notClaimed.isEmpty()) {
                problems.add(notClaimed.size() + " code(s) verified with a 200 are not claimed");
            }
            within("codes claimed", storedClaimed.size(), claimed.size(), verifyFailures);
            long[] tokens = longs(
                    db,
                    "SELECT count(*), count(t.used_at) FROM tokens t JOIN verification_codes c"
                            + " ON c.realm_id = t.realm_id AND c.uuid = t.code_uuid"
                            + " WHERE c.realm_id = ? AND c.issuing_api_key_id = ?",
                    realm,
                    admin);
            if (tokens[0] != storedClaimed.size()) {
                problems.add("tokens " + tokens[0] + " != claimed codes " + storedClaimed.size());
            }
            within("tokens used", tokens[1], certified.size(), certificateFailures);
            long[] adminStats = longs(
                    db,
                    "SELECT coalesce(sum(codes_issued), 0), 0 FROM api_key_daily_counters"
                            + " WHERE realm_id = ? AND api_key_id = ?",
                    realm,
                    admin);
            long[] deviceStats = longs(
                    db,
                    "SELECT coalesce(sum(codes_claimed), 0), coalesce(sum(codes_invalid), 0),"
                            + " coalesce(sum(tokens_claimed), 0) FROM api_key_daily_counters"
                            + " WHERE realm_id = ? AND api_key_id = ?",
                    realm,
                    device);
            boolean killed = options.containsKey("--counts-may-be-lost");
            statistic("codes_issued", adminStats[0], stored.size(), 0, false);
            statistic("codes_claimed", deviceStats[0], storedClaimed.size(), 0, killed);
            statistic("codes_invalid", deviceStats[1], wrong, wrongFailures, killed);
            statistic("tokens_claimed", deviceStats[2], tokens[1], 0, killed);
            notes.add(String.format(
                    Locale.ROOT,
                    "ledger: %d issued, %d claimed, %d certificates, %d wrong codes, %d replays refused",
                    issued.size(),
                    claimed.size(),
                    certified.size(),
                    wrong,
                    count(entries, "replay-code", e -> e.status == 400)
                            + count(entries, "replay-token", e -> e.status == 400)));
        }
    }

    /** Rows may exceed the ledger's 200s only by requests that failed after their commit. */
    private void within(String what, long stored, long acknowledged, long failures) {
        if (stored < acknowledged || stored > acknowledged + failures) {
            problems.add(what + " " + stored + " against " + acknowledged + " acknowledged (" + failures
                    + " failed requests)");
        } else if (stored > acknowledged) {
            notes.add(what + ": " + (stored - acknowledged) + " committed by requests that failed afterwards");
        }
    }

    /**
     * The statistics equal the rows. A process killed with {@code kill -9} loses the counts it had not
     * written yet (at most its last second, docs/operations.md#sizing): reported, not failed.
     */
    private void statistic(String name, long counted, long expected, long failures, boolean countsMayBeLost) {
        if (counted >= expected && counted <= expected + failures) {
            return;
        }
        if (countsMayBeLost && counted < expected) {
            notes.add("statistics " + name + " short by " + (expected - counted)
                    + " (the killed process's unwritten last second)");
            return;
        }
        problems.add("statistics " + name + " " + counted + " != " + expected);
    }

    private Set<String> distinct(List<Entry> entries, String operation, String problem) {
        Set<String> ids = new HashSet<>();
        long duplicates = entries.stream()
                .filter(e -> e.operation.equals(operation) && e.ok())
                .filter(e -> !ids.add(e.id))
                .count();
        if (duplicates > 0) {
            problems.add(duplicates + " " + problem);
        }
        return ids;
    }

    private static long count(List<Entry> entries, String operation, Predicate<Entry> test) {
        return entries.stream()
                .filter(e -> e.operation.equals(operation))
                .filter(test)
                .count();
    }

    private static long keyId(Connection db, long realm, String name) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT id FROM api_keys WHERE realm_id = ? AND name = ?")) {
            query.setLong(1, realm);
            query.setString(2, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no API key named " + name);
                }
                return rows.getLong(1);
            }
        }
    }

    private static long[] longs(Connection db, String sql, long realm, long key) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, realm);
            query.setLong(2, key);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long[] values = new long[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getLong(i + 1);
                }
                return values;
            }
        }
    }

    private static List<Entry> read(Path ledger, String phase) throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(ledger)) {
            String[] f = line.split("\t");
            if (f.length == 7 && f[0].equals(phase)) {
                entries.add(new Entry(
                        f[1],
                        Long.parseLong(f[2]),
                        Long.parseLong(f[3]),
                        Integer.parseInt(f[4]),
                        f[5],
                        Integer.parseInt(f[6])));
            }
        }
        return entries;
    }

    private static Map<String, Long> marks(Path window) throws Exception {
        Map<String, Long> marks = new HashMap<>();
        for (String line : Files.readAllLines(window)) {
            String[] f = line.strip().split(" ");
            if (f.length == 2) {
                marks.putIfAbsent(f[0], Long.parseLong(f[1]));
            }
        }
        return marks;
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.append('"').toString();
    }
}
