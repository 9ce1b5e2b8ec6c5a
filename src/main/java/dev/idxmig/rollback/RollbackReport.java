package dev.idxmig.rollback;

import dev.idxmig.base.Problem;

import dev.idxmig.base.CheckReport;

import java.util.List;
import java.util.Optional;

/**
 * What {@code rollback} did or, for a dry run, would do: one step per undone migration, newest first.
 *
 * @param fromVersion the schema version before
 * @param toVersion   the version it goes back to; empty when every migration is undone
 */
public record RollbackReport(
        String database,
        String schema,
        boolean dryRun,
        Optional<String> fromVersion,
        Optional<String> toVersion,
        List<Step> steps,
        Optional<Problem> problem,
        Optional<CheckReport> verification) {

    /** How a step ended. */
    public enum Outcome {
        PLANNED, UNDONE, FAILED, NOT_RUN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One migration to undo.
     *
     * @param method     {@code undo script U4__x.sql} or {@code inverse from the index ledger}
     * @param statements the exact SQL, in order; the first {@code executed} of them ran
     * @param warnings   what the step leaves as it is (with {@code --force}: the non-index changes)
     */
    public record Step(String version, String script, String method, List<String> statements, int executed,
                       Outcome outcome, List<String> warnings, Optional<String> error) {
        public Step {
            statements = List.copyOf(statements);
            warnings = List.copyOf(warnings);
        }
    }

    public RollbackReport {
        steps = List.copyOf(steps);
    }

    public boolean succeeded() {
        return problem.isEmpty();
    }

    /** The same report with the verify run that followed the rollback. */
    public RollbackReport withVerification(CheckReport report) {
        return new RollbackReport(database, schema, dryRun, fromVersion, toVersion, steps, problem,
                Optional.of(report));
    }
}
