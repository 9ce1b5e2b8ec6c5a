package dev.idxmig.fleet;

import dev.idxmig.base.Failure;

import java.util.List;

/**
 * The end of a fleet run: counts per outcome, the failed targets with their reasons, and the exit code (the
 * worst of the targets'; a run stopped by Ctrl-C or SIGTERM exits 130: each running target stopped after its
 * running statement, and the next run resumes them).
 */
public record FleetSummary(int total, int ok, int problems, int failed, int skipped, boolean interrupted,
                           long durationMs, List<String> failures) {

    public FleetSummary {
        failures = List.copyOf(failures);
    }

    public int exitCode(int worstTargetExit) {
        if (interrupted) {
            return Failure.INTERRUPTED.exitCode();
        }
        return worstTargetExit;
    }

    public String line(String command) {
        return String.format("%s on %d target%s: %d ok, %d with problems, %d failed, %d skipped%s, %.1f s", command,
                total, total == 1 ? "" : "s", ok, problems, failed, skipped, interrupted ? " (interrupted)" : "",
                durationMs / 1000.0);
    }
}
