package dev.idxmig.db.mariadb;

import dev.idxmig.db.mariadb.IndexHints.TableRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "usable" rewrite on generated SELECTs: it inserts hints and changes nothing else. */
@Tag("unit")
class IndexHintsPropertyTest {
    private static final TableRef T = new TableRef(Optional.empty(), "t");
    private static final TableRef U = new TableRef(Optional.empty(), "u");

    /** Taking the inserted hints out again gives back the statement as written, whatever its spacing and names. */
    @Property(tries = 300)
    void theRewriteOnlyInsertsHints(@ForAll("selects") String sql) {
        String out = IndexHints.forceIndexes(sql, Map.of(T, List.of("t_a"), U, List.of("u_t"))).orElse(sql);
        assertEquals(sql, out.replace(" FORCE INDEX (`t_a`)", "").replace(" FORCE INDEX (`u_t`)", ""));
        long references = IndexHints.tables(sql).stream().filter(r -> r.equals(T) || r.equals(U)).count();
        assertTrue(references == 0 || !out.equals(sql), out);
    }

    @Provide
    Arbitrary<String> selects() {
        Arbitrary<String> table = Arbitraries.of("t", "`t`", "u", "`u`", "c");
        Arbitrary<String> alias = Arbitraries.of("", " x", " AS y", " `order`");
        Arbitrary<String> join = Arbitraries.of(" JOIN ", " LEFT JOIN ", ", ", " STRAIGHT_JOIN ");
        Arbitrary<String> tail = Arbitraries.of("", " WHERE a = 'FROM t'", " ORDER BY a", " WHERE id IN (SELECT 1 FROM u)",
                " -- FROM t\n", " GROUP BY a LIMIT 3");
        return Combinators.combine(table, alias, join, table, alias, tail)
                .as((t1, a1, j, t2, a2, rest) -> "SELECT *  FROM " + t1 + a1 + j + t2 + a2
                        + (j.contains("JOIN") && !j.contains("STRAIGHT") ? " ON 1 = 1" : "") + rest);
    }
}
