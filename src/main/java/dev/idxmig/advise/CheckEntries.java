package dev.idxmig.advise;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks-file entries {@code advise --write} adds, as YAML the checks file reads back: a query an index
 * serves, that its plan uses the index, and where pg_stat_statements measured it, a bench target no slower than
 * its mean before the index.
 */
final class CheckEntries {
    private CheckEntries() {
    }

    static String entry(String name, AdviseReport.PlannedQuery query, String index) {
        StringBuilder b = new StringBuilder()
                .append("  # written by 'idxmig advise': ").append(index).append(" serves this query\n")
                .append("  - name: ").append(quoted(name)).append('\n')
                .append("    sql: |\n");
        query.sql().strip().lines().forEach(l -> b.append("      ").append(l.stripTrailing()).append('\n'));
        if (!query.params().isEmpty()) {
            b.append("    params: [").append(query.params().stream().map(CheckEntries::value)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        if (query.genericPlan()) {
            b.append("    generic_plan: true\n");
        }
        if (!query.sql().strip().toLowerCase(Locale.ROOT).matches("(?s)^(select|with|values|table)\\b.*")) {
            b.append("    allow_writes: true\n");
        }
        b.append("    expect:\n").append("      uses_index: ").append(index).append('\n');
        query.meanMs().ifPresent(ms -> b.append("    bench:\n").append("      max_median_ms: ")
                .append(String.format(Locale.ROOT, "%.2f", Math.max(ms, 0.01))).append('\n'));
        return b.toString();
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return quoted(v.toString());
    }
}
