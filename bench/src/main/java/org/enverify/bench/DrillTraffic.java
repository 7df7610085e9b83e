package org.enverify.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failure drills' load (deploy/drills/run.sh): the open loop of the bench's A9 (each request due
 * at its time whatever happened before, on a virtual thread of its own, latency from when it was due),
 * with a mix weighted toward writes so that every drill's window holds enough of them, running until
 * the phase file says {@code done}. Every answer goes into a ledger, one tab-separated line each:
 *
 * <pre>phase  operation  due-ms  end-ms  status  id  expected-status</pre>
 *
 * where id is the code's UUID (issue, verify and the replay of a claimed code) or the SHA-256 of the
 * token (certificate and its replay), never the code or the token. The phase file names the current
 * phase; its ADMIN and DEVICE keys are the two lines of {@code <keys>/<phase>}, so that each drill's
 * rows and per-key statistics can be told apart by key ({@link DrillLedger} checks them).
 */
public final class DrillTraffic {

    private static final Pattern UUID = Pattern.compile("\"uuid\"\\s*:\\s*\"([^\"]+)\"");

    /** Per 20 requests: 3 issue, 3 verify, 2 certificates, 1 wrong code, 1 replay each, stats, a UI sign-in and page, chaff. */
    private static final List<String> MIX = List.of(
            "issue",
            "verify",
            "chaff",
            "certificate",
            "chaff",
            "wrong",
            "issue",
            "verify",
            "chaff",
            "stats",
            "issue",
            "verify",
            "chaff",
            "certificate",
            "ui",
            "chaff",
            "replay-code",
            "chaff",
            "replay-token",
            "chaff");

    private record Keys(String admin, String device) {}

    private record Issued(String code, String uuid) {}

    /** What one phase has issued and claimed, for its later verifies, certificates and replays. */
    private static final class Pools {
        final ConcurrentLinkedQueue<Issued> codes = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Issued> claimed = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> used = new ConcurrentLinkedQueue<>();
    }

    private record Answer(int status, String id) {}

    private final URI base;
    private final Path keysDir;
    private final String statsKey;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Keys> keys = new ConcurrentHashMap<>();
    private final Map<String, Pools> pools = new ConcurrentHashMap<>();
    private final BufferedWriter ledger;
    private final DrillSignIn person;

    private DrillTraffic(URI base, Path keysDir, Path ledger) throws IOException {
        this.base = base;
        this.keysDir = keysDir;
        List<String> uiAccount = Files.readAllLines(keysDir.resolve("ui"));
        this.person = new DrillSignIn(
                client, base, uiAccount.get(0).strip(), uiAccount.get(1).strip());
        this.statsKey = Files.readString(keysDir.resolve("stats")).strip();
        this.ledger = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        DrillTraffic traffic = new DrillTraffic(
                URI.create(options.get("--url")), Path.of(options.get("--keys")), Path.of(options.get("--ledger")));
        traffic.person.chooseOwnPassword();
        traffic.run(Integer.parseInt(options.get("--rate")), Path.of(options.get("--phase-file")));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private void run(int perSecond, Path phaseFile) throws Exception {
        long interval = 1_000_000_000L / perSecond;
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        String phase = Files.readString(phaseFile).strip();
        long phaseReadAt = startNanos;
        Thread flusher = Thread.ofPlatform().daemon().start(this::flushEverySecond);
        for (long i = 0; ; i++) {
            long due = startNanos + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (System.nanoTime() - phaseReadAt > 200_000_000L) {
                phase = Files.readString(phaseFile).strip();
                phaseReadAt = System.nanoTime();
            }
            if (phase.equals("done")) {
                break;
            }
            String operation = MIX.get((int) (i % MIX.size()));
            String currentPhase = phase;
            long dueMillis = startMillis + (due - startNanos) / 1_000_000;
            Thread.ofVirtual().start(() -> request(currentPhase, operation, dueMillis));
        }
        Thread.sleep(Duration.ofSeconds(35));
        flusher.interrupt();
        synchronized (ledger) {
            ledger.close();
        }
    }

    private void flushEverySecond() {
        try {
            while (true) {
                Thread.sleep(1000);
                synchronized (ledger) {
                    ledger.flush();
                }
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void request(String phase, String operation, long dueMillis) {
        Pools pool = pools.computeIfAbsent(phase, p -> new Pools());
        String op = operation;
        int expected = op.equals("wrong") || op.startsWith("replay") ? 400 : 200;
        Answer answer;
        try {
            Keys key = keys.computeIfAbsent(phase, this::readKeys);
            answer = switch (op) {
                case "issue" -> issue(key, pool);
                case "verify" -> verify(key, pool);
                case "certificate" -> certify(key, pool);
                case "wrong" -> wrongCode(key);
                case "replay-code" -> replayCode(key, pool);
                case "replay-token" -> replayToken(key, pool);
                case "stats" -> get("/api/stats/realm.json", statsKey);
                case "ui" -> new Answer(person.signInAndOpen("/admin/realms"), null);
                default -> chaff(key);
            };
        } catch (Exception e) {
            answer = new Answer(-1, e.getClass().getSimpleName());
        }
        if (answer == null) {
            // nothing to verify or spend yet in this phase: chaff in its place
            op = "chaff";
            expected = 200;
            try {
                answer = chaff(keys.get(phase));
            } catch (Exception e) {
                answer = new Answer(-1, e.getClass().getSimpleName());
            }
        }
        String line = String.join(
                        "\t",
                        phase,
                        op,
                        Long.toString(dueMillis),
                        Long.toString(System.currentTimeMillis()),
                        Integer.toString(answer.status()),
                        answer.id() == null ? "-" : answer.id(),
                        Integer.toString(expected))
                + "\n";
        synchronized (ledger) {
            try {
                ledger.write(line);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the ledger", e);
            }
        }
    }

    private Keys readKeys(String phase) {
        try {
            List<String> lines = Files.readAllLines(keysDir.resolve(phase));
            return new Keys(lines.get(0).strip(), lines.get(1).strip());
        } catch (IOException e) {
            throw new IllegalStateException("no keys for phase " + phase, e);
        }
    }

    private Answer issue(Keys key, Pools pool) throws Exception {
        HttpResponse<String> response = send(json("/api/issue", key.admin(), "{\"testType\":\"confirmed\"}"));
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), null);
        }
        Issued issued = new Issued(field(Bench.CODE, response.body()), field(UUID, response.body()));
        pool.codes.add(issued);
        return new Answer(200, issued.uuid());
    }

    private Answer verify(Keys key, Pools pool) throws Exception {
        Issued issued = pool.codes.poll();
        if (issued == null) {
            return null;
        }
        HttpResponse<String> response = send(json("/api/verify", key.device(), "{\"code\":\"" + issued.code() + "\"}"));
        if (response.statusCode() == 200) {
            pool.tokens.add(field(Bench.TOKEN, response.body()));
            pool.claimed.add(issued);
        }
        return new Answer(response.statusCode(), issued.uuid());
    }

    private Answer certify(Keys key, Pools pool) throws Exception {
        String token = pool.tokens.poll();
        if (token == null) {
            return null;
        }
        Answer answer = certificate(key, token);
        if (answer.status() == 200) {
            pool.used.add(token);
        }
        return answer;
    }

    private Answer certificate(Keys key, String token) throws Exception {
        String hmac = Base64.getEncoder().encodeToString(Baselines.random(32));
        HttpResponse<String> response = send(
                json("/api/certificate", key.device(), "{\"token\":\"" + token + "\",\"ekeyhmac\":\"" + hmac + "\"}"));
        return new Answer(response.statusCode(), sha256(token));
    }

    /** A code that was claimed already: must be refused, or the code was claimed twice. */
    private Answer replayCode(Keys key, Pools pool) throws Exception {
        Issued issued = pool.claimed.poll();
        if (issued == null) {
            return null;
        }
        HttpResponse<String> response = send(json("/api/verify", key.device(), "{\"code\":\"" + issued.code() + "\"}"));
        return new Answer(response.statusCode(), issued.uuid());
    }

    /** A token that was spent already: must be refused, or the token was used twice. */
    private Answer replayToken(Keys key, Pools pool) throws Exception {
        String token = pool.used.poll();
        return token == null ? null : certificate(key, token);
    }

    private Answer chaff(Keys key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/verify"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", key.device())
                .header("X-Chaff", "1")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"12345678\"}", StandardCharsets.UTF_8))
                .build();
        return new Answer(send(request).statusCode(), null);
    }

    /** A code that was never issued: refused with 400 and counted as invalid. */
    private Answer wrongCode(Keys key) throws Exception {
        return new Answer(
                send(json("/api/verify", key.device(), "{\"code\":\"" + digits(16) + "\"}"))
                        .statusCode(),
                null);
    }

    private Answer get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return new Answer(send(request.build()).statusCode(), null);
    }

    private HttpRequest json(String path, String key, String body) {
        return Bench.json(base.resolve(path), key, body);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String field(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("answer without " + pattern.pattern());
        }
        return matcher.group(1);
    }

    /** Sixteen digits: the realm's short codes have eight, so no issued code can match. */
    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (byte b : Baselines.random(count)) {
            digits.append(Math.floorMod(b, 10));
        }
        return digits.toString();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
