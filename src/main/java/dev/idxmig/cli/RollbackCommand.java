package dev.idxmig.cli;

import dev.idxmig.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.migrate.RollbackOptions;
import dev.idxmig.migrate.RollbackReport;
import dev.idxmig.migrate.RollbackService;
import dev.idxmig.verify.VerifyOptions;
import dev.idxmig.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "rollback", description = "Undo applied migrations, newest first: the undo script U<version>__*.sql "
        + "if there is one, else the inverse of what the index ledger recorded; then remove them from Flyway's "
        + "history so migrate applies them again.")
final class RollbackCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--to", paramLabel = "VERSION",
            description = "Undo every migration above VERSION (0: all of them).")
    String to;

    @Option(names = "--steps", paramLabel = "N", description = "Undo the last N migrations (default: 1).")
    Integer steps;

    @Option(names = "--dry-run", description = "Print the exact SQL it would run; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also undo migrations that changed more than indexes (or nothing the "
            + "ledger can see) and have no undo script: only their index changes are undone, the rest stays.")
    boolean force;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        try (Database db = open(settings)) {
            RollbackReport report = new RollbackService(db, settings, console())
                    .rollback(new RollbackOptions(Optional.ofNullable(to), Optional.ofNullable(steps), dryRun, force));
            if (report.succeeded() && !dryRun) {
                // What remains must still hold: the indexes of the versions left applied, and the data.
                report = report.withVerification(new VerifyService(db, settings, console())
                        .verify(new VerifyOptions(false, false)));
            }
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                MigrateReport.Problem p = report.problem().get();
                throw new IdxmigException(p.kind(), p.message(), p.hint().orElse(null));
            }
            if (report.verification().map(v -> !v.passed()).orElse(false)) {
                console().error("the rollback ran, but verify found problems (see the report above)");
                return ExitCodes.PROBLEMS;
            }
            return ExitCodes.OK;
        }
    }
}
