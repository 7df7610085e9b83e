package org.enverify.chaff;

import java.time.Duration;

/**
 * What the last {@value #WINDOW} real responses of one endpoint looked like: their average body size
 * and latency, which chaff imitates. Before the first real response it suggests a body the size of
 * a successful verify and no delay.
 */
final class ResponseTracker {

    static final int WINDOW = 100;

    /** Chaff never waits longer than this, however slow real responses were. */
    static final Duration MAX_LATENCY = Duration.ofSeconds(1);

    /** What a verify success weighs on average: a token of about 530 characters and 2,048 of padding. */
    static final long DEFAULT_BODY_BYTES = 2_610;

    /** The size and latency a chaff response should have. */
    record Profile(long bodyBytes, Duration latency) {}

    private final long[] bodyBytes = new long[WINDOW];
    private final long[] latencyNanos = new long[WINDOW];
    private int count;
    private int next;
    private long bodyBytesSum;
    private long latencyNanosSum;

    synchronized void record(long bytes, Duration latency) {
        long nanos = latency.toNanos();
        if (count == WINDOW) {
            bodyBytesSum -= bodyBytes[next];
            latencyNanosSum -= latencyNanos[next];
        } else {
            count++;
        }
        bodyBytes[next] = bytes;
        latencyNanos[next] = nanos;
        bodyBytesSum += bytes;
        latencyNanosSum += nanos;
        next = (next + 1) % WINDOW;
    }

    synchronized Profile profile() {
        if (count == 0) {
            return new Profile(DEFAULT_BODY_BYTES, Duration.ZERO);
        }
        Duration latency = Duration.ofNanos(Math.round((double) latencyNanosSum / count));
        return new Profile(
                Math.round((double) bodyBytesSum / count), latency.compareTo(MAX_LATENCY) > 0 ? MAX_LATENCY : latency);
    }
}
