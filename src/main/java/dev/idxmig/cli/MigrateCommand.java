package dev.idxmig.cli;

import dev.idxmig.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.MigrateOptions;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.migrate.MigrateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "migrate", description = "Apply pending migrations and record what each did to the indexes.")
final class MigrateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    BuildOptions build;

    @Option(names = "--target", paramLabel = "VERSION", description = "Migrate up to this version only.")
    String targetVersion;

    @Option(names = "--dry-run", description = "List pending migrations and their statements; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.empty(), build.lockTimeout(), build.statementTimeout());
        try (Database db = open(settings)) {
            MigrateReport report = new MigrateService(db, settings, build.resolve(settings, target, root()), console())
                    .migrate(new MigrateOptions(Optional.ofNullable(targetVersion), dryRun));
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                MigrateReport.Problem p = report.problem().get();
                throw new IdxmigException(p.kind(), p.message(), p.hint().orElse(null));
            }
            return ExitCodes.OK;
        }
    }
}
