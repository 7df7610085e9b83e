package org.enverify.abuse.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.enverify.account.SignInThrottle;
import org.enverify.platform.api.ApiError;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.web.ErrorPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admits or refuses a request by its bucket, and says so in the {@code X-RateLimit-*} headers of
 * every limited response; a refused request gets 429 with {@code Retry-After} and the contract's
 * {@code rate_limited} error (a page the browser asked for gets an HTML page instead, see {@link WebUiLimit}).
 */
public class RateLimiter implements SignInThrottle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Surface, Limit> limits;
    private final Buckets buckets;
    private final Clock clock;
    private final Map<Surface, Counter> limited = new EnumMap<>(Surface.class);

    RateLimiter(Map<Surface, Limit> limits, Buckets buckets, Clock clock, MeterRegistry meters) {
        this.limits = limits;
        this.buckets = buckets;
        this.clock = clock;
        for (Surface surface : Surface.values()) {
            limited.put(
                    surface,
                    Counter.builder("enverify.ratelimit.limited")
                            .description("Requests refused with 429 because their bucket was empty")
                            .tag("surface", surface.label())
                            .register(meters));
        }
    }

    /**
     * Takes a token for a signed-in user of the web UI ({@code ENVERIFY_RATE_LIMIT_UI}).
     *
     * @return empty when the request may go on, else the seconds until a token is back (the 429's status and
     *     headers are set; its body is the caller's to write)
     */
    OptionalLong takeForUser(long userId, HttpServletResponse response) {
        return take(Surface.UI, "ratelimit:{user:" + userId + "}:" + Surface.UI.label(), response);
    }

    /**
     * Takes a sign-in attempt from the bucket of the account at this client address and from the address's
     * ({@code ENVERIFY_RATE_LIMIT_SIGN_IN}, {@code ENVERIFY_RATE_LIMIT_SIGN_IN_ADDRESS}).
     *
     * @param accountKey a digest of the account name, never the name itself (bucket keys reach Redis)
     * @return empty when the attempt may go on, else how long until one would be admitted
     */
    @Override
    public Optional<Duration> admitSignIn(String accountKey, String address) {
        ConsumptionProbe byAddress = buckets.take(Surface.SIGN_IN_ADDRESS, "ratelimit:sign-in:address:" + address);
        ConsumptionProbe byAccount =
                buckets.take(Surface.SIGN_IN, "ratelimit:sign-in:account:" + accountKey + ":address:" + address);
        long waitNanos = Math.max(
                byAddress.isConsumed() ? 0 : byAddress.getNanosToWaitForRefill(),
                byAccount.isConsumed() ? 0 : byAccount.getNanosToWaitForRefill());
        return delay(waitNanos);
    }

    /** Takes a password reset request from the client address's bucket ({@code ENVERIFY_RATE_LIMIT_SIGN_IN_ADDRESS}). */
    @Override
    public Optional<Duration> admitResetRequest(String address) {
        ConsumptionProbe byAddress = buckets.take(Surface.SIGN_IN_ADDRESS, "ratelimit:sign-in:address:" + address);
        return delay(byAddress.isConsumed() ? 0 : byAddress.getNanosToWaitForRefill());
    }

    @Override
    public Optional<Duration> accountHeldBack(long userId) {
        return delay(
                buckets.untilToken(Surface.SIGN_IN_ACCOUNT, accountKey(userId)).toNanos());
    }

    @Override
    public boolean wrongPassword(long userId) {
        ConsumptionProbe failure = buckets.take(Surface.SIGN_IN_ACCOUNT, accountKey(userId));
        boolean heldBack = !failure.isConsumed() || failure.getRemainingTokens() == 0;
        return heldBack
                && buckets.take(Surface.SIGN_IN_NOTICE, "ratelimit:{user:" + userId + "}:sign-in-notice")
                        .isConsumed();
    }

    private static String accountKey(long userId) {
        return "ratelimit:{user:" + userId + "}:" + Surface.SIGN_IN_ACCOUNT.label();
    }

    private static Optional<Duration> delay(long waitNanos) {
        return waitNanos == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(1, ceilSeconds(waitNanos))));
    }

    /** Takes a token, or refuses with the contract's JSON {@code rate_limited} error: an API's answer. */
    boolean admit(Surface surface, String key, HttpServletResponse response) throws IOException {
        OptionalLong retryAfter = take(surface, key, response);
        if (retryAfter.isEmpty()) {
            return true;
        }
        refuseAsJson(retryAfter.getAsLong(), response);
        return false;
    }

    /**
     * Takes a token and says so in the {@code X-RateLimit-*} headers; without one, sets 429 and {@code Retry-After}.
     *
     * @return empty when the request may go on, else the seconds until a token is back
     */
    OptionalLong take(Surface surface, String key, HttpServletResponse response) {
        Limit limit = limits.get(surface);
        ConsumptionProbe probe = buckets.take(surface, key);
        Instant now = clock.instant();
        response.setHeader("X-RateLimit-Limit", Long.toString(limit.tokens()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader(
                "X-RateLimit-Reset",
                HttpDates.format(wholeSecondAtOrAfter(now.plusNanos(probe.getNanosToWaitForReset()))));
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        limited.get(surface).increment();
        long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        return OptionalLong.of(retryAfter);
    }

    /** A refusal for a person in a browser: the error page in their language, saying how long to wait. */
    static void refuseAsPage(long retryAfter, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ErrorPage.sendWithRetryAfter(HttpStatus.TOO_MANY_REQUESTS, retryAfter, request, response);
    }

    /** The body of a refusal for a client that reads JSON. */
    static void refuseAsJson(long retryAfter, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(
                response.getOutputStream(),
                new ApiError(
                        "too many requests; retry in " + retryAfter + (retryAfter == 1 ? " second" : " seconds"),
                        ErrorCode.RATE_LIMITED));
    }

    private static Instant wholeSecondAtOrAfter(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
        return truncated.equals(instant) ? instant : truncated.plusSeconds(1);
    }

    private static long ceilSeconds(long nanos) {
        return Math.ceilDiv(nanos, 1_000_000_000L);
    }
}
