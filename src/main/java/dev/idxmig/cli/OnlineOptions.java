package dev.idxmig.cli;

import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * How index statements run on PostgreSQL (session settings, wait budgets, retries): for migrate, and for rollback
 * and restore, whose drops and rebuilds go through the same safe builds.
 */
final class OnlineOptions {
    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "How long a statement may wait to acquire a table lock, e.g. 5s (default: 5s; "
                    + "idxmig.yaml lock_timeout).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "Cancel statements running longer, e.g. 2h; 0 = off (default: 0).")
    String statementTimeout;

    @Option(names = "--build-wait", paramLabel = "DURATION",
            description = "How long a CONCURRENTLY build may wait for older transactions, separate from "
                    + "--lock-timeout; 0 = no bound (default: " + BuildSettings.DEFAULT_BUILD_WAIT + ").")
    String buildWait;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries after a lock timeout or deadlock, with backoff (default: "
                    + BuildSettings.DEFAULT_RETRIES + ").")
    String retries;

    @Option(names = "--maintenance-work-mem", paramLabel = "SIZE",
            description = "maintenance_work_mem for index builds, e.g. 512MB (default: the server's).")
    String maintenanceWorkMem;

    @Option(names = "--max-parallel-maintenance-workers", paramLabel = "N",
            description = "max_parallel_maintenance_workers for index builds (default: the server's).")
    String parallelWorkers;

    @Option(names = "--application-name", paramLabel = "NAME",
            description = "application_name other sessions see in pg_stat_activity (default: idxmig).")
    String applicationName;

    Optional<String> lockTimeout() {
        return Optional.ofNullable(lockTimeout);
    }

    Optional<String> statementTimeout() {
        return Optional.ofNullable(statementTimeout);
    }

    /** The settings for rollback and restore: these flags, no risk policy (their statements are always online). */
    BuildSettings resolve(ProjectSettings project, RootCommand root) {
        return resolve(project, root, Optional.empty(), false, false);
    }

    BuildSettings resolve(ProjectSettings project, RootCommand root,
                          Optional<String> largeTable, boolean requireConcurrent, boolean repairInvalid) {
        return BuildSettings.resolve(project, root.environment(),
                new BuildSettings.Flags(Optional.ofNullable(buildWait), Optional.ofNullable(retries),
                        Optional.ofNullable(maintenanceWorkMem), Optional.ofNullable(parallelWorkers),
                        Optional.ofNullable(applicationName), largeTable, requireConcurrent, repairInvalid));
    }
}
