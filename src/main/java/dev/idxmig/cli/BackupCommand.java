package dev.idxmig.cli;

import dev.idxmig.backup.BackupScope;
import dev.idxmig.backup.BackupService;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "backup", description = "Take a verified backup: SQLite through the online backup API, PostgreSQL "
        + "with pg_dump -Fc; always with an index snapshot (every index definition, as SQL).")
final class BackupCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--to", paramLabel = "FILE", description = "Write the backup to FILE (default: a timestamped "
            + "file in the backups folder, 'backups' in idxmig.yaml, else backups/).")
    Path to;

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
        ProjectSettings settings = settings();
        BackupScope what = scope == null ? BackupScope.FULL
                : scope.schemaOnly ? BackupScope.SCHEMA : BackupScope.INDEXES;
        try (Database db = open(settings)) {
            output.write(new BackupService(db, settings, console()).backup(what, Optional.ofNullable(to)), console(),
                    settings.workDir());
            return ExitCodes.OK;
        }
    }
}
