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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on a real PostgreSQL with a migration pending: every row is refused with its exit code and message
 * before anything connects, so the catalog, Flyway's history and the ledger stay as they were and no backup is
 * taken. One database for the whole table (each row must leave it unchanged anyway).
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class BadInputPostgresCliTest {
    private static final String SECRET = "Pg-s3cret-Zq9";

    @TempDir
    Path dir;

    private record Row(int exit, String says, Map<String, String> env, String... args) {
        Row(int exit, String says, String... args) {
            this(exit, says, Map.of(), args);
        }
    }

    @Test
    void badInputChangesNeitherCatalogNorHistoryNorLedger(PgDatabase db) throws Exception {
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text, paid bool);\n"
                + "CREATE INDEX idx_items_owner ON items (owner);\n");
        assertEquals(0, Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--no-backup").exitCode());
        ExampleProject.write(m, "V2__paid.sql", "CREATE INDEX CONCURRENTLY idx_items_paid ON items (paid);\n");
        String before = fingerprint(db);

        List<Row> rows = List.of(
                new Row(2, "migrate writes text or json reports, not junit", "migrate", "--format", "junit"),
                new Row(2, "--target abc is not a version", "migrate", "--target", "abc"),
                new Row(2, "--parallel must be 1 or more", "migrate", "--parallel", "0"),
                new Row(2, "--max-server-builds must be 1 or more", "migrate", "--schemas", "public",
                        "--max-server-builds", "0"),
                new Row(2, "-D owner_rows sets no value", "migrate", "-D", "owner_rows"),
                new Row(2, "cannot read lock timeout '5x'", "migrate", "--lock-timeout", "5x"),
                new Row(2, "cannot read retries '-1'", "migrate", "--retries", "-1"),
                new Row(2, "--output no/such/r.json: the folder", "migrate", "--output", "no/such/r.json"),
                new Row(2, "--password-env names NOT_SET_ANYWHERE", Map.of("IDXMIG_PASSWORD", SECRET), "migrate",
                        "--password-env", "NOT_SET_ANYWHERE"),
                new Row(2, "rollback writes text or json reports", "rollback", "--format", "junit"),
                new Row(2, "--steps must be 1 or more", "rollback", "--steps", "0"),
                new Row(2, "--to abc is not a version", "rollback", "--target", "abc"),
                new Row(2, "backup writes text or json reports", "backup", "--format", "markdown"),
                new Row(2, "restore writes text or json reports", "restore", "--from", "x.dump", "--format",
                        "junit"));
        for (Row row : rows) {
            Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
            row.env().forEach(idxmig::env);
            CliResult r = idxmig.run(row.args());
            String what = String.join(" ", row.args()) + "\n" + r;
            assertEquals(row.exit(), r.exitCode(), what);
            assertTrue(r.stderr().startsWith("error: ") && r.stderr().contains(row.says()), what);
            assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("internal error"), what);
            assertFalse(r.stdout().contains(SECRET) || r.stderr().contains(SECRET), what);
            assertEquals(before, fingerprint(db), "the database changed: " + what);
            assertFalse(Files.exists(dir.resolve("backups")), "a backup was taken: " + what);
        }

        Files.write(m.resolve("V3__latin1.sql"), "CREATE INDEX idx_items_id ON items (id); -- caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        CliResult latin1 = Idxmig.in(dir).target(db.cliArgs()).run("migrate");
        assertEquals(2, latin1.exitCode(), latin1::toString);
        assertTrue(latin1.stderr().contains("V3__latin1.sql is not UTF-8 text: byte 0xE9 on line 1"),
                latin1::toString);
        assertEquals(before, fingerprint(db), latin1::toString);
        assertFalse(Files.exists(dir.resolve("backups")), latin1::toString);
    }

    /** The index catalog, Flyway's history and the ledger of the test database, as one text. */
    private static String fingerprint(PgDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            return one(st, "SELECT string_agg(indexname || ' ' || indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes "
                    + "WHERE schemaname = 'public'")
                    + "\n" + one(st, "SELECT string_agg(installed_rank || ' ' || coalesce(version, '') || ' ' "
                    + "|| success || ' ' || coalesce(checksum, 0), E'\\n' ORDER BY installed_rank) "
                    + "FROM flyway_schema_history")
                    + "\n" + one(st, "SELECT count(*) || ' ' || coalesce(max(version), '') FROM idxmig_index_ledger")
                    + "\n" + one(st, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'public'");
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
