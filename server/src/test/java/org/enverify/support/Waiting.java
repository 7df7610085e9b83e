package org.enverify.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what another process or thread does (a replica, a failover, a shutdown), never for an
 * expiry: that is {@link MutableClock}'s. The condition is polled in the test's own thread.
 */
public final class Waiting {

    private static final Duration POLL = Duration.ofMillis(50);

    private Waiting() {}

    /** Returns once the condition holds; fails naming {@code what} when it still does not after {@code atMost}. */
    public static void until(String what, Duration atMost, BooleanSupplier condition) {
        await(what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .pollInSameThread()
                .until(condition::getAsBoolean);
    }

    /** The first value {@code read} gives that passes {@code done}; fails naming {@code what} after {@code atMost}. */
    public static <T> T until(String what, Duration atMost, Supplier<T> read, Predicate<? super T> done) {
        return await(what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .pollInSameThread()
                .until(read::get, done::test);
    }
}
