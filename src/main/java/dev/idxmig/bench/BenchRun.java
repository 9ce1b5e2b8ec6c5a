package dev.idxmig.bench;

import java.util.List;

/**
 * One bench run: the context that makes its numbers comparable, and each query's measurement.
 *
 * @param database   product and version, as the driver reports it
 * @param machine    cores and Java version of the machine that measured
 * @param measuredAt when the run started (UTC)
 */
public record BenchRun(String database, String schema, String machine, String measuredAt, int runs, int warmup,
                       List<QueryBenchmark> queries) {

    public BenchRun {
        queries = List.copyOf(queries);
    }

    public java.util.Optional<QueryBenchmark> query(String name) {
        return queries.stream().filter(q -> q.name().equals(name)).findFirst();
    }
}
