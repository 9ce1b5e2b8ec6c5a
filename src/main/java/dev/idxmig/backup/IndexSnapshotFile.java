package dev.idxmig.backup;

import dev.idxmig.base.IdxmigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An index snapshot file, whichever format it is in: told apart by its first bytes, read by the format's one
 * reader. idxmig writes format 2 ({@link SnapshotCodec}, JSON, {@code NAME.indexes.json}); it still reads format 1
 * ({@link LegacySnapshotReader}, the {@code NAME.indexes.sql} files of earlier versions).
 */
final class IndexSnapshotFile {
    static final String EXTENSION = ".indexes.json";
    static final String LEGACY_EXTENSION = ".indexes.sql";

    enum Format { JSON, LEGACY, NONE }

    private IndexSnapshotFile() {
    }

    static Format format(Path file) {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(64);
        } catch (IOException | RuntimeException e) {
            return Format.NONE;
        }
        return SnapshotCodec.opensJson(start) ? Format.JSON
                : LegacySnapshotReader.opensLegacy(start) ? Format.LEGACY : Format.NONE;
    }

    /**
     * Whether restore should treat the file as an index snapshot: it opens like one, or is named like one (so a
     * damaged snapshot is refused as a snapshot, never taken for a database copy).
     */
    static boolean isSnapshot(Path file) {
        String name = file.getFileName().toString();
        return format(file) != Format.NONE || name.endsWith(EXTENSION) || name.endsWith(LEGACY_EXTENSION);
    }

    /** The header facts, without reading the definitions; empty when the file is not a readable snapshot. */
    static Optional<SnapshotHeader> header(Path file) {
        return switch (format(file)) {
            case JSON -> SnapshotCodec.header(file);
            case LEGACY -> LegacySnapshotReader.header(file);
            case NONE -> Optional.empty();
        };
    }

    static IndexSnapshot read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        if (SnapshotCodec.opensJson(bytes)) {
            return SnapshotCodec.decode(file, bytes);
        }
        if (LegacySnapshotReader.opensLegacy(bytes)) {
            return LegacySnapshotReader.read(file, new String(bytes, StandardCharsets.UTF_8));
        }
        throw IdxmigException.usage(file + " is not an idxmig index snapshot: it is " + (bytes.length == 0
                ? "empty" : "neither JSON nor an earlier version's SQL snapshot"),
                "pass a snapshot written by idxmig backup (NAME" + EXTENSION + ")");
    }
}
