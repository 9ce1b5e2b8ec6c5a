package dev.idxmig.output;

import dev.idxmig.rollback.RollbackReport;

import java.io.PrintWriter;

/** {@code rollback} for people: each undone migration with the exact SQL, marking what ran. */
public final class RollbackText {
    private RollbackText() {
    }

    static void write(RollbackReport report, PrintWriter out) {
        String target = report.database() + ", schema " + report.schema();
        String to = report.toVersion().map(v -> "version " + v).orElse("no version (all undone)");
        int n = report.steps().size();
        String migrations = n + " migration" + (n == 1 ? "" : "s");
        if (n == 0) {
            out.println("Nothing to roll back on " + target + report.fromVersion().map(v -> ": at version " + v)
                    .orElse(""));
            return;
        }
        if (report.dryRun()) {
            out.println("Dry run: would roll back " + migrations + " on " + target + " from version "
                    + report.fromVersion().orElse("?") + " to " + to + "; nothing was changed");
        } else if (report.succeeded()) {
            out.println("Rolled back " + migrations + " on " + target + " from version "
                    + report.fromVersion().orElse("?") + ", now at " + to);
        } else {
            out.println("Rollback stopped on " + target + "; now at " + to);
        }
        for (RollbackReport.Step step : report.steps()) {
            out.println("  " + step.version() + "  " + step.script() + "  [" + step.outcome().label() + ", "
                    + step.method() + "]");
            for (int i = 0; i < step.statements().size(); i++) {
                String mark = report.dryRun() ? "    " : i < step.executed() ? "  ok " : i == step.executed()
                        && step.error().isPresent() ? "  ERR" : "  -- ";
                String sql = step.statements().get(i).strip().replaceAll("\\s*\\n\\s*", " ");
                out.println("  " + mark + " " + sql + ";");
            }
            if (step.statements().isEmpty()) {
                out.println("       (no statements)");
            }
            step.warnings().forEach(w -> out.println("       warning: " + w));
            step.error().ifPresent(e -> out.println("       error: " + e));
        }
        report.verification().ifPresent(v -> {
            out.println();
            CheckText.write(v, out);
        });
    }
}
