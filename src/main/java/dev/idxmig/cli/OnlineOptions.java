package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;

/**
 * How index statements run on PostgreSQL (session settings, wait budgets, retries): for migrate, and for rollback
 * and restore, whose drops and rebuilds go through the same safe builds; and on MariaDB, whether a drop only
 * ignores the index ({@code --soft-drop}) and whether a statement may block writes ({@code --allow-table-copy}).
 */
final class OnlineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    @Option(names = "--soft-drop",
            description = "MariaDB 10.6+: run every index drop as ALTER TABLE ... ALTER INDEX ... IGNORED (instant; "
                    + "the index stays built, queries stop using it; a rollback makes it NOT IGNORED at once). "
                    + "PRIMARY and UNIQUE indexes are dropped for real, with a warning saying why. migrate only: "
                    + "rollback refuses it (exit 2) for now.")
    boolean softDrop;

    // Here since rollback has it too (migrate's meaning is unchanged): rollback rebuilds a FULLTEXT or SPATIAL index
    // its migration dropped under LOCK=SHARED, which InnoDB needs for them.
    @Option(names = "--allow-table-copy",
            description = "MariaDB: run an index statement that forces ALGORITHM=COPY or LOCK=SHARED|EXCLUSIVE as "
                    + "written (default: refuse it, exit 4); rollback: rebuild a dropped FULLTEXT or SPATIAL index "
                    + "with LOCK=SHARED (writes wait while it builds).")
    boolean allowTableCopy;

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
        if (softDrop) {
            requireSoftDrops(project, "--soft-drop");
        }
        String name = command == null ? "" : command.name();
        if ((softDrop || allowTableCopy) && name.equals("restore")) {
            throw IdxmigException.usage("restore takes neither --soft-drop nor --allow-table-copy",
                    "restore puts the snapshot's indexes back as they were; soft drops and blocking rebuilds are "
                            + "for migrate and rollback");
        }
        if (softDrop && name.equals("rollback")) {
            // The indexes a rollback drops are those its migration created: left IGNORED, they would meet the
            // migration's own CREATE INDEX when it is applied again. Refused until that meeting is handled.
            throw IdxmigException.usage("rollback --soft-drop is not done yet: the indexes a rollback drops are "
                            + "those its migration created, and left IGNORED they would stop the migration's own "
                            + "CREATE INDEX when it is applied again",
                    "drop --soft-drop: a rollback of a soft drop is instant without it (NOT IGNORED), and its "
                            + "other drops run online");
        }
        return BuildSettings.resolve(project, root.environment(),
                new BuildSettings.Flags(Optional.ofNullable(buildWait), Optional.ofNullable(retries),
                        Optional.ofNullable(maintenanceWorkMem), Optional.ofNullable(parallelWorkers),
                        Optional.ofNullable(applicationName), largeTable, requireConcurrent, repairInvalid))
                .withAllowTableCopy(allowTableCopy).withSoftDrops(softDrop, false);
    }

    /**
     * Refuses a soft-drop flag where the URL's database has no soft drops, before any connection: the dialect
     * says, from the URL alone.
     */
    static void requireSoftDrops(ProjectSettings project, String flag) {
        Dialect dialect = Dialects.forUrl(project.connection().jdbcUrl());
        if (dialect.softDrops().isEmpty()) {
            throw IdxmigException.usage(flag + " does not work on " + dialect.displayName() + ": it has no index "
                            + "the optimizer ignores while it stays built (MariaDB 10.6+ has IGNORED)",
                    "drop " + flag + "; on " + dialect.displayName() + " a rollback rebuilds what a migration dropped");
        }
    }
}
