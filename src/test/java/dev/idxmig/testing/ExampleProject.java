package dev.idxmig.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies the repository's example project (migrations/ and idxmig.yaml) into a test's folder. */
public final class ExampleProject {
    /** Rows of example data in tests: enough to exercise every statement, small enough to be quick. */
    public static final String SMALL = "-Dworklog_rows=2000";

    private ExampleProject() {
    }

    public static Path copyTo(Path dir) {
        Path repo = Path.of("").toAbsolutePath();
        copyTree(repo.resolve("migrations"), dir.resolve("migrations"));
        try {
            Files.copy(repo.resolve("idxmig.yaml"), dir.resolve("idxmig.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The example copied into {@code dir} and migrated with {@link #SMALL} data on a PostgreSQL database. */
    public static Idxmig migrated(Path dir, PgDatabase db) {
        return migrated(dir, Idxmig.in(dir).target(db.cliArgs()));
    }

    /** The example copied into {@code dir} and migrated with {@link #SMALL} data to its SQLite file. */
    public static Idxmig migrated(Path dir) {
        return migrated(dir, Idxmig.in(dir));
    }

    private static Idxmig migrated(Path dir, Idxmig idxmig) {
        copyTo(dir);
        CliResult migrate = idxmig.run("migrate", SMALL);
        if (migrate.exitCode() != 0) {
            throw new AssertionError("migrating the example failed: " + migrate);
        }
        return idxmig;
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a migration file (and creates its folder). */
    public static Path write(Path dir, String name, String sql) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
