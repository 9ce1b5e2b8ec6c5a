package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.bench.Baseline;
import dev.idxmig.output.BenchChart;
import dev.idxmig.bench.BenchOptions;
import dev.idxmig.bench.BenchReport;
import dev.idxmig.bench.BenchRun;
import dev.idxmig.bench.BenchService;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.Durations;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "bench",
        description = "Time each query of the checks file: warm-up, N timed runs with all rows fetched, "
                + "min/median/p95/max, rows, and (PostgreSQL) rows examined and buffers from EXPLAIN ANALYZE. "
                + "Fails when a bench.max_median_ms target or a baseline is missed.")
final class BenchCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    BenchFlags bench;

    @Option(names = "--save-baseline", paramLabel = "FILE", description = "Save this run as JSON to compare with later.")
    Path saveBaseline;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare medians with a saved run.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "20",
            description = "How much slower a median may be than the baseline's (default: ${DEFAULT-VALUE}%%).")
    double tolerance = 20;

    @Option(names = "--min-regression", paramLabel = "DURATION", defaultValue = "0.5ms",
            description = "A median must also be this much slower than the baseline's to count as a regression, "
                    + "with its unit, e.g. 0.5ms, 2ms, 0.1s (default: ${DEFAULT-VALUE}).")
    String minRegression = "0.5ms";

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    void validateOptions() {
        if (tolerance < 0) {
            throw IdxmigException.usage("--tolerance must be 0 or more (a percentage)", null);
        }
        minRegressionMs(minRegression);
    }

    /**
     * The regression floor in milliseconds. It takes its unit ({@code 0.5ms}, {@code 0.1s}): a bare number once meant
     * milliseconds here but seconds everywhere else, so it is refused rather than silently read 1000 times larger.
     */
    static double minRegressionMs(String text) {
        return Durations.parseWithUnit(text, "--min-regression").toNanos() / 1e6;
    }

    @Override
    public Integer call() {
        double minRegressionMs = minRegressionMs(minRegression);
        ProjectSettings settings = settings(Optional.ofNullable(bench.checks), Optional.empty(), Optional.empty());
        ChecksFile file = ChecksFile.load(settings.checksFile());
        Optional<Baseline> base = Optional.ofNullable(baseline).map(p -> Baseline.load(settings.workDir().resolve(p)));
        Optional<Path> save = Optional.ofNullable(saveBaseline)
                .map(p -> BenchFlags.writable(settings.workDir(), p, "--save-baseline"));
        Optional<Path> chart = bench.chart(settings.workDir());
        BenchOptions options = bench.options();
        try (Database db = open(settings)) {
            BenchRun run = new BenchService(db, console()).measure(file, options);
            BenchReport report = BenchReport.judge(run, base, tolerance / 100, minRegressionMs);
            output.write(report, console(), settings.workDir());
            save.ifPresent(p -> {
                Baseline.save(p, run);
                console().info("baseline saved to " + p);
            });
            chart.ifPresent(p -> {
                BenchChart.write(p, Optional.empty(), run);
                console().info("chart written to " + p);
            });
            return report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
