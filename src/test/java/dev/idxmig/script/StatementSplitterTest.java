package dev.idxmig.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
