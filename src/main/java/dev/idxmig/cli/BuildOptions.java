package dev.idxmig.cli;

import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

/** migrate's index statements on PostgreSQL: how they run ({@link OnlineOptions}) and the risk policy. */
final class BuildOptions {
    @Mixin
    OnlineOptions online;

    @Option(names = "--large-table", paramLabel = "SIZE",
            description = "Warn about a non-concurrent CREATE/DROP INDEX on a table this big or bigger (default: "
                    + BuildSettings.DEFAULT_LARGE_TABLE + ").")
    String largeTable;

    @Option(names = "--require-concurrent",
            description = "Refuse (exit 4, nothing applied) instead of warning about a non-concurrent index "
                    + "statement on a large table.")
    boolean requireConcurrent;

    @Option(names = "--repair-invalid",
            description = "Drop and rebuild an INVALID index that CREATE INDEX ... IF NOT EXISTS would keep "
                    + "(default: stop with exit 4).")
    boolean repairInvalid;

    // Here, in the mixin of migrate's build policy, because it is one: a new flag had to go somewhere, and this is
    // the existing place for how migrate may run index statements.
    @Option(names = "--allow-table-copy",
            description = "MariaDB: run an index statement that forces ALGORITHM=COPY or LOCK=SHARED|EXCLUSIVE as "
                    + "written (default: refuse it, exit 4).")
    boolean allowTableCopy;

    Optional<String> lockTimeout() {
        return online.lockTimeout();
    }

    Optional<String> statementTimeout() {
        return online.statementTimeout();
    }

    BuildSettings resolve(ProjectSettings project, RootCommand root) {
        return online.resolve(project, root, Optional.ofNullable(largeTable), requireConcurrent,
                repairInvalid).withAllowTableCopy(allowTableCopy);
    }
}
