package dev.idxmig.migrate;

import dev.idxmig.backup.BackupScope;

import java.util.Optional;

/**
 * How to run {@code migrate}: up to which version, whether to only show the plan, and what backup to take first
 * ({@link BackupScope#DEFAULT}: the database's default; {@link BackupScope#NONE}: none).
 */
public record MigrateOptions(Optional<String> target, boolean dryRun, BackupScope backup) {
}
