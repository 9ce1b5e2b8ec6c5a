package dev.idxmig.backup;

import dev.idxmig.base.Problem;

import dev.idxmig.base.Failure;

import java.util.List;
import java.util.Optional;

/**
 * What {@code restore} did or, with {@code dryRun}, would do.
 *
 * @param kind       {@code database copy} or {@code index snapshot}
 * @param statements for an index snapshot: the SQL, in order; the first {@code executed} of them ran
 * @param actions    for a database copy: what was replaced and kept aside
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
        Optional<Problem> problem) {

    public RestoreReport {
        statements = List.copyOf(statements);
        actions = List.copyOf(actions);
    }
}
