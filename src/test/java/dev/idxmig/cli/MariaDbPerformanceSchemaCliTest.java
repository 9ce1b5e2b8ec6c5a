package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import dev.idxmig.testing.PerformanceSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Build progress on MariaDB: read from performance_schema's InnoDB ALTER TABLE stages where they are on (the
 * second server), and where they are not, said once with --verbose.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbPerformanceSchemaCliTest {
    /** A line of progress: the statement, an InnoDB stage, its share of the work, the time so far. */
    private static final Pattern PROGRESS = Pattern.compile("CREATE INDEX t_a_b ON t \\(a, b\\) ALGORITHM=INPLACE "
            + "LOCK=NONE: alter table \\([a-zA-Z ]+\\)( \\d+% \\(\\d+ of \\d+\\))?, \\d+\\.\\ds");

    @Test
    void aLongIndexBuildReportsInnoDbsStagesAndTheirWork(@PerformanceSchema MariaDbDatabase db, @TempDir Path dir)
            throws Exception {
        // big enough that the build outlasts the watcher's first quiet second (about 3s here)
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__t.sql", "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, "
                + "a INT NOT NULL, b VARCHAR(40) NOT NULL);\n"
                + "INSERT INTO t (a, b) SELECT seq % 1000, CONCAT('row ', seq) FROM seq_1_to_3000000;\n");
        CliResult loaded = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(0, loaded.exitCode(), loaded.toString());
        ExampleProject.write(migrations, "V2__t_a_b.sql", "CREATE INDEX t_a_b ON t (a, b);\n");
        CliResult result = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup", "--verbose");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(PROGRESS.matcher(result.stderr()).find(), "expected a progress line in:\n" + result.stderr());
        assertFalse(result.stderr().contains("no build progress"), result.toString());
    }

    @Test
    void withoutPerformanceSchemaAStatementPastItsFirstSecondSaysOnceThatNoProgressCanBeRead(MariaDbDatabase db,
                                                                                          @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__slow.sql", "DO SLEEP(1.5);\nDO SLEEP(1.5);\n");
        CliResult verbose = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup", "--verbose");
        assertEquals(0, verbose.exitCode(), verbose.toString());
        String line = "no build progress: performance_schema is off";
        assertTrue(verbose.stderr().contains(line), verbose.toString());
        assertEquals(verbose.stderr().indexOf(line), verbose.stderr().lastIndexOf(line), "said once: " + verbose);

        ExampleProject.write(migrations, "V2__slow.sql", "DO SLEEP(1.5);\n");
        CliResult quiet = db.idxmig(dir).run("migrate", "--locations", "migrations", "--no-backup");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertFalse(quiet.stderr().contains(line), "only with --verbose: " + quiet);
    }
}
