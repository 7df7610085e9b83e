package org.enverify.stats.api;

import java.time.Clock;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.enverify.stats.Statistics;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The statistics files, JSON or CSV, that the stats API and the statistics page's downloads both
 * serve; each caller authenticates and resolves the realm its own way first.
 */
@Component
class StatsFiles {

    /** The path pattern of a format: {@code json} or {@code csv}. */
    static final String FORMAT = "{format:json|csv}";

    /** The path pattern of the realm-wide families under {@code …/realm/}. */
    static final String FAMILY = "{family:users|external-issuers|sms-errors|key-server|composite}";

    /** An id as users and API keys have them; anything else names nothing. */
    private static final String ID = "[1-9][0-9]{0,17}";

    private final Statistics statistics;
    private final Clock clock;

    StatsFiles(Statistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    ResponseEntity<?> realm(RealmId realm, String format) {
        return isCsv(format)
                ? StatsCsv.realm(statistics.realm(realm), clock.instant())
                : json(StatsJson.realm(realm, statistics.realm(realm)));
    }

    /** @param family one that {@link #FAMILY} admits */
    ResponseEntity<?> family(RealmId realm, String family, String format) {
        boolean csv = isCsv(format);
        return switch (family) {
            case "users" -> {
                var days = statistics.users(realm);
                yield csv ? StatsCsv.users(realm, days, clock.instant()) : json(StatsJson.users(realm, days));
            }
            case "external-issuers" -> {
                var days = statistics.externalIssuers(realm);
                yield csv
                        ? StatsCsv.externalIssuers(realm, days, clock.instant())
                        : json(StatsJson.externalIssuers(realm, days));
            }
            case "sms-errors" -> {
                var days = statistics.smsErrors(realm);
                yield csv ? StatsCsv.smsErrors(realm, days, clock.instant()) : json(StatsJson.smsErrors(realm, days));
            }
            case "key-server" -> {
                var days = statistics.keyServer(realm);
                yield csv ? StatsCsv.keyServer(days, clock.instant()) : json(StatsJson.keyServer(days));
            }
            case "composite" -> {
                var composite = statistics.composite(realm);
                yield csv
                        ? StatsCsv.composite(composite, clock.instant())
                        : json(StatsJson.composite(realm, composite));
            }
            default -> throw new IllegalArgumentException("not a statistics family: " + family);
        };
    }

    /** Empty when the id is not a key of the realm. */
    Optional<ResponseEntity<?>> apiKey(RealmId realm, String id, String format) {
        return parseId(id)
                .flatMap(keyId -> statistics.apiKey(realm, keyId))
                .map(stats -> isCsv(format) ? StatsCsv.apiKey(stats, clock.instant()) : json(StatsJson.apiKey(stats)));
    }

    /** Empty when the id is not a member of the realm. */
    Optional<ResponseEntity<?>> user(RealmId realm, String id, String format) {
        return parseId(id)
                .flatMap(userId -> statistics.user(realm, userId))
                .map(stats -> isCsv(format)
                        ? StatsCsv.user(realm, stats, clock.instant())
                        : json(StatsJson.user(realm, stats)));
    }

    static Optional<Long> parseId(String id) {
        return id.matches(ID) ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    private static boolean isCsv(String format) {
        return format.equals("csv");
    }

    /** The type is set, so a client's {@code Accept} header cannot turn the answer into a 406. */
    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
