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
        List<PlanNode> children) {

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
