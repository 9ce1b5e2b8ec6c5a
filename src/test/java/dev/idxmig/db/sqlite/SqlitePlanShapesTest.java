package dev.idxmig.db.sqlite;

import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EXPLAIN QUERY PLAN detail strings, in the spellings of old and new SQLite versions, and real plans. */
@Tag("sqlite")
class SqlitePlanShapesTest {
    @TempDir
    Path dir;

    private static PlanNode node(String detail) {
        return SqliteExplainer.node(detail, List.of(), Map.of("w", "worklogs"),
                index -> index.startsWith("idx_") ? Optional.of("worklogs") : Optional.empty());
    }

    @Test
    void scanInOldAndNewSpellingIsAFullScanOfTheTable() {
        for (String detail : List.of("SCAN worklogs", "SCAN TABLE worklogs", "SCAN TABLE worklogs AS w", "SCAN w")) {
            PlanNode n = node(detail);
            assertEquals(PlanNode.Access.FULL_SCAN, n.access(), detail);
            assertEquals(Optional.of("worklogs"), n.table(), detail);
            assertEquals(Optional.empty(), n.index(), detail);
        }
    }

    @Test
    void searchUsingIndexOrCoveringIndexNamesTheIndexAndItsTable() {
        for (String detail : List.of("SEARCH worklogs USING INDEX idx_w (company_id=?)",
                "SEARCH TABLE worklogs USING COVERING INDEX idx_w (company_id=? AND started>?)",
                "SEARCH w USING INDEX idx_w (company_id=?)",
                "SCAN worklogs USING COVERING INDEX idx_w")) {
            PlanNode n = node(detail);
            assertEquals(PlanNode.Access.INDEX, n.access(), detail);
            assertEquals(Optional.of("idx_w"), n.index(), detail);
            assertEquals(Optional.of("worklogs"), n.table(), detail);
        }
    }

    @Test
    void integerPrimaryKeyCountsAsIndexAccessWithoutAnIndexName() {
        PlanNode n = node("SEARCH TABLE t USING INTEGER PRIMARY KEY (rowid=?)");
        assertEquals(PlanNode.Access.INDEX, n.access());
        assertEquals(Optional.of("t"), n.table());
        assertEquals(Optional.empty(), n.index());
    }

    @Test
    void automaticIndexIsNotOneOfOursButAFullScan() {
        for (String detail : List.of("SEARCH t USING AUTOMATIC COVERING INDEX (a=?)",
                "SEARCH TABLE t USING AUTOMATIC PARTIAL COVERING INDEX (a=?)")) {
            PlanNode n = node(detail);
            assertEquals(PlanNode.Access.FULL_SCAN, n.access(), detail);
            assertEquals(Optional.empty(), n.index(), detail);
        }
    }

    @Test
    void otherRowsAreNotTableAccesses() {
        for (String detail : List.of("USE TEMP B-TREE FOR ORDER BY", "SCAN CONSTANT ROW", "CO-ROUTINE x",
                "MULTI-INDEX OR")) {
            assertEquals(PlanNode.Access.OTHER, node(detail).access(), detail);
        }
    }

    @Test
    void aliasesAreReadFromFromAndJoinClauses() {
        assertEquals(Map.of("w", "worklogs", "r", "billing_rates"), SqliteExplainer.aliases(
                "SELECT * FROM worklogs w JOIN billing_rates AS r ON r.company_id = w.company_id WHERE 1"));
        assertEquals(Map.of(), SqliteExplainer.aliases("SELECT * FROM worklogs WHERE id = 1"));
    }

    @Test
    void realPlansBuildATreeWithIndexesAliasesAndAutomaticIndexes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)");
            st.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, a INTEGER)");
            st.execute("CREATE INDEX idx_t_a ON t (a)");
            Explainer explainer = new SqliteDialect().explainer("main");

            QueryPlan search = explain(explainer, c, "SELECT b FROM t x WHERE x.a = ? ORDER BY b", 5);
            assertEquals(Set.of("idx_t_a"), search.indexes());
            assertEquals(Set.of("t"), search.indexedTables(), "alias x resolved to t through the index");
            assertTrue(search.nodes().stream().anyMatch(n -> n.label().contains("TEMP B-TREE")),
                    "ORDER BY step is a node of its own");

            QueryPlan scan = explain(explainer, c, "SELECT * FROM t WHERE b = 3");
            assertEquals(Set.of("t"), scan.fullScans());

            QueryPlan rowid = explain(explainer, c, "SELECT * FROM t WHERE id = 3");
            assertEquals(Set.of("t"), rowid.indexedTables());
            assertTrue(rowid.indexes().isEmpty());

            QueryPlan join = explain(explainer, c, "SELECT * FROM t JOIN u ON u.a = t.b");
            assertTrue(join.indexes().isEmpty(), "the automatic index on u.a is not one of ours");
            assertTrue(join.fullScans().contains("u") || join.fullScans().contains("t"), join.toString());
        }
    }

    private static QueryPlan explain(Explainer explainer, Connection c, String sql, Object... params)
            throws Exception {
        try (Explainer.CheckTransaction ignored = explainer.begin(c, false)) {
            return explainer.explain(c, new ExplainRequest(sql, List.of(params), false, false, false));
        }
    }
}
