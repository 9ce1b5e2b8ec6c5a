package dev.idxmig.db;

import java.nio.file.Path;
import java.util.List;

/**
 * Whole-database copies, one implementation per database (SQLite: the online backup API; PostgreSQL:
 * {@code pg_dump}). Index snapshots are the same on every database and are not made here. Callers hand in a
 * fresh, empty file in the final folder and rename it when the copy is verified, so a half-written file never
 * carries a backup's name.
 */
public interface BackupTool {

    /** Whether {@code migrate}'s default backup is a full copy (a SQLite file is cheap) or only the index snapshot. */
    boolean fullCopyBeforeMigrate();

    /** How a copy's file name ends: {@code .db}, {@code .dump}, {@code .schema.sql}. */
    String copyExtension(boolean schemaOnly);

    /**
     * Writes a copy of the database into {@code target} and checks it. Throws an operation failure (with the
     * reason: disk full, tool missing) when it cannot; returns what was checked, one line each.
     */
    List<String> copy(Database database, Path target, boolean schemaOnly);

    /** Whether the file is a copy this tool makes (a SQLite database, a {@code pg_dump} archive). */
    boolean isCopy(Path file);

    /**
     * Replaces the database with the copy in {@code file}, or says how to (PostgreSQL: the {@code pg_restore}
     * command). Refuses a file that is not a sound copy before it replaces anything. Returns what it did (or,
     * with {@code dryRun}, would do), one line each.
     */
    List<String> restoreCopy(Database database, Path file, boolean dryRun);
}
