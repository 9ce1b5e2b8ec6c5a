package dev.idxmig.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One node of a query plan, the same shape for every database so checks can walk it without knowing which one
 * produced it.
 *
 * @param operation     the database's own name for it ({@code Index Scan}, {@code SEARCH})
 * @param table         the table it reads; for a PostgreSQL Bitmap Index Scan, the table of its Bitmap Heap Scan
 * @param index         the index it reads, if it reads one of the schema's indexes
 * @param access        how it reads the table, if it reads one
 * @param label         one line as the database would print it ({@code Index Scan using i on t})
 * @param rowsExamined  rows read from the table or index, from EXPLAIN ANALYZE; empty without it
 * @param details       the database's own words for what the node tests and orders by, by its field names
 *                      (PostgreSQL: {@code Filter}, {@code Index Cond}, {@code Sort Key}, {@code Hash Cond},
 *                      {@code Alias}; SQLite: {@code Detail}): what {@code advise} reads candidates from
 */
public record PlanNode(
        String operation,
        Optional<String> table,
        Optional<String> index,
        Access access,
        String label,
        OptionalDouble totalCost,
        OptionalDouble estimatedRows,
        OptionalLong actualRows,
        OptionalLong rowsExamined,
        List<PlanNode> children,
        java.util.Map<String, String> details) {

    /** How a node gets at a table's rows. */
    public enum Access {
        /** through one of the schema's indexes (or SQLite's rowid / primary key) */
        INDEX,
        /** every row of the table (PostgreSQL Seq Scan, SQLite SCAN, or an automatic index built by scanning) */
        FULL_SCAN,
        /** not a table access (sort, join, aggregate) */
        OTHER
    }

    public PlanNode {
        children = List.copyOf(children);
        details = java.util.Map.copyOf(details);
    }

    /** A node without details. */
    public PlanNode(String operation, Optional<String> table, Optional<String> index, Access access, String label,
                    OptionalDouble totalCost, OptionalDouble estimatedRows, OptionalLong actualRows,
                    OptionalLong rowsExamined, List<PlanNode> children) {
        this(operation, table, index, access, label, totalCost, estimatedRows, actualRows, rowsExamined, children,
                java.util.Map.of());
    }

    /** One of {@link #details()}, if the database reported it. */
    public Optional<String> detail(String field) {
        return Optional.ofNullable(details.get(field));
    }

    /** This node and all below it, depth first. */
    public List<PlanNode> flatten() {
        List<PlanNode> all = new ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(PlanNode node, List<PlanNode> into) {
        into.add(node);
        node.children.forEach(c -> collect(c, into));
    }
}
