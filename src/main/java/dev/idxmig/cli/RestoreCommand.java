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

    @Mixin
    OnlineOptions online;

    @Override
    boolean createsTarget() {
        return true; // a restore into a new SQLite file is how a backup is tried out
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.empty(), online.lockTimeout(), online.statementTimeout());
        BuildSettings build = online.resolve(settings, target, root());
        try (Database db = open(settings)) {
            RestoreReport report = new RestoreService(db, settings, build, console()).restore(from, dryRun);
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                Problem p = report.problem().get();
                throw p.toException();
            }
            return ExitCodes.OK;
        }
    }
}
