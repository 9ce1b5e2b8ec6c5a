package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class StatementSplitterTest {
    @Test
    void splitsOnTopLevelSemicolonsWithLineAndColumn() {
        List<SqlStatement> s = StatementSplitter.split("-- header\nCREATE TABLE a (x int);\n\n  CREATE INDEX i ON a (x);");
        assertEquals(2, s.size());
        assertEquals(new SqlStatement("CREATE TABLE a (x int)", 2, 1), s.get(0));
        assertEquals(new SqlStatement("CREATE INDEX i ON a (x)", 4, 3), s.get(1));
    }

    @Test
    void semicolonsInStringsCommentsAndDollarQuotesDoNotSplit() {
        String sql = "INSERT INTO t VALUES ('a;b', \"c;d\"); /* x; /* nested; */ y; */ SELECT 1;\n"
                + "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN CREATE INDEX i ON t (x); END; $body$ "
                + "LANGUAGE plpgsql;\nSELECT $$;$$;";
        List<SqlStatement> s = StatementSplitter.split(sql);
        assertEquals(4, s.size(), s.toString());
        assertEquals("INSERT INTO t VALUES ('a;b', \"c;d\")", s.get(0).sql());
        assertEquals(true, s.get(2).sql().startsWith("CREATE FUNCTION f()"));
        assertEquals("SELECT $$;$$", s.get(3).sql());
    }

    @Test
    void sqliteTriggerBodiesStayOneStatementButPlainBeginDoesNot() {
        String sql = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = CASE WHEN 1 THEN 2 END; "
                + "DELETE FROM u; END;\nBEGIN;\nCREATE INDEX i ON t (x);\nCOMMIT;";
        List<SqlStatement> s = StatementSplitter.split(sql);
        assertEquals(4, s.size(), s.toString());
        assertEquals("BEGIN", s.get(1).sql());
    }

    @Test
    void unterminatedTextBecomesTheLastStatementInsteadOfFailing() {
        List<SqlStatement> s = StatementSplitter.split("SELECT 1; SELECT 'unterminated");
        assertEquals(2, s.size());
        assertEquals("SELECT 'unterminated", s.get(1).sql());
    }

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
