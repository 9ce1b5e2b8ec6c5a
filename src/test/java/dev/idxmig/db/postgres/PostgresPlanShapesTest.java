package dev.idxmig.db.postgres;

import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each plan node type that counts as index use, and the full scan, from real PostgreSQL plans. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PostgresPlanShapesTest {
    private static final Explainer EXPLAINER = new PostgresDialect().explainer("public");

    private static void fixture(PgDatabase db) {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, pad text NOT NULL)",
                "INSERT INTO t SELECT g, g % 1000, g / 10, md5(g::text) FROM generate_series(1, 20000) g",
                "CREATE INDEX t_a ON t (a)",
                "CREATE INDEX t_b ON t (b)",
                "VACUUM ANALYZE t");
    }

    private static QueryPlan explain(Connection c, String sql, boolean analyze, String... settings)
            throws Exception {
        try (Statement st = c.createStatement()) {
            for (String s : settings) {
                st.execute("SET " + s);
            }
        }
        try (Explainer.CheckTransaction ignored = EXPLAINER.begin(c, false)) {
            return EXPLAINER.explain(c, new ExplainRequest(sql, List.of(), false, analyze, false));
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("RESET ALL");
            }
        }
    }

    private static PlanNode only(QueryPlan plan, String type) {
        List<PlanNode> nodes = plan.nodes().stream().filter(n -> n.operation().equals(type)).toList();
        assertEquals(1, nodes.size(), () -> type + " in " + plan);
        return nodes.get(0);
    }

    @Test
    void indexScanIndexOnlyScanAndSeqScanAreRecognised(PgDatabase db) throws Exception {
        fixture(db);
        try (Connection c = db.connect()) {
            QueryPlan index = explain(c, "SELECT pad FROM t WHERE a = 5", false, "enable_bitmapscan = off");
            PlanNode scan = only(index, "Index Scan");
            assertEquals(PlanNode.Access.INDEX, scan.access());
            assertEquals(Optional.of("t_a"), scan.index());
            assertEquals(Optional.of("t"), scan.table());

            QueryPlan indexOnly = explain(c, "SELECT a FROM t WHERE a = 5", false, "enable_bitmapscan = off");
            assertEquals(Optional.of("t_a"), only(indexOnly, "Index Only Scan").index());
            assertEquals(Set.of("t"), indexOnly.indexedTables());

            QueryPlan seq = explain(c, "SELECT * FROM t WHERE pad = 'x'", false);
            assertEquals(PlanNode.Access.FULL_SCAN, only(seq, "Seq Scan").access());
            assertEquals(Set.of("t"), seq.fullScans());
            assertTrue(seq.indexes().isEmpty());
            assertTrue(seq.totalCost().getAsDouble() > 0);
        }
    }

    @Test
    void bitmapIndexScanTakesItsTableFromTheBitmapHeapScan(PgDatabase db) throws Exception {
        fixture(db);
        try (Connection c = db.connect()) {
            QueryPlan plan = explain(c, "SELECT * FROM t WHERE a < 50", false, "enable_indexscan = off");
            PlanNode bitmap = only(plan, "Bitmap Index Scan");
            assertEquals(Optional.of("t_a"), bitmap.index());
            assertEquals(Optional.of("t"), bitmap.table(), "the relation is on the parent Bitmap Heap Scan");
            assertEquals(Set.of("t"), plan.indexedTables());
            assertTrue(plan.fullScans().isEmpty());
        }
    }

    @Test
    void bitmapOrCombinesTwoIndexes(PgDatabase db) throws Exception {
        fixture(db);
        try (Connection c = db.connect()) {
            QueryPlan plan = explain(c, "SELECT * FROM t WHERE a = 5 OR b = 7", false,
                    "enable_seqscan = off", "enable_indexscan = off");
            only(plan, "BitmapOr");
            assertEquals(Set.of("t_a", "t_b"), plan.indexes());
            assertEquals(Set.of("t"), plan.indexedTables());
        }
    }

    @Test
    void bitmapAndUnderAHeapScanCountsBothIndexes() {
        String json = "[{\"Plan\": {\"Node Type\": \"Bitmap Heap Scan\", \"Relation Name\": \"t\", \"Alias\": \"t\","
                + " \"Total Cost\": 12.5, \"Plan Rows\": 1, \"Plans\": [{\"Node Type\": \"BitmapAnd\","
                + " \"Total Cost\": 9.0, \"Plan Rows\": 1, \"Plans\": ["
                + "{\"Node Type\": \"Bitmap Index Scan\", \"Index Name\": \"t_a\", \"Total Cost\": 4.0, \"Plan Rows\": 20},"
                + "{\"Node Type\": \"Bitmap Index Scan\", \"Index Name\": \"t_b\", \"Total Cost\": 4.0, \"Plan Rows\": 10}"
                + "]}]}}]";
        QueryPlan plan = PostgresExplainer.parse(json);
        assertEquals(Set.of("t_a", "t_b"), plan.indexes());
        assertEquals(Set.of("t"), plan.indexedTables(), "the table reaches through BitmapAnd to both index scans");
        assertEquals(12.5, plan.totalCost().getAsDouble());
        assertFalse(plan.analyzed());
    }

    @Test
    void analyzeReportsRowsExaminedAndBuffers(PgDatabase db) throws Exception {
        fixture(db);
        try (Connection c = db.connect()) {
            QueryPlan seq = explain(c, "SELECT * FROM t WHERE pad = 'x'", true);
            assertTrue(seq.analyzed());
            assertEquals(20000, seq.rowsExamined().getAsLong(), "every row read, all removed by the filter");
            assertTrue(seq.buffersHit().getAsLong() + seq.buffersRead().getAsLong() > 0);
            assertTrue(seq.executionMs().isPresent());

            QueryPlan index = explain(c, "SELECT * FROM t WHERE a = 5", true);
            assertEquals(20, index.rowsExamined().getAsLong(), "20 rows have a = 5");
        }
    }

    @Test
    void placeholdersBecomeNumberedOutsideQuotes() {
        assertEquals("SELECT '?' FROM t WHERE a = $1 AND \"b?\" = $2",
                PostgresExplainer.numberedPlaceholders("SELECT '?' FROM t WHERE a = ? AND \"b?\" = ?"));
    }
}
