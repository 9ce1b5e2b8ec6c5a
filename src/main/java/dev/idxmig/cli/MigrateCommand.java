package dev.idxmig.cli;

import dev.idxmig.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.MigrateOptions;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.migrate.MigrateService;
import dev.idxmig.verify.VerifyOptions;
import dev.idxmig.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "migrate", description = "Apply pending migrations and record what each did to the indexes.")
final class MigrateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--target", paramLabel = "VERSION", description = "Migrate up to this version only.")
    String targetVersion;

    @Option(names = "--dry-run", description = "List pending migrations and their statements; change nothing.")
    boolean dryRun;

    @Option(names = "--no-verify", description = "Skip the verify that runs after the migrations.")
    boolean noVerify;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        try (Database db = open(settings)) {
            MigrateReport report = new MigrateService(db, settings, console())
                    .migrate(new MigrateOptions(Optional.ofNullable(targetVersion), dryRun));
            if (report.succeeded() && !dryRun && !noVerify) {
                // A migration that "succeeded" with an invalid index (the CONCURRENTLY IF NOT EXISTS trap) must
                // not look like a success.
                report = report.withVerification(new VerifyService(db, settings, console())
                        .verify(new VerifyOptions(false, false)));
            }
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                MigrateReport.Problem p = report.problem().get();
                throw new IdxmigException(p.kind(), p.message(), p.hint().orElse(null));
            }
            if (report.verification().map(v -> !v.passed()).orElse(false)) {
                console().error("the migrations ran, but verify found problems (see the report above)");
                return ExitCodes.PROBLEMS;
            }
            return ExitCodes.OK;
        }
    }
}
