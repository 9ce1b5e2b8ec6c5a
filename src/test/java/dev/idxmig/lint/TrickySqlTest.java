package dev.idxmig.lint;

import dev.idxmig.script.StatementReader;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementSplitter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of SQL that hides statements where a naive reader would see them: in comments, strings, dollar
 * quotes, function and trigger bodies. Only the real top-level statements may count.
 */
@Tag("unit")
class TrickySqlTest {
    static final String CORPUS = String.join("\n",
            "-- CREATE INDEX in_a_comment ON worklogs (a);",
            "/* CREATE INDEX in_a_block ON worklogs (a); /* nested; */ still a comment; */",
            "INSERT INTO notes (body) VALUES ('CREATE INDEX in_a_string ON worklogs (a); DROP INDEX x;');",
            "INSERT INTO notes (body) VALUES (E'it\\'s; CREATE INDEX in_an_e_string ON t (a);');",
            "CREATE FUNCTION make_index() RETURNS void LANGUAGE plpgsql AS $body$",
            "BEGIN",
            "  EXECUTE 'CREATE INDEX in_a_function ON worklogs (a)';",
            "  CREATE INDEX in_a_function_body ON worklogs (b);",
            "END;",
            "$body$;",
            "DO $$ BEGIN CREATE INDEX in_a_do_block ON worklogs (c); END $$;",
            "CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql",
            "BEGIN ATOMIC",
            "  SELECT i + 1;",
            "END;",
            "CREATE TRIGGER worklogs_count AFTER INSERT ON worklogs",
            "BEGIN",
            "  UPDATE counts SET n = CASE WHEN n IS NULL THEN 1 ELSE n + 1 END;",
            "  INSERT INTO audit (what) VALUES ('CREATE INDEX in_a_trigger ON t (a);');",
            "END;",
            "SELECT 'a;b' AS \"odd;name\", $1 AS not_a_dollar_quote;",
            "CREATE INDEX real_index ON worklogs (company_id) WHERE note <> ';';",
            "DROP INDEX IF EXISTS real_drop",
            "");

    @Test
    void onlyTheRealTopLevelStatementsAreSeen() {
        LintScript script = ScriptReader.parse(Path.of("V9__tricky.sql"), "V9__tricky.sql", CORPUS, Optional.empty(),
                false, false);
        List<String> kinds = script.statements().stream().map(s -> s.kind() + "@" + s.line())
                .collect(Collectors.toList());
        assertEquals(List.of("DATA_CHANGE@3", "DATA_CHANGE@4", "OTHER@5", "OTHER@11", "OTHER@12", "OTHER@16",
                "OTHER@21", "CREATE_INDEX@22", "DROP_INDEX@23"), kinds);
        ParsedStatement create = script.statements().get(7);
        assertEquals("real_index", create.index().orElseThrow().name());
        assertEquals(Optional.of("note <> ';'"), create.index().orElseThrow().predicate());
        assertEquals(List.of("real_drop"), script.statements().get(8).indexNames());
    }

    @Test
    void rulesReportOnlyTheRealStatements() {
        LintFixture f = LintFixture.postgres().script("V9__tricky.sql", CORPUS);
        assertEquals(List.of("migrations/V9__tricky.sql:22 require-concurrently",
                "migrations/V9__tricky.sql:23 require-concurrently"), f.where(new RequireConcurrently()));
        assertEquals(List.of(), f.where(new DuplicateIndexName()));
        assertEquals(List.of(), f.where(new UnsupportedSyntax()));
    }

    @Test
    void unterminatedAndUnknownTextNeverFails() {
        int findings = 0;
        for (String sql : List.of("CREATE INDEX", "CREATE INDEX ON", "CREATE UNIQUE INDEX x ON t (", "DROP INDEX",
                "REINDEX", "CREATE INDEX x ON t ((lower(a)), b", "'unterminated", "$$ unterminated", "/* open",
                "CREATE TABLE t (", "ALTER TABLE", "E'\\", "))) ;;; ((", "CREATE INDEX \"Mixed Name\" ON \"T\" (\"A\")",
                "GRANT SELECT ON t TO u", "")) {
            LintFixture f = LintFixture.postgres().script("V1__x.sql", sql);
            for (LintRule rule : LintRules.all()) {
                for (LintFinding finding : f.lint(rule)) {
                    findings++;
                    // every finding on broken one-line text still points at that text: file, line 1, a column
                    assertEquals("migrations/V1__x.sql:1", finding.file() + ":" + finding.line(), sql + ": " + finding);
                    assertTrue(finding.column() >= 1, sql + ": " + finding);
                    assertFalse(finding.message().isBlank(), sql + ": " + finding);
                }
            }
        }
        assertTrue(findings > 0, "the index statements among them are still linted");
        LintFixture empty = LintFixture.postgres().script("V1__x.sql", "");
        for (LintRule rule : LintRules.all()) {
            assertEquals(List.of(), empty.lint(rule), "an empty script has nothing to report: " + rule.id());
        }
    }

    @Test
    void statementsStartWhereTheirFirstWordIs() {
        List<SqlStatement> split = StatementSplitter.split("  -- header\n\n   CREATE INDEX a ON t (x);  DROP INDEX b;");
        assertEquals(3, split.get(0).line());
        assertEquals(4, split.get(0).column());
        assertEquals(3, split.get(1).line());
        assertEquals(30, split.get(1).column());
    }

    @Test
    void readsEveryPartOfAPostgresCreateIndex() {
        IndexDefinition index = StatementReader.index("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Idx\" ON ONLY "
                + "public.worklogs USING btree (company_id, lower((author_email)::text) DESC NULLS LAST) "
                + "INCLUDE (started) NULLS NOT DISTINCT WITH (fillfactor = 90) WHERE (billable AND company_id > 3)")
                .orElseThrow();
        assertEquals("Idx", index.name());
        assertEquals("worklogs", index.table());
        assertEquals(List.of("company_id", "lower((author_email)::text) desc nulls last"), index.columns());
        assertEquals(List.of("started"), index.include());
        assertTrue(index.unique() && index.concurrently() && index.ifNotExists());
        assertEquals(Optional.of("(billable and company_id > 3)"), index.predicate());
    }
}
