package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures on a real PostgreSQL: what was applied is said exactly, the rest is left as it was. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PostgresFailuresCliTest {
    @TempDir
    Path dir;

    @Test
    void transactionalMigrationWithASyntaxErrorLeavesNoTrace(PgDatabase db) {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, email text);\n");
        ExampleProject.write(m, "V2__broken.sql", "CREATE INDEX idx_t_email ON t (email);\n"
                + "CREATE TABLE u (id int,);\n");
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate");

        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("V2__broken.sql failed at line 2: ERROR: syntax error"), r::toString);
        assertTrue(r.stderr().contains("nothing of it was applied"), r::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('idx_t_email', 'u')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '2'"));
    }

    @Test
    void nonTransactionalMigrationFailingHalfwaySaysWhatWasAppliedAndTheLedgerRecordsIt(PgDatabase db)
            throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, email text, code int);\n"
                + "INSERT INTO t SELECT g, 'u' || (g % 10), g % 3 FROM generate_series(1, 100) g;\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY idx_t_email ON t (email);\n\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY idx_t_code ON t (code);\n\n"
                + "CREATE INDEX CONCURRENTLY idx_t_email_code ON t (email, code);\n");
        ExampleProject.write(m, "V2__idx.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate");

        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("V2__idx.sql failed at line 3"), r::toString);
        assertTrue(r.stderr().contains("Key (code)=(1) is duplicated"), r::toString);
        assertTrue(r.stderr().contains("index idx_t_email created"), r::toString);
        // the failed unique build's INVALID leftover was dropped by the safe build, not left behind
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'idx_t_code'"));
        assertTrue(r.stderr().contains("not applied: 2 statement(s) from line 3 on (lines 3, 5)"), r::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE version = '2' "
                + "AND outcome = 'failed' AND action = 'created' AND index_name = 'idx_t_email'"));
        assertTrue(idxmig.run("status").stdout().contains("2        failed"));

        // The way out the hint describes: clean up, fix the script, repair, migrate.
        db.execute("DROP INDEX idx_t_email");
        Files.writeString(m.resolve("V2__idx.sql"), Files.readString(m.resolve("V2__idx.sql"))
                .replace("UNIQUE INDEX", "INDEX"));
        CliResult repair = idxmig.run("repair");
        assertEquals(0, repair.exitCode(), repair::toString);
        assertTrue(repair.stdout().contains("removed failed migration 2"), repair::toString);
        CliResult again = idxmig.run("migrate");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(3, db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname LIKE 'idx\\_t\\_%' AND x.indisvalid"));
    }

    @Test
    void wrongCredentialsExitThreeAndNeverShowThePassword(PgDatabase db) {
        String secret = "Sup3r-secret!";
        CliResult r = Idxmig.in(dir).env("IDXMIG_PASSWORD", secret)
                .run("status", "--verbose", "--url", db.jdbcUrl(), "--user", "no_such_role_here");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no_such_role_here"), r::toString);
        assertTrue(r.stderr().contains("hint: check the user name and the password source"), r::toString);
        assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret), r::toString);
    }

    @Test
    void databaseUrlWithSpecialCharactersInThePasswordConnectsAndIsMasked(PgDatabase db) {
        String role = "idx_special_" + db.name().substring(db.name().length() - 6);
        String password = "p@ss:w/rd%&?#";
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'",
                "GRANT ALL ON SCHEMA public TO " + role);
        try {
            String hostAndDb = db.jdbcUrl().substring("jdbc:postgresql://".length());
            String url = "postgres://" + role + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@"
                    + hostAndDb;
            ExampleProject.copyTo(dir);
            CliResult r = Idxmig.in(dir).env("DATABASE_URL", url).run("migrate", "--verbose", "--target", "1");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("as " + role), r::toString);
            String all = r.stdout() + r.stderr();
            assertFalse(all.contains(password), all);
            assertFalse(all.contains(URLEncoder.encode(password, StandardCharsets.UTF_8)), all);
            assertEquals(1, db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE installed_by = '"
                    + role + "'"));
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }
}
