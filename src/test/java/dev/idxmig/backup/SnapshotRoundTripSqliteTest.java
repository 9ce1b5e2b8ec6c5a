package dev.idxmig.backup;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backup --indexes-only and restore through the CLI on SQLite, with index forms the SQL snapshot broke. */
@Tag("sqlite")
class SnapshotRoundTripSqliteTest {
    private static final String[] FORMS = {
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT, c TEXT, \"odd.col\" INT, d INT)",
        "CREATE INDEX t_case ON t (CASE WHEN a > 0 THEN 1\n    ELSE 2\nEND)",
        "CREATE INDEX t_lit ON t (b) WHERE b <> 'x;\ny'",
        "CREATE INDEX \"name with\nnewline and space\" ON t (c)",
        "CREATE INDEX \"dotted.name\" ON t (\"odd.col\")",
        "CREATE UNIQUE INDEX t_fake ON t (a) WHERE c <> '\n-- index: fake\nCREATE INDEX fake ON t (a);\n'",
        "CREATE INDEX t_dollar ON t (d) WHERE b <> '$$ \\ ''quoted'' ünï €'",
    };

    @TempDir
    Path dir;

    private Idxmig idxmig() {
        return Idxmig.in(dir);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
             Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Every index of the database and the text SQLite keeps for it. */
    private Map<String, String> indexes() throws SQLException {
        Map<String, String> all = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("idxmig.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")) {
            while (rs.next()) {
                all.put(rs.getString(1), rs.getString(2));
            }
        }
        return all;
    }

    @Test
    void multiLineDefinitionsLiteralsAndOddNamesComeBackAsTheyWere() throws Exception {
        execute(FORMS);
        Map<String, String> before = indexes();
        assertEquals(6, before.size(), before::toString);
        CliResult backup = idxmig().run("backup", "--indexes-only", "--to", "t.indexes.json");
        assertEquals(0, backup.exitCode(), backup::toString);
        assertTrue(backup.stdout().contains("reads back 6 index definitions exactly as the database printed them"),
                backup::toString);
        assertTrue(Files.readString(dir.resolve("t.indexes.json")).contains("\"dialect\" : \"sqlite\""));
        ReportSchemas.assertValid("backup snapshot", Files.readString(dir.resolve("t.indexes.json")));

        execute(before.keySet().stream().map(n -> "DROP INDEX \"" + n.replace("\"", "\"\"") + "\"")
                .toArray(String[]::new));
        execute("CREATE INDEX extra ON t (d)");
        CliResult restore = idxmig().run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(0, restore.exitCode(), restore::toString);
        // idxmig's definition of a SQLite index is its stored text with white space outside literals folded (the
        // form verify compares): a multi-line index comes back on one line, literals and names exactly
        Map<String, String> folded = new TreeMap<>(before);
        folded.put("t_case", "CREATE INDEX t_case ON t (CASE WHEN a > 0 THEN 1 ELSE 2 END)");
        assertEquals(folded, indexes());
        CliResult again = idxmig().run("restore", "--from", "t.indexes.json");
        assertTrue(again.stdout().startsWith("Nothing to restore"), again::toString);
    }

    @Test
    void aDefinitionTheDatabaseRefusesChangesNothingAndIsNamed() throws Exception {
        execute(FORMS);
        Map<String, String> before = indexes();
        assertEquals(0, idxmig().run("backup", "--indexes-only", "--to", "t.indexes.json").exitCode());
        Path file = dir.resolve("t.indexes.json");
        Files.writeString(file, Files.readString(file).replace("ON t (\\\"odd.col\\\")", "ON t (no_such_column)"));
        execute("DROP INDEX t_case", "DROP INDEX \"dotted.name\"", "CREATE INDEX extra ON t (d)");
        Map<String, String> changed = indexes();

        CliResult r = idxmig().run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("(building dotted.name): "), r::toString);
        assertTrue(r.stderr().contains("no such column: no_such_column"), r::toString);
        assertTrue(r.stderr().contains("nothing was applied: the restore runs in one transaction"), r::toString);
        assertTrue(r.stdout().contains("  ERR CREATE INDEX \"dotted.name\" ON t (no_such_column);"), r::toString);
        assertEquals(changed, indexes(), "the drop of extra and the build of t_case were rolled back");
        assertNotEquals(before, changed);
    }

    @Test
    void anEarlierVersionsSqlSnapshotStillRestores() throws Exception {
        execute(FORMS[0]);
        Files.writeString(dir.resolve("old.indexes.sql"), """
                -- idxmig index snapshot of schema main, SQLite 3.46.0, 2026-01-01T00:00:00Z, 2 indexes
                -- Restore the index state with: idxmig restore --from THIS_FILE
                -- index: idx_a
                CREATE INDEX idx_a ON t (a);
                -- index: idx_bc
                CREATE INDEX idx_bc ON t (b, c);
                """);
        CliResult r = idxmig().run("restore", "--from", "old.indexes.sql", "--yes");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(Map.of("idx_a", "CREATE INDEX idx_a ON t (a)", "idx_bc", "CREATE INDEX idx_bc ON t (b, c)"),
                indexes());
    }

    @Test
    void aSnapshotOfAnotherDatabaseIsRefusedBeforeAnythingChanges() throws Exception {
        execute(FORMS[0], FORMS[1]);
        assertEquals(0, idxmig().run("backup", "--indexes-only", "--to", "t.indexes.json").exitCode());
        Path file = dir.resolve("t.indexes.json");
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"dialect\" : \"sqlite\"", "\"dialect\" : \"postgresql\"")
                .replaceFirst("\"database\" : \"SQLite[^\"]*\"", "\"database\" : \"PostgreSQL 15.8\""));
        execute("DROP INDEX t_case");
        CliResult r = idxmig().run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(file + " is an index snapshot of PostgreSQL 15.8 (postgresql): its "
                + "definitions are that database's SQL, not SQLite's"), r::toString);
        assertEquals(Map.of(), indexes());

        Files.writeString(file, json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 7"));
        CliResult future = idxmig().run("restore", "--from", "t.indexes.json", "--yes");
        assertEquals(2, future.exitCode(), future::toString);
        assertTrue(future.stderr().contains("format version 7, written by a newer idxmig"), future::toString);
    }

    @Test
    void aBackupThatCannotBeWrittenExitsWith4() throws Exception {
        execute(FORMS[0], FORMS[1]);
        Files.writeString(dir.resolve("a-file"), "not a folder");
        CliResult r = idxmig().run("backup", "--indexes-only", "--to", "a-file/t.indexes.json");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("hint: "), r::toString);
    }
}
