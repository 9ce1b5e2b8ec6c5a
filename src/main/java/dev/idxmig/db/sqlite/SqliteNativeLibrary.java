package dev.idxmig.db.sqlite;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * sqlite-jdbc unpacks its native library into the temporary folder on every start, about 70 ms of a 0.5 s
 * {@code status} (bench/README.md). When the launcher names a cache folder ({@code -Didxmig.cache.dir}, where it
 * keeps the class-data archive), idxmig keeps one copy per driver version and platform there and points the driver
 * at it ({@code org.sqlite.lib.path}, {@code org.sqlite.lib.name}, the driver's own settings). Without the folder,
 * or when anything about the copy fails, the driver unpacks its own as before.
 */
final class SqliteNativeLibrary {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private SqliteNativeLibrary() {
    }

    /** Before the first SQLite connection of this process; later calls do nothing. */
    static void useCachedCopy() {
        String cache = System.getProperty("idxmig.cache.dir");
        if (!DONE.compareAndSet(false, true) || cache == null || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            String platform = OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = System.mapLibraryName("sqlitejdbc");
            Path folder = Path.of(cache);
            Path copy = folder.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-"
                    + platform.replace('/', '-') + "-" + name);
            if (!Files.isRegularFile(copy)) {
                try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                        "/org/sqlite/native/" + platform + "/" + name)) {
                    if (in == null) {
                        return;
                    }
                    Path partial = Files.createTempFile(folder, ".sqlite-jdbc-", ".partial");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            System.setProperty("org.sqlite.lib.path", folder.toString());
            System.setProperty("org.sqlite.lib.name", copy.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            // the driver unpacks its own copy, as it does without a cache folder
        }
    }
}
