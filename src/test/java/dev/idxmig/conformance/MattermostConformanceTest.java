package dev.idxmig.conformance;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mattermost's 158 real PostgreSQL migrations (golang-migrate pairs {@code NNNNNN_name.up.sql}/{@code .down.sql},
 * read from {@code ../shared/realworld/mattermost}) laid out as a Flyway project in a temporary folder: up scripts
 * become {@code V<n>__name.sql}, down scripts the undo scripts {@code U<n>__name.sql}, and a script Mattermost marks
 * {@code -- morph:nontransactional} gets the sidecar that runs it outside a transaction, as its authors meant.
 */
@Tag("postgres")
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class MattermostConformanceTest {
    private static final Pattern PAIR = Pattern.compile("(\\d{6})_(.+)\\.(up|down)\\.sql");

    @TempDir
    Path dir;

    @Test
    void migrateVerifyRollbackToZeroAndMigrateAgainGiveTheIdenticalCatalog(PgDatabase db) throws IOException {
        int scripts = stage(RealWorld.corpus("mattermost").resolve("postgres"), dir.resolve("migrations"));
        assertEquals(316, scripts, "158 up and 158 down scripts");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());

        CliResult first = idxmig.run("migrate");
        assertEquals(0, first.exitCode(), first::toString);
        assertClean(idxmig.run("verify"));
        List<String> built = PgCatalog.indexes(db);
        assertTrue(built.size() > 200, "Mattermost's schema has a few hundred indexes: " + built.size());

        CliResult down = idxmig.run("rollback", "--to", "0");
        assertEquals(0, down.exitCode(), down::toString);
        assertTrue(PgCatalog.indexes(db).size() < 10, "the undo scripts took the schema down");

        CliResult again = idxmig.run("migrate", "--no-backup");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(built, PgCatalog.indexes(db), "the same indexes, byte for byte, after down and up again");
        assertClean(idxmig.run("verify"));
    }

    @Test
    void lintReadsEveryScriptWithoutFalseIdentifierFindings(PgDatabase db) throws IOException {
        stage(RealWorld.corpus("mattermost").resolve("postgres"), dir.resolve("migrations"));
        CliResult lint = Idxmig.in(dir).target(db.cliArgs()).run("lint");
        assertEquals(1, lint.exitCode(), "Mattermost drops indexes without CONCURRENTLY, an error: " + lint);
        assertTrue(lint.stdout().contains("158 pending scripts"), lint::toString);
        assertFalse(lint.stdout().contains("identifier-too-long"), "no name in Mattermost is over 63 bytes: "
                + lint.stdout());
        assertFalse(lint.stdout().contains("[syntax]"), "every script is read: " + lint.stdout());
    }

    private static void assertClean(CliResult verify) {
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    /** Lays the golang-migrate pairs out as Flyway scripts; returns how many scripts were laid out. */
    static int stage(Path source, Path migrations) throws IOException {
        Files.createDirectories(migrations);
        int count = 0;
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = PAIR.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String prefix = m.group(3).equals("up") ? "V" : "U";
                String name = prefix + Integer.parseInt(m.group(1)) + "__" + m.group(2).replace('.', '_') + ".sql";
                String text = Files.readString(file);
                Files.writeString(migrations.resolve(name), text);
                if (text.startsWith("-- morph:nontransactional")) {
                    Files.writeString(migrations.resolve(name + ".conf"), "executeInTransaction=false\n");
                }
                count++;
            }
        }
        return count;
    }
}
