package dev.idxmig.backup;

import java.util.List;

/**
 * What {@code backup list} found in the backups folder, newest first.
 *
 * @param keep how many automatic backups of each database the folder keeps (0: all)
 */
public record BackupListReport(String folder, int keep, List<StoredBackup> backups) {
    public BackupListReport {
        backups = List.copyOf(backups);
    }
}
