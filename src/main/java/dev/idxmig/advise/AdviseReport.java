package dev.idxmig.advise;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@code advise} found: the workload as planned, the indexes it proposes with their proof, the candidates it
 * rejected and why, and notes on the sources (pg_stat_statements not loaded, HypoPG missing).
 *
 * @param hypothetical how candidates were proven ("HypoPG 1.3.1 on the target"), or why they could not be
 * @param minGain      the share of cost a candidate had to cut
 * @param explained    the reader asked why candidates were rejected (--explain): text lists them one by one
 * @param written      files {@code --write} wrote (migrations, undo scripts, the checks file), relative to the
 *                     project
 */
public record AdviseReport(String database, String schema, String hypothetical, double minGain,
                           List<PlannedQuery> queries, List<Proposal> proposals, List<Rejection> rejected,
                           List<String> notes, boolean explained, List<String> written) {

    public AdviseReport {
        queries = List.copyOf(queries);
        proposals = List.copyOf(proposals);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
        written = List.copyOf(written);
    }

    /** The same report, with the files written and notes added. */
    public AdviseReport withWritten(List<String> files, List<String> moreNotes) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(moreNotes);
        return new AdviseReport(database, schema, hypothetical, minGain, queries, proposals, rejected, all, explained,
                files);
    }

    /** One line: how many proposals, or why none. */
    public String summary() {
        if (proposals.isEmpty()) {
            return "advise: no index worth proposing for " + queries.size() + " quer" + (queries.size() == 1 ? "y"
                    : "ies") + (rejected.isEmpty() ? " (no plan reads a table an index could serve better)"
                    : " (" + rejected.size() + " candidate" + (rejected.size() == 1 ? "" : "s") + " rejected)");
        }
        return "advise: " + proposals.size() + " index" + (proposals.size() == 1 ? "" : "es") + " proposed for "
                + queries.size() + " quer" + (queries.size() == 1 ? "y" : "ies") + ", " + rejected.size()
                + " candidate" + (rejected.size() == 1 ? "" : "s") + " rejected";
    }

    /**
     * A query of the workload as it was planned.
     *
     * @param planning "as written", "with sample values" or "generic plan"
     * @param cost     the planner's estimated total cost without any new index (PostgreSQL)
     * @param plan     the lines of its plan that read tables
     */
    public record PlannedQuery(String name, String source, String sql, List<Object> params, String planning,
                               OptionalDouble cost, OptionalDouble meanMs, OptionalLong calls, List<String> plan) {
        public PlannedQuery {
            params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
            plan = List.copyOf(plan);
        }

        public boolean genericPlan() {
            return planning.equals("generic plan");
        }
    }

    /**
     * An index proven to pay: its statement, the queries whose plans use it, and what it costs.
     *
     * @param costBefore   the served queries' summed estimated cost without it
     * @param costAfter    the same with it (hypothetically)
     * @param sizeBytes    its estimated size (HypoPG's {@code hypopg_relation_size})
     * @param tableWrites  rows written to its table since the statistics were reset: each one maintains the index
     */
    public record Proposal(String name, String table, String createIndex, String shape, List<String> queries,
                           OptionalDouble costBefore, OptionalDouble costAfter, OptionalDouble gain,
                           OptionalLong sizeBytes, OptionalLong tableWrites, OptionalLong tableReads) {
        public Proposal {
            queries = List.copyOf(queries);
        }
    }

    /** A candidate not proposed, and why. */
    public record Rejection(String createIndex, String table, List<String> queries, String reason,
                            Optional<String> servedBy) {
        public Rejection {
            queries = List.copyOf(queries);
        }
    }
}
