package dev.idxmig.migrate;

import dev.idxmig.backup.BackupScope;

import java.util.Optional;

/**
 * How to run {@code migrate}: up to which version, whether to only show the plan, and what backup to take first
 * ({@link BackupScope#DEFAULT}: the database's default; {@link BackupScope#NONE}: none), and whether to verify the
 * result afterwards.
 */
public record MigrateOptions(Optional<String> target, boolean dryRun, BackupScope backup, boolean verify) {

    /** The same run as a dry run: shows what is pending up to the target, changes nothing. */
    public MigrateOptions planOnly() {
        return new MigrateOptions(target, true, backup, verify);
    }

    /** Up to another version (or all, when empty), with the same backup. */
    public MigrateOptions upTo(Optional<String> version) {
        return new MigrateOptions(version, dryRun, backup, verify);
    }

    /** The same run without a backup (one was already taken in this run). */
    public MigrateOptions withoutBackup() {
        return new MigrateOptions(target, dryRun, BackupScope.NONE, verify);
    }
}
