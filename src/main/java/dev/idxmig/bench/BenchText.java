package dev.idxmig.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** The lines a person reads under each query: numbers with their units, only those measured. */
final class BenchText {
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
        lines.add(String.join(", ", facts));
        if (!q.tables().isEmpty()) {
            List<String> tables = new ArrayList<>();
            for (QueryBenchmark.TableContext tc : q.tables()) {
                tables.add(tc.table() + " " + count(tc.rows()) + " rows (statistics "
                        + tc.fresh().map(f -> f ? "fresh" : "STALE").orElse("unknown") + ")");
            }
            lines.add("tables: " + String.join(", ", tables));
        }
        q.plan().forEach(p -> lines.add("plan: " + p));
        return lines;
    }
}
