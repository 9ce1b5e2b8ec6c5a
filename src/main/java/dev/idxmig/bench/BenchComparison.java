package dev.idxmig.bench;

import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Table;

import java.util.ArrayList;
import java.util.List;
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

    /** One row per query: medians before and after, the change, work done before and after, the indexes used. */
    @Override
    public Optional<Table> table() {
        Optional<String> work = BenchText.workColumn(all());
        List<String> header = new ArrayList<>(List.of("query", "before", "after", "change"));
        work.ifPresent(header::add);
        header.add("index");
        List<List<String>> rows = new ArrayList<>();
        for (QueryBenchmark a : after.queries()) {
            Optional<QueryBenchmark> b = before.query(a.name());
            Optional<TimingStats> bt = b.flatMap(QueryBenchmark::timing);
            List<String> row = new ArrayList<>(List.of(a.name(), BenchText.median(b), BenchText.median(Optional.of(a)),
                    bt.isPresent() && a.measured() ? BenchText.change(bt.get().medianMs(), a.timing().get().medianMs())
                            : "-"));
            work.ifPresent(w -> row.add(BenchText.work(b) + " -> " + BenchText.work(Optional.of(a))));
            String was = BenchText.access(b);
            String now = BenchText.access(Optional.of(a));
            row.add(was.equals(now) ? now : was + " -> " + now);
            rows.add(row);
        }
        return Optional.of(new Table(header, rows));
    }

    private List<QueryBenchmark> all() {
        List<QueryBenchmark> all = new ArrayList<>(before.queries());
        all.addAll(after.queries());
        return all;
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
            String change = BenchText.change(b.get().medianMs(), a.medianMs());
            lines.add("median " + BenchText.ms(b.get().medianMs()) + " -> " + BenchText.ms(a.medianMs()) + " ("
                    + change + "); p95 " + BenchText.ms(b.get().p95Ms()) + " -> " + BenchText.ms(a.p95Ms()));
            if (before.get().rowsExamined().isPresent() || after.rowsExamined().isPresent()) {
                lines.add("rows examined " + BenchText.count(before.get().rowsExamined()) + " -> "
                        + BenchText.count(after.rowsExamined()));
            }
            if (before.get().vmSteps().isPresent() || after.vmSteps().isPresent()) {
                lines.add("VM steps " + BenchText.count(before.get().vmSteps()) + " -> "
                        + BenchText.count(after.vmSteps()));
            }
            lines.add("rows returned " + BenchText.count(before.get().rowsReturned()) + " -> "
                    + BenchText.count(after.rowsReturned()));
            if (!before.get().plan().equals(after.plan())) {
                lines.add((after.genericPlan() ? "generic plan" : "plan") + " changed:");
                before.get().plan().forEach(p -> lines.add("  before: " + p));
                after.plan().forEach(p -> lines.add("  after:  " + p));
            } else {
                after.plan().forEach(p -> lines.add((after.genericPlan() ? "generic plan" : "plan") + " (unchanged): "
                        + p));
            }
        }
        return lines;
    }
}
