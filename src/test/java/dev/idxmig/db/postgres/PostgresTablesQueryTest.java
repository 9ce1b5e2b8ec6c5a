package dev.idxmig.db.postgres;

import dev.idxmig.db.InternalTables;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tables-and-columns query reads pg_catalog for speed, but must say what the information_schema views say:
 * intent logs written by earlier versions hold their answer, and a resumed migration compares against it.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PostgresTablesQueryTest {
    /** The query idxmig used before, kept here as the reference. */
    private static final String INFORMATION_SCHEMA = """
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = ?
              AND t.table_type = 'BASE TABLE'
              AND c.table_name NOT IN (?, ?, 'idxmig_intent_log')
            ORDER BY c.table_name, c.ordinal_position""";

    private static Map<String, List<String>> reference(Connection c, String schema) throws Exception {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(INFORMATION_SCHEMA)) {
            ps.setString(1, schema);
            ps.setString(2, InternalTables.FLYWAY_HISTORY);
            ps.setString(3, InternalTables.LEDGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return tables;
    }

    @Test
    void everyKindOfColumnAndTableReadsAsTheStandardViewsSayIt(PgDatabase db) throws Exception {
        db.execute("CREATE SCHEMA app",
                "CREATE DOMAIN app.d_int AS int",
                "CREATE DOMAIN app.d_arr AS int[]",
                "CREATE TYPE app.mood AS ENUM ('ok', 'sad')",
                "CREATE DOMAIN app.d_mood AS app.mood",
                "CREATE TABLE app.t (a int, b varchar(20), gone int, c numeric(10, 2), d timestamptz, e text[], "
                        + "f app.mood, g app.d_int, h app.d_arr, i app.d_mood, j jsonb, k \"char\", l bit(3), "
                        + "m interval, n double precision, \"Odd Name\" uuid)",
                "ALTER TABLE app.t DROP COLUMN gone",
                "CREATE TABLE app.p (x int, y date) PARTITION BY RANGE (y)",
                "CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
                "CREATE VIEW app.v AS SELECT 1 AS z",
                "CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS z",
                "CREATE TABLE app.flyway_schema_history (q int)",
                "CREATE TABLE app.idxmig_intent_log (q int)",
                "CREATE ROLE idxmig_tables_probe",
                "GRANT USAGE ON SCHEMA app TO idxmig_tables_probe",
                "GRANT SELECT (a, b) ON app.t TO idxmig_tables_probe");
        PostgresDialect dialect = new PostgresDialect();
        InternalTables internal = new InternalTables(InternalTables.FLYWAY_HISTORY);
        try (Connection c = db.connect()) {
            Map<String, List<String>> read = dialect.tables(c, "app", internal);
            assertEquals(reference(c, "app"), read);
            assertEquals(List.of("p", "p1", "t"), List.copyOf(read.keySet()));
            assertEquals("e ARRAY", read.get("t").get(4));
            try (Statement st = c.createStatement()) {
                st.execute("SET ROLE idxmig_tables_probe"); // sees two columns of one table
            }
            assertEquals(Map.of("t", List.of("a integer", "b character varying")), dialect.tables(c, "app", internal));
            assertEquals(reference(c, "app"), dialect.tables(c, "app", internal));
            try (Statement st = c.createStatement()) {
                st.execute("RESET ROLE");
            }
        } finally {
            db.execute("DROP SCHEMA app CASCADE", "DROP ROLE idxmig_tables_probe");
        }
    }
}
