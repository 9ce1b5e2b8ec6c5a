package dev.idxmig.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Summary of timed runs, in milliseconds. The median is the middle run (the mean of the two middle ones for an
 * even count); p95 is the nearest-rank 95th percentile (the smallest run with at least 95% of runs at or under
 * it). With fewer than 20 runs p95 is therefore the maximum: said, not hidden.
 */
public record TimingStats(int runs, double minMs, double medianMs, double p95Ms, double maxMs) {

    /** Spread is wide when the slowest run took more than three times the median. */
    public static final double NOISY_FACTOR = 3.0;

    public static TimingStats of(List<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.95 * n);
        return new TimingStats(n, sorted.get(0), median, sorted.get(Math.max(rank, 1) - 1), sorted.get(n - 1));
    }

    public boolean noisy() {
        return maxMs > NOISY_FACTOR * medianMs;
    }
}
