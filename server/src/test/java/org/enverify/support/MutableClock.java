package org.enverify.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that follows real time, shifted by whatever a test added, or stands still once frozen;
 * {@link #reset()} undoes both.
 */
public class MutableClock extends Clock {

    /** {@code frozen} is null while the clock runs; one volatile value, so a reader never sees half a change. */
    private record State(Instant frozen, Duration offset) {}

    private static final State RUNNING = new State(null, Duration.ZERO);

    private volatile State state = RUNNING;

    public synchronized void advance(Duration duration) {
        state = new State(state.frozen(), state.offset().plus(duration));
    }

    /**
     * Stops the clock, so a test knows every instant the server sees; {@link #advance} still moves it.
     * It stops on a whole millisecond, which PostgreSQL (microseconds) stores without rounding.
     */
    public synchronized void freeze() {
        state = new State(instant().truncatedTo(ChronoUnit.MILLIS), Duration.ZERO);
    }

    public synchronized void reset() {
        state = RUNNING;
    }

    @Override
    public Instant instant() {
        State current = state;
        return (current.frozen() == null ? Clock.systemUTC().instant() : current.frozen()).plus(current.offset());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Enverify works in UTC");
    }
}
