package dev.idxmig.db;

import dev.idxmig.base.IdxmigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders idxmig makes for a run (a shadow copy, an empty stand-in) and removes when it is done. */
public final class ScratchFolders {
    private ScratchFolders() {
    }

    /** A new folder in java.io.tmpdir, for {@code what} (said when it cannot be made). */
    public static Path create(String prefix, String what) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw IdxmigException.operation("cannot make a temporary folder for " + what + ": " + e.getMessage(),
                    "check the space and rights of java.io.tmpdir", e);
        }
    }

    /** Removes the folder and everything in it; a leftover is harmless, the next run makes its own. */
    public static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left for the system's temporary-file cleanup
        }
    }
}
