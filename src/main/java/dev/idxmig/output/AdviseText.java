package dev.idxmig.output;

import dev.idxmig.advise.AdviseReport;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** advise as text: each proposal with its statement and proof; rejected candidates with {@code --explain}. */
final class AdviseText {
    private AdviseText() {
    }

    static void write(AdviseReport r, PrintWriter out) {
        out.println("advise on " + r.database() + " schema " + r.schema() + ": " + r.queries().size() + " quer"
                + (r.queries().size() == 1 ? "y" : "ies") + " (" + sources(r) + "); proof: " + r.hypothetical()
                + String.format(Locale.ROOT, "; min gain %.0f%%", 100 * r.minGain()));
        for (AdviseReport.Proposal p : r.proposals()) {
            out.println();
            out.println("proposed: " + p.name() + " (" + p.shape() + ")");
            out.println("  " + p.createIndex() + ";");
            out.println("  serves: " + String.join(", ", p.queries()));
            out.println("  " + facts(p));
        }
        if (!r.rejected().isEmpty()) {
            out.println();
            if (r.explained()) {
                out.println("rejected:");
                for (AdviseReport.Rejection x : r.rejected()) {
                    out.println("  " + x.createIndex());
                    out.println("    " + x.reason() + " (from " + String.join(", ", x.queries()) + ")");
                }
                out.println();
                out.println("queries:");
                for (AdviseReport.PlannedQuery q : r.queries()) {
                    out.println("  " + q.name() + " (" + q.planning() + ", cost " + cost(q.cost())
                            + q.meanMs().stream().mapToObj(m -> String.format(Locale.ROOT, ", mean %.2f ms", m))
                                    .findFirst().orElse("")
                            + q.calls().stream().mapToObj(c -> ", " + c + " calls").findFirst().orElse("") + ")");
                    q.plan().forEach(l -> out.println("    " + l));
                }
            } else {
                out.println(r.rejected().size() + " candidate" + (r.rejected().size() == 1 ? "" : "s")
                        + " rejected (--explain says why)");
            }
        }
        if (!r.notes().isEmpty()) {
            out.println();
            r.notes().forEach(n -> out.println("note: " + n));
        }
        if (!r.written().isEmpty()) {
            out.println();
            r.written().forEach(f -> out.println("wrote " + f));
        }
        out.println();
        out.println(r.summary());
    }

    /** The proof's numbers that the database reported: cost, size, the table's activity; what it did not, left out. */
    static String facts(AdviseReport.Proposal p) {
        List<String> parts = new java.util.ArrayList<>();
        if (p.costBefore().isPresent() && p.costAfter().isPresent()) {
            parts.add("cost: " + cost(p.costBefore()) + " -> " + cost(p.costAfter())
                    + p.gain().stream().mapToObj(g -> String.format(Locale.ROOT, " (-%.0f%%)", 100 * g))
                            .findFirst().orElse(""));
        } else {
            parts.add("proof: the plans use it (no costs on this database)");
        }
        if (p.sizeBytes().isPresent()) {
            parts.add("size ~" + size(p.sizeBytes()));
        }
        if (p.tableWrites().isPresent()) {
            parts.add(p.table() + ": " + count(p.tableWrites()) + " rows written, " + count(p.tableReads()) + " scan"
                    + (p.tableReads().orElse(0) == 1 ? "" : "s") + " since statistics reset");
        }
        return String.join("; ", parts);
    }

    static String sources(AdviseReport r) {
        java.util.Map<String, Long> by = new java.util.LinkedHashMap<>();
        r.queries().forEach(q -> by.merge(q.source(), 1L, Long::sum));
        List<String> parts = by.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String cost(OptionalDouble cost) {
        return cost.isPresent() ? String.format(Locale.ROOT, "%.2f", cost.getAsDouble()) : "n/a";
    }

    static String count(OptionalLong n) {
        return n.isPresent() ? Long.toString(n.getAsLong()) : "n/a";
    }

    static String size(OptionalLong bytes) {
        if (bytes.isEmpty()) {
            return "n/a";
        }
        double b = bytes.getAsLong();
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f %s", b, units[u])
                : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
