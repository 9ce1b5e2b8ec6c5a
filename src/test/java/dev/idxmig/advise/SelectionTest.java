package dev.idxmig.advise;

import dev.idxmig.script.StatementReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which measured candidates win a round, and when an existing index already serves a candidate. */
@Tag("unit")
class SelectionTest {
    private static Candidate candidate(String table, List<String> keys, int equality, Optional<String> where) {
        return new Candidate(table, keys, equality, List.of(), where, "test");
    }

    private static Measured measured(Candidate c, Map<String, Double> before, Map<String, Double> after, long size) {
        return new Measured(c, before, after, before, OptionalLong.of(size), Optional.empty());
    }

    @Test
    void theSmallerOfTwoNearlyEqualCandidatesWins() {
        Measured full = measured(candidate("tickets", List.of("status", "created_at"), 1, Optional.empty()),
                Map.of("q", 3000.0), Map.of("q", 2.0), 3_000_000);
        Measured partial = measured(candidate("tickets", List.of("created_at"), 0, Optional.of("status = 'open'")),
                Map.of("q", 3000.0), Map.of("q", 2.5), 40_000);
        Selection.Round r = Selection.round(List.of(full, partial), 0.5, List.of());
        assertEquals(partial, r.pick().orElseThrow());
        assertEquals(List.of(full), r.qualified(), "measured again next round, against the pick");
    }

    @Test
    void oneIndexServingSeveralQueriesBeatsOneServingOne() {
        Measured both = measured(candidate("orders", List.of("customer_id"), 1, Optional.empty()),
                Map.of("a", 1000.0, "b", 1000.0), Map.of("a", 20.0, "b", 20.0), 1_000_000);
        Measured one = measured(candidate("orders", List.of("customer_id", "placed_at"), 1, Optional.empty()),
                Map.of("a", 1000.0), Map.of("a", 10.0), 1_000_000);
        assertEquals(both, Selection.round(List.of(one, both), 0.5, List.of()).pick().orElseThrow());
    }

    @Test
    void belowTheMinimumGainIsRejectedWithTheNumbers() {
        Measured weak = measured(candidate("payments", List.of("paid_at"), 0, Optional.empty()),
                Map.of("q", 1000.0), Map.of("q", 580.0), 1_000);
        Selection.Round r = Selection.round(List.of(weak), 0.5, List.of());
        assertTrue(r.pick().isEmpty());
        assertEquals("it saves 42% of the estimated cost of the queries that use it, below --min-gain 50%",
                r.rejected().get(0).reason());
    }

    @Test
    void laterRoundsMeasureAgainstTheOriginalCost() {
        Candidate first = candidate("orders", List.of("customer_id"), 1, Optional.empty());
        // 348 -> 73 is 79% of the cost now, but only 5% of the 5738 the query cost before any proposal
        Measured second = new Measured(candidate("orders", List.of("customer_id", "placed_at"), 1,
                Optional.empty()), Map.of("q", 348.0), Map.of("q", 73.0), Map.of("q", 5738.0), OptionalLong.of(1),
                Optional.empty());
        Selection.Round r = Selection.round(List.of(second), 0.5, List.of(first));
        assertTrue(r.pick().isEmpty());
        assertTrue(r.rejected().get(0).reason().startsWith("with idx_orders_customer_id proposed, it saves 5%"),
                r.rejected().get(0).reason());
    }

    @Test
    void uncheckableCandidatesAreNeverProposed() {
        Measured gin = Measured.unchecked(candidate("docs", List.of("body"), 1, Optional.empty()),
                "HypoPG 1.3.1 cannot model a gin index");
        Selection.Round r = Selection.round(List.of(gin), 0.5, List.of());
        assertTrue(r.pick().isEmpty());
        assertEquals("not checkable, so not proposed: HypoPG 1.3.1 cannot model a gin index",
                r.rejected().get(0).reason());
    }

    @Test
    void anExistingIndexInAnotherEqualityOrderServes() {
        Candidate c = candidate("leaves", List.of("employee_id", "kind"), 2, Optional.empty());
        assertTrue(ExistingIndexes.serves(StatementReader.index(
                "CREATE INDEX idx_leaves_kind_employee ON public.leaves USING btree (kind, employee_id)").orElseThrow(),
                c));
        Candidate ordered = candidate("worklogs", List.of("company_id", "started DESC"), 1, Optional.empty());
        assertTrue(ExistingIndexes.serves(StatementReader.index("CREATE INDEX i ON public.worklogs USING btree "
                + "(company_id, started DESC, minutes)").orElseThrow(), ordered), "a longer index it leads");
        assertFalse(ExistingIndexes.serves(StatementReader.index("CREATE INDEX i ON public.worklogs USING btree "
                + "(started DESC, company_id)").orElseThrow(), ordered), "the range before the equality");
        assertFalse(ExistingIndexes.serves(StatementReader.index("CREATE INDEX i ON public.worklogs USING btree "
                + "(company_id, started DESC) WHERE (minutes > 0)").orElseThrow(), ordered), "a partial one");
    }

    @Test
    void samplesMatchTheirNormalisedQuery() {
        assertTrue(StatStatements.matches("SELECT * FROM orders WHERE customer_id = $1 AND status = $2",
                "select * from orders\n where customer_id = 42 and status = 'open';"));
        assertFalse(StatStatements.matches("SELECT * FROM orders WHERE customer_id = $1",
                "SELECT * FROM orders WHERE placed_at = 42"));
    }
}
