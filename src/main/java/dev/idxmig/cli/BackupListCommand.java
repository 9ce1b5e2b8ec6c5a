package dev.idxmig.cli;

import dev.idxmig.backup.BackupFolder;
import dev.idxmig.backup.BackupListReport;
import dev.idxmig.config.ProjectSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the backups in the backups folder, newest first: when, which schema, "
        + "automatic (rotated by --keep / backups.keep) or named with --to (never deleted), files and size. "
        + "Reads the folder only; connects to nothing.")
final class BackupListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        BackupFolder folder = new BackupFolder(settings.backupsDir());
        output.write(new BackupListReport(settings.backupsDir().toString(),
                settings.backupsKeep().orElse(BackupFolder.DEFAULT_KEEP), folder.list()), console(),
                settings.workDir());
        return ExitCodes.OK;
    }
}
