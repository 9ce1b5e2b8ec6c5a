package dev.idxmig.db.postgres;

import dev.idxmig.db.IndexBuilds;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration's session keeps its server-side prepared look-ups across the index statements between them (each a
 * DDL), so each look-up is parsed and planned once per session instead of once per statement.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PostgresPreparedLookupsTest {
    /** The server-side statements of the table look-up, by name. */
    private static Set<String> preparedLookups(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM pg_prepared_statements WHERE statement LIKE '%to_regclass%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Ten look-ups of the table, each followed by an index statement; returns every name the look-up was prepared
     * under on the server (the driver prepares it there from its fifth use on).
     */
    private static Set<String> lookupsAcrossDdl(IndexBuilds builds, Connection c, String prefix) throws SQLException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Optional<IndexBuilds.Table> table = builds.table(c, "public", "t");
            assertTrue(table.isPresent());
            names.addAll(preparedLookups(c));
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX CONCURRENTLY " + prefix + i + " ON t (a)");
            }
        }
        return names;
    }

    @Test
    void lookupsStayPreparedAcrossIndexStatementsOnlyWhileAsked(PgDatabase db) throws Exception {
        db.execute("CREATE TABLE t (a int)");
        IndexBuilds builds = new PostgresDialect().indexBuilds().orElseThrow();
        try (Connection c = db.connect()) {
            builds.keepPreparedStatements(c, true);
            assertEquals(1, lookupsAcrossDdl(builds, c, "t_a_").size(), "one server-side statement, kept");
            builds.keepPreparedStatements(c, false); // the driver's default again: prepared anew after each DDL
            assertTrue(lookupsAcrossDdl(builds, c, "t_b_").size() > 1);
        }
    }
}
