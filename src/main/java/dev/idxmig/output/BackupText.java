package dev.idxmig.output;

import dev.idxmig.base.Sizes;
import dev.idxmig.backup.BackupFile;
import dev.idxmig.backup.BackupListReport;
import dev.idxmig.backup.StoredBackup;
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
        report.removed().forEach(f -> out.println("  removed old automatic backup " + f));
    }

    static void write(BackupListReport report, PrintWriter out) {
        if (report.backups().isEmpty()) {
            out.println("No backups in " + report.folder());
            return;
        }
        out.println(report.backups().size() + " backup" + (report.backups().size() == 1 ? "" : "s") + " in "
                + report.folder() + " (newest first; the newest " + report.keep()
                + " automatic backups of each database are kept, named ones always)");
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        for (StoredBackup b : report.backups()) {
            rows.add(java.util.List.of(TIME.format(b.madeAt()), b.series(), b.schema(), b.origin(),
                    Sizes.human(OptionalLong.of(b.bytes())), fileName(b.copy().orElse(b.snapshot()))
                            + (b.copy().isPresent() ? " + " + fileName(b.snapshot()) : "")));
        }
        TextTable.of(new dev.idxmig.base.Table(java.util.List.of("MADE (UTC)", "DATABASE", "SCHEMA", "ORIGIN", "SIZE",
                "FILES"), rows)).print(out, "  ");
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private static String fileName(String path) {
        return java.nio.file.Path.of(path).getFileName().toString();
    }

    static void write(RestoreReport report, PrintWriter out) {
        String target = report.database() + ", schema " + report.schema();
        String from = report.kind() + " " + report.file();
        if (report.kind().equals("index snapshot") && report.statements().isEmpty()) {
            out.println("Nothing to restore: the indexes of " + target + " already match " + from);
            skipped(report, out);
            return;
        }
        out.println((report.dryRun() ? "Dry run: would restore " : report.problem().isEmpty() ? "Restored "
                : "Restore stopped: ") + from + " on " + target + (report.dryRun() ? "; nothing was changed" : ""));
        int failed = report.failedStatement().orElse(0) - 1;
        for (int i = 0; i < report.statements().size(); i++) {
            String mark = report.dryRun() ? "    " : i < report.executed() ? "  ok " : i == failed ? "  ERR" : "  -- ";
            out.println("  " + mark + " " + report.statements().get(i) + ";");
        }
        skipped(report, out);
        report.actions().forEach(a -> out.println("  " + a));
    }

    private static void skipped(RestoreReport report, PrintWriter out) {
        report.skipped().forEach(s -> out.println("  skipped " + s.index() + " on " + s.table() + ": " + s.reason()));
    }
}
