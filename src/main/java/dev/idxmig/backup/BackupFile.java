package dev.idxmig.backup;

import java.util.List;

/**
 * One file a backup wrote.
 *
 * @param kind   {@code database copy}, {@code schema copy} or {@code index snapshot}
 * @param checks what was verified before the file got its name
 */
public record BackupFile(String path, String kind, long bytes, List<String> checks) {
    public BackupFile {
        checks = List.copyOf(checks);
    }
}
