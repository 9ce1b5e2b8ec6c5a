package dev.idxmig.script;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatementSplitterTest {

    private static List<String> split(String sql) {
        return StatementSplitter.split(sql).stream().map(SqlStatement::sql).collect(Collectors.toList());
    }

    @Test
    void aBackslashEscapedQuoteInAnEStringDoesNotEndTheString() {
        assertEquals(List.of("INSERT INTO t VALUES (E'it\\'s; fine')", "SELECT 1"),
                split("INSERT INTO t VALUES (E'it\\'s; fine');\nSELECT 1;"));
    }

    @Test
    void aPlainStringKeepsItsBackslashAsAnOrdinaryCharacter() {
        assertEquals(List.of("SELECT 'C:\\'", "SELECT 2"), split("SELECT 'C:\\';\nSELECT 2;"));
    }

    @Test
    void aBeginAtomicFunctionBodyIsOneStatement() {
        String body = "CREATE OR REPLACE FUNCTION f(i int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT i + 1;\n"
                + "  SELECT CASE WHEN i > 0 THEN 1 ELSE 0 END;\nEND";
        assertEquals(List.of(body, "CREATE INDEX i ON t (a)"), split(body + ";\nCREATE INDEX i ON t (a);"));
    }

    @Test
    void aTransactionBeginIsNotABlock() {
        assertEquals(List.of("BEGIN", "CREATE INDEX i ON t (a)", "COMMIT"),
                split("BEGIN;\nCREATE INDEX i ON t (a);\nCOMMIT;"));
    }
}
