package dev.idxmig.bench;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.MigrateOptions;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.migrate.PlannedMigration;
import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code migrate --benchmark}: bench the checks, migrate (through the ordinary migrate, with its backup, safe builds
 * and verify), bench again. "Before" is the database just before the first pending migration that changes an
 * index: migrations ahead of it (new tables, data) are applied first, so a fresh database is measured with its
 * data and without the indexes, and the comparison isolates what the indexes changed. Queries whose index does
 * not exist yet are measured as they run without it; queries whose tables do not exist yet are reported as not
 * measured before.
 */
public final class MigrationBenchmark {
    private final Database database;
    private final Diagnostics diagnostics;

    public MigrationBenchmark(Database database, Diagnostics diagnostics) {
        this.database = database;
        this.diagnostics = diagnostics;
    }

    /**
     * The comparison, or only the migration report when the migration failed (nothing to compare then).
     *
     * @param migrate runs migrate with the given options (and verify after a real run)
     */
    public Result run(ChecksFile checks, BenchOptions bench, MigrateOptions options,
                      Function<MigrateOptions, MigrateReport> migrate) {
        BenchService service = new BenchService(database, diagnostics);
        Optional<String> firstAhead = firstIndexChangeAfterOthers(migrate.apply(options.planOnly()).planned());
        Optional<MigrateReport> ahead = Optional.empty();
        MigrateOptions rest = options;
        if (firstAhead.isPresent()) {
            diagnostics.info("migrating to version " + firstAhead.get() + " first: the pending migrations up to it "
                    + "change no index, so 'before' is measured with them applied");
            MigrateReport report = migrate.apply(options.upTo(Optional.of(firstAhead.get())));
            if (report.problem().isPresent()) {
                return new Result(report, Optional.empty());
            }
            ahead = Optional.of(report);
            rest = options.withoutBackup();
        }
        diagnostics.info("benchmark before the migration");
        BenchRun before;
        MigrateReport last;
        try {
            before = service.measure(checks, bench);
            last = migrate.apply(rest);
        } catch (IdxmigException e) {
            if (ahead.isEmpty()) {
                throw e; // nothing was applied yet: the error is the whole story
            }
            // the migrations ahead of the index changes were applied: say so with the failure
            return new Result(ahead.get().failedWith(new Problem(e.failure(), e.getMessage()
                    + " (after migrating to version " + ahead.get().schemaVersion().orElse("?") + ", before the "
                    + "index migrations)", e.hint())), Optional.empty());
        }
        MigrateReport report = ahead.map(a -> a.followedBy(last)).orElse(last);
        if (report.problem().isPresent()) {
            return new Result(report, Optional.empty());
        }
        diagnostics.info("benchmark after the migration");
        BenchRun after = service.measure(checks, bench);
        BenchComparison comparison = BenchComparison.of(before, after, report);
        List<CheckResult> results = new ArrayList<>();
        List<Finding> findings = verifyFindings(report);
        if (report.applied().isEmpty()) {
            findings.add(Finding.info("bench", "migrate", "nothing was pending: both runs measured the same "
                    + "database, so their differences are measurement noise"));
        }
        results.add(new CheckResult("migrate", findings, describe(report, ahead), 0));
        results.addAll(comparison.checks());
        return new Result(report, Optional.of(new BenchComparison(comparison.title(), results, before, after,
                report)));
    }

    /** What migrate did, or, with a failed migration, the report to print and fail with. */
    public record Result(MigrateReport migration, Optional<BenchComparison> comparison) {
    }

    /**
     * The version of the last pending migration before the first one that changes an index, when there is one
     * (the database is then measured there); empty when the first pending migration already changes indexes.
     */
    static Optional<String> firstIndexChangeAfterOthers(List<PlannedMigration> pending) {
        String previous = null;
        for (PlannedMigration m : pending) {
            if (m.changesIndexes()) {
                return Optional.ofNullable(previous);
            }
            previous = m.version();
        }
        return Optional.empty(); // no index changes at all: measure before everything
    }

    /** verify's errors after the migration fail the run, as they fail a plain migrate. */
    private static List<Finding> verifyFindings(MigrateReport report) {
        List<Finding> findings = new ArrayList<>();
        report.verification().map(CheckReport::checks).orElse(List.of()).forEach(check -> check.findings()
                .stream().filter(f -> f.severity() == Severity.ERROR)
                .forEach(f -> findings.add(Finding.error("verify", f.object(), check.name() + ": " + f.message(),
                        f.hint().orElse(null)))));
        return findings;
    }

    private static List<String> describe(MigrateReport report, Optional<MigrateReport> ahead) {
        List<String> lines = new ArrayList<>();
        lines.add(report.applied().isEmpty() ? "nothing to migrate" : "applied " + report.applied().size()
                + " migration" + (report.applied().size() == 1 ? "" : "s")
                + report.schemaVersion().map(v -> ", now at version " + v).orElse(""));
        ahead.ifPresent(a -> lines.add("before: measured at version " + a.schemaVersion().orElse("?")
                + ", after the " + a.applied().size() + " pending migration" + (a.applied().size() == 1 ? "" : "s")
                + " that change no index"));
        for (MigrationRun run : report.applied()) {
            StringBuilder b = new StringBuilder(run.script() + " (" + run.durationMs() + " ms)");
            run.indexChanges().forEach(c -> b.append("; ").append(c.action().label()).append(' ')
                    .append(c.indexName().orElse("?")));
            lines.add(b.toString());
        }
        if (!report.backup().isEmpty()) {
            lines.add("backup taken before migrating: " + String.join(", ", report.backup()));
        }
        return lines;
    }
}
