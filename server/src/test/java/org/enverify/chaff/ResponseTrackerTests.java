package org.enverify.chaff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.enverify.chaff.ResponseTracker.Profile;
import org.junit.jupiter.api.Test;

class ResponseTrackerTests {

    private final ResponseTracker tracker = new ResponseTracker();

    @Test
    void beforeAnyRealResponseChaffIsVerifySizedAndImmediate() {
        assertThat(tracker.profile()).isEqualTo(new Profile(ResponseTracker.DEFAULT_BODY_BYTES, Duration.ZERO));
    }

    @Test
    void theProfileIsTheAverageOfTheRecordedResponses() {
        tracker.record(1000, Duration.ofMillis(10));
        tracker.record(2000, Duration.ofMillis(30));
        tracker.record(3001, Duration.ofMillis(50));

        assertThat(tracker.profile()).isEqualTo(new Profile(2000, Duration.ofMillis(30)));
    }

    @Test
    void onlyTheLastHundredResponsesCount() {
        for (int i = 0; i < 250; i++) {
            tracker.record(5000, Duration.ofMillis(900));
        }
        for (int i = 0; i < 60; i++) {
            tracker.record(100, Duration.ofMillis(10));
        }
        for (int i = 0; i < 40; i++) {
            tracker.record(300, Duration.ofMillis(20));
        }

        assertThat(ResponseTracker.WINDOW).isEqualTo(100);
        assertThat(tracker.profile()).isEqualTo(new Profile(180, Duration.ofMillis(14)));

        tracker.record(10_100, Duration.ofMillis(110));

        assertThat(tracker.profile())
                .as("the oldest response of 100 bytes and 10 ms made way")
                .isEqualTo(new Profile(280, Duration.ofMillis(15)));
    }

    @Test
    void latencyIsCappedAtOneSecond() {
        tracker.record(2000, Duration.ofSeconds(5));
        tracker.record(2000, Duration.ofSeconds(3));

        assertThat(tracker.profile()).isEqualTo(new Profile(2000, ResponseTracker.MAX_LATENCY));
        assertThat(ResponseTracker.MAX_LATENCY).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAverageJustUnderTheCapIsKept() {
        tracker.record(2000, Duration.ofMillis(1500));
        tracker.record(2000, Duration.ofMillis(498));

        assertThat(tracker.profile().latency()).isEqualTo(Duration.ofMillis(999));
    }
}
