package dev.idxmig.checks;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.OptionalDouble;

/** A check's speed target for {@code bench}: judged on the median of the timed runs, never on a single run. */
public record BenchTarget(@JsonProperty("max_median_ms") Double maxMedianMs) {

    static final BenchTarget NONE = new BenchTarget(null);

    public OptionalDouble maxMedian() {
        return maxMedianMs == null ? OptionalDouble.empty() : OptionalDouble.of(maxMedianMs);
    }
}
