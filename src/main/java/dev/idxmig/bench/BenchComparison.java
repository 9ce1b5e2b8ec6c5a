package dev.idxmig.bench;

import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.report.CheckReport;
import dev.idxmig.report.CheckResult;
import dev.idxmig.report.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code migrate --benchmark}: the same queries measured before and after the migration, side by side. Targets
 * are judged on the after run. Both runs and the migration are kept whole for {@code --format json}.
 */
public record BenchComparison(String title, List<CheckResult> checks, BenchRun before, BenchRun after,
                              MigrateReport migration) implements CheckReport {

    public BenchComparison {
        checks = List.copyOf(checks);
    }

    public static BenchComparison of(BenchRun before, BenchRun after, MigrateReport migration) {
        List<CheckResult> results = new ArrayList<>();
        for (QueryBenchmark a : after.queries()) {
            Optional<QueryBenchmark> b = before.query(a.name());
            List<Finding> findings = new ArrayList<>(BenchReport.common(a, after.runs()));
            b.filter(x -> x.timing().map(TimingStats::noisy).orElse(false)).ifPresent(x -> findings.add(
                    Finding.warning("bench", a.name(), "noisy measurement before the migration: max "
                            + BenchText.ms(x.timing().get().maxMs()) + " is more than 3× the median "
                            + BenchText.ms(x.timing().get().medianMs()), null)));
            List<String> details = new ArrayList<>();
            if (a.measured()) {
                details.addAll(sideBySide(b, a));
            }
            results.add(new CheckResult(a.name(), findings, details,
                    a.timing().map(t -> Math.round(t.medianMs() * t.runs())).orElse(0L)));
        }
        String title = "migrate --benchmark " + after.database() + ", schema " + after.schema() + ", "
                + after.runs() + " runs after " + after.warmup() + " warm-up, before -> after";
        return new BenchComparison(title, results, before, after, migration);
    }

    private static List<String> sideBySide(Optional<QueryBenchmark> before, QueryBenchmark after) {
        List<String> lines = new ArrayList<>();
        TimingStats a = after.timing().orElseThrow();
        Optional<TimingStats> b = before.flatMap(QueryBenchmark::timing);
        if (b.isEmpty()) {
            lines.add("before: not measured (" + before.flatMap(QueryBenchmark::error).orElse("not in that run")
                    + ")");
            lines.add("after:  median " + BenchText.ms(a.medianMs()) + ", p95 " + BenchText.ms(a.p95Ms()));
        } else {
            double ratio = b.get().medianMs() / a.medianMs();
            String change = ratio >= 1 ? String.format(Locale.ROOT, "%.1f× faster", ratio)
                    : String.format(Locale.ROOT, "%.1f× slower", 1 / ratio);
            lines.add("median " + BenchText.ms(b.get().medianMs()) + " -> " + BenchText.ms(a.medianMs()) + " ("
                    + change + "); p95 " + BenchText.ms(b.get().p95Ms()) + " -> " + BenchText.ms(a.p95Ms()));
            if (before.get().rowsExamined().isPresent() || after.rowsExamined().isPresent()) {
                lines.add("rows examined " + BenchText.count(before.get().rowsExamined()) + " -> "
                        + BenchText.count(after.rowsExamined()));
            }
            lines.add("rows returned " + BenchText.count(before.get().rowsReturned()) + " -> "
                    + BenchText.count(after.rowsReturned()));
            if (!before.get().plan().equals(after.plan())) {
                lines.add("plan changed:");
                before.get().plan().forEach(p -> lines.add("  before: " + p));
                after.plan().forEach(p -> lines.add("  after:  " + p));
            } else {
                after.plan().forEach(p -> lines.add("plan (unchanged): " + p));
            }
        }
        return lines;
    }
}
