package dev.idxmig.cli;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.backup.RestoreReport;
import dev.idxmig.backup.RestoreService;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "restore", description = "Restore a backup: a SQLite copy replaces the database file (the replaced "
        + "one is kept aside); an index snapshot builds missing indexes and drops the ones not in it. pg_dump "
        + "archives: prints the pg_restore command.")
final class RestoreCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup file.")
    Path from;

    @Option(names = "--dry-run", description = "Show what it would do; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Drop the indexes an index snapshot does not have without asking "
            + "(needed when not on a terminal).")
    boolean yes;

    @Mixin
    OnlineOptions online;

    @Override
    boolean createsTarget() {
        return true; // a restore into a new SQLite file is how a backup is tried out
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.empty(), online.lockTimeout(), online.statementTimeout());
        BuildSettings build = online.resolve(settings, root());
        try (Database db = open(settings)) {
            RestoreService service = new RestoreService(db, settings, build, console());
            if (!dryRun && !yes && !confirmed(service.restore(from, true))) {
                console().info("not restored: nothing was changed");
                return ExitCodes.OK;
            }
            RestoreReport report = service.restore(from, dryRun);
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                Problem p = report.problem().get();
                throw p.toException();
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Shows what restoring an index snapshot drops and asks on a terminal; refuses off a terminal (a script must
     * say --yes). Nothing to drop needs no question.
     */
    private boolean confirmed(RestoreReport plan) {
        if (plan.drops().isEmpty()) {
            return true;
        }
        long gone = plan.drops().stream().filter(d -> !d.rebuilt()).count();
        console().info("restoring " + plan.file() + " drops " + plan.drops().size() + " index"
                + (plan.drops().size() == 1 ? "" : "es") + " of " + plan.database() + ", schema " + plan.schema()
                + ":");
        for (RestoreReport.Drop d : plan.drops()) {
            console().info("  " + d.index() + " on " + d.table() + (d.rebuilt()
                    ? ": rebuilt as the snapshot defines it" : ": not in the snapshot, dropped for good"));
        }
        if (!console().terminal()) {
            throw IdxmigException.usage("restore would drop " + plan.drops().size() + " index"
                    + (plan.drops().size() == 1 ? "" : "es") + " (" + gone + " for good) and is not on a terminal to "
                    + "ask; nothing was changed", "check the list above (or restore --dry-run), then run it again "
                    + "with --yes");
        }
        return console().ask("drop " + (plan.drops().size() == 1 ? "it" : "them") + " and restore? [y/N] ");
    }
}
