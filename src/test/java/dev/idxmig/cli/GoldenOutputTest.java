package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The text report of each command on the example project (SQLite), as a person reads it, compared with
 * src/test/resources/golden/*.txt. Timings, timestamps and sizes vary from run to run and are replaced by
 * placeholders; so are runs of spaces (column widths follow them). After an intended change of wording, run
 * {@code mvn -B test -Dtest=GoldenOutputTest -Didxmig.golden.update=true} and review the diff of the files.
 */
@Tag("sqlite")
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path dir;

    @Test
    void eachCommandsTextReportOnTheExampleReadsAsRecorded() throws IOException {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        List<String> mismatches = new ArrayList<>();
        check(mismatches, "lint", idxmig.run("lint"), 0);
        check(mismatches, "migrate-dry-run", idxmig.run("migrate", "--dry-run", ExampleProject.SMALL), 0);
        check(mismatches, "migrate", idxmig.run("migrate", "--no-backup", ExampleProject.SMALL), 0);
        check(mismatches, "status", idxmig.run("status"), 0);
        check(mismatches, "verify", idxmig.run("verify"), 0);
        check(mismatches, "doctor", idxmig.run("doctor"), 0);
        check(mismatches, "plan-check", idxmig.run("plan-check"), 0);
        check(mismatches, "rollback-dry-run", idxmig.run("rollback", "--dry-run", "--steps", "2"), 0);
        assertEquals(List.of(), mismatches);
    }

    private static void check(List<String> mismatches, String name, CliResult result, int exitCode)
            throws IOException {
        assertEquals(exitCode, result.exitCode(), result::toString);
        String actual = normalize(result.stdout());
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("idxmig.golden.update")) {
            Files.writeString(file, actual);
            return;
        }
        String expected = Files.exists(file) ? Files.readString(file) : "(no golden file " + file + ")";
        if (!expected.equals(actual)) {
            mismatches.add(name + ":\n--- expected (" + file + ")\n" + expected + "\n--- actual\n" + actual);
        }
    }

    static String normalize(String text) {
        return text.replace("\r\n", "\n")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d)?(\\.\\d+)?Z?", "<timestamp>")
                .replaceAll("\\d+(\\.\\d+)? ?(B|kB|MB|GB)\\b", "<size>")
                .replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "<time>")
                .replaceAll("(?m)[ \\t]+$", "")
                .replaceAll(" {2,}", "  ");
    }
}
