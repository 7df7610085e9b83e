package org.enverify.abuse;

import java.util.List;

/** The arithmetic of the modeler, kept apart so it can be checked against numbers worked out by hand. */
final class Trends {

    private Trends() {}

    /**
     * Fits {@code y = a + b·x} by least squares to {@code y[x]} for {@code x = 0..n-1} and returns
     * the line's value at {@code x = n}, the day after the series.
     */
    static double predictNext(long[] y) {
        int n = y.length;
        if (n < 2) {
            throw new IllegalArgumentException("a trend needs at least two days");
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (long value : y) {
            meanY += value;
        }
        meanY /= n;
        double covariance = 0;
        double varianceX = 0;
        for (int x = 0; x < n; x++) {
            covariance += (x - meanX) * (y[x] - meanY);
            varianceX += (x - meanX) * (x - meanX);
        }
        double slope = covariance / varianceX;
        double intercept = meanY - slope * meanX;
        return intercept + slope * n;
    }

    /** The prediction as a whole daily limit: rounded, never under {@code min} nor over {@code max}. */
    static int limit(double prediction, int min, int max) {
        long rounded = Math.round(Math.max(0, prediction));
        return (int) Math.min(max, Math.max(min, rounded));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Population standard deviation: the days seen are all the days there are. */
    static double stddev(List<Double> values) {
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.size());
    }

    /** Anomalous when the latest ratio is under the mean by more than {@code allowedStdevs} deviations. */
    static boolean anomalous(double last, double mean, double stddev, double allowedStdevs) {
        return last < mean && mean - last > stddev * allowedStdevs;
    }
}
