package dev.idxmig.conformance;

import dev.idxmig.conformance.IndexForms.Form;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated index definitions ({@link IndexForms}) on real PostgreSQL: whatever the form, the index snapshot
 * restores it, a migration that creates it rolls back and migrates again to the same catalog, and an adopted one
 * that is dropped is reported by verify. Seeded and bounded; a failure prints jqwik's seed and the shrunk
 * definitions. The catalog is compared by meaning: each definition as the server prints it once rebuilt from its
 * own text (PostgreSQL prints some predicates differently the second time, e.g. a {@code BETWEEN} inside an
 * {@code AND}), read with TimeZone UTC while the CLI runs in other zones.
 */
@Tag("postgres")
@Tag("slow")
class PostgresIndexFormsPropertyTest {
    private static final List<String> ZONES = List.of("UTC", "America/Los_Angeles", "Asia/Kolkata",
            "Pacific/Chatham");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PgDatabase db;

    @BeforeContainer
    static void database() {
        db = PostgresExtension.createDatabase();
    }

    @AfterContainer
    static void dropDatabase() {
        if (db != null) {
            PostgresExtension.dropDatabase(db);
        }
    }

    @Provide
    Arbitrary<List<Form>> forms() {
        return IndexForms.postgres((int) db.queryLong("SHOW server_version_num"));
    }

    @Property(tries = 8, seed = "20261207")
    void snapshotThenRestoreGivesTheSameCatalog(@ForAll("forms") List<Form> forms) throws Exception {
        String schema = table(forms);
        Path work = FormProject.create();
        Idxmig idxmig = idxmig(work, schema);
        List<String> before = catalog(schema);
        Path snapshot = work.resolve("snapshot.indexes.json");
        CliResult backup = inZone(1, () -> idxmig.run("backup", "--indexes-only", "--to", snapshot.toString()));
        assertEquals(0, backup.exitCode(), backup::toString);
        dropGenerated(schema, forms);
        CliResult restore = inZone(2, () -> idxmig.run("restore", "--from", snapshot.toString()));
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(before, catalog(schema), IndexForms.describe(forms));
    }

    @Property(tries = 8, seed = "20261207")
    void migrateRollbackMigrateGivesTheSameCatalog(@ForAll("forms") List<Form> forms) throws Exception {
        String schema = "p" + SCHEMAS.incrementAndGet();
        db.execute("CREATE SCHEMA " + schema);
        Path work = FormProject.create();
        Files.writeString(work.resolve("migrations/V1__table.sql"), IndexForms.POSTGRES_TABLE + ";\n");
        Files.writeString(work.resolve("migrations/V2__indexes.sql"), IndexForms.describe(forms) + "\n");
        Idxmig idxmig = idxmig(work, schema);

        FormProject.assertOk(inZone(1, () -> idxmig.run("migrate", "--no-backup")));
        List<String> built = catalog(schema);
        FormProject.assertOk(inZone(2, () -> idxmig.run("rollback", "--steps", "1")));
        assertEquals(1, catalog(schema).size(), "only t's primary key is left: " + catalog(schema));
        FormProject.assertOk(inZone(3, () -> idxmig.run("migrate", "--no-backup")));
        assertEquals(built, catalog(schema), IndexForms.describe(forms));
        FormProject.assertOk(inZone(0, () -> idxmig.run("verify")));
    }

    @Property(tries = 8, seed = "20261207")
    void baselineAdoptsEveryIndexAndVerifyReportsOneThatIsDropped(@ForAll("forms") List<Form> forms)
            throws Exception {
        String schema = table(forms);
        Idxmig idxmig = idxmig(FormProject.create(), schema);
        FormProject.assertOk(inZone(1, () -> idxmig.run("baseline")));
        FormProject.assertOk(inZone(2, () -> idxmig.run("verify")));

        Form dropped = forms.get(0);
        db.execute("DROP INDEX " + schema + "." + IndexForms.quote(dropped.name()));
        CliResult verify = inZone(3, () -> idxmig.run("verify", "--strict", "--format", "json"));
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.stdout().contains(FormProject.jsonString(dropped.name())), "names " + dropped.name() + ": " + verify);
    }

    /** A fresh schema with table t and the generated indexes built in it directly. */
    private static String table(List<Form> forms) {
        String schema = "p" + SCHEMAS.incrementAndGet();
        List<String> sql = new ArrayList<>(List.of("CREATE SCHEMA " + schema, "SET search_path = " + schema,
                IndexForms.POSTGRES_TABLE));
        forms.forEach(f -> sql.add(f.sql()));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    private static void dropGenerated(String schema, List<Form> forms) {
        forms.forEach(f -> db.execute("DROP INDEX " + schema + "." + IndexForms.quote(f.name())));
    }

    /**
     * Every index of the schema outside idxmig's and Flyway's tables: its name, validity, constraint and its
     * definition as printed after a rebuild from its own text (in a transaction that is rolled back).
     */
    static List<String> catalog(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid,
                           (SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con WHERE con.conindid = i.indexrelid
                            AND con.contype IN ('p', 'u', 'x'))
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                    WHERE t.relnamespace = '%s'::regnamespace
                      AND t.relname NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')
                    ORDER BY 1""".formatted(schema))) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            for (String[] r : rows) {
                String definition = r[3] != null ? "constraint " + r[3] : rebuilt(c, schema, r[0], r[1]);
                out.add(r[0] + " valid=" + r[2] + " " + definition);
            }
        }
        return out;
    }

    private static String rebuilt(Connection c, String schema, String name, String definition) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX " + schema + "." + IndexForms.quote(name));
            st.execute(definition);
            try (ResultSet rs = st.executeQuery("SELECT pg_get_indexdef('" + schema + "."
                    + IndexForms.quote(name).replace("'", "''") + "'::regclass)")) {
                rs.next();
                return rs.getString(1);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static Idxmig idxmig(Path work, String schema) {
        List<String> target = new ArrayList<>(List.of(db.cliArgs()));
        target.addAll(List.of("--schema", schema));
        return Idxmig.in(work).target(target.toArray(String[]::new));
    }

    /** Runs a command with the JVM (and so the JDBC session) in another time zone. */
    private static CliResult inZone(int zone, java.util.function.Supplier<CliResult> run) {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZONES.get(zone % ZONES.size())));
        try {
            return run.get();
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
