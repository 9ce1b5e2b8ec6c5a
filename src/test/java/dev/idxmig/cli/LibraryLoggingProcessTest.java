package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HikariCP's own log lines reach the terminal only with --verbose. In a separate JVM, as a user runs it: the
 * logging libraries read their levels once per process, so in-process tests cannot see this.
 */
@Tag("sqlite")
class LibraryLoggingProcessTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenSqliteFileGivesIdxmigsMessageAloneAndHikarisLineOnlyWithVerbose() throws Exception {
        Files.writeString(dir.resolve("garbage.db"), "hello, this is not a SQLite database, not at all, really\n");
        Result quiet = idxmig("status", "--url", "jdbc:sqlite:garbage.db");
        assertEquals(3, quiet.exit(), quiet::toString);
        assertTrue(quiet.stderr().startsWith("error: cannot connect to jdbc:sqlite:"), quiet::toString);
        assertTrue(!quiet.stderr().contains("com.zaxxer") && !quiet.stderr().contains("[ERROR]"), quiet::toString);

        Result verbose = idxmig("status", "--verbose", "--url", "jdbc:sqlite:garbage.db");
        assertEquals(3, verbose.exit(), verbose::toString);
        assertTrue(verbose.stderr().contains("com.zaxxer.hikari"), verbose::toString);
    }

    private Result idxmig(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("idxmig did not end within 60s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
