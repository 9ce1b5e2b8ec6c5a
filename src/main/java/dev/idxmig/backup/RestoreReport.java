package dev.idxmig.backup;

import dev.idxmig.base.Problem;

import java.util.List;
import java.util.Optional;

/**
 * What {@code restore} did or, with {@code dryRun}, would do.
 *
 * @param kind       {@code database copy} or {@code index snapshot}
 * @param statements for an index snapshot: the SQL, in order; the first {@code executed} of them ran
 * @param actions    for a database copy: what was replaced and kept aside
 * @param drops      for an index snapshot: the indexes it drops (or would) because the snapshot does not have them,
 *                   and those it rebuilds because the snapshot defines them otherwise, each with why
 */
public record RestoreReport(
        String database,
        String schema,
        String file,
        String kind,
        boolean dryRun,
        List<String> statements,
        int executed,
        List<String> actions,
        List<Drop> drops,
        Optional<Problem> problem) {

    /** An index the restore drops: {@code rebuilt} when the snapshot has it with another definition. */
    public record Drop(String index, String table, boolean rebuilt) {
    }

    public RestoreReport {
        statements = List.copyOf(statements);
        actions = List.copyOf(actions);
        drops = List.copyOf(drops);
    }
}
