package dev.idxmig.backup;

import java.util.List;

/**
 * What {@code backup} wrote, each file verified before it was given its final name.
 *
 * @param removed older automatic backups deleted by the retention setting (--keep, backups.keep)
 */
public record BackupReport(String database, String schema, BackupScope scope, List<BackupFile> files,
                           List<String> removed) {
    public BackupReport {
        files = List.copyOf(files);
        removed = List.copyOf(removed);
    }

    public List<String> paths() {
        return files.stream().map(BackupFile::path).toList();
    }
}
