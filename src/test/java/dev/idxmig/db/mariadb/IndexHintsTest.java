package dev.idxmig.db.mariadb;

import dev.idxmig.db.mariadb.IndexHints.TableRef;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan-check's "usable" plan on MariaDB: FORCE INDEX after each table a SELECT reads, from the text alone. */
@Tag("unit")
class IndexHintsTest {
    private static final TableRef T = new TableRef(Optional.empty(), "t");
    private static final TableRef U = new TableRef(Optional.empty(), "u");

    private static String forced(String sql) {
        return IndexHints.forceIndexes(sql, Map.of(T, List.of("PRIMARY", "t_a"), U, List.of("u_t")))
                .orElse("(unchanged)");
    }

    @Test
    void aTableItsAliasAndAJoinEachGetTheirIndexes() {
        assertEquals("SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`) WHERE a = ?",
                forced("SELECT * FROM t WHERE a = ?"));
        assertEquals("SELECT * FROM t AS x FORCE INDEX (`PRIMARY`, `t_a`) JOIN u y FORCE INDEX (`u_t`) ON y.t = x.id",
                forced("SELECT * FROM t AS x JOIN u y ON y.t = x.id"));
        assertEquals("SELECT * FROM `t` FORCE INDEX (`PRIMARY`, `t_a`), u FORCE INDEX (`u_t`) WHERE u.t = `t`.id",
                forced("SELECT * FROM `t`, u WHERE u.t = `t`.id"));
        assertEquals("SELECT 1 FROM t FORCE INDEX (`PRIMARY`, `t_a`) LEFT JOIN u FORCE INDEX (`u_t`) USING (id)",
                forced("SELECT 1 FROM t LEFT JOIN u USING (id)"));
    }

    @Test
    void subqueriesAndCommonTableExpressionsAreFollowed() {
        assertEquals("SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`) WHERE id IN (SELECT t FROM u FORCE INDEX (`u_t`))",
                forced("SELECT * FROM t WHERE id IN (SELECT t FROM u)"));
        // the CTE's own name has no indexes: only the table inside it is hinted
        assertEquals("WITH c AS (SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`)) SELECT * FROM c",
                forced("WITH c AS (SELECT * FROM t) SELECT * FROM c"));
        assertEquals("SELECT * FROM (SELECT a FROM t FORCE INDEX (`PRIMARY`, `t_a`)) d",
                forced("SELECT * FROM (SELECT a FROM t) d"));
    }

    @Test
    void theAuthorsOwnHintAndWhatCannotTakeOneAreLeftAsWritten() {
        assertEquals("SELECT * FROM t IGNORE INDEX (t_a) JOIN u FORCE INDEX (`u_t`) ON u.t = t.id",
                forced("SELECT * FROM t IGNORE INDEX (t_a) JOIN u ON u.t = t.id"));
        assertEquals("(unchanged)", forced("SELECT * FROM t PARTITION (p0)"));
        assertEquals("(unchanged)", forced("SELECT 1 FROM DUAL"));
        assertEquals("(unchanged)", forced("UPDATE t SET a = 1 WHERE a = 2"));
        assertEquals("(unchanged)", forced("DELETE FROM t WHERE a = 2"));
        assertFalse(IndexHints.applies("DELETE FROM t WHERE a = 2"));
        assertTrue(IndexHints.applies("WITH c AS (SELECT 1) SELECT * FROM c"));
    }

    @Test
    void qualifiedAndQuotedNamesAreLookedUpAsTheyAreMeant() {
        assertEquals(List.of(new TableRef(Optional.of("db"), "t"), new TableRef(Optional.empty(), "where")),
                IndexHints.tables("SELECT * FROM db.t JOIN `where` w ON w.id = t.id"));
        assertEquals("SELECT * FROM `t` `where` FORCE INDEX (`PRIMARY`, `t_a`) WHERE 1",
                forced("SELECT * FROM `t` `where` WHERE 1"));
    }

    @Test
    void keywordsAfterTheTableAreNotTakenForAnAlias() {
        assertEquals("SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`) ORDER BY a LIMIT 5",
                forced("SELECT * FROM t ORDER BY a LIMIT 5"));
        assertEquals("SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`) GROUP BY a",
                forced("SELECT * FROM t GROUP BY a"));
        assertEquals("SELECT * FROM t FORCE INDEX (`PRIMARY`, `t_a`) STRAIGHT_JOIN u FORCE INDEX (`u_t`) ON u.t = t.id",
                forced("SELECT * FROM t STRAIGHT_JOIN u ON u.t = t.id"));
    }

    @Test
    void aliasesAreReadForThePlanThatNamesTablesByThem() {
        assertEquals(Map.of("t", "tasks", "p", "people"),
                IndexHints.aliases("SELECT * FROM tasks t JOIN people AS p ON p.id = t.owner WHERE t.state = 1"));
        assertEquals(Map.of("x", "tasks"), IndexHints.aliases("UPDATE tasks x SET state = 2 WHERE x.id = 1"));
        assertEquals(Map.of("x", "tasks"), IndexHints.aliases("DELETE x FROM tasks x WHERE x.id = 1"));
        // one alias for two tables in two subqueries: neither is assumed
        assertEquals(Map.of(), IndexHints.aliases("SELECT (SELECT 1 FROM a x) FROM b x"));
    }
}
