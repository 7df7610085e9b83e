package org.enverify.stats.keyserver;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.signing.CertificateSigners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Pulls each enabled realm's publish statistics from its key server: {@code POST {url}/v1/stats}
 * with a bearer token that the realm's certificate key signs, so the key server knows the realm by
 * the key it already trusts. Each realm's days are stored in one transaction; a realm whose key
 * server fails stores nothing and does not keep the others from being pulled.
 */
@Component
class StatsPuller implements PeriodicTask, AutoCloseable {

    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(StatsPuller.class);
    private static final byte[] REQUEST = "{\"padding\":\"\"}".getBytes(StandardCharsets.US_ASCII);

    private final KeyServerStats stats;
    private final Realms realms;
    private final CertificateSigners signers;
    private final KeyServerSettings settings;
    private final TransactionOperations transactions;
    private final OutboundHttp http;

    StatsPuller(
            KeyServerStats stats,
            Realms realms,
            CertificateSigners signers,
            KeyServerSettings settings,
            TransactionOperations transactions,
            OutboundUrls urls) {
        this.stats = stats;
        this.realms = realms;
        this.signers = signers;
        this.settings = settings;
        this.transactions = transactions;
        this.http = new OutboundHttp(settings.timeout(), settings.maxResponseBytes(), urls);
    }

    @Override
    public String name() {
        return "statspuller";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT1H";
    }

    @Override
    public String run(Instant now) {
        int pulled = 0;
        int days = 0;
        List<String> failures = new ArrayList<>();
        for (KeyServerStatsConfig config : stats.configs()) {
            try {
                days += pull(config, now);
                pulled++;
            } catch (RuntimeException e) {
                log.warn("Pulling key server statistics of realm {} failed: {}", config.realm(), e.getMessage());
                failures.add("realm " + config.realm() + ": " + e.getMessage());
            }
        }
        String summary = "pulled " + days + " days for " + pulled + " realms";
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    summary + "; " + failures.size() + " failed: " + String.join("; ", failures));
        }
        return summary;
    }

    private int pull(KeyServerStatsConfig config, Instant now) {
        Realm realm =
                realms.find(config.realm()).orElseThrow(() -> new IllegalStateException("the realm no longer exists"));
        String base = config.urlOverride() != null ? config.urlOverride() : settings.url();
        if (base.isBlank()) {
            throw new IllegalStateException(
                    "no key server URL: set ENVERIFY_KEY_SERVER_URL or run keyserver enable with --url");
        }
        URI uri = statsUri(base);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(config.audienceOverride() != null ? config.audienceOverride() : settings.statsAudience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build();
        String token = signers.signAsCertificateIssuer(realm, claims);
        OutboundHttp.Response response = http.post(
                uri,
                Map.of(
                        "Authorization", "Bearer " + token,
                        "Content-Type", "application/json",
                        "Accept", "application/json",
                        "User-Agent", "enverify-stats-puller"),
                REQUEST);
        if (!response.ok()) {
            throw new OutboundHttpException("POST " + OutboundHttp.describe(uri) + ": the key server answered "
                    + response.status() + refusal(response.body()));
        }
        List<KeyServerStatsDay> days;
        try {
            days = StatsAnswers.read(response.body());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("POST " + OutboundHttp.describe(uri) + ": " + e.getMessage());
        }
        transactions.executeWithoutResult(status -> stats.save(config.realm(), days, now));
        return days.size();
    }

    /** What the key server said when it refused, if it said so in its JSON error. */
    private static String refusal(byte[] body) {
        try {
            StatsAnswers.read(body);
            return "";
        } catch (StatsAnswers.KeyServerRefused e) {
            return " (" + e.getMessage() + ")";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** {@code {base}/v1/stats}; anything from {@code /v1} on in the base is dropped, as key server clients do. */
    static URI statsUri(String base) {
        URI uri = URI.create(base.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int v1 = path.indexOf("/v1");
        if (v1 >= 0) {
            path = path.substring(0, v1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "/v1/stats");
    }

    @Override
    public void close() {
        http.close();
    }
}
