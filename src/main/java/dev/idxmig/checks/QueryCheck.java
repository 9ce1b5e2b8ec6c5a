package dev.idxmig.checks;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * One query from the checks file.
 *
 * @param params       values for the {@code ?} placeholders of {@code sql}, in order
 * @param genericPlan  PostgreSQL: plan without looking at the parameter values (as a prepared statement's generic
 *                     plan), which shows whether a partial index is usable when its condition is a parameter
 * @param allowWrites  lets a writing statement be explained; it still runs in a transaction that is rolled back
 * @param databases    run only on these databases ({@code postgresql}, {@code sqlite}); empty means all
 */
public record QueryCheck(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("sql") String sql,
        @JsonProperty("params") List<Object> params,
        @JsonProperty("generic_plan") boolean genericPlan,
        @JsonProperty("allow_writes") boolean allowWrites,
        @JsonProperty("databases") List<String> databases,
        @JsonProperty("expect") Expectations expect,
        @JsonProperty("bench") BenchTarget bench) {

    public QueryCheck {
        params = params == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
        databases = databases == null ? List.of() : List.copyOf(databases);
        expect = expect == null ? Expectations.NONE : expect;
        bench = bench == null ? BenchTarget.NONE : bench;
        sql = sql == null ? null : sql.strip();
    }

    public boolean runsOn(String database) {
        return databases.isEmpty() || databases.contains(database);
    }

    public Optional<String> describe() {
        return Optional.ofNullable(description).filter(d -> !d.isBlank());
    }
}
