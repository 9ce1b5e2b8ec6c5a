package dev.idxmig.bench;

import java.util.List;

/**
 * How to run bench.
 *
 * @param runs     timed runs per query (the median needs at least 5 to mean something)
 * @param warmup   untimed runs first, to fill caches and let the driver settle on its statement handling
 * @param only     names of the checks to run; empty for all
 */
public record BenchOptions(int runs, int warmup, List<String> only) {
    public static final int DEFAULT_RUNS = 10;
    public static final int DEFAULT_WARMUP = 2;
    public static final int MIN_RELIABLE_RUNS = 5;

    public BenchOptions {
        only = List.copyOf(only);
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("runs must be at least 1 and warmup at least 0");
        }
    }
}
