package org.enverify.stats.api;

import java.time.Clock;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.JsonApi;
import org.enverify.stats.Statistics;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stats API for a realm's STATS key: its daily counts, one API key's, and its external
 * issuers', each as JSON or as a CSV attachment. Answers may be up to the cache lifetime old.
 */
@RestController
@JsonApi
class StatsApiController {

    private final Statistics statistics;
    private final Clock clock;

    StatsApiController(Statistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/api/stats/realm.json")
    ResponseEntity<StatsJson.RealmStats> realmJson(@RequireApiKey(ApiKeyType.STATS) ApiCaller caller) {
        return json(StatsJson.realm(caller.realm(), statistics.realm(caller.realm())));
    }

    @GetMapping("/api/stats/realm.csv")
    ResponseEntity<String> realmCsv(@RequireApiKey(ApiKeyType.STATS) ApiCaller caller) {
        return StatsCsv.realm(statistics.realm(caller.realm()), clock.instant());
    }

    @GetMapping("/api/stats/realm/api-keys/{id}.json")
    ResponseEntity<StatsJson.ApiKeyStats> apiKeyJson(
            @RequireApiKey(ApiKeyType.STATS) ApiCaller caller, @PathVariable String id) {
        return json(StatsJson.apiKey(apiKey(caller, id)));
    }

    @GetMapping("/api/stats/realm/api-keys/{id}.csv")
    ResponseEntity<String> apiKeyCsv(@RequireApiKey(ApiKeyType.STATS) ApiCaller caller, @PathVariable String id) {
        return StatsCsv.apiKey(apiKey(caller, id), clock.instant());
    }

    @GetMapping("/api/stats/realm/external-issuers.json")
    ResponseEntity<StatsJson.ExternalIssuerStats> externalIssuersJson(
            @RequireApiKey(ApiKeyType.STATS) ApiCaller caller) {
        return json(StatsJson.externalIssuers(caller.realm(), statistics.externalIssuers(caller.realm())));
    }

    @GetMapping("/api/stats/realm/external-issuers.csv")
    ResponseEntity<String> externalIssuersCsv(@RequireApiKey(ApiKeyType.STATS) ApiCaller caller) {
        return StatsCsv.externalIssuers(caller.realm(), statistics.externalIssuers(caller.realm()), clock.instant());
    }

    /**
     * An id that is not a key of the caller's realm (unknown, another realm's, not a number) is 401
     * {@code unauthorized}, as upstream answers: the caller cannot tell which it was.
     */
    private Statistics.ApiKeyStats apiKey(ApiCaller caller, String id) {
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.unauthorized();
        }
        return statistics.apiKey(caller.realm(), Long.parseLong(id)).orElseThrow(ApiException::unauthorized);
    }

    /** The type is set, so a client's {@code Accept} header cannot turn the answer into a 406. */
    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
