package org.enverify.stats.api;

import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonApi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stats API for a realm's STATS key: the realm's statistics families, each as JSON or as a CSV
 * attachment. Answers may be up to the cache lifetime old.
 */
@RestController
@JsonApi
class StatsApiController {

    private final StatsFiles files;

    StatsApiController(StatsFiles files) {
        this.files = files;
    }

    @GetMapping("/api/stats/realm." + StatsFiles.FORMAT)
    ResponseEntity<?> realm(@RequireApiKey(ApiKeyType.STATS) ApiCaller caller, @PathVariable String format) {
        return files.realm(caller.realm(), format);
    }

    @GetMapping("/api/stats/realm/" + StatsFiles.FAMILY + "." + StatsFiles.FORMAT)
    ResponseEntity<?> family(
            @RequireApiKey(ApiKeyType.STATS) ApiCaller caller,
            @PathVariable String family,
            @PathVariable String format) {
        return files.family(caller.realm(), family, format);
    }

    /**
     * An id that is not a key of the caller's realm (unknown, another realm's, not a number) is 401
     * {@code unauthorized}, as upstream answers: the caller cannot tell which it was.
     */
    @GetMapping("/api/stats/realm/api-keys/{id}." + StatsFiles.FORMAT)
    ResponseEntity<?> apiKey(
            @RequireApiKey(ApiKeyType.STATS) ApiCaller caller, @PathVariable String id, @PathVariable String format) {
        return files.apiKey(caller.realm(), id, format).orElseThrow(ApiException::unauthorized);
    }

    /** An id that is not a member of the caller's realm (unknown, another realm's, not a number) is 404. */
    @GetMapping("/api/stats/realm/users/{id}." + StatsFiles.FORMAT)
    ResponseEntity<?> user(
            @RequireApiKey(ApiKeyType.STATS) ApiCaller caller, @PathVariable String id, @PathVariable String format) {
        return files.user(caller.realm(), id, format)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "the realm has no user with this id"));
    }
}
