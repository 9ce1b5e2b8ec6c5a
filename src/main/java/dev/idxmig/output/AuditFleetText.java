package dev.idxmig.output;

import dev.idxmig.audit.AcrossSchemas;
import dev.idxmig.base.Table;

import java.io.PrintWriter;
import java.util.List;

/** After a fleet audit, text and Markdown: each index name's scans per schema and where it went unused. */
public final class AuditFleetText {
    private AuditFleetText() {
    }

    public static void write(AcrossSchemas across, ReportFormat format, PrintWriter out) {
        Table t = across.table();
        out.println();
        if (format == ReportFormat.MARKDOWN) {
            out.println("### Scans per schema");
            out.println();
            out.println(row(t.header()));
            out.println("|" + "---|".repeat(t.header().size()));
            t.rows().forEach(r -> out.println(row(r)));
        } else {
            out.println("scans per schema:");
            TextTable.of(t).print(out, "  ");
        }
        out.flush();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
