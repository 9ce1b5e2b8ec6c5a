package dev.idxmig.advise;

import java.util.List;

/**
 * What {@code advise} is to look at and how strict it is.
 *
 * @param queries        the workload read from files (queries file, checks file)
 * @param statStatements also read the top queries of pg_stat_statements, where the database has it
 * @param top            how many of pg_stat_statements' queries, by total time
 * @param minCalls       pg_stat_statements' queries run fewer times are left out
 * @param samples        sample parameter values for normalised queries, by query text (from --samples)
 * @param minGain        the share of the served queries' summed estimated cost a candidate must cut (0.5: half)
 * @param explain        the report is to list rejected candidates one by one
 */
public record AdviseRequest(List<WorkloadQuery> queries, boolean statStatements, int top, long minCalls,
                            List<WorkloadQuery> samples, double minGain, boolean explain) {

    public AdviseRequest {
        queries = List.copyOf(queries);
        samples = List.copyOf(samples);
    }
}
