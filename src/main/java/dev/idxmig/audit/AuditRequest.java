package dev.idxmig.audit;

import dev.idxmig.bench.BenchRun;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.plan.PlanCheckMode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to audit with.
 *
 * @param checks    the checks file, when there is one (the promises)
 * @param benchRuns bench runs ({@code bench --save-baseline}, {@code migrate --benchmark --format json}), each
 *                  with the file it came from, for the measured medians before and after each build
 * @param since     the window an index must go unused for ({@code --since}); empty: what the statistics cover
 * @param failOn    the verdicts that fail the run (exit 1)
 * @param mode      which plan verdict a check must hold on (chosen, as plan-check's default, or usable)
 */
public record AuditRequest(Optional<ChecksFile> checks, List<BenchFile> benchRuns, Optional<Duration> since,
                           Set<Verdict> failOn, PlanCheckMode mode, List<Replica> replicas) {

    public AuditRequest {
        benchRuns = List.copyOf(benchRuns);
        failOn = Set.copyOf(failOn);
        replicas = List.copyOf(replicas);
    }

    /** A bench run and the file it was read from. */
    public record BenchFile(String file, BenchRun run) {
    }

    /**
     * A standby whose scans count too ({@code --replica}).
     *
     * @param name how the report names it (its URL, password masked)
     */
    public record Replica(String name, dev.idxmig.config.ConnectionSettings settings) {
    }
}
