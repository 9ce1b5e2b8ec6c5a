package dev.idxmig.output;

import dev.idxmig.audit.AuditReport;
import dev.idxmig.audit.AuditedIndex;

import java.io.PrintWriter;

/** The audit for people: the summary, the table of verdicts, then each index's evidence and the notes. */
final class AuditText {
    private AuditText() {
    }

    static void write(AuditReport report, PrintWriter out) {
        out.println(report.summary());
        out.println(report.statistics());
        report.table().ifPresent(t -> {
            out.println();
            TextTable.of(t).print(out, "  ");
        });
        for (AuditedIndex i : report.indexes()) {
            out.println();
            out.println(i.index() + " on " + i.table() + ": " + i.verdict().label());
            out.println("  built:    " + AuditLines.built(i));
            AuditLines.promised(i).forEach(l -> out.println("  promised: " + l));
            AuditLines.measured(i).forEach(l -> out.println("  measured: " + l));
            out.println("  usage:    " + AuditLines.usage(i));
            i.reasons().forEach(r -> out.println("  why:      " + r));
            i.warnings().forEach(w -> out.println("  warning:  " + w));
        }
        if (!report.notes().isEmpty()) {
            out.println();
            report.notes().forEach(n -> out.println("note: " + n));
        }
    }
}
