package dev.idxmig.output;

import dev.idxmig.audit.AuditReport;
import dev.idxmig.audit.AuditedIndex;

import java.io.PrintWriter;
import java.util.List;

/**
 * The audit as a pull request or a wiki page takes it: the index-by-index answer to each migration's write-up,
 * what was promised, what was measured, what happened, and the verdict.
 */
final class AuditMarkdown {
    private AuditMarkdown() {
    }

    static void write(AuditReport report, PrintWriter out) {
        out.println("### " + (report.passed() ? "✅ " : "❌ ") + cell(report.summary()));
        out.println();
        out.println("_" + cell(report.statistics()) + "_");
        out.println();
        report.table().ifPresent(t -> {
            out.println(row(t.header()));
            out.println("|" + "---|".repeat(t.header().size()));
            t.rows().forEach(r -> out.println(row(r)));
            out.println();
        });
        for (AuditedIndex i : report.indexes()) {
            out.println("#### `" + i.index() + "` on `" + i.table() + "`: " + i.verdict().label());
            out.println();
            out.println("- **Built**: " + cell(AuditLines.built(i)));
            AuditLines.promised(i).forEach(l -> out.println("- **Promised**: " + cell(l)));
            AuditLines.measured(i).forEach(l -> out.println("- **Measured**: " + cell(l)));
            out.println("- **Usage**: " + cell(AuditLines.usage(i)));
            out.println("- **Verdict**: " + i.verdict().label() + (i.reasons().isEmpty() ? ""
                    : " — " + cell(String.join("; ", i.reasons()))));
            i.warnings().forEach(w -> out.println("- **Warning**: " + cell(w)));
            out.println();
        }
        if (!report.notes().isEmpty()) {
            report.notes().forEach(n -> out.println("> " + cell(n)));
            out.println();
        }
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(AuditMarkdown::cell).toList()) + " |";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
