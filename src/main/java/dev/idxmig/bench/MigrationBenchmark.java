package dev.idxmig.bench;

import dev.idxmig.checks.ChecksFile;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.migrate.MigrationRun;
import dev.idxmig.report.CheckResult;
import dev.idxmig.report.Diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate --benchmark}: bench the checks on the database as it is, migrate (through the ordinary
 * {@link MigrateService}), bench again. Queries whose index does not exist yet are measured as they run without it;
 * queries whose tables do not exist yet are reported as not measured before.
 */
public final class MigrationBenchmark {
    private final Database database;
    private final Diagnostics diagnostics;

    public MigrationBenchmark(Database database, Diagnostics diagnostics) {
        this.database = database;
        this.diagnostics = diagnostics;
    }

    /** The comparison, or only the migration report when the migration failed (nothing to compare then). */
    public Result run(ChecksFile checks, BenchOptions bench, java.util.function.Supplier<MigrateReport> migration) {
        BenchService service = new BenchService(database, diagnostics);
        diagnostics.info("benchmark before the migration");
        BenchRun before = service.measure(checks, bench);
        MigrateReport report = migration.get();
        if (report.problem().isPresent()) {
            return new Result(report, Optional.empty());
        }
        diagnostics.info("benchmark after the migration");
        BenchRun after = service.measure(checks, bench);
        BenchComparison comparison = BenchComparison.of(before, after, report);
        List<CheckResult> results = new ArrayList<>();
        results.add(new CheckResult("migrate", List.of(), describe(report), 0));
        results.addAll(comparison.checks());
        return new Result(report, Optional.of(new BenchComparison(comparison.title(), results, before, after,
                report)));
    }

    /** What migrate did, or, with a failed migration, the report to print and fail with. */
    public record Result(MigrateReport migration, Optional<BenchComparison> comparison) {
    }

    private static List<String> describe(MigrateReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(report.applied().isEmpty() ? "nothing to migrate" : "applied " + report.applied().size()
                + " migration" + (report.applied().size() == 1 ? "" : "s")
                + report.schemaVersion().map(v -> ", now at version " + v).orElse(""));
        for (MigrationRun run : report.applied()) {
            StringBuilder b = new StringBuilder(run.script() + " (" + run.durationMs() + " ms)");
            run.indexChanges().forEach(c -> b.append("; ").append(c.action().label()).append(' ')
                    .append(c.indexName().orElse("?")));
            lines.add(b.toString());
        }
        return lines;
    }
}
