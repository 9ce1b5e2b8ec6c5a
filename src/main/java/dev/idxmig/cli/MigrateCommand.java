package dev.idxmig.cli;

import dev.idxmig.IdxmigException;
import dev.idxmig.bench.BenchChart;
import dev.idxmig.bench.BenchComparison;
import dev.idxmig.bench.MigrationBenchmark;
import dev.idxmig.checks.ChecksFile;
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

    @Option(names = "--target", paramLabel = "VERSION", description = "Migrate up to this version only.")
    String targetVersion;

    @Option(names = "--dry-run", description = "List pending migrations and their statements; change nothing.")
    boolean dryRun;

    @Option(names = "--benchmark", description = "Bench the checks file's queries before and after migrating, and "
            + "show the two side by side (see bench for the other options).")
    boolean benchmark;

    @Mixin
    BenchFlags bench;

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.ofNullable(bench.checks), Optional.empty(), Optional.empty());
        try (Database db = open(settings)) {
            if (benchmark && !dryRun) {
                return benchmarked(db, settings);
            }
            MigrateReport report = new MigrateService(db, settings, console())
                    .migrate(new MigrateOptions(Optional.ofNullable(targetVersion), dryRun));
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                MigrateReport.Problem p = report.problem().get();
                throw new IdxmigException(p.kind(), p.message(), p.hint().orElse(null));
            }
            return ExitCodes.OK;
        }
    }

    private int benchmarked(Database db, ProjectSettings settings) {
        MigrationBenchmark.Result result = new MigrationBenchmark(db, settings, console()).run(
                ChecksFile.load(settings.checksFile()), bench.options(),
                new MigrateOptions(Optional.ofNullable(targetVersion), false));
        if (result.comparison().isEmpty()) {
            output.write(result.migration(), console(), settings.workDir());
            MigrateReport.Problem p = result.migration().problem().orElseThrow();
            throw new IdxmigException(p.kind(), p.message(), p.hint().orElse(null));
        }
        BenchComparison comparison = result.comparison().get();
        output.write(comparison, console(), settings.workDir());
        if (bench.chart != null) {
            BenchChart.write(settings.workDir().resolve(bench.chart), Optional.of(comparison.before()),
                    comparison.after());
        }
        return comparison.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
