package dev.idxmig.advise;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One query of the workload, from wherever it came.
 *
 * @param name        how reports name it: a check's name, {@code queries.sql:7}, {@code pg_stat_statements #3}
 * @param where       where it was read, for errors ({@code queries.sql line 7})
 * @param source      {@code queries}, {@code checks} or {@code pg_stat_statements}
 * @param params      values for its {@code ?} placeholders
 * @param genericPlan plan it without looking at parameter values (a normalised query without samples)
 * @param meanMs      the mean execution time measured for it (pg_stat_statements), if any
 * @param calls       how often it ran (pg_stat_statements), if known
 */
public record WorkloadQuery(String name, String where, String source, String sql, List<Object> params,
                            boolean genericPlan, OptionalDouble meanMs, OptionalLong calls) {

    public WorkloadQuery {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    /** A query read from a file, planned with the values it carries. */
    public static WorkloadQuery fromFile(String name, String where, String source, String sql, List<Object> params,
                                         boolean genericPlan) {
        return new WorkloadQuery(name, where, source, sql, params, genericPlan, OptionalDouble.empty(),
                OptionalLong.empty());
    }

    /** How the planner saw its parameters, for the report. */
    public String planning() {
        if (genericPlan) {
            return "generic plan";
        }
        // a normalised statement planned without a generic plan got a sample's values (or had no constants)
        return source.equals(StatStatements.SOURCE) && where.contains("(sample ") || !params.isEmpty()
                ? "with sample values" : "as written";
    }
}
