package dev.idxmig.backup;

import java.util.List;

/** What {@code backup} wrote, each file verified before it was given its final name. */
public record BackupReport(String database, String schema, BackupScope scope, List<BackupFile> files) {
    public BackupReport {
        files = List.copyOf(files);
    }

    public List<String> paths() {
        return files.stream().map(BackupFile::path).toList();
    }
}
