package dev.idxmig.cli;

import dev.idxmig.backup.BackupFolder;
import dev.idxmig.backup.BackupScope;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.backup.BackupService;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "backup", subcommands = BackupListCommand.class, description = "Take a verified backup: SQLite through the online backup API, PostgreSQL "
        + "with pg_dump -Fc; always with an index snapshot (every index definition, byte for byte, in JSON: NAME.indexes.json).")
final class BackupCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--to", paramLabel = "FILE", description = "Write the backup to FILE (default: a timestamped "
            + "file in the backups folder, 'backups' in idxmig.yaml, else backups/).")
    Path to;

    @Option(names = "--keep", paramLabel = "N", description = "Keep the newest N automatic backups of this database "
            + "in the backups folder, delete older ones; 0 keeps all (default: backups.keep in idxmig.yaml, else "
            + BackupFolder.DEFAULT_KEEP + "). Backups made with --to are never deleted.")
    Integer keep;

    @ArgGroup(exclusive = true)
    Scope scope;

    static final class Scope {
        @Option(names = "--schema-only", description = "The schema without data (plus the index snapshot).")
        boolean schemaOnly;

        @Option(names = "--indexes-only", description = "Only the index snapshot.")
        boolean indexesOnly;
    }

    @Override
    public Integer call() {
        if (keep != null && keep < 0) {
            throw IdxmigException.usage("--keep must be 0 (keep every backup) or more, not " + keep, null);
        }
        if (keep != null && to != null) {
            throw IdxmigException.usage("--keep rotates the automatic backups in the backups folder; a backup made "
                    + "with --to is never rotated", "leave out --to, or --keep");
        }
        ProjectSettings settings = settings();
        int retained = Optional.ofNullable(keep).or(settings::backupsKeep).orElse(BackupFolder.DEFAULT_KEEP);
        BackupScope what = scope == null ? BackupScope.FULL
                : scope.schemaOnly ? BackupScope.SCHEMA : BackupScope.INDEXES;
        try (Database db = open(settings)) {
            output.write(new BackupService(db, settings, console()).backup(what, Optional.ofNullable(to), retained), console(),
                    settings.workDir());
            return ExitCodes.OK;
        }
    }
}
