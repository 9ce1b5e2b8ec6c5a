package dev.idxmig.backup;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.base.Diagnostics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Takes verified backups. Every file is written under a temporary name in its final folder, readable by its owner
 * only, checked, and then renamed in one step: a file with a backup's name is always a complete, checked backup.
 */
public final class BackupService {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String SNAPSHOT_EXTENSION = IndexSnapshotFile.EXTENSION;
    private static final String READ_BACK_HINT = "check the disk (free space, errors in the system log) and take "
            + "the backup again; if it fails the same way on a sound disk, it is a bug in idxmig: report it with "
            + "the output of --stacktrace";

    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public BackupService(Database database, ProjectSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /** Backs up to {@code to}, or to a timestamped name in the backups folder, rotated by the settings' keep. */
    public BackupReport backup(BackupScope requested, Optional<Path> to) {
        return backup(requested, to, settings.backupsKeep().orElse(BackupFolder.DEFAULT_KEEP));
    }

    /**
     * Backs up to {@code to} (never rotated), or to a timestamped name in the backups folder; then removes the
     * automatic backups of this database and schema beyond the newest {@code keep} (0 keeps all).
     */
    public BackupReport backup(BackupScope requested, Optional<Path> to, int keep) {
        BackupTool tool = database.dialect().backupTool();
        BackupScope scope = requested == BackupScope.DEFAULT
                ? (tool.fullCopyBeforeMigrate() ? BackupScope.FULL : BackupScope.INDEXES) : requested;
        if (scope == BackupScope.NONE) {
            return new BackupReport(database.productVersion(), database.schema(), scope, List.of(), List.of());
        }
        boolean copy = scope != BackupScope.INDEXES;
        boolean schemaOnly = scope == BackupScope.SCHEMA;
        Path copyFile;
        Path snapshotFile;
        String series = seriesName();
        if (to.isPresent()) {
            Path file = settings.workDir().resolve(to.get()).normalize();
            copyFile = file;
            snapshotFile = copy ? file.resolveSibling(file.getFileName() + SNAPSHOT_EXTENSION) : file;
            refuseExisting(copy ? List.of(copyFile, snapshotFile) : List.of(snapshotFile));
        } else {
            Path dir = backupsFolder();
            String base = series + "-" + STAMP.format(Instant.now());
            String copyExt = tool.copyExtension(schemaOnly);
            int n = 1;
            do {
                String name = base + (n == 1 ? "" : "-" + n);
                copyFile = dir.resolve(name + copyExt);
                snapshotFile = dir.resolve(name + SNAPSHOT_EXTENSION);
                n++;
            } while (Files.exists(copyFile) || Files.exists(snapshotFile));
        }
        List<BackupFile> files = new ArrayList<>();
        if (copy) {
            diagnostics.info("backing up " + database.productVersion() + " to " + copyFile);
            List<String> checks = writeAtomically(copyFile, temp -> tool.copy(database, temp, schemaOnly));
            files.add(new BackupFile(copyFile.toString(), schemaOnly ? "schema copy" : "database copy",
                    size(copyFile), checks));
        }
        Optional<String> copyName = copy ? Optional.of(copyFile.getFileName().toString()) : Optional.empty();
        SnapshotHeader.Origin origin = to.isEmpty() ? SnapshotHeader.Origin.automatic(series, copyName)
                : SnapshotHeader.Origin.named(series, copyName);
        List<String> snapshotChecks = writeAtomically(snapshotFile, temp -> writeSnapshot(temp, origin));
        files.add(new BackupFile(snapshotFile.toString(), "index snapshot", size(snapshotFile), snapshotChecks));
        List<String> removed = to.isPresent() ? List.of()
                : new BackupFolder(snapshotFile.getParent()).prune(series, database.schema(), keep, diagnostics);
        return new BackupReport(database.productVersion(), database.schema(), scope, files, removed);
    }

    private List<String> writeSnapshot(Path temp, SnapshotHeader.Origin origin) {
        List<SnapshotIndex> indexes = database.snapshot().all().stream()
                .sorted(Comparator.comparing(IndexInfo::table).thenComparing(IndexInfo::name))
                .map(SnapshotIndex::of)
                .toList();
        IndexSnapshot written = new IndexSnapshot(new SnapshotHeader(SnapshotCodec.VERSION,
                Optional.of(database.dialect().id()), database.productVersion(), database.schema(),
                Optional.of(Instant.now()), indexes.size(), Optional.of(origin)), indexes);
        try {
            Files.write(temp, SnapshotCodec.encode(written), StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw IdxmigException.operation("cannot write the index snapshot: " + describe(e),
                    "check free space and permissions of " + temp.getParent(), e);
        }
        readBack(temp, written);
        int n = indexes.size();
        return List.of("reads back " + n + " index definition" + (n == 1 ? "" : "s") + " exactly as the database "
                + "printed " + (n == 1 ? "it" : "them"));
    }

    /**
     * Reads back what was written and compares all of it, so a short write on a full disk, or a definition the
     * codec could not carry, fails the backup now rather than the restore later.
     */
    static void readBack(Path temp, IndexSnapshot written) {
        IndexSnapshot read;
        try {
            read = IndexSnapshotFile.read(temp);
        } catch (IdxmigException e) {
            throw IdxmigException.operation("the index snapshot does not read back: " + e.getMessage(),
                    READ_BACK_HINT, e);
        }
        if (read.equals(written)) {
            return;
        }
        String which = "its header";
        for (int i = 0; i < Math.min(read.indexes().size(), written.indexes().size()); i++) {
            if (!read.indexes().get(i).equals(written.indexes().get(i))) {
                which = "index " + written.indexes().get(i).name();
                break;
            }
        }
        throw IdxmigException.operation("the index snapshot does not read back as written: " + which + " differs",
                READ_BACK_HINT, null);
    }

    /**
     * Writes through {@code writer} into a temporary owner-only file beside {@code target}, then renames it. The
     * temporary file is removed on every failure.
     */
    private List<String> writeAtomically(Path target, Function<Path, List<String>> writer) {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw IdxmigException.operation("cannot back up to " + target + ": the folder " + dir
                    + " does not exist", "create it, or choose another file with --to", null);
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".part", ownerOnly(dir));
        } catch (IOException e) {
            throw IdxmigException.operation("cannot write into " + dir + ": " + describe(e),
                    "check that the folder is writable and has free space", e);
        }
        try {
            List<String> checks;
            try {
                checks = writer.apply(temp);
            } catch (IdxmigException e) {
                throw new IdxmigException(failedBackup(e.failure()), "backup to " + target + " failed; the partial "
                        + "file was removed: " + e.getMessage(), e.hint().orElse(READ_BACK_HINT), e);
            } catch (RuntimeException e) {
                throw IdxmigException.operation("backup to " + target + " failed; the partial file was removed: "
                        + e, "this is a bug in idxmig: report it with the output of --stacktrace", e);
            }
            Files.setPosixFilePermissions(temp, OWNER_ONLY);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return checks;
        } catch (IOException e) {
            throw IdxmigException.operation("cannot complete the backup " + target + ": " + describe(e),
                    "check free space and permissions of " + dir, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // named .part: never mistaken for a backup
            }
        }
    }

    /**
     * The exit code of a backup that failed: 4 (failed, stopped safely), unless the connection was lost, a lock
     * not acquired or the run interrupted, which keep their own codes.
     */
    private static Failure failedBackup(Failure failure) {
        return switch (failure) {
            case CONNECTION, LOCK, INTERRUPTED -> failure;
            default -> Failure.OPERATION;
        };
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage();
    }

    private Path backupsFolder() {
        Path dir = settings.backupsDir();
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw IdxmigException.operation("cannot create the backups folder " + dir + ": " + describe(e),
                    "set 'backups' in idxmig.yaml to a writable folder, or pass --to FILE", e);
        }
    }

    private static void refuseExisting(List<Path> files) {
        for (Path f : files) {
            if (Files.exists(f)) {
                throw IdxmigException.usage(f + " already exists; a backup never overwrites a file",
                        "choose another name with --to, or remove the old file");
            }
        }
    }

    /** The database's name (file name without extension, or database name): what its automatic backups start with. */
    private String seriesName() {
        String name = database.settings().url().lastSegment();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        if (name.isBlank()) {
            name = "database";
        }
        return name.replace(' ', '_');
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
