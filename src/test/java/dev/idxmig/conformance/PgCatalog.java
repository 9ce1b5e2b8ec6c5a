package dev.idxmig.conformance;

import dev.idxmig.testing.PgDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a conformance test compares: every index of a schema as the server prints it, read in a fixed session. */
final class PgCatalog {
    private static final String INDEXES = """
            SELECT c.relname || ' ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid
                   || coalesce(' constraint ' || con.conname || ' ' || pg_get_constraintdef(con.oid), '')
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
            WHERE t.relnamespace = 'public'::regnamespace
              AND t.relname NOT IN ('flyway_schema_history', 'idxmig_index_ledger', 'idxmig_intent_log')
            ORDER BY 1""";

    private PgCatalog() {
    }

    /** One line per index of schema public (idxmig's and Flyway's own tables left out). */
    static List<String> indexes(PgDatabase db) {
        return strings(db, INDEXES);
    }

    static List<String> strings(PgDatabase db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
