package dev.idxmig.db.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The predicate handed to HypoPG: boolean comparisons written as PostgreSQL stores them, nothing else touched. */
@Tag("unit")
class HypoPgPredicateTest {
    private static final String HEAD = "CREATE INDEX i ON t (a, b) WHERE";

    @Test
    void booleanComparisonsWithConstantsBecomeTheColumnOrItsNegation() {
        assertEquals(HEAD + " (NOT is_read)", HypoPg.normalizeBooleans(HEAD + " is_read = FALSE"));
        assertEquals(HEAD + " (active)", HypoPg.normalizeBooleans(HEAD + " active = true"));
        assertEquals(HEAD + " (NOT t.active) AND (NOT \"Done\")",
                HypoPg.normalizeBooleans(HEAD + " t.active <> true AND \"Done\" != TRUE"));
        assertEquals(HEAD + " ((archived))",
                HypoPg.normalizeBooleans(HEAD + " (archived <> false)"));
    }

    @Test
    void anythingElseIsLeftAsWritten() {
        for (String sql : new String[] {
            "CREATE INDEX i ON t (a)",
            HEAD + " status = 'false'",                   // a string: left alone
            HEAD + " a = false AND note = 'x'",           // any string in the predicate: left alone
            HEAD + " (a > b) = false",                    // not a lone column
            HEAD + " a = falsehood",                      // not the constant
            HEAD + " a + b = false",                      // part of an expression
        }) {
            assertEquals(sql, HypoPg.normalizeBooleans(sql));
        }
    }
}
