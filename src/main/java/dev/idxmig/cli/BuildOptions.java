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

    @Option(names = "--finish-soft-drops",
            description = "MariaDB: after the pending migrations, drop for real (online, through the intent log) "
                    + "every index the ledger records as soft-dropped and that is still IGNORED; each drop is "
                    + "recorded under the migration that soft-dropped it.")
    boolean finishSoftDrops;

    Optional<String> lockTimeout() {
        return online.lockTimeout();
    }

    Optional<String> statementTimeout() {
        return online.statementTimeout();
    }

    BuildSettings resolve(ProjectSettings project, RootCommand root) {
        if (finishSoftDrops) {
            OnlineOptions.requireSoftDrops(project, "--finish-soft-drops");
        }
        BuildSettings settings = online.resolve(project, root, Optional.ofNullable(largeTable), requireConcurrent,
                repairInvalid);
        return settings.withSoftDrops(settings.softDrop(), finishSoftDrops);
    }
}
