package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, as a table: each row is a command line, the files and environment around it, the documented exit
 * code and the words stderr must say. For every row: no stack trace, no secret in the output, and the project
 * folder (the SQLite database's bytes, its lock file, the backups folder, everything) exactly as it was, so
 * nothing was migrated, backed up or created before the refusal. Offline: SQLite files and unreachable ports only.
 */
@Tag("sqlite")
class BadInputTableCliTest {
    /** A password some rows hand to idxmig (environment, file, URL); it must never be printed. */
    static final String SECRET = "Zq9-s3cret-Pw";

    @TempDir
    static Path prepared;

    @TempDir
    Path dir;

    /** One migrated SQLite project every row starts from: table a, index idx_a_v, two history rows. */
    @BeforeAll
    static void migrateOnce() {
        Path m = prepared.resolve("migrations");
        ExampleProject.write(m, "V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX idx_a_v ON a (v);\n");
        CliResult r = Idxmig.in(prepared).run("migrate", "--url", "jdbc:sqlite:app.db", "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String app = "jdbc:sqlite:app.db";
        // --- arguments ---
        rows.add(row("migrate --target that is not a version", 2, "--target abc is not a version")
                .args("migrate", "--url", app, "--target", "abc"));
        rows.add(row("migrate --target with letters in it", 2, "is not a version")
                .args("migrate", "--url", app, "--target", "1.x"));
        rows.add(row("rollback --to that is not a version", 2, "--to abc is not a version")
                .args("rollback", "--url", app, "--to", "abc"));
        rows.add(row("rollback --target, migrate's word, is read as --to", 2, "--to v2 is not a version")
                .args("rollback", "--url", app, "--target", "v2"));
        rows.add(row("rollback --steps 0", 2, "--steps must be 1 or more").args("rollback", "--url", app,
                "--steps", "0"));
        rows.add(row("rollback --steps negative", 2, "--steps must be 1 or more").args("rollback", "--url", app,
                "--steps", "-3"));
        rows.add(row("rollback --to with --steps", 2, "--to and --steps exclude each other")
                .args("rollback", "--url", app, "--to", "1", "--steps", "1"));
        rows.add(row("status --parallel 0", 2, "--parallel must be 1 or more")
                .args("status", "--url", app, "--parallel", "0"));
        rows.add(row("migrate --parallel negative", 2, "--parallel must be 1 or more")
                .args("migrate", "--url", app, "--parallel", "-2"));
        rows.add(row("verify --max-server-builds 0", 2, "--max-server-builds must be 1 or more")
                .args("verify", "--url", app, "--max-server-builds", "0"));
        rows.add(row("migrate --format junit, before migrating or backing up", 2,
                "migrate writes text or json reports, not junit").args("migrate", "--url", app, "--format", "junit")
                .pending());
        rows.add(row("migrate --format markdown", 2, "not markdown").args("migrate", "--url", app, "--format",
                "markdown").pending());
        rows.add(row("rollback --format junit, before undoing anything", 2, "rollback writes text or json reports")
                .args("rollback", "--url", app, "--format", "junit"));
        rows.add(row("backup --format markdown, before backing up", 2, "backup writes text or json reports")
                .args("backup", "--url", app, "--format", "markdown"));
        rows.add(row("status --format sarif", 2, "--format sarif is for lint results")
                .args("status", "--url", app, "--format", "sarif"));
        rows.add(row("verify --format sarif", 2, "verify writes text, json, junit or markdown reports")
                .args("verify", "--url", app, "--format", "sarif"));
        rows.add(row("restore --format junit", 2, "restore writes text or json reports")
                .args("restore", "--url", app, "--from", "app.db", "--format", "junit"));
        rows.add(row("a format that does not exist", 2, "Invalid value for option '--format'")
                .args("status", "--url", app, "--format", "xml"));
        rows.add(row("-D without =value", 2, "-D worklog_rows sets no value")
                .args("migrate", "--url", app, "-D", "worklog_rows")
                .pending());
        rows.add(row("--lock-wait that is not a duration", 2, "cannot read lock wait 'soon'")
                .args("status", "--url", app, "--lock-wait", "soon"));
        rows.add(row("--lock-timeout with an unknown unit", 2, "cannot read lock timeout '5x'")
                .args("migrate", "--url", app, "--lock-timeout", "5x").pending());
        rows.add(row("--statement-timeout negative", 2, "cannot read statement timeout")
                .args("migrate", "--url", app, "--statement-timeout", "-1s").pending());
        rows.add(row("--build-wait with a fraction", 2, "cannot read build wait '1.5s'")
                .args("migrate", "--url", app, "--build-wait", "1.5s").pending());
        rows.add(row("--retries negative", 2, "cannot read retries '-1'")
                .args("migrate", "--url", app, "--retries", "-1").pending());
        rows.add(row("--retries not a number", 2, "cannot read retries 'many'")
                .args("rollback", "--url", app, "--retries", "many"));
        rows.add(row("--maintenance-work-mem not a size", 2, "cannot read maintenance_work_mem")
                .args("migrate", "--url", app, "--maintenance-work-mem", "lots").pending());
        rows.add(row("--large-table not a size", 2, "cannot read large table threshold")
                .args("migrate", "--url", app, "--large-table", "big").pending());
        rows.add(row("bench --runs 0", 2, "--runs must be 1 or more").args("bench", "--url", app, "--runs", "0"));
        rows.add(row("bench --warmup negative", 2, "--warmup 0 or more")
                .args("bench", "--url", app, "--warmup", "-1"));
        rows.add(row("bench --tolerance negative", 2, "--tolerance must be 0 or more")
                .args("bench", "--url", app, "--tolerance", "-5"));
        rows.add(row("migrate --benchmark --runs not a number", 2, "Invalid value for option '--runs'")
                .args("migrate", "--url", app, "--benchmark", "--runs", "abc").pending());
        rows.add(row("--output into a folder that does not exist, before migrating", 2,
                "--output no/such/report.json: the folder")
                .args("migrate", "--url", app, "--output", "no/such/report.json").pending());
        rows.add(row("migrate --benchmark --dry-run", 2, "--benchmark measures a real migration")
                .args("migrate", "--url", app, "--benchmark", "--dry-run").pending());
        rows.add(row("lint --all with files", 2, "--all and FILE arguments exclude each other")
                .args("lint", "--all", "migrations/V1__a.sql"));
        rows.add(row("lint --connect --offline", 2, "--connect and --offline exclude each other")
                .args("lint", "--connect", "--offline"));
        rows.add(row("Flyway's validate", 2, "idxmig verify").args("validate"));
        rows.add(row("Flyway's info", 2, "idxmig status").args("info", "--url", app));
        rows.add(row("a misspelt command", 2, "Did you mean: idxmig migrate").args("migrat"));
        rows.add(row("an unknown option", 2, "Unknown option: '--no-such-flag'")
                .args("migrate", "--url", app, "--no-such-flag").pending());
        rows.add(row("no command", 2, "missing COMMAND").args());
        rows.add(row("migrate --backup of an unknown scope", 2, "Invalid value for option '--backup'")
                .args("migrate", "--url", app, "--backup", "everything").pending());
        rows.add(row("plan-check --mode unknown", 2, "--mode").args("plan-check", "--url", app, "--mode", "fast"));
        // --- environment: never guess the target ---
        rows.add(row("CI=true and no URL anywhere", 2, "CI=true is set, so idxmig will not fall back")
                .env("CI", "true").args("status").noDefaultTarget());
        rows.add(row("CI=true migrate without a URL", 2, "set the database with --url, IDXMIG_URL, DATABASE_URL")
                .env("CI", "true").args("migrate").pending().noDefaultTarget());
        rows.add(row("--user without a URL", 2, "--user is given").args("verify", "--user", "postgres")
                .noDefaultTarget());
        rows.add(row("--password-file without a URL", 2, "--password-file is given")
                .file("pw.txt", SECRET + "\n").args("status", "--password-file", "pw.txt").noDefaultTarget());
        rows.add(row("IDXMIG_PASSWORD without a URL", 2, "IDXMIG_PASSWORD is set").env("IDXMIG_PASSWORD", SECRET)
                .args("doctor").noDefaultTarget());
        rows.add(row("IDXMIG_USER without a URL", 2, "IDXMIG_USER is set").env("IDXMIG_USER", "app")
                .args("plan-check").noDefaultTarget());
        rows.add(row("a read-only command where the default database does not exist", 2,
                "status never creates one").args("status").noDefaultTarget());
        rows.add(row("verify where the default database does not exist", 2, "verify never creates one")
                .args("verify").noDefaultTarget());
        rows.add(row("IDXMIG_URL of an unknown kind", 2, "unknown database URL scheme")
                .env("IDXMIG_URL", "mysql://app:" + SECRET + "@db/app").args("status"));
        rows.add(row("DATABASE_URL without a host, with a password", 2, "cannot read the PostgreSQL URL")
                .env("DATABASE_URL", "postgres://app:" + SECRET + "@:5432/app").args("verify"));
        rows.add(row("IDXMIG_LOCK_WAIT not a duration", 2, "cannot read lock wait 'forever'")
                .env("IDXMIG_LOCK_WAIT", "forever").args("status", "--url", app));
        rows.add(row("IDXMIG_RETRIES negative", 2, "cannot read retries").env("IDXMIG_RETRIES", "-1")
                .args("migrate", "--url", app).pending());
        rows.add(row("--password-env naming an unset variable", 2, "--password-env names NOT_SET_ANYWHERE")
                .args("status", "--url", app, "--password-env", "NOT_SET_ANYWHERE"));
        // --- files ---
        rows.add(row("a migration that is not UTF-8 text", 2, "V3__latin1.sql is not UTF-8 text: byte 0xE9 on line 2")
                .bytes("migrations/V3__latin1.sql",
                        "CREATE INDEX idx_a_id ON a (id);\n-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))
                .args("migrate", "--url", app));
        rows.add(row("two migrations with one version", 2, "two migrations have version 3")
                .file("migrations/V3__one.sql", "CREATE INDEX idx_a_id ON a (id);\n")
                .file("migrations/sub/V3.0__two.sql", "CREATE INDEX idx_a_id2 ON a (id);\n")
                .args("migrate", "--url", app));
        rows.add(row("an unknown key in idxmig.yaml", 2, "idxmig.yaml line 2: unknown key 'locatons'")
                .file("idxmig.yaml", "url: jdbc:sqlite:app.db\nlocatons: [migrations]\n").args("migrate").pending());
        rows.add(row("a duration in idxmig.yaml that is not one", 2, "cannot read lock timeout 'soon'")
                .file("idxmig.yaml", "url: jdbc:sqlite:app.db\nlock_timeout: soon\n").args("migrate").pending());
        rows.add(row("a placeholder with no value in a pending migration, before the backup", 2,
                "V4__rows.sql line 2 uses ${row_count}, which has no value; nothing was migrated")
                .pending().file("migrations/V4__rows.sql", "-- no value\nINSERT INTO a (v) VALUES ('${row_count}');\n")
                .args("migrate", "--url", app));
        rows.add(row("a placeholder with no value, for a SQLite file that does not exist yet", 2,
                "-Drow_count=VALUE on the command line, or placeholders: {row_count: VALUE}")
                .file("migrations/V4__rows.sql", "INSERT INTO a (v) VALUES ('${row_count}');\n")
                .args("migrate", "--url", "jdbc:sqlite:fresh.db"));
        rows.add(row("--config that does not exist", 2, "config file not found")
                .args("status", "--url", app, "--config", "nope.yaml"));
        rows.add(row("--locations that does not exist", 2, "migrations folder not found")
                .args("migrate", "--url", app, "--locations", "nowhere"));
        rows.add(row("--targets file that does not exist", 2, "targets file not found")
                .args("verify", "--url", app, "--targets", "nope.yaml"));
        rows.add(row("backup --to a file that exists", 2, "a backup never overwrites a file")
                .file("old-backup.db", "an older backup\n").args("backup", "--url", app, "--to", "old-backup.db"));
        rows.add(row("restore --from a file that does not exist", 2, "backup file not found")
                .args("restore", "--url", app, "--from", "nope.db"));
        rows.add(row("--password-file that does not exist", 2, "cannot read password file")
                .args("status", "--url", app, "--password-file", "nope.txt"));
        rows.add(row("plan-check --checks that does not exist", 2, "checks file not found")
                .args("plan-check", "--url", app, "--checks", "nope.yaml"));
        // --- databases ---
        rows.add(row("a SQLite URL without a path", 2, "names no database file").args("verify", "--url",
                "jdbc:sqlite:"));
        rows.add(row("an in-memory SQLite URL", 2, "in-memory SQLite database").args("verify", "--url",
                "jdbc:sqlite::memory:"));
        rows.add(row("a SQLite file that does not exist, for a read-only command", 3,
                "no database at jdbc:sqlite:").args("verify", "--url", "jdbc:sqlite:fresh.db"));
        rows.add(row("a file that is not a SQLite database", 3, "file is not a database")
                .file("garbage.db", "hello, this is not a SQLite database, not at all, really not\n")
                .args("status", "--url", "jdbc:sqlite:garbage.db"));
        rows.add(row("a folder where the SQLite file should be", 3, "Unable to open the database file")
                .file("folder.db/keep", "").args("migrate", "--url", "jdbc:sqlite:folder.db"));
        rows.add(row("a SQLite file in a folder that does not exist", 3, "does not exist")
                .args("migrate", "--url", "jdbc:sqlite:no/such/app.db"));
        rows.add(row("an unsupported database", 2, "unsupported database 'mysql'")
                .args("migrate", "--url", "jdbc:mysql://localhost/app"));
        rows.add(row("an unreachable PostgreSQL, password in the URL", 3, "cannot connect to jdbc:postgresql://")
                .args("status", "--url", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + SECRET));
        rows.add(row("an unreachable PostgreSQL, postgres:// URL with a password", 3, "hint: check that the server")
                .args("verify", "--url", "postgres://app:" + SECRET + "@127.0.0.1:1/app"));
        rows.add(row("an unreachable PostgreSQL, password from the environment", 3, "cannot connect")
                .env("IDXMIG_PASSWORD", SECRET)
                .args("doctor", "--url", "jdbc:postgresql://127.0.0.1:1/app", "--user", "app"));
        rows.add(row("a read-only SQLite database: not the script's fault", 4, "the database is read-only")
                .readOnlyUrl().pending());
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsRefusedClearlyAndChangesNothing(Row row) throws IOException {
        copy(prepared, dir);
        row.prepare(dir);
        Map<Path, String> before = fingerprint(dir);
        Idxmig idxmig = Idxmig.in(dir);
        row.env.forEach(idxmig::env);
        CliResult r = idxmig.run(row.argsIn(dir));

        assertEquals(row.exit, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(row.says), "stderr should say '" + row.says + "':\n" + r);
        assertTrue(r.stderr().startsWith("error: ") || r.stderr().startsWith("applying "),
                "idxmig's own message comes first (after its progress lines at most):\n" + r);
        assertFalse(r.stderr().contains("[ERROR]") || r.stderr().contains("com.zaxxer"), "library log lines:\n" + r);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception:")
                || r.stderr().contains("internal error"), "no stack trace, no internal error:\n" + r);
        assertFalse(r.stdout().contains(SECRET) || r.stderr().contains(SECRET), "the password is printed:\n" + r);
        assertEquals(before, fingerprint(dir), "the project folder changed:\n" + r);
        if (row.noDefaultTarget) {
            assertFalse(Files.exists(dir.resolve("idxmig.db")), "idxmig.db was created");
        }
    }

    /** Every file under the folder, with a hash of its bytes: the database, its lock file, backups, reports. */
    private static Map<Path, String> fingerprint(Path root) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted().toList()) {
                // The runner lock file holds who took it last; a run that got as far as the database (the
                // read-only one) rewrites it. It must not appear or vanish, its content is not data.
                files.put(root.relativize(p), Files.isDirectory(p) ? "folder"
                        : p.toString().endsWith(".idxmig-lock") ? "lock file" : sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static Row row(String name, int exit, String says) {
        return new Row(name, exit, says);
    }

    /** One bad input: what surrounds it, what is typed, what must come back. */
    static final class Row {
        final String name;
        final int exit;
        final String says;
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, byte[]> files = new LinkedHashMap<>();
        String[] args = new String[0];
        boolean noDefaultTarget;
        boolean pending;
        boolean readOnlyUrl;

        Row(String name, int exit, String says) {
            this.name = name;
            this.exit = exit;
            this.says = says;
        }

        Row args(String... args) {
            this.args = args;
            return this;
        }

        Row env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Row file(String path, String text) {
            return bytes(path, text.getBytes(StandardCharsets.UTF_8));
        }

        Row bytes(String path, byte[] content) {
            files.put(path, content);
            return this;
        }

        /** The project has a migration pending, so a run that went ahead would change the database. */
        Row pending() {
            return file("migrations/V3__pending.sql", "CREATE INDEX idx_a_id ON a (id);\n");
        }

        /** Runs in a folder without the migrated database: nothing may create idxmig.db. */
        Row noDefaultTarget() {
            noDefaultTarget = true;
            return this;
        }

        /** migrate on the project's database opened read-only (as root, file permissions would not stop it). */
        Row readOnlyUrl() {
            readOnlyUrl = true;
            return this;
        }

        void prepare(Path dir) {
            files.forEach((path, content) -> {
                try {
                    Files.createDirectories(dir.resolve(path).getParent());
                    Files.write(dir.resolve(path), content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        String[] argsIn(Path dir) {
            if (readOnlyUrl) {
                return new String[] {"migrate", "--no-backup", "--url",
                    "jdbc:sqlite:file:" + dir.resolve("app.db") + "?mode=ro"};
            }
            return args;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
