package dev.idxmig.bench;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A bench run judged: targets ({@code bench.max_median_ms}, on the median only), regressions against a baseline,
 * noisy measurements. The full measurement is in {@code run} for {@code --format json}.
 */
public record BenchReport(String title, List<CheckResult> checks, BenchRun run, Optional<String> baseline,
                          Optional<BenchRun> baselineRun, double tolerance, double minRegressionMs)
        implements CheckReport {
    private static final String CHECK = "bench";
    /** The default absolute floor: a median that got slower by less than this is never a regression. */
    public static final double DEFAULT_MIN_REGRESSION_MS = 0.5;

    public BenchReport {
        checks = List.copyOf(checks);
    }

    /**
     * @param baseline  an earlier run to compare medians with
     * @param tolerance how much slower a median may get before it counts as a regression (0.2 = 20%)
     * @param minRegressionMs and by how many milliseconds at least: sub-millisecond medians move by tens of
     *                  percent between two runs of the same plan, so a relative tolerance alone fails at random
     */
    public static BenchReport judge(BenchRun run, Optional<Baseline> baseline, double tolerance,
                                    double minRegressionMs) {
        List<CheckResult> results = new ArrayList<>();
        for (QueryBenchmark q : run.queries()) {
            List<Finding> findings = new ArrayList<>(common(q, run.runs()));
            List<String> details = new ArrayList<>();
            if (q.measured()) {
                details.addAll(BenchText.measurement(q, run.warmup()));
                baseline.ifPresent(b -> compare(q, b, tolerance, minRegressionMs, findings, details, run.database()));
            }
            long ms = q.timing().map(t -> Math.round(t.medianMs() * t.runs())).orElse(0L);
            results.add(new CheckResult(q.name(), findings, details, ms));
        }
        String title = "bench " + run.database() + ", schema " + run.schema() + ", " + run.runs() + " runs after "
                + run.warmup() + " warm-up";
        return new BenchReport(title, results, run, baseline.map(b -> b.file().toString()),
                baseline.map(Baseline::run), tolerance, minRegressionMs);
    }

    /** One row per query: median, p95, rows, work done, the indexes used, and the baseline's median if any. */
    @Override
    public Optional<Table> table() {
        Optional<String> work = BenchText.workColumn(run.queries());
        List<String> header = new ArrayList<>(List.of("query", "median", "p95", "rows"));
        work.ifPresent(header::add);
        header.add("index");
        baselineRun.ifPresent(b -> header.addAll(List.of("baseline", "vs baseline")));
        List<List<String>> rows = new ArrayList<>();
        for (QueryBenchmark q : run.queries()) {
            List<String> row = new ArrayList<>(List.of(q.name(), BenchText.median(Optional.of(q)),
                    q.timing().map(t -> BenchText.ms(t.p95Ms())).orElse("-"), BenchText.count(q.rowsReturned())));
            work.ifPresent(w -> row.add(BenchText.count(q.work())));
            row.add(BenchText.access(Optional.of(q)));
            baselineRun.ifPresent(b -> {
                Optional<QueryBenchmark> was = b.query(q.name());
                row.add(BenchText.median(was));
                row.add(was.flatMap(QueryBenchmark::timing).flatMap(w -> q.timing().map(t -> String.format(
                        Locale.ROOT, "%+.0f%%", (t.medianMs() - w.medianMs()) / w.medianMs() * 100))).orElse("-"));
            });
            rows.add(row);
        }
        return Optional.of(new Table(header, rows));
    }

    /** Findings any measurement gets: not measured, target missed, noisy, too few runs. */
    static List<Finding> common(QueryBenchmark q, int runs) {
        List<Finding> findings = new ArrayList<>();
        switch (q.status()) {
            case "skipped":
                findings.add(Finding.info(CHECK, q.name(), "skipped: " + q.error().orElse("")));
                return findings;
            case "refused":
                findings.add(Finding.error(CHECK, q.name(), "refused: " + q.error().orElse(""), null));
                return findings;
            case "failed":
                findings.add(Finding.error(CHECK, q.name(), "the query failed: " + q.error().orElse(""),
                        "fix the check's sql or params"));
                return findings;
            default:
        }
        TimingStats t = q.timing().orElseThrow();
        q.maxMedianMs().ifPresent(max -> {
            if (t.medianMs() > max) {
                findings.add(Finding.error(CHECK, q.name(), "median " + BenchText.ms(t.medianMs())
                        + " missed the target max_median_ms " + BenchText.ms(max), "see the plan: is the index used?"));
            }
        });
        if (t.noisy()) {
            findings.add(Finding.warning(CHECK, q.name(), "noisy measurement: max " + BenchText.ms(t.maxMs())
                    + " is more than 3× the median " + BenchText.ms(t.medianMs()),
                    "rerun on a quieter machine or with more --runs"));
        }
        if (runs < BenchOptions.MIN_RELIABLE_RUNS) {
            findings.add(Finding.warning(CHECK, q.name(), "only " + runs + " timed run" + (runs == 1 ? "" : "s")
                    + ": the median is not reliable", "use --runs 5 or more"));
        }
        return findings;
    }

    private static void compare(QueryBenchmark q, Baseline baseline, double tolerance, double minRegressionMs,
                                List<Finding> findings, List<String> details, String database) {
        Optional<TimingStats> before = baseline.run().query(q.name()).flatMap(QueryBenchmark::timing);
        if (before.isEmpty()) {
            details.add("baseline: not in " + baseline.file());
            return;
        }
        TimingStats then = before.get();
        TimingStats current = q.timing().orElseThrow();
        double was = then.medianMs();
        double now = current.medianMs();
        double change = (now - was) / was;
        double difference = now - was;
        double noise = noise(then, current);
        String line = String.format(Locale.ROOT, "baseline: median %s -> %s (%+.0f%%, %+.3f ms; tolerance %.0f%% and "
                        + "at least %s)", BenchText.ms(was), BenchText.ms(now), change * 100, difference, tolerance * 100,
                BenchText.ms(minRegressionMs));
        details.add(line);
        boolean withinNoise = Math.abs(difference) <= noise;
        if (withinNoise && difference != 0) {
            findings.add(Finding.info(CHECK, q.name(), String.format(Locale.ROOT, "the difference %+.3f ms is within "
                    + "the noise of the runs (their medians' spread to p95: %.3f ms)", difference, noise)));
        }
        if (change > tolerance && difference > minRegressionMs) {
            findings.add(Finding.error(CHECK, q.name(), String.format(Locale.ROOT,
                    "median regressed %.0f%% against the baseline (%s -> %s), over the %.0f%% tolerance%s",
                    change * 100, BenchText.ms(was), BenchText.ms(now), tolerance * 100,
                    withinNoise ? ", though within the noise of the runs" : ""),
                    "compare the plans: bench --format json shows both runs' plans"));
        } else if (change > tolerance) {
            findings.add(Finding.info(CHECK, q.name(), String.format(Locale.ROOT, "median %+.0f%% against the "
                            + "baseline, but only %+.3f ms: below the --min-regression floor of %s, not a regression",
                    change * 100, difference, BenchText.ms(minRegressionMs))));
        }
        if (!baseline.run().database().equals(database)) {
            details.add("baseline measured on " + baseline.run().database() + ", not " + database);
        }
    }

    /**
     * How far a median moves between runs of the same plan, as these two runs show it: the wider of their spreads
     * from median to p95.
     */
    static double noise(TimingStats a, TimingStats b) {
        return Math.max(a.p95Ms() - a.medianMs(), b.p95Ms() - b.medianMs());
    }
}
