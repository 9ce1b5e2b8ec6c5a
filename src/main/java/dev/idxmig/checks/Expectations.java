package dev.idxmig.checks;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a check's plan must show. Every expectation is optional; a check without any only shows its plan.
 *
 * @param usesIndex       indexes that must all appear in the plan
 * @param notUsesIndex    indexes that must not appear (e.g. a partial index with a generic plan)
 * @param usesAnyIndexOn  tables that must each be read through some index
 * @param noFullScan      tables that must not be scanned sequentially
 * @param maxCost         the planner's total cost of the plan must stay at or under this
 * @param maxRowsExamined rows read from tables, from {@code EXPLAIN ANALYZE} (runs the query; PostgreSQL)
 */
public record Expectations(
        @JsonProperty("uses_index") List<String> usesIndex,
        @JsonProperty("not_uses_index") List<String> notUsesIndex,
        @JsonProperty("uses_any_index_on") List<String> usesAnyIndexOn,
        @JsonProperty("no_full_scan") List<String> noFullScan,
        @JsonProperty("max_cost") Double maxCost,
        @JsonProperty("max_rows_examined") Long maxRowsExamined) {

    static final Expectations NONE = new Expectations(null, null, null, null, null, null);

    public Expectations {
        usesIndex = usesIndex == null ? List.of() : List.copyOf(usesIndex);
        notUsesIndex = notUsesIndex == null ? List.of() : List.copyOf(notUsesIndex);
        usesAnyIndexOn = usesAnyIndexOn == null ? List.of() : List.copyOf(usesAnyIndexOn);
        noFullScan = noFullScan == null ? List.of() : List.copyOf(noFullScan);
    }

    public OptionalDouble maxCostLimit() {
        return maxCost == null ? OptionalDouble.empty() : OptionalDouble.of(maxCost);
    }

    public OptionalLong maxRowsExaminedLimit() {
        return maxRowsExamined == null ? OptionalLong.empty() : OptionalLong.of(maxRowsExamined);
    }

    /** Whether the check needs {@code EXPLAIN ANALYZE}, which runs the query. */
    public boolean needsAnalyze() {
        return maxRowsExamined != null;
    }

    /** Whether any expectation is about which access path the planner takes (the part chosen/usable judge). */
    public boolean aboutAccessPaths() {
        return !usesIndex.isEmpty() || !notUsesIndex.isEmpty() || !usesAnyIndexOn.isEmpty() || !noFullScan.isEmpty();
    }

    public Optional<String> firstIndex() {
        return usesIndex.stream().findFirst();
    }
}
