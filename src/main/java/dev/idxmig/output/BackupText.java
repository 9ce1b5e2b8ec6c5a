package dev.idxmig.output;

import dev.idxmig.base.Sizes;
import dev.idxmig.backup.BackupFile;
import dev.idxmig.backup.BackupReport;
import dev.idxmig.backup.RestoreReport;

import java.io.PrintWriter;
import java.util.OptionalLong;

/** {@code backup} and {@code restore} for people. */
public final class BackupText {
    private BackupText() {
    }

    static void write(BackupReport report, PrintWriter out) {
        if (report.files().isEmpty()) {
            out.println("No backup taken of " + report.database() + ", schema " + report.schema());
            return;
        }
        out.println("Backup of " + report.database() + ", schema " + report.schema() + " ("
                + report.scope().name().toLowerCase(java.util.Locale.ROOT) + "), verified:");
        for (BackupFile f : report.files()) {
            out.println("  " + f.path() + "  " + f.kind() + ", " + Sizes.human(OptionalLong.of(f.bytes())));
            f.checks().forEach(c -> out.println("    " + c));
        }
    }

    static void write(RestoreReport report, PrintWriter out) {
        String target = report.database() + ", schema " + report.schema();
        String from = report.kind() + " " + report.file();
        if (report.kind().equals("index snapshot") && report.statements().isEmpty()) {
            out.println("Nothing to restore: the indexes of " + target + " already match " + from);
            return;
        }
        out.println((report.dryRun() ? "Dry run: would restore " : report.problem().isEmpty() ? "Restored "
                : "Restore stopped: ") + from + " on " + target + (report.dryRun() ? "; nothing was changed" : ""));
        for (int i = 0; i < report.statements().size(); i++) {
            String mark = report.dryRun() ? "    " : i < report.executed() ? "  ok " : i == report.executed()
                    && report.problem().isPresent() ? "  ERR" : "  -- ";
            out.println("  " + mark + " " + report.statements().get(i) + ";");
        }
        report.actions().forEach(a -> out.println("  " + a));
    }
}
