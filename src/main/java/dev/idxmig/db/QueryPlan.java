package dev.idxmig.db;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A query's plan as the database reported it, with the totals checks and benchmarks judge. Every number here was
 * reported by the database for this plan; what it did not report is empty, never zero.
 *
 * @param totalCost     the planner's total cost (PostgreSQL)
 * @param rowsExamined  rows read from tables over the whole plan (PostgreSQL EXPLAIN ANALYZE)
 * @param buffersHit    shared buffers found in cache (PostgreSQL EXPLAIN ANALYZE, BUFFERS)
 * @param buffersRead   shared buffers read from disk or OS cache
 * @param executionMs   the server's execution time of the analyzed run
 * @param vmSteps       bytecode instructions the analyzed run executed (SQLite): its count of work done, the
 *                      nearest it has to rows examined, and as deterministic
 */
public record QueryPlan(
        PlanNode root,
        boolean analyzed,
        OptionalDouble totalCost,
        OptionalLong rowsExamined,
        OptionalLong buffersHit,
        OptionalLong buffersRead,
        OptionalDouble executionMs,
        OptionalLong vmSteps) {

    public List<PlanNode> nodes() {
        return root.flatten();
    }

    /** The indexes the plan reads, in plan order. */
    public Set<String> indexes() {
        Set<String> names = new LinkedHashSet<>();
        nodes().forEach(n -> n.index().ifPresent(names::add));
        return names;
    }

    /** Tables the plan reads through an index. */
    public Set<String> indexedTables() {
        return tables(PlanNode.Access.INDEX);
    }

    /** Tables the plan reads in full. */
    public Set<String> fullScans() {
        return tables(PlanNode.Access.FULL_SCAN);
    }

    /** Every table the plan reads. */
    public Set<String> tables() {
        Set<String> names = new LinkedHashSet<>();
        nodes().forEach(n -> n.table().ifPresent(names::add));
        return names;
    }

    private Set<String> tables(PlanNode.Access access) {
        Set<String> names = new LinkedHashSet<>();
        nodes().stream().filter(n -> n.access() == access).forEach(n -> n.table().ifPresent(names::add));
        return names;
    }
}
