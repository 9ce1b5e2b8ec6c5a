package dev.idxmig.db.postgres;

import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dialect.sameIndex on PostgreSQL: definitions compared by what they build, the caller's session left as it was. */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class PostgresSameIndexTest {
    private static final Dialect PG = Dialects.forUrl("jdbc:postgresql://127.0.0.1:5432/x");

    private static DefinedIndex index(String definition) {
        return new DefinedIndex("public", "t", "t_i", definition, Optional.empty());
    }

    private static DefinedIndex constrained(String definition, String constraint) {
        return new DefinedIndex("public", "t", "t_i", definition, Optional.of(IndexConstraint.of("t_i", constraint)));
    }

    private static void setUp(PgDatabase db) {
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE TABLE t (id int NOT NULL, n int, b varchar(20), c timestamptz, note text)");
    }

    @Test
    void definitionsThatBuildTheSameIndexAreTheSame(PgDatabase db) throws Exception {
        setUp(db);
        try (Connection c = db.connect()) {
            assertTrue(PG.sameIndex(c,
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (((n >= 1) AND (n <= 100)) AND "
                            + "((b)::text ~~ 'v1%'::text))"),
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE ((n >= 1) AND (n <= 100) AND "
                            + "((b)::text ~~ 'v1%'::text))")), "nested and flat ANDs");
            assertTrue(PG.sameIndex(c,
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (c >= '2025-01-01 12:00:00+00'::"
                            + "timestamp with time zone)"),
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (c >= '2025-01-01 07:00:00-05'::"
                            + "timestamp with time zone)")), "one instant printed in two zones");
            assertTrue(PG.sameIndex(c, index("CREATE INDEX t_i ON public.t USING gin (note gin_trgm_ops)"),
                    index("CREATE INDEX t_i ON public.t USING gin (note public.gin_trgm_ops)")), "qualified or not");
            assertTrue(c.getAutoCommit(), "the caller's session is left in autocommit");
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('pg_temp.idxmig_scratch_table') IS NULL, "
                         + "current_setting('search_path')")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the scratch table was rolled back");
                assertEquals("\"$user\", public", rs.getString(2));
            }
        }
    }

    @Test
    void definitionsThatBuildAnotherIndexOrConstraintAreNot(PgDatabase db) throws Exception {
        setUp(db);
        try (Connection c = db.connect()) {
            assertFalse(PG.sameIndex(c, index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (n >= 1)"),
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (n >= 2)")));
            assertFalse(PG.sameIndex(c, index("CREATE INDEX t_i ON public.t USING btree (n) INCLUDE (note)"),
                    index("CREATE INDEX t_i ON public.t USING btree (n)")));
            String unique = "CREATE UNIQUE INDEX t_i ON public.t USING btree (id)";
            assertFalse(PG.sameIndex(c, constrained(unique, "PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED"),
                    constrained(unique, "PRIMARY KEY (id)")), "DEFERRABLE lost");
            assertTrue(PG.sameIndex(c, constrained(unique, "UNIQUE (id) DEFERRABLE"),
                    constrained(unique, "UNIQUE (id) DEFERRABLE INITIALLY IMMEDIATE")), "the default spelled out");
            assertFalse(PG.sameIndex(c, new DefinedIndex("public", "gone", "t_i",
                            "CREATE INDEX t_i ON public.gone USING btree (n)", Optional.empty()),
                    new DefinedIndex("public", "gone", "t_i", "CREATE INDEX t_i ON public.gone USING btree (m)",
                            Optional.empty())), "not buildable: not shown to be the same");
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (x int)");
            }
            assertTrue(PG.sameIndex(c, index("CREATE INDEX t_i ON public.t USING btree (n) WHERE (n > 0)"),
                    index("CREATE INDEX t_i ON public.t USING btree (n) WHERE ((n > 0))")));
            c.commit();
        }
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'kept'"),
                "inside the caller's transaction the comparison used a savepoint, and the caller's work stands");
    }
}
