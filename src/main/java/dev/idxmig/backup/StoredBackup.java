package dev.idxmig.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * One backup found in the backups folder: its index snapshot, the database copy beside it if there is one, and
 * who named it.
 *
 * @param series   the database the backup is of (the start of an automatic backup's name), the unit of retention
 * @param origin   {@code automatic} (named by idxmig: before migrate, or backup without --to; rotated by
 *                 {@code --keep}/{@code backups.keep}) or {@code named} (made with {@code --to}: never deleted)
 * @param madeAt   when the snapshot was taken, ISO-8601 in UTC
 * @param copy     the database copy or pg_dump archive, when the backup has one
 */
public record StoredBackup(String snapshot, Optional<String> copy, String series, String schema, String origin,
                           Instant madeAt, long bytes, int indexes) {
    public static final String AUTOMATIC = "automatic";
    public static final String NAMED = "named";

    public boolean automatic() {
        return AUTOMATIC.equals(origin);
    }
}
