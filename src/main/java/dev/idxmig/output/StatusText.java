package dev.idxmig.output;

import dev.idxmig.base.Sizes;
import dev.idxmig.status.StatusReport;

import java.io.PrintWriter;

/** {@code status} for people. */
public final class StatusText {
    private StatusText() {
    }

    static void write(StatusReport report, PrintWriter out) {
        out.println(report.database() + ", schema " + report.schema() + ", "
                + report.schemaVersion().map(v -> "at version " + v).orElse("no migrations applied"));
        TextTable table = new TextTable("VERSION", "STATE", "INSTALLED ON", "TIME", "DESCRIPTION / INDEXES");
        for (StatusReport.MigrationStatus m : report.migrations()) {
            table.row(m.version(), m.state().label(), m.installedOn().map(StatusText::local).orElse("-"),
                    m.executionMs().isPresent() ? m.executionMs().getAsLong() + " ms" : "-", m.description());
            int adoptedShown = 0;
            for (StatusReport.IndexStatus i : m.indexes()) {
                if (ADOPTED.equals(i.action()) && i.state() == StatusReport.IndexState.VALID && adoptedShown++ >= ADOPTED_LISTED) {
                    continue; // a screenful; drifted adopted indexes are always listed
                }
                table.row("", "", "", "", "  " + line(i));
            }
            long more = m.indexes().stream().filter(i -> ADOPTED.equals(i.action()) && i.state() == StatusReport.IndexState.VALID)
                    .count() - ADOPTED_LISTED;
            if (more > 0) {
                table.row("", "", "", "", "  ... and " + more + " more adopted (--format json lists all)");
            }
            m.nonIndexChanges().ifPresent(c -> table.row("", "", "", "", "  " + c));
        }
        if (!table.isEmpty()) {
            table.print(out, "  ");
        }
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
    }

    private static final String ADOPTED = "adopted";
    /** Adopted indexes listed under the baseline row before the rest is counted: about a screenful. */
    static final int ADOPTED_LISTED = 20;

    private static String line(StatusReport.IndexStatus i) {
        return i.action() + " " + i.index() + " on " + i.table() + i.constraint().map(k -> " (" + k + ")").orElse("")
                + ": " + i.state().label() + (i.sizeBytes().isPresent() ? ", " + Sizes.human(i.sizeBytes()) : "");
    }

    /** {@code 2026-12-03T08:25:02Z} as people read it in a table: {@code 2026-12-03 08:25:02}. */
    private static String local(String iso) {
        return iso.length() >= 19 ? iso.substring(0, 19).replace('T', ' ') : iso;
    }
}
