package dev.idxmig.db.mariadb;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;

import java.nio.file.Path;
import java.util.List;

/**
 * Full copies of a MariaDB database are not made by idxmig yet: {@code migrate}'s default backup is the index
 * snapshot (as on PostgreSQL), and {@code backup} without {@code --indexes-only} says how to take a full copy with
 * the server's own tool instead of pretending to.
 */
final class NoFullCopies implements BackupTool {

    @Override
    public boolean fullCopyBeforeMigrate() {
        return false;
    }

    @Override
    public String copyExtension(boolean schemaOnly) {
        return schemaOnly ? ".schema.sql" : ".sql";
    }

    @Override
    public List<String> copy(Database database, Path target, boolean schemaOnly) {
        throw IdxmigException.usage("idxmig does not make full copies of MariaDB databases yet",
                "use --indexes-only for the index snapshot, and take a full copy with the server's own tool: "
                        + "mariadb-dump --single-transaction" + (schemaOnly ? " --no-data" : "") + " "
                        + database.schema());
    }

    @Override
    public boolean isCopy(Path file) {
        return false;
    }

    @Override
    public List<String> restoreCopy(Database database, Path file, boolean dryRun) {
        throw IdxmigException.usage("idxmig does not restore MariaDB copies", "restore a mariadb-dump file with the "
                + "mariadb client: mariadb " + database.schema() + " < " + file);
    }
}
