package dev.idxmig.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive {@code mvn package} builds, unpacked into an empty folder and run as a user would, with a Java
 * runtime and a {@code mvn} that fails if called: the launcher must find the jar beside it and never build.
 * Runs under failsafe, after package.
 */
class ReleaseArchiveIT {
    @TempDir
    Path dir;

    @Test
    void unpackedArchiveRunsVersionAndMigrateWithoutMaven() throws Exception {
        Path archive = Path.of(System.getProperty("idxmig.archive", "target/idxmig-dev.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "no release archive at " + archive + "; run mvn package");
        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        assertEquals(0, run(dir, "tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString())
                .exitCode());
        Path home = unpacked.resolve(System.getProperty("idxmig.archive.root", "idxmig-dev"));
        for (String file : List.of("idxmig", "idxmig.jar", "README.md", "LICENSE", "completion/idxmig.bash",
                "man/man1/idxmig.1", "man/man1/idxmig-migrate.1", "example/idxmig.yaml")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), "the archive holds " + file);
        }
        assertTrue(Files.isExecutable(home.resolve("idxmig")));
        assertTrue(Files.readString(home.resolve("man/man1/idxmig-migrate.1")).contains(".TH \"IDXMIG\\-MIGRATE\" \"1\""),
                "a roff man page, section 1");

        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path mvnCalled = dir.resolve("mvn-called");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\ntouch '" + mvnCalled + "'\nexit 1\n");
        bin.resolve("mvn").toFile().setExecutable(true);
        String idxmig = home.resolve("idxmig").toString();
        Path work = Files.createDirectory(dir.resolve("work"));

        Result version = run(work, bin, idxmig, "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().startsWith("idxmig "), version::toString);
        assertTrue(version.stdout().contains("\nFlyway "), version::toString);
        assertTrue(version.stdout().contains("\nSQLite JDBC driver"), version::toString);
        assertTrue(Files.isRegularFile(home.resolve("idxmig.jsa")), "class-data archive trained beside the jar");

        Path migrations = Files.createDirectory(dir.resolve("m"));
        Files.writeString(migrations.resolve("V1__items.sql"),
                "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\nCREATE INDEX items_name ON items (name);\n");
        Result migrate = run(work, bin, idxmig, "migrate", "--url", "jdbc:sqlite:" + dir.resolve("x.db"),
                "--locations", "filesystem:" + migrations);
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("Applied 1 migration"), migrate::toString);
        assertTrue(migrate.stdout().contains("created items_name on items"), migrate::toString);
        assertTrue(migrate.stdout().contains(": OK"), migrate::toString);

        Result completion = run(work, "bash", "-c", "source '" + home.resolve("completion/idxmig.bash")
                + "' && complete -p idxmig");
        assertEquals(0, completion.exitCode(), completion::toString);
        assertFalse(Files.exists(mvnCalled), "the archive's launcher called mvn");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, null, command);
    }

    /** Runs a command with JAVA_HOME set to this JVM, a fresh HOME and, when given, bin first on the PATH. */
    private Result run(Path workDir, Path bin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("IDXMIG_") || k.equals("DATABASE_URL") || k.equals("XDG_CACHE_HOME"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        if (bin != null) {
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
