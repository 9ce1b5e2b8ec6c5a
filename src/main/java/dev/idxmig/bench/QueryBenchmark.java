package dev.idxmig.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What bench measured for one query. Everything present was measured in this run; what could not be measured
 * (SQLite reports no rows examined) is empty, never zero or estimated.
 *
 * @param status        {@code measured}, {@code skipped} (not for this database), {@code refused} (would write),
 *                      {@code failed} (the SQL failed; see {@code error})
 * @param rowsReturned  rows the query returned, all fetched
 * @param rowsExamined  rows read from tables, from one EXPLAIN (ANALYZE, BUFFERS) after the timed runs
 * @param serverMs      the server's execution time of that analyzed run
 * @param vmSteps       bytecode instructions SQLite executed for one run with every row fetched: its measure of
 *                      work, the counterpart of rows examined (which SQLite does not report)
 * @param plan          the plan's table-access lines (index and full-scan nodes marked)
 * @param genericPlan   timed and explained with a prepared statement's generic plan (the check's generic_plan),
 *                      else with a plan for the bound values
 */
public record QueryBenchmark(
        String name,
        String status,
        Optional<String> error,
        Optional<TimingStats> timing,
        OptionalLong rowsReturned,
        OptionalLong rowsExamined,
        OptionalLong buffersHit,
        OptionalLong buffersRead,
        OptionalDouble serverMs,
        OptionalLong vmSteps,
        List<String> indexes,
        List<String> plan,
        boolean genericPlan,
        List<TableContext> tables,
        OptionalDouble maxMedianMs) {

    public QueryBenchmark {
        indexes = List.copyOf(indexes);
        plan = List.copyOf(plan);
        tables = List.copyOf(tables);
    }

    public boolean measured() {
        return timing.isPresent();
    }

    /** How much work the query did, in the unit its database reports: rows examined, else VM steps. */
    public OptionalLong work() {
        return rowsExamined.isPresent() ? rowsExamined : vmSteps;
    }

    /** A table the query reads, with what makes the timing comparable. */
    public record TableContext(String table, long rows, String statistics, Optional<Boolean> fresh) {
    }
}
