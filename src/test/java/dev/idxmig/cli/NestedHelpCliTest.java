package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A nested subcommand answers --help like a first-level one (the error hints point there). */
@Tag("unit")
class NestedHelpCliTest {
    @TempDir
    Path dir;

    @Test
    void backupListAnswersHelpWithItsOptionsAndTheExitCodes() {
        CliResult r = Idxmig.in(dir).run("backup", "list", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Usage: idxmig backup list"), r::toString);
        assertTrue(r.stdout().contains("--help"), r::toString);
        assertTrue(r.stdout().contains("Exit codes"), r::toString);
    }
}
