package dev.idxmig.db.sqlite;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.IdxmigProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the launcher's cache folder, SQLite's native library is unpacked there once and loaded from there. The
 * processes get a temporary folder that does not exist, where the driver would unpack its own copy on every start
 * (and fail to open any database: "Error opening connection").
 */
@Tag("sqlite")
class SqliteNativeLibraryProcessTest {
    @TempDir
    Path dir;

    @Test
    void theNativeLibraryIsUnpackedOnceIntoTheCacheFolderAndLoadedFromThere() throws IOException {
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Path tmp = dir.resolve("no-such-tmp");
        Path work = Files.createDirectory(dir.resolve("work"));
        ExampleProject.write(work.resolve("m"), "V1__t.sql", "CREATE TABLE t (x INT);\nCREATE INDEX t_x ON t (x);\n");
        List<String> jvm = List.of("-Didxmig.cache.dir=" + cache, "-Djava.io.tmpdir=" + tmp);
        for (String run : List.of("first", "second")) {
            CliResult r = IdxmigProcess.startWith(work, run, jvm, "migrate", "--url", "jdbc:sqlite:app.db",
                    "--locations", "filesystem:m", "--no-backup").await(Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), r::toString);
        }
        List<String> cached = names(cache);
        assertEquals(1, cached.size(), cached::toString);
        assertTrue(cached.get(0).startsWith("sqlite-jdbc-") && cached.get(0).contains("sqlitejdbc"), cached::toString);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
