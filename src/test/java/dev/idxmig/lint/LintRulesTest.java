package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule fires on a positive example and stays silent on its fixed form. */
@Tag("unit")
class LintRulesTest {
    static final String TABLE = "CREATE TABLE worklogs (id INTEGER PRIMARY KEY, company_id INTEGER, "
            + "author_email VARCHAR(255), started TIMESTAMP, billable BOOLEAN);\n";

    @Nested
    class RequireConcurrentlyRule {
        final LintRule rule = new RequireConcurrently();

        @Test
        void firesOnCreateDropAndReindexOfAnExistingTable() {
            LintFixture f = LintFixture.postgres().script("V1__t.sql", TABLE)
                    .script("V2__i.sql", "CREATE INDEX idx_a ON worklogs (company_id);\n"
                            + "DROP INDEX idx_old;\n"
                            + "REINDEX TABLE worklogs;\n");
            assertEquals(List.of("migrations/V2__i.sql:1 require-concurrently",
                    "migrations/V2__i.sql:2 require-concurrently",
                    "migrations/V2__i.sql:3 require-concurrently"), f.where(rule));
            assertEquals(Severity.ERROR, f.lint(rule).get(0).severity());
            assertTrue(f.lint(rule).get(0).fix().orElse("").contains("V2__i.sql.conf"));
        }

        @Test
        void staysSilentWithConcurrently() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V2__i.sql",
                    "CREATE INDEX CONCURRENTLY idx_a ON worklogs (company_id);\n"
                            + "DROP INDEX CONCURRENTLY idx_old;\nREINDEX INDEX CONCURRENTLY idx_a;\n");
            assertEquals(List.of(), f.where(rule));
        }

        @Test
        void exemptsATableCreatedInTheSameScript() {
            LintFixture f = LintFixture.postgres().script("V1__t.sql", TABLE
                    + "CREATE INDEX idx_a ON worklogs (company_id);\nDROP INDEX idx_a;\n");
            assertEquals(List.of(), f.where(rule));
        }

        @Test
        void doesNotApplyToSqlite() {
            LintFixture f = LintFixture.sqlite().script("V2__i.sql", "CREATE INDEX idx_a ON worklogs (company_id);");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class ConcurrentlyInTransactionRule {
        final LintRule rule = new ConcurrentlyInTransaction();

        @Test
        void firesWhenConcurrentlyIsMixedWithTransactionalStatements() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql",
                    "UPDATE worklogs SET billable = true;\nCREATE INDEX CONCURRENTLY idx_a ON worklogs (company_id);\n");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V2__i.sql:2 concurrently-in-transaction"), f.where(rule));
            assertTrue(found.get(0).message().contains("line 1"), found::toString);
        }

        @Test
        void firesOnReindexConcurrentlyWhichFlywayRunsInATransaction() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql", "REINDEX INDEX CONCURRENTLY idx_a;");
            assertEquals(List.of("migrations/V2__i.sql:1 concurrently-in-transaction"), f.where(rule));
        }

        @Test
        void staysSilentOnSqliteWhereUnsupportedSyntaxReportsConcurrently() {
            assertEquals(List.of(), LintFixture.sqlite().script("V2__i.sql",
                    "UPDATE t SET a = 1;\nCREATE INDEX CONCURRENTLY idx_a ON t (a);").where(rule));
        }

        @Test
        void staysSilentWithTheSidecarOrWhenEveryStatementIsConcurrent() {
            String mixed = "UPDATE worklogs SET billable = true;\n"
                    + "CREATE INDEX CONCURRENTLY idx_a ON worklogs (company_id);\n";
            assertEquals(List.of(), LintFixture.postgres().outsideTransaction("V2__i.sql", mixed).where(rule));
            assertEquals(List.of(), LintFixture.postgres().script("V3__i.sql",
                    "CREATE INDEX CONCURRENTLY idx_a ON worklogs (company_id);\n"
                            + "DROP INDEX CONCURRENTLY IF EXISTS idx_b;").where(rule));
        }
    }

    @Nested
    class FlywayHeaderCommentRule {
        final LintRule rule = new FlywayHeaderComment();

        @Test
        void firesOnAFlywayHeaderComment() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql",
                    "-- builds the index\n-- flyway:executeInTransaction=false\nCREATE INDEX CONCURRENTLY i ON t (a);");
            assertEquals(List.of("migrations/V2__i.sql:2 flyway-header-comment"), f.where(rule));
        }

        @Test
        void staysSilentOnOrdinaryCommentsAndLaterText() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V2__i.sql",
                    "-- see V2__i.sql.conf\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- flyway:executeInTransaction=false\n");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class RequireIfExistsRule {
        final LintRule rule = new RequireIfExists();

        @Test
        void warnsInAScriptThatRunsOutsideATransaction() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V2__i.sql",
                    "CREATE INDEX idx_a ON worklogs (company_id);\nDROP INDEX CONCURRENTLY idx_b;\n");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V2__i.sql:1 require-if-exists", "migrations/V2__i.sql:2 require-if-exists"),
                    f.where(rule));
            assertEquals(Severity.WARNING, found.get(0).severity());
        }

        @Test
        void staysSilentInATransactionalScriptWhereAFailureLeavesNothingBehind() {
            assertEquals(List.of(), LintFixture.sqlite().script("V2__i.sql",
                    "CREATE INDEX idx_a ON t (a);\nDROP INDEX idx_b;").where(rule));
        }

        @Test
        void staysSilentWithIfExistsAndOnConcurrentCreates() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V2__i.sql",
                    "CREATE INDEX IF NOT EXISTS idx_a ON t (a);\nDROP INDEX CONCURRENTLY IF EXISTS idx_b;\n"
                            + "CREATE INDEX CONCURRENTLY idx_c ON t (c);\n");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class ConcurrentlyIfNotExistsRule {
        final LintRule rule = new ConcurrentlyIfNotExists();

        @Test
        void firesAndNamesVerify() {
            List<LintFinding> found = LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON t (a);").lint(rule);
            assertEquals(1, found.size());
            assertTrue(found.get(0).message().contains("INVALID idx_a"), found::toString);
            assertTrue(found.get(0).message().contains("idxmig verify"), found::toString);
        }

        @Test
        void staysSilentWithoutIfNotExists() {
            assertEquals(List.of(), LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX CONCURRENTLY idx_a ON t (a);").where(rule));
        }
    }

    @Nested
    class ReindexConcurrentlyRule {
        final LintRule rule = new ReindexConcurrently();

        @Test
        void firesOnReindexConcurrently() {
            assertEquals(List.of("migrations/V2__r.sql:1 reindex-concurrently"), LintFixture.postgres()
                    .script("V2__r.sql", "REINDEX (VERBOSE) TABLE CONCURRENTLY worklogs;").where(rule));
        }

        @Test
        void staysSilentOnPlainReindex() {
            assertEquals(List.of(), LintFixture.postgres().script("V2__r.sql", "REINDEX INDEX idx_a;").where(rule));
        }
    }

    @Nested
    class DuplicateIndexRule {
        final LintRule rule = new DuplicateIndex();

        @Test
        void firesOnAPrefixOfAnIndexFromAnEarlierMigration() {
            LintFixture f = LintFixture.sqlite().script("V1__t.sql", TABLE)
                    .script("V2__i.sql", "CREATE INDEX idx_ab ON worklogs (company_id, started);")
                    .script("V3__i.sql", "-- only the company\nCREATE INDEX idx_a ON worklogs (company_id);");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V3__i.sql:2 duplicate-index"), f.where(rule));
            assertTrue(found.get(0).message().contains("prefix of idx_ab"), found::toString);
        }

        @Test
        void firesOnAnIndexThatRepeatsAPrimaryKeyOrUniqueConstraint() {
            LintFixture f = LintFixture.postgres().script("V1__t.sql", "CREATE TABLE rates (id BIGINT PRIMARY KEY, "
                            + "company_id INT, code TEXT, CONSTRAINT rates_code UNIQUE (company_id, code));")
                    .script("V2__i.sql", "CREATE INDEX idx_rates_id ON rates (id);\n"
                            + "CREATE INDEX idx_rates_company ON rates (company_id);\n"
                            + "CREATE INDEX idx_rates_code_id ON rates (code, id);\n");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V2__i.sql:1 duplicate-index", "migrations/V2__i.sql:2 duplicate-index"),
                    f.where(rule));
            assertTrue(found.get(0).message().contains("same columns (id) as rates_pkey (a key of rates, V1__t.sql:1)"),
                    found::toString);
            assertTrue(found.get(1).message().contains("prefix of rates_company_id_code_key"), found::toString);
        }

        @Test
        void firesOnTheSameColumnsSpelledDifferently() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX idx_1 ON worklogs (company_id, \"started\");\n"
                            + "create index idx_2 on public.WORKLOGS (COMPANY_ID,started);");
            assertEquals(List.of("migrations/V2__i.sql:2 duplicate-index"), f.where(rule));
        }

        @Test
        void staysSilentOnDifferentColumnsPredicatesUniqueAndDroppedIndexes() {
            LintFixture f = LintFixture.sqlite()
                    .script("V2__i.sql", "CREATE INDEX idx_ab ON worklogs (company_id, started);\n"
                            + "CREATE INDEX idx_b ON worklogs (started);\n"
                            + "CREATE UNIQUE INDEX idx_a_u ON worklogs (company_id);\n"
                            + "CREATE INDEX idx_a_p ON worklogs (company_id) WHERE billable;\n")
                    .script("V3__i.sql", "DROP INDEX idx_ab;\n"
                            + "CREATE INDEX idx_ab ON worklogs (company_id, author_email);");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class DuplicateIndexNameRule {
        final LintRule rule = new DuplicateIndexName();

        @Test
        void firesOnANameCreatedTwice() {
            LintFixture f = LintFixture.sqlite()
                    .script("V2__i.sql", "CREATE INDEX idx_a ON worklogs (company_id);")
                    .script("V3__i.sql", "CREATE INDEX IF NOT EXISTS idx_a ON worklogs (started);");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V3__i.sql:1 duplicate-index-name"), f.where(rule));
            assertTrue(found.get(0).message().contains("IF NOT EXISTS makes this statement do nothing"),
                    found::toString);
        }

        @Test
        void followsARenameOfTheOldIndex() {
            LintFixture f = LintFixture.postgres()
                    .script("V2__i.sql", "CREATE INDEX idx_a ON worklogs (company_id);")
                    .script("V3__i.sql", "ALTER INDEX IF EXISTS idx_a RENAME TO idx_a_old;\n"
                            + "CREATE INDEX idx_a ON worklogs (started);\n"
                            + "CREATE INDEX idx_a_old ON worklogs (author_email);");
            assertEquals(List.of("migrations/V3__i.sql:3 duplicate-index-name"), f.where(rule));
        }

        @Test
        void staysSilentWhenTheOldIndexWasDroppedFirst() {
            LintFixture f = LintFixture.sqlite()
                    .script("V2__i.sql", "CREATE INDEX idx_a ON worklogs (company_id);")
                    .script("V3__i.sql", "DROP INDEX IF EXISTS idx_a;\nCREATE INDEX idx_a ON worklogs (started);");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class BooleanColumnIndexRule {
        final LintRule rule = new BooleanColumnIndex();

        @Test
        void firesOnABooleanColumnDeclaredInAnEarlierMigration() {
            LintFixture f = LintFixture.sqlite().script("V1__t.sql", TABLE)
                    .script("V2__i.sql", "CREATE INDEX idx_billable ON worklogs (billable);");
            assertEquals(List.of("migrations/V2__i.sql:1 boolean-column-index"), f.where(rule));
        }

        @Test
        void staysSilentOnAPartialIndexOrAnotherType() {
            LintFixture f = LintFixture.sqlite().script("V1__t.sql", TABLE)
                    .script("V2__i.sql", "CREATE INDEX idx_b ON worklogs (company_id) WHERE billable;\n"
                            + "CREATE INDEX idx_c ON worklogs (billable) WHERE billable;\n"
                            + "CREATE INDEX idx_d ON worklogs (company_id);");
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Nested
    class TooManyColumnsRule {
        final LintRule rule = new TooManyColumns();

        @Test
        void firesOnFourKeyColumns() {
            assertEquals(List.of("migrations/V2__i.sql:1 too-many-columns"), LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX idx_w ON worklogs (company_id, author_email, started, billable);").where(rule));
        }

        @Test
        void staysSilentOnThreeColumnsIncludeOrUnique() {
            assertEquals(List.of(), LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX idx_w ON worklogs (company_id, author_email, started) INCLUDE (billable, id);\n"
                            + "CREATE UNIQUE INDEX idx_u ON worklogs (company_id, author_email, started, id);")
                    .where(rule));
        }
    }

    @Nested
    class UnsupportedSyntaxRule {
        final LintRule rule = new UnsupportedSyntax();

        @Test
        void firesOnPostgresSyntaxForSqlite() {
            LintFixture f = LintFixture.sqlite().script("V2__i.sql",
                    "CREATE INDEX CONCURRENTLY idx_a ON t (a);\n"
                            + "CREATE INDEX idx_doc ON t USING gin (doc);\n"
                            + "CREATE INDEX idx_c ON t (a) INCLUDE (b);\n");
            List<LintFinding> found = f.lint(rule);
            assertEquals(3, found.size(), found::toString);
            assertTrue(found.get(1).message().contains("USING gin"), found::toString);
            assertTrue(found.get(2).message().contains("INCLUDE"), found::toString);
        }

        @Test
        void staysSilentOnPostgresOrPortableSql() {
            assertEquals(List.of(), LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX CONCURRENTLY idx_doc ON t USING gin (doc) WHERE a IS NOT NULL;").where(rule));
            assertEquals(List.of(), LintFixture.sqlite().script("V2__i.sql",
                    "CREATE INDEX idx_a ON t (a) WHERE status = 'using';").where(rule));
        }
    }

    @Nested
    class NonIndexStatementRule {
        final LintRule rule = new NonIndexStatement();

        @Test
        void firesOnTableAndDataChangesInAnIndexMigration() {
            LintFixture f = LintFixture.sqlite().script("V5__i.sql",
                    "ALTER TABLE worklogs ADD COLUMN note TEXT;\n"
                            + "CREATE INDEX idx_a ON worklogs (company_id);\n"
                            + "UPDATE worklogs SET note = '';\n");
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of("migrations/V5__i.sql:1 non-index-statement", "migrations/V5__i.sql:3 non-index-statement"),
                    f.where(rule));
            assertTrue(found.get(0).fix().orElse("").contains("U5__"), found::toString);
        }

        @Test
        void staysSilentWithAnUndoScriptOrWithoutIndexStatements() {
            String sql = "ALTER TABLE worklogs ADD COLUMN note TEXT;\nCREATE INDEX idx_a ON worklogs (company_id);\n";
            assertEquals(List.of(), LintFixture.sqlite().withUndo("V5__i.sql", sql).where(rule));
            assertEquals(List.of(), LintFixture.sqlite().script("V1__t.sql", TABLE + "INSERT INTO worklogs VALUES (1);")
                    .where(rule));
            assertEquals(List.of(), LintFixture.postgres().outsideTransaction("V6__i.sql",
                    "SET maintenance_work_mem = '1GB';\nCREATE INDEX CONCURRENTLY i ON t (a);\nANALYZE t;").where(rule));
        }
    }

    @Nested
    class IgnoreComments {
        @Test
        void anIgnoreCommentSilencesTheNamedRuleForItsStatementOnly() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql",
                    "-- idxmig:ignore require-concurrently (the table is tiny)\n"
                            + "CREATE INDEX idx_a ON worklogs (company_id);\n"
                            + "CREATE INDEX idx_b ON worklogs (started);\n"
                            + "CREATE INDEX idx_c ON worklogs (author_email); -- idxmig:ignore require-concurrently\n"
                            + "CREATE INDEX idx_d ON worklogs (id); -- idxmig:ignore too-many-columns\n");
            assertEquals(List.of("migrations/V2__i.sql:3 require-concurrently",
                    "migrations/V2__i.sql:5 require-concurrently"), f.where(new RequireConcurrently()));
        }

        @Test
        void aBareIgnoreCommentSilencesEveryRule() {
            LintFixture f = LintFixture.postgres().script("V2__i.sql",
                    "CREATE INDEX idx_a\n  -- idxmig:ignore\n  ON worklogs (company_id, a, b, c);");
            assertEquals(List.of(), f.where(new RequireConcurrently()));
            assertEquals(List.of(), f.where(new TooManyColumns()));
        }
    }
}
