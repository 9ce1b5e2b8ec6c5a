package dev.idxmig.output;

import dev.idxmig.backup.BackupListReport;
import dev.idxmig.backup.BackupReport;
import dev.idxmig.backup.RestoreReport;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.rollback.RollbackReport;
import dev.idxmig.status.StatusReport;

/** One line saying how a command's run on a target ended, for the {@code headline} of its JSON document. */
final class Headlines {
    private Headlines() {
    }

    static String of(Object report) {
        if (report instanceof MigrateReport m) {
            String version = m.schemaVersion().map(v -> "version " + v).orElse("no version");
            long changes = m.applied().stream().mapToLong(r -> r.indexChanges().size()).sum();
            return m.dryRun() ? m.planned().size() + " pending"
                    : m.applied().isEmpty() ? "up to date at " + version
                    : "applied " + m.applied().size() + ", " + changes + " index changes, now at " + version;
        }
        if (report instanceof StatusReport s) {
            long pending = s.migrations().stream().filter(m -> m.state() == StatusReport.MigrationState.PENDING).count();
            return s.schemaVersion().map(v -> "at version " + v).orElse("nothing applied") + ", " + pending
                    + " pending";
        }
        if (report instanceof RollbackReport r) {
            return (r.dryRun() ? "would undo " : "undid ") + r.steps().size() + ", "
                    + r.toVersion().map(v -> "at version " + v).orElse("all undone");
        }
        if (report instanceof BackupReport b) {
            return b.files().size() + " file" + (b.files().size() == 1 ? "" : "s") + " written"
                    + (b.removed().isEmpty() ? "" : ", " + b.removed().size() + " old removed");
        }
        if (report instanceof RestoreReport r) {
            return (r.dryRun() ? "would run " : "ran ") + (r.dryRun() ? r.statements().size() : r.executed())
                    + " statement" + ((r.dryRun() ? r.statements().size() : r.executed()) == 1 ? "" : "s");
        }
        if (report instanceof BackupListReport l) {
            return l.backups().size() + " backup" + (l.backups().size() == 1 ? "" : "s");
        }
        if (report instanceof dev.idxmig.advise.AdviseReport a) {
            return a.summary().substring("advise: ".length());
        }
        return "done";
    }
}
