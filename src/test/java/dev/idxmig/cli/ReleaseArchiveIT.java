package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
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
@Tag("sqlite")
class ReleaseArchiveIT {
    @TempDir
    Path dir;

    @Test
    void unpackedArchiveRunsVersionAndMigrateWithoutMaven() throws Exception {
        Path home = unpack();
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

    /**
     * The Docker image's Java runtime without Docker: jlink with exactly the modules the Dockerfile names, then the
     * archive's launcher on it, on SQLite and on the PostgreSQL the tests use (pgjdbc needs more than java.sql).
     */
    @Test
    void theDockerfilesJlinkRuntimeRunsTheArchiveOnSqliteAndPostgres() throws Exception {
        Path home = unpack();
        java.util.regex.Matcher modules = java.util.regex.Pattern.compile("jlink --add-modules (\\S+)")
                .matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(modules.find(), "the Dockerfile runs jlink --add-modules");
        Path runtime = dir.resolve("java");
        Result jlink = run(dir, Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules", modules.group(1), "--strip-debug", "--no-man-pages", "--no-header-files",
                "--generate-cds-archive", "--output", runtime.toString());
        assertEquals(0, jlink.exitCode(), jlink::toString);
        javaHome = runtime;
        String idxmig = home.resolve("idxmig").toString();
        Path work = Files.createDirectory(dir.resolve("work"));

        Result version = run(work, idxmig, "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().contains("\nPostgreSQL JDBC driver"), version::toString);

        Path migrations = Files.createDirectory(dir.resolve("m"));
        Files.writeString(migrations.resolve("V1__items.sql"),
                "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\nCREATE INDEX items_name ON items (name);\n");
        Result sqlite = run(work, idxmig, "migrate", "--url", "jdbc:sqlite:" + dir.resolve("x.db"),
                "--locations", "filesystem:" + migrations);
        assertEquals(0, sqlite.exitCode(), sqlite::toString);
        assertTrue(sqlite.stdout().contains("created items_name on items"), sqlite::toString);

        String server = System.getenv().getOrDefault("IDXMIG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String schema = "release_it_" + ProcessHandle.current().pid();
        Result postgres = run(work, idxmig, "migrate", "--url", server, "--user", "postgres", "--schema", schema,
                "--locations", "filesystem:" + migrations, "--no-backup");
        try {
            if (postgres.stderr().contains("cannot connect")) {
                org.junit.jupiter.api.Assumptions.assumeFalse("true".equals(System.getenv("CI")), postgres::toString);
                return; // no PostgreSQL here: the SQLite run above is what this machine can prove
            }
            assertEquals(0, postgres.exitCode(), postgres::toString);
            assertTrue(postgres.stdout().contains("created items_name on items"), postgres::toString);
            Result verify = run(work, idxmig, "verify", "--url", server, "--user", "postgres", "--schema", schema,
                    "--locations", "filesystem:" + migrations);
            assertEquals(0, verify.exitCode(), verify::toString);
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(server, "postgres", "");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (java.sql.SQLException unreachable) {
                // nothing was made
            }
        }
    }

    /**
     * The GitHub Action's own run step (read from action.yml, run by bash as the runner would) with the archive's
     * launcher, in a project one folder below the workspace: lint's Markdown report goes to the job summary, its
     * findings become annotations whose paths start at the repository root, and the exit code is the step output.
     */
    @Test
    void theActionsRunStepWritesTheSummaryAnnotationsAndExitCode() throws Exception {
        Path home = unpack();
        tools.jackson.databind.JsonNode steps = new tools.jackson.dataformat.yaml.YAMLMapper()
                .readTree(Path.of("action.yml").toFile()).get("runs").get("steps");
        String script = null;
        for (tools.jackson.databind.JsonNode step : steps) {
            if ("run".equals(step.path("id").asString())) {
                script = step.get("run").asString();
            }
        }
        assertTrue(script != null, "action.yml has a step with id run");
        Path workspace = Files.createDirectory(dir.resolve("workspace"));
        Path project = Files.createDirectories(workspace.resolve("db/m")).getParent();
        Files.writeString(project.resolve("m/V1__items.sql"), "CREATE TABLE items (id INT, name TEXT);\n");
        Files.writeString(project.resolve("m/V2__name.sql"), "CREATE INDEX items_name ON items (name);\n");
        Path runnerTemp = Files.createDirectory(dir.resolve("runner-temp"));

        Result lint = action(script, project, workspace, runnerTemp, home, "lint",
                "--dialect postgresql --locations filesystem:m", "");
        assertEquals(1, lint.exitCode(), lint::toString);
        assertTrue(lint.stdout().contains("::error file=db/m/V2__name.sql,line=1,col=1,title=idxmig "
                + "require-concurrently::"), "an annotation on the line, from the repository root:\n" + lint);
        String summary = Files.readString(runnerTemp.resolve("summary.md"));
        assertTrue(summary.contains("| require-concurrently | **fail** | error | `m/V2__name.sql:1:1` |"), summary);
        assertTrue(Files.readString(runnerTemp.resolve("output.txt")).contains("exit-code=1"));

        Result migrate = action(script, project, workspace, runnerTemp, home, "migrate",
                "--locations filesystem:m --no-backup", "jdbc:sqlite:app.db");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("created items_name on items"), migrate::toString);
        summary = Files.readString(runnerTemp.resolve("summary.md"));
        assertTrue(summary.contains("### idxmig migrate\n\n```\nApplied 2 migrations"), summary);
        assertTrue(Files.readString(runnerTemp.resolve("output.txt")).endsWith("exit-code=0\n"));
    }

    private Result action(String script, Path project, Path workspace, Path runnerTemp, Path home, String command,
                          String args, String url) throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GITHUB_ACTIONS", "true", "CI", "true",
                "GITHUB_WORKSPACE", workspace.toString(), "RUNNER_TEMP", runnerTemp.toString(),
                "GITHUB_RUN_ID", "7", "GITHUB_STEP_SUMMARY", runnerTemp.resolve("summary.md").toString(),
                "GITHUB_OUTPUT", runnerTemp.resolve("output.txt").toString(), "IDXMIG_COMMAND", command,
                "IDXMIG_ARGS", args, "IDXMIG_LAUNCHER", home.resolve("idxmig").toString()));
        env.putAll(Map.of("IDXMIG_IMAGE", "", "IDXMIG_URL", url, "IDXMIG_USER", "", "IDXMIG_PASSWORD", ""));
        // as the runner runs a composite action's bash step: bash --noprofile --norc -eo pipefail {0}
        Path file = Files.writeString(runnerTemp.resolve("step.sh"), script);
        return run(project, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
    }

    /** The release archive {@code mvn package} built, unpacked into the test's folder: its top folder. */
    private Path unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("idxmig.archive", "target/idxmig-dev.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "no release archive at " + archive + "; run mvn package");
        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        assertEquals(0, run(dir, "tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString())
                .exitCode());
        return unpacked.resolve(System.getProperty("idxmig.archive.root", "idxmig-dev"));
    }

    /** The Java runtime the launcher is given as JAVA_HOME: this JVM's, or a test's own. */
    private Path javaHome = Path.of(System.getProperty("java.home"));

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, (Path) null, command);
    }

    /** Runs a command with JAVA_HOME set to this JVM, a fresh HOME and, when given, bin first on the PATH. */
    private Result run(Path workDir, Path bin, String... command) throws IOException, InterruptedException {
        return run(workDir, bin, Map.of(), command);
    }

    private Result run(Path workDir, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        return run(workDir, null, extraEnv, command);
    }

    private Result run(Path workDir, Path bin, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("IDXMIG_") || k.equals("DATABASE_URL") || k.equals("XDG_CACHE_HOME")
                || k.startsWith("GITHUB_"));
        env.putAll(extraEnv);
        env.put("JAVA_HOME", javaHome.toString());
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
