package org.enverify.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendsTests {

    /**
     * Worked by hand: n = 14, x = 0..13, x̄ = 6.5, Σy = 258, ȳ = 258/14 = 18.428571,
     * Sxx = Σ(x−x̄)² = 227.5, Sxy = Σ(x−x̄)(y−ȳ) = 296, slope b = 296/227.5 = 1.301099,
     * intercept a = ȳ − b·x̄ = 9.971429, and the next day ŷ(14) = a + 14b = 28.186813.
     */
    @Test
    void fitsALineByLeastSquaresAndPredictsTheNextDay() {
        long[] issued = {10, 12, 11, 15, 14, 18, 17, 20, 19, 23, 22, 25, 24, 28};
        assertThat(Trends.predictNext(issued)).isCloseTo(28.186813, within(1e-6));
        assertThat(Trends.limit(Trends.predictNext(issued), 10, 20_000)).isEqualTo(28);
    }

    @Test
    void aFlatSeriesPredictsItsLevelAndAStraightLineItsNextPoint() {
        assertThat(Trends.predictNext(new long[] {7, 7, 7, 7})).isCloseTo(7, within(1e-9));
        assertThat(Trends.predictNext(new long[] {100, 90, 80, 70})).isCloseTo(60, within(1e-9));
    }

    @Test
    void theLimitIsRoundedAndClamped() {
        assertThat(Trends.limit(-40.2, 10, 20_000)).isEqualTo(10);
        assertThat(Trends.limit(9.4, 10, 20_000)).isEqualTo(10);
        assertThat(Trends.limit(123.5, 10, 20_000)).isEqualTo(124);
        assertThat(Trends.limit(1e9, 10, 20_000)).isEqualTo(20_000);
    }

    @Test
    void anAnomalyIsAFallOfMoreThanTheAllowedDeviationsUnderTheMean() {
        List<Double> before = List.of(0.9, 0.8, 0.9, 0.8);
        assertThat(Trends.mean(before)).isCloseTo(0.85, within(1e-12));
        assertThat(Trends.stddev(before)).isCloseTo(0.05, within(1e-12));
        assertThat(Trends.anomalous(0.70, 0.85, 0.05, 2.0)).isTrue();
        assertThat(Trends.anomalous(0.76, 0.85, 0.05, 2.0)).isFalse();
        assertThat(Trends.anomalous(0.95, 0.85, 0.05, 2.0))
                .as("a rise is never an anomaly")
                .isFalse();
    }
}
