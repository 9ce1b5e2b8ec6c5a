package dev.idxmig.backup;

import dev.idxmig.base.Diagnostics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backups folder as a list of backups, and its retention: the newest {@code keep} automatic backups of each
 * database and schema stay, older automatic ones go. A backup made by hand with {@code --to} is never deleted, and
 * neither is a snapshot whose origin idxmig cannot tell (written before origins were recorded).
 */
public final class BackupFolder {
    /** Automatic backups kept per database and schema when neither --keep nor backups.keep says otherwise. */
    public static final int DEFAULT_KEEP = 10;

    private final Path folder;

    public BackupFolder(Path folder) {
        this.folder = folder;
    }

    /** Every backup in the folder, newest first. */
    public List<StoredBackup> list() {
        List<StoredBackup> result = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        // format 2 snapshots, and those earlier versions wrote (still restorable, still rotated)
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.indexes.{json,sql}")) {
            for (Path file : files) {
                read(file).ifPresent(result::add);
            }
        } catch (IOException e) {
            return result;
        }
        result.sort(Comparator.comparing(StoredBackup::madeAt).reversed().thenComparing(StoredBackup::snapshot));
        return result;
    }

    /**
     * Deletes the automatic backups of {@code series} and {@code schema} beyond the newest {@code keep} (0 keeps
     * all), copy and snapshot together; says each on {@code diagnostics}. Returns the deleted files.
     */
    public List<String> prune(String series, String schema, int keep, Diagnostics diagnostics) {
        List<String> removed = new ArrayList<>();
        if (keep <= 0) {
            return removed;
        }
        List<StoredBackup> rotated = list().stream()
                .filter(b -> b.automatic() && b.series().equals(series) && b.schema().equals(schema)).toList();
        for (StoredBackup old : rotated.subList(Math.min(keep, rotated.size()), rotated.size())) {
            List<String> files = new ArrayList<>();
            old.copy().ifPresent(files::add);
            files.add(old.snapshot());
            for (String f : files) {
                try {
                    if (Files.deleteIfExists(Path.of(f))) {
                        removed.add(f);
                    }
                } catch (IOException e) {
                    diagnostics.warn("could not remove the old backup " + f + ": " + e.getMessage());
                }
            }
            diagnostics.info("removed backup " + old.copy().orElse(old.snapshot()) + " of " + old.madeAt()
                    + " (keeping the newest " + keep + " automatic backups; backups.keep or --keep)");
        }
        return removed;
    }

    private Optional<StoredBackup> read(Path snapshot) {
        Optional<SnapshotHeader> header = IndexSnapshotFile.header(snapshot);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        SnapshotHeader h = header.get();
        // the copy the snapshot was taken with, named in its header; never found by guessing at file names
        Optional<Path> copy = h.copy().map(snapshot::resolveSibling).filter(Files::isRegularFile);
        String name = snapshot.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf(".indexes."));
        long bytes = size(snapshot) + copy.map(BackupFolder::size).orElse(0L);
        return Optional.of(new StoredBackup(snapshot.toString(), copy.map(Path::toString), h.series().orElse(stem),
                h.schema(), h.automatic() ? StoredBackup.AUTOMATIC : StoredBackup.NAMED,
                h.madeAt().orElse(modified(snapshot)), bytes, h.count()));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
