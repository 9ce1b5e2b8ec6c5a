package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --version names what a bug report needs: idxmig, Flyway, both JDBC drivers and the Java runtime. */
@Tag("unit")
class VersionCliTest {
    @TempDir
    Path dir;

    @Test
    void versionPrintsFlywayTheDriversAndJava() {
        CliResult r = Idxmig.in(dir).run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stderr(), r::toString);
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).matches("idxmig \\S+"), r::toString);
        assertTrue(lines.get(1).matches("Flyway \\d+\\.\\d+\\.\\d+.*"), r::toString);
        // Read from the drivers themselves: the same major.minor as they report through JDBC.
        java.sql.Driver pg = new org.postgresql.Driver();
        assertTrue(r.stdout().contains("PostgreSQL JDBC driver pgjdbc " + pg.getMajorVersion() + "."
                + pg.getMinorVersion() + "."), r::toString);
        java.sql.Driver sqlite = new org.sqlite.JDBC();
        assertTrue(r.stdout().contains("SQLite JDBC driver sqlite-jdbc " + sqlite.getMajorVersion() + "."
                + sqlite.getMinorVersion() + "."), r::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("Java " + System.getProperty("java.version") + " ("),
                r::toString);
    }
}
