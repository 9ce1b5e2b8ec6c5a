package dev.idxmig.lint;

import dev.idxmig.db.IndexSyntax;
import dev.idxmig.script.MigrationScript;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MariaDB lint rules, offline: their pages' bad examples fire, their good ones do not, and only on MariaDB. */
@Tag("unit")
class MariaDbLintTest {
    private static final String TABLE = "CREATE TABLE worklogs (id INT PRIMARY KEY, company_id INT, notes TEXT);\n";

    /** Two scripts linted offline for {@code target} by one rule: the findings in the second. */
    private static List<LintFinding> lint(String target, LintRule rule, String sql) {
        List<LintScript> scripts = List.of(script("V1__t.sql", TABLE), script("V2__x.sql", sql));
        return LintService.findings(rule, new LintContext(target, IndexSyntax.BASIC, scripts, scripts,
                Optional.empty())).stream().filter(f -> f.file().endsWith("V2__x.sql")).toList();
    }

    private static LintScript script(String name, String sql) {
        Path path = Path.of("migrations", name);
        return ScriptReader.parse(path, "migrations/" + name, sql,
                MigrationScript.fromPath(path).map(MigrationScript::version), false, false);
    }

    private static String example(String rule, String section) throws IOException {
        String page = Files.readString(Path.of("docs/lint", rule + ".md"));
        int start = page.indexOf("```sql\n", page.indexOf(section)) + "```sql\n".length();
        return page.substring(start, page.indexOf("```", start));
    }

    @Test
    void eachPagesBadExampleFiresOnMariaDbAndItsGoodOneDoesNot() throws IOException {
        for (LintRule rule : List.of(new TableCopy(), new BlockingIndexBuild(), new ImplicitPrefix())) {
            assertEquals(1, lint("mariadb", rule, example(rule.id(), "## Bad")).size(), rule.id());
            assertEquals(List.of(), lint("mariadb", rule, example(rule.id(), "## Good")), rule.id());
            assertEquals(List.of(), lint("postgresql", rule, example(rule.id(), "## Bad")), rule.id() + " on PostgreSQL");
        }
    }

    @Test
    void aForcedCopyOrBlockingLockIsAnErrorThatNamesTheWayOut() {
        List<LintFinding> found = lint("mariadb", new TableCopy(), "CREATE INDEX i ON worklogs (company_id) "
                + "LOCK=EXCLUSIVE;\nALTER TABLE worklogs DROP INDEX i, ALGORITHM=INPLACE, LOCK=NONE;\n");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("LOCK=EXCLUSIVE blocks the table's writes and reads"),
                found.get(0).message());
        assertTrue(found.get(0).message().contains("--allow-table-copy"), found.get(0).message());
    }

    @Test
    void aPrimaryKeyChangeWarnsThatTheTableIsRebuilt() {
        List<LintFinding> found = lint("mariadb", new BlockingIndexBuild(),
                "ALTER TABLE worklogs DROP PRIMARY KEY, ADD PRIMARY KEY (id, company_id);\n");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("rebuilds the whole table"), found.get(0).message());
    }

    @Test
    void mariaDbIndexStatementsAreNeitherSyntaxErrorsNorTableChanges() {
        String sql = "CREATE FULLTEXT INDEX ft ON worklogs (notes);\n"
                + "CREATE SPATIAL INDEX sp ON places (location);\n"
                + "ALTER TABLE worklogs ADD INDEX i_company (company_id), ALGORITHM=INPLACE, LOCK=NONE;\n"
                + "ALTER TABLE worklogs DROP KEY i_company, ADD UNIQUE KEY u_id (id, company_id);\n";
        for (LintRule rule : List.of(new Syntax(), new NonIndexStatement())) {
            assertEquals(List.of(), lint("mariadb", rule, sql), rule.id());
        }
        // an ALTER TABLE that also changes a column is still a table change
        assertEquals(1, lint("mariadb", new NonIndexStatement(), "ALTER TABLE worklogs ADD COLUMN c INT, "
                + "ADD INDEX i_c (c);\nCREATE INDEX i_x ON worklogs (company_id);\n").size());
    }
}
