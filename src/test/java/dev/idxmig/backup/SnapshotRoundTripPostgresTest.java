package dev.idxmig.backup;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * backup --indexes-only and restore through the CLI on PostgreSQL, with the forms the SQL snapshot broke
 * (pg_get_indexdef prints a CASE over several lines) and the other forms a real schema has.
 */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class SnapshotRoundTripPostgresTest {
    private static final String[] FORMS = {
        "CREATE TABLE t (id int PRIMARY KEY, a int, b text, c text, \"odd.col\" int, d int)",
        "CREATE INDEX t_case ON t ((CASE WHEN a > 0 THEN 1 ELSE 2 END))",
        "CREATE INDEX t_lit ON t ((b || E'x;\\ny'))",
        "CREATE INDEX \"name with\nnewline and space\" ON t (c)",
        "CREATE INDEX \"dotted.name\" ON t (\"odd.col\")",
        "CREATE INDEX t_incl ON t (a) INCLUDE (b)",
        "CREATE INDEX t_partial ON t (a) WHERE b = 'semi;colon' AND c <> '-- index: fake'",
        "CREATE UNIQUE INDEX t_nnd ON t (c, d) NULLS NOT DISTINCT",
        "CREATE INDEX t_fill ON t (d) WITH (fillfactor = 70)",
        "CREATE INDEX t_fake ON t ((b || E'\\n-- index: fake\\nCREATE INDEX fake ON t (a);\\n'))",
        "CREATE INDEX t_dollar ON t ((b || '$$' || E'back\\\\slash' || 'ünï €'))",
    };

    @TempDir
    Path dir;

    /** Every index of schema public and pg_get_indexdef of it. */
    private static Map<String, String> catalog(PgDatabase db) throws SQLException {
        Map<String, String> all = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT relname, pg_get_indexdef(indexrelid) FROM "
                     + "pg_index JOIN pg_class ON pg_class.oid = indexrelid WHERE relnamespace = 'public'::regnamespace")) {
            while (rs.next()) {
                all.put(rs.getString(1), rs.getString(2));
            }
        }
        return all;
    }

    @Test
    void everyFormComesBackWithTheSameCatalogDefinition(PgDatabase db) throws Exception {
        db.execute(FORMS);
        Map<String, String> before = catalog(db);
        assertEquals(FORMS.length, before.size(), before::toString);
        assertTrue(before.get("t_case").contains("\n"), "pg_get_indexdef prints CASE over lines: " + before);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult backup = idxmig.run("backup", "--indexes-only", "--to", "t.indexes.json");
        assertEquals(0, backup.exitCode(), backup::toString);
        dev.idxmig.testing.ReportSchemas.assertValid("backup snapshot", Files.readString(dir.resolve("t.indexes.json")));
        // every index but the primary key's, which idxmig's catalog leaves to its table
        java.util.Set<String> indexes = new java.util.TreeSet<>(before.keySet());
        indexes.remove("t_pkey");
        assertEquals(indexes, IndexSnapshotFile.read(dir.resolve("t.indexes.json")).indexes().stream()
                .map(SnapshotIndex::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                backup::toString);

        db.execute("DROP INDEX t_case, t_lit, \"name with\nnewline and space\", \"dotted.name\", t_incl, t_partial, "
                + "t_nnd, t_fill, t_fake, t_dollar", "CREATE INDEX t_extra ON t (d)");
        CliResult restore = idxmig.run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(before, catalog(db));
        CliResult again = idxmig.run("restore", "--from", "t.indexes.json");
        assertTrue(again.stdout().startsWith("Nothing to restore"), again::toString);
    }

    @Test
    void anIndexTheServerPrintsInOtherWordsAfterARebuildIsLeftAsItIs(PgDatabase db) throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, n int, b text)",
                "CREATE INDEX t_range ON t (n) WHERE n BETWEEN 1 AND 100 AND b LIKE 'v1%'");
        String first = catalog(db).get("t_range");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("backup", "--indexes-only", "--to", "t.indexes.json").exitCode());
        db.execute("DROP INDEX t_range", first);
        assertFalse(first.equals(catalog(db).get("t_range")), "rebuilt from its own text, printed otherwise");

        CliResult restore = idxmig.run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.stdout().contains("Nothing to restore"), "the same index, so nothing to do: " + restore);
    }

    @Test
    void anIndexInvalidWhenTheSnapshotWasTakenIsNotRebuilt(PgDatabase db) throws Exception {
        db.execute("CREATE TABLE u (x int)", "INSERT INTO u VALUES (1), (1)", "CREATE INDEX u_ok ON u (x)");
        assertThrows(IllegalStateException.class, () -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY u_x ON u (x)"));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult backup = idxmig.run("backup", "--indexes-only", "--to", "u.indexes.json");
        assertEquals(0, backup.exitCode(), backup::toString);
        SnapshotIndex invalid = IndexSnapshotFile.read(dir.resolve("u.indexes.json")).indexes().stream()
                .filter(i -> i.name().equals("u_x")).findFirst().orElseThrow();
        assertFalse(invalid.valid());
        assertEquals("CREATE UNIQUE INDEX u_x ON public.u USING btree (x)", invalid.definition());

        db.execute("DROP INDEX u_x", "DROP INDEX u_ok");
        CliResult restore = idxmig.run("restore", "--from", "u.indexes.json", "--yes");
        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.stdout().contains("skipped u_x on u: it was invalid when the snapshot was taken (a build "
                + "that failed), so restore does not build it"), restore::toString);
        assertEquals(Map.of("u_ok", "CREATE INDEX u_ok ON public.u USING btree (x)"), catalog(db));

        assertThrows(IllegalStateException.class, () -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY u_x ON u (x)"));
        CliResult leftover = idxmig.run("restore", "--from", "u.indexes.json", "--yes");
        assertEquals(0, leftover.exitCode(), leftover::toString);
        assertTrue(leftover.stdout().contains("the invalid index of that name now is dropped"), leftover::toString);
        assertFalse(catalog(db).containsKey("u_x"), leftover::toString);
    }

    @Test
    void aDefinitionTheServerRefusesIsNamedWithWhatRanBeforeIt(PgDatabase db) throws Exception {
        db.execute(FORMS);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("backup", "--indexes-only", "--to", "t.indexes.json").exitCode());
        Path file = dir.resolve("t.indexes.json");
        Files.writeString(file, Files.readString(file).replace("USING btree (a) INCLUDE (b)",
                "USING btree (no_such_column) INCLUDE (b)"));
        db.execute("DROP INDEX t_case", "DROP INDEX t_incl");

        CliResult r = idxmig.run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("statement 2 of 2 failed (building t_incl): "), r::toString);
        assertTrue(r.stderr().contains("column \"no_such_column\" does not exist"), r::toString);
        assertTrue(r.stderr().contains("the 1 before it ran and stay applied"), r::toString);
        assertTrue(catalog(db).containsKey("t_case"), "CONCURRENTLY: what ran before stays");
        assertFalse(catalog(db).containsKey("t_incl"));
    }
}
