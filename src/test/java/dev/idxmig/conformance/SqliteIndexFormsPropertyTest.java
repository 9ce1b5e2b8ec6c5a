package dev.idxmig.conformance;

import dev.idxmig.conformance.IndexForms.Form;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated index definitions ({@link IndexForms#sqlite()}) on SQLite files: the index snapshot restores them, a
 * migration that creates them rolls back and migrates again to the same catalog, and an adopted index that is
 * dropped is reported by verify. SQLite keeps each definition as it was written, so the catalog is compared as text.
 */
@Tag("sqlite")
class SqliteIndexFormsPropertyTest {
    @Provide
    Arbitrary<List<Form>> forms() {
        return IndexForms.sqlite();
    }

    @Property(tries = 15, seed = "20261207")
    void snapshotThenRestoreGivesTheSameCatalog(@ForAll("forms") List<Form> forms) throws Exception {
        Path work = FormProject.create();
        Path file = tableWith(work, forms);
        Idxmig idxmig = idxmig(work, file);
        List<String> before = catalog(file);
        Path snapshot = work.resolve("snapshot.indexes.json");
        CliResult backup = idxmig.run("backup", "--indexes-only", "--to", snapshot.toString());
        assertEquals(0, backup.exitCode(), backup::toString);
        for (Form f : forms) {
            execute(file, "DROP INDEX " + IndexForms.quote(f.name()));
        }
        CliResult restore = idxmig.run("restore", "--from", snapshot.toString());
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(before, catalog(file), IndexForms.describe(forms));
    }

    @Property(tries = 15, seed = "20261207")
    void migrateRollbackMigrateGivesTheSameCatalog(@ForAll("forms") List<Form> forms) throws Exception {
        Path work = FormProject.create();
        Files.writeString(work.resolve("migrations/V1__table.sql"), IndexForms.SQLITE_TABLE + ";\n");
        Files.writeString(work.resolve("migrations/V2__indexes.sql"), IndexForms.describe(forms) + "\n");
        Path file = work.resolve("forms.db");
        Idxmig idxmig = idxmig(work, file);
        FormProject.assertOk(idxmig.run("migrate", "--no-backup"));
        List<String> built = catalog(file);
        FormProject.assertOk(idxmig.run("rollback", "--steps", "1"));
        assertEquals(List.of(), catalog(file), "the migration's indexes are gone");
        FormProject.assertOk(idxmig.run("migrate", "--no-backup"));
        assertEquals(built, catalog(file), IndexForms.describe(forms));
        FormProject.assertOk(idxmig.run("verify"));
    }

    @Property(tries = 15, seed = "20261207")
    void baselineAdoptsEveryIndexAndVerifyReportsOneThatIsDropped(@ForAll("forms") List<Form> forms)
            throws Exception {
        Path work = FormProject.create();
        Path file = tableWith(work, forms);
        Idxmig idxmig = idxmig(work, file);
        FormProject.assertOk(idxmig.run("baseline"));
        FormProject.assertOk(idxmig.run("verify"));
        Form dropped = forms.get(0);
        execute(file, "DROP INDEX " + IndexForms.quote(dropped.name()));
        CliResult verify = idxmig.run("verify", "--strict", "--format", "json");
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.stdout().contains(FormProject.jsonString(dropped.name())),
                "names " + dropped.name() + ": " + verify);
    }

    private static Path tableWith(Path work, List<Form> forms) throws SQLException {
        Path file = work.resolve("forms.db");
        execute(file, IndexForms.SQLITE_TABLE);
        for (Form f : forms) {
            execute(file, f.sql());
        }
        return file;
    }

    /** Every index SQLite keeps the text of (not its own autoindexes), name and definition, by name. */
    private static List<String> catalog(Path file) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                     + "AND sql IS NOT NULL AND tbl_name = 't' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Idxmig idxmig(Path work, Path file) {
        return Idxmig.in(work).target("--url", "jdbc:sqlite:" + file);
    }
}
