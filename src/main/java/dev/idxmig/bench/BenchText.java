package dev.idxmig.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** The lines a person reads under each query: numbers with their units, only those measured. */
final class BenchText {
    /** Medians closer than this (as a fraction) are reported as the same: below what one run can tell apart. */
    private static final double SAME = 0.05;
    private BenchText() {
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms >= 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String count(OptionalLong n) {
        return n.isPresent() ? count(n.getAsLong()) : "n/a";
    }

    /** A median as a table cell, or why there is none. */
    static String median(Optional<QueryBenchmark> q) {
        return q.flatMap(QueryBenchmark::timing).map(t -> ms(t.medianMs()))
                .orElse(q.map(QueryBenchmark::status).orElse("not run"));
    }

    /** "12.3× faster", "2.0× slower", or "same (±5%)": how the second median compares with the first. */
    static String change(double beforeMs, double afterMs) {
        double ratio = beforeMs / afterMs;
        if (Math.abs(ratio - 1) <= SAME) {
            return "same (±5%)";
        }
        return ratio >= 1 ? String.format(Locale.ROOT, "%.1f× faster", ratio)
                : String.format(Locale.ROOT, "%.1f× slower", 1 / ratio);
    }

    /**
     * The column for work done, named in the unit the database reports: rows examined (PostgreSQL), VM steps
     * (SQLite); none when no query reported either.
     */
    static Optional<String> workColumn(List<QueryBenchmark> queries) {
        if (queries.stream().anyMatch(q -> q.rowsExamined().isPresent())) {
            return Optional.of("rows examined");
        }
        if (queries.stream().anyMatch(q -> q.vmSteps().isPresent())) {
            return Optional.of("vm steps");
        }
        return Optional.empty();
    }

    static String work(Optional<QueryBenchmark> q) {
        return q.map(x -> count(x.work())).orElse("n/a");
    }

    /** The indexes a plan read, or that it scanned in full, as one cell. */
    static String access(Optional<QueryBenchmark> q) {
        if (q.isEmpty() || !q.get().measured()) {
            return "-";
        }
        if (!q.get().indexes().isEmpty()) {
            return String.join(", ", q.get().indexes());
        }
        return q.get().plan().stream().anyMatch(l -> l.endsWith("FULL SCAN")) ? "full scan" : "-";
    }

    static List<String> measurement(QueryBenchmark q, int warmup) {
        List<String> lines = new ArrayList<>();
        TimingStats t = q.timing().orElseThrow();
        lines.add("median " + ms(t.medianMs()) + " (min " + ms(t.minMs()) + ", p95 " + ms(t.p95Ms()) + ", max "
                + ms(t.maxMs()) + "; " + t.runs() + " runs after " + warmup + " warm-up)");
        List<String> facts = new ArrayList<>();
        q.rowsReturned().ifPresent(r -> facts.add("rows returned " + count(r)));
        q.rowsExamined().ifPresent(r -> facts.add("rows examined " + count(r)));
        if (q.buffersHit().isPresent() || q.buffersRead().isPresent()) {
            facts.add("buffers hit " + count(q.buffersHit()) + " / read " + count(q.buffersRead()));
        }
        q.serverMs().ifPresent(s -> facts.add("server execution " + ms(s)));
        q.vmSteps().ifPresent(v -> facts.add("VM steps " + count(v)));
        lines.add(String.join(", ", facts));
        if (!q.tables().isEmpty()) {
            List<String> tables = new ArrayList<>();
            for (QueryBenchmark.TableContext tc : q.tables()) {
                tables.add(tc.table() + " " + count(tc.rows()) + " rows (statistics "
                        + tc.fresh().map(f -> f ? "fresh" : "STALE").orElse("unknown") + ")");
            }
            lines.add("tables: " + String.join(", ", tables));
        }
        q.plan().forEach(p -> lines.add((q.genericPlan() ? "generic plan: " : "plan: ") + p));
        return lines;
    }
}
