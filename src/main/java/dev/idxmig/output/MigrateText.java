package dev.idxmig.output;

import dev.idxmig.base.Sizes;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.migrate.PlannedMigration;
import dev.idxmig.script.SqlStatement;

import java.io.PrintWriter;

/** {@code migrate} for people. */
public final class MigrateText {
    private MigrateText() {
    }

    static void write(MigrateReport report, PrintWriter out) {
        String target = report.database() + ", schema " + report.schema();
        if (report.dryRun()) {
            writePlan(report, out, target);
            return;
        }
        long ok = report.applied().stream().filter(r -> r.outcome() == LedgerEntry.Outcome.APPLIED).count();
        if (report.applied().isEmpty() && report.backup().isEmpty()) {
            out.println((report.succeeded() ? "Nothing to migrate: " + target + " is up to date"
                    : "No migration applied to " + target)
                    + report.schemaVersion().map(v -> " at version " + v).orElse(""));
            return;
        }
        out.println((report.succeeded() ? "Applied " : "Applied before the failure: ") + ok + " migration"
                + (ok == 1 ? "" : "s") + " to " + target
                + report.schemaVersion().map(v -> ", now at version " + v).orElse(""));
        TextTable table = new TextTable("VERSION", "OUTCOME", "TIME", "DESCRIPTION / INDEX CHANGES");
        for (MigrationRun run : report.applied()) {
            table.row(run.version(), run.outcome().label(), run.durationMs() + " ms", run.description());
            for (LedgerEntry change : run.indexChanges()) {
                table.row("", "", "", "  " + change.action().label() + " " + change.indexName().orElse("?") + " on "
                        + change.table().orElse("?") + (change.valid() ? "" : " INVALID") + ", "
                        + Sizes.human(change.sizeBytes()));
            }
            if (run.indexChanges().isEmpty()) {
                table.row("", "", "", "  no index changes");
            }
            run.nonIndexChanges().ifPresent(c -> table.row("", "", "", "  " + c));
        }
        table.print(out, "  ");
        if (!report.backup().isEmpty()) {
            out.println("Backup taken before migrating: " + String.join(", ", report.backup()));
        }
        report.verification().ifPresent(v -> {
            out.println();
            CheckText.write(v, out);
        });
    }

    private static void writePlan(MigrateReport report, PrintWriter out, String target) {
        if (report.planned().isEmpty()) {
            out.println("Dry run: nothing to migrate on " + target
                    + report.schemaVersion().map(v -> " (at version " + v + ")").orElse(""));
            return;
        }
        out.println("Dry run: " + report.planned().size() + " pending migration"
                + (report.planned().size() == 1 ? "" : "s") + " on " + target + "; nothing was changed");
        for (PlannedMigration m : report.planned()) {
            out.println("  " + m.script());
            for (SqlStatement st : m.statements()) {
                String first = st.sql().lines().findFirst().orElse("");
                boolean more = st.sql().lines().count() > 1;
                out.println("    line " + st.line() + ": " + first + (more ? " ..." : ""));
            }
        }
    }
}
