package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench baseline gate has an absolute floor: a sub-millisecond median that moved by tens of percent is not a
 * regression unless it also moved by --min-regression.
 */
@Tag("sqlite")
class BenchFloorSqliteCliTest {
    private static final String MONTH = "user worklogs in a month";

    @TempDir
    Path dir;

    @Test
    void aSmallAbsoluteDifferenceIsBelowTheFloorAndSaidSo() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        CliResult save = idxmig.run("bench", "--check", MONTH, "--runs=5", "--warmup=1", "--save-baseline", "base.json");
        assertEquals(0, save.exitCode(), save::toString);
        // the baseline made a hundred times faster: any current median is a regression in percent, but
        // (on this small example) by far less than 50 ms
        Path base = dir.resolve("base.json");
        Files.writeString(base, Files.readString(base).replaceAll("\"(minMs|medianMs|p95Ms|maxMs)\" : ([0-9.Ee-]+)",
                "\"$1\" : 0.0001"));

        CliResult floor = idxmig.run("bench", "--check", MONTH, "--runs=5", "--warmup=1", "--baseline", "base.json",
                "--min-regression", "50ms");
        assertEquals(0, floor.exitCode(), floor::toString);
        assertTrue(floor.stdout().contains("below the --min-regression floor of 50.0 ms, not a regression"),
                floor::toString);

        CliResult strict = idxmig.run("bench", "--check", MONTH, "--runs=5", "--warmup=1", "--baseline", "base.json",
                "--min-regression", "0");
        assertEquals(1, strict.exitCode(), strict::toString);
        assertTrue(strict.stdout().contains("median regressed"), strict::toString);

        CliResult bad = idxmig.run("bench", "--check", MONTH, "--min-regression", "fast");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("cannot read --min-regression 'fast'"), bad::toString);

        // a bare number once meant milliseconds here and seconds everywhere else: now it must carry its unit
        CliResult bare = idxmig.run("bench", "--check", MONTH, "--min-regression", "250");
        assertEquals(2, bare.exitCode(), bare::toString);
        assertTrue(bare.stderr().contains("--min-regression 250 has no unit") && bare.stderr().contains("write 250ms"),
                bare::toString);
    }
}
