package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16's rules: statements that must fire, and near-misses that must not. */
@Tag("unit")
class IndexBuildingRulesTest {
    static final String TABLE = LintRulesTest.TABLE;

    @Nested
    class ConstraintBuildsIndexRule {
        final LintRule rule = new ConstraintBuildsIndex();

        @Test
        void firesOnEveryFormThatBuildsAnIndexOnAnExistingTable() {
            LintFixture f = LintFixture.postgres().script("V1__t.sql", TABLE).script("V2__k.sql", String.join("\n",
                    "ALTER TABLE worklogs ADD CONSTRAINT uq_email UNIQUE (author_email);",
                    "ALTER TABLE worklogs ADD UNIQUE (company_id, started);",
                    "ALTER TABLE worklogs ADD COLUMN code text UNIQUE;",
                    "ALTER TABLE worklogs ADD PRIMARY KEY (id);",
                    "ALTER TABLE worklogs ADD CONSTRAINT worklogs_pk PRIMARY KEY (id);",
                    "ALTER TABLE worklogs ADD CONSTRAINT no_overlap EXCLUDE USING gist (company_id WITH =);",
                    "ALTER TABLE ONLY public.worklogs ADD COLUMN IF NOT EXISTS ref int NOT NULL PRIMARY KEY;",
                    ""));
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), f.lint(rule).stream().map(LintFinding::line).toList());
            LintFinding first = f.lint(rule).get(0);
            assertEquals(Severity.ERROR, first.severity());
            assertEquals("ALTER TABLE worklogs ADD CONSTRAINT uq_email UNIQUE (author_email) builds a unique index "
                    + "while holding ACCESS EXCLUSIVE on worklogs: no reads or writes until it finishes",
                    first.message());
            assertEquals("CREATE UNIQUE INDEX CONCURRENTLY uq_email ON worklogs (author_email) in a migration with "
                    + "executeInTransaction=false (V2__k.sql.conf), then ALTER TABLE worklogs ADD CONSTRAINT "
                    + "uq_email UNIQUE USING INDEX uq_email", first.fix().orElseThrow());
            assertTrue(f.lint(rule).get(3).fix().orElseThrow().contains("PRIMARY KEY USING INDEX worklogs_id_pkey"));
            assertTrue(f.lint(rule).get(5).fix().orElseThrow().contains("no online form of EXCLUDE"));
            assertTrue(f.lint(rule).get(2).fix().orElseThrow().startsWith("add the column without UNIQUE, then"));
        }

        @Test
        void firesOnKeyOptionsThatStillBuildAnIndex() {
            LintFixture f = LintFixture.postgres().script("V2__k.sql", String.join("\n",
                    "ALTER TABLE worklogs ADD CONSTRAINT uq_a UNIQUE (company_id) USING INDEX TABLESPACE fast;",
                    "ALTER TABLE worklogs ADD CONSTRAINT uq_b UNIQUE NULLS NOT DISTINCT (author_email);",
                    "ALTER TABLE worklogs ADD CONSTRAINT uq_c UNIQUE (started) DEFERRABLE INITIALLY DEFERRED;",
                    "ALTER TABLE worklogs ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;",
                    "ALTER TABLE IF EXISTS worklogs ADD CONSTRAINT uq_d UNIQUE (id) INCLUDE (started);"));
            assertEquals(List.of(1, 2, 3, 4, 5), f.lint(rule).stream().map(LintFinding::line).toList(),
                    f.lint(rule)::toString);
            assertTrue(f.lint(rule).get(1).message().contains("UNIQUE (author_email)"), f.lint(rule)::toString);
        }

        @Test
        void firesOnTheKeyActionOfAMultiActionAlterTableAtItsOwnLine() {
            LintFixture f = LintFixture.postgres().script("V2__k.sql", String.join("\n",
                    "ALTER TABLE worklogs",
                    "  ADD COLUMN note text,",
                    "  ALTER COLUMN started SET NOT NULL,",
                    "  ADD CONSTRAINT uq_note UNIQUE (note, company_id);"));
            List<LintFinding> found = f.lint(rule);
            assertEquals(1, found.size(), found::toString);
            assertEquals(4, found.get(0).line());
            assertEquals(3, found.get(0).column());
        }

        @Test
        void nearMissesStaySilent() {
            LintFixture f = LintFixture.postgres()
                    .script("V1__new.sql", TABLE + "ALTER TABLE worklogs ADD CONSTRAINT uq_email UNIQUE (author_email);")
                    .script("V2__using.sql", String.join("\n",
                            "ALTER TABLE worklogs ADD CONSTRAINT uq_email UNIQUE USING INDEX uq_email_idx;",
                            "ALTER TABLE worklogs ADD CONSTRAINT worklogs_pkey PRIMARY KEY USING INDEX worklogs_id_idx;",
                            "ALTER TABLE worklogs ADD CONSTRAINT fk FOREIGN KEY (company_id) REFERENCES companies (id);",
                            "ALTER TABLE worklogs ADD CONSTRAINT ck CHECK (note <> 'unique');",
                            "ALTER TABLE worklogs ADD COLUMN note text, ADD COLUMN uniqueness int;",
                            "ALTER TABLE worklogs ADD COLUMN code text CHECK (code IN ('UNIQUE', 'PRIMARY KEY'));",
                            "INSERT INTO notes VALUES ('ALTER TABLE worklogs ADD UNIQUE (a)');"));
            assertEquals(List.of(), f.where(rule));
            assertEquals(List.of(), LintFixture.sqlite().script("V2__k.sql",
                    "ALTER TABLE worklogs ADD COLUMN code text UNIQUE;").where(rule));
        }

        @Test
        void aTableCreatedInTheScriptsOwnTransactionIsNewButNotAfterItsCommit() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V3__tx.sql", String.join("\n",
                    "BEGIN;",
                    "CREATE TABLE codes (id int, code text);",
                    "ALTER TABLE codes ADD CONSTRAINT uq_code UNIQUE (code);",
                    "COMMIT;",
                    "ALTER TABLE codes ADD PRIMARY KEY (id);",
                    "CREATE INDEX CONCURRENTLY idx_codes ON codes (code);"));
            assertEquals(List.of("migrations/V3__tx.sql:5 constraint-builds-index"), f.where(rule));
        }
    }

    @Nested
    class TransactionsTheScriptOpens {
        @Test
        void concurrentlyInsideAnExplicitBeginIsAnError() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V3__tx.sql", String.join("\n",
                    "CREATE INDEX CONCURRENTLY idx_a ON worklogs (company_id);",
                    "START TRANSACTION;",
                    "DROP INDEX CONCURRENTLY idx_old;",
                    "COMMIT;",
                    "DROP INDEX CONCURRENTLY idx_older;"));
            List<LintFinding> found = f.lint(new ConcurrentlyInTransaction());
            assertEquals(List.of("migrations/V3__tx.sql:3 concurrently-in-transaction"),
                    f.where(new ConcurrentlyInTransaction()));
            assertTrue(found.get(0).message().contains("START TRANSACTION; at line 2")
                    || found.get(0).message().contains("START TRANSACTION at line 2"), found::toString);
        }

        @Test
        void aPlainIndexOnATableCreatedInTheSameExplicitTransactionIsExempt() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V3__tx.sql", String.join("\n",
                    "BEGIN;",
                    "CREATE TABLE codes (id int, code text);",
                    "CREATE INDEX idx_codes ON codes (code);",
                    "COMMIT;",
                    "CREATE INDEX idx_codes_id ON codes (id);"));
            assertEquals(List.of("migrations/V3__tx.sql:5 require-concurrently"),
                    f.where(new RequireConcurrently()));
        }

        @Test
        void rollbackToASavepointDoesNotEndTheTransaction() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V3__tx.sql", String.join("\n",
                    "BEGIN;",
                    "CREATE TABLE codes (id int, code text);",
                    "SAVEPOINT s;",
                    "ROLLBACK TO SAVEPOINT s;",
                    "CREATE INDEX idx_codes ON codes (code);",
                    "COMMIT;"));
            assertEquals(List.of(), f.where(new RequireConcurrently()));
        }
    }

    @Nested
    class SyntaxRule {
        final LintRule rule = new Syntax();

        @Test
        void statementsThatDoNotParseAreErrorsWithLineAndColumn() {
            LintFixture f = LintFixture.postgres().script("V2__bad.sql", String.join("\n",
                    "CREATE INDEX IF NOT EXISTS CONCURRENTLY idx_a ON worklogs (company_id);",
                    "CREATE INDEX idx_b ON worklogs (company_id, (lower(author_email));",
                    "CREAT INDEX idx_c ON worklogs (started);",
                    "DROP INDEX IF EXISTS CONCURRENTLY idx_d;",
                    "REINDEX CONCURRENTLY TABLE worklogs;",
                    "CREATE INDX idx_e ON worklogs (started);",
                    "CREATE INDEX idx_f worklogs (started);",
                    "UPDATE worklogs SET note = 'never closed;",
                    ""));
            List<String> at = f.lint(rule).stream().map(x -> x.line() + ":" + x.column() + " " + x.message())
                    .toList();
            assertEquals(8, at.size(), at::toString);
            assertTrue(at.get(0).startsWith("1:28 CONCURRENTLY must come before IF NOT EXISTS"), at::toString);
            assertTrue(at.get(1).startsWith("2:32 the parenthesis opened here is never closed"), at::toString);
            assertTrue(at.get(2).startsWith("3:1 'CREAT' does not begin any SQL statement"), at::toString);
            assertTrue(at.get(3).startsWith("4:22 CONCURRENTLY must come before IF EXISTS"), at::toString);
            assertTrue(at.get(4).startsWith("5:9 CONCURRENTLY goes after the object type"), at::toString);
            assertTrue(at.get(5).startsWith("6:8 CREATE INDX is not something"), at::toString);
            assertTrue(at.get(6).startsWith("7:20 expected ON <table>"), at::toString);
            assertTrue(at.get(7).startsWith("8:28 the string that starts here never ends"), at::toString);
            assertEquals(Severity.ERROR, f.lint(rule).get(0).severity());
        }

        @Test
        void validStatementsOfBothDatabasesParse() {
            LintFixture f = LintFixture.postgres().script("V2__ok.sql", String.join("\n",
                    "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON ONLY worklogs USING btree (lower(x)) "
                            + "INCLUDE (y) WHERE z IS NULL;",
                    "REINDEX (CONCURRENTLY, VERBOSE) TABLE worklogs;",
                    "REINDEX (TABLESPACE fast) INDEX idx_a;",
                    "DROP INDEX CONCURRENTLY IF EXISTS idx_a, idx_b;",
                    "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT (1 $$;",
                    "CREATE TEMP TABLE t (a int);",
                    "CREATE MATERIALIZED VIEW mv AS SELECT 1;",
                    "DROP MATERIALIZED VIEW mv;",
                    "(SELECT 1);",
                    "PRAGMA foreign_keys = ON;",
                    "SELECT E'it''s', 'a''b', $tag$ ) $tag$;",
                    "ALTER TABLE t ADD COLUMN b int;",
                    "COMMENT ON INDEX idx_a IS 'x (';",
                    "ANALYZE worklogs;",
                    "CREATE INDEX idx_g ON docs USING gin (body gin_trgm_ops) WITH (fastupdate = off) TABLESPACE fast "
                            + "WHERE NOT archived;",
                    "CREATE UNIQUE INDEX idx_h ON t (a COLLATE \"C\" DESC NULLS LAST) NULLS NOT DISTINCT;",
                    "CREATE INDEX ON ONLY measurements (logdate);",
                    "CREATE TABLE m_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
                    "ALTER INDEX measurements_logdate_idx ATTACH PARTITION m_2026_logdate_idx;",
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
                    "CREATE STATISTICS s (dependencies) ON a, b FROM t;",
                    "DO $$ BEGIN RAISE NOTICE 'x ('; END $$;",
                    "GRANT SELECT ON t TO reader;",
                    "SET LOCAL lock_timeout = '5s';",
                    "SELECT pg_advisory_lock(1);",
                    "CREATE OR REPLACE TEMP VIEW v AS SELECT 1;",
                    "CREATE VIRTUAL TABLE ft USING fts5(body);",
                    "CREATE TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN SELECT 1; END;",
                    "DROP OWNED BY someone;",
                    "LOCK TABLE t IN SHARE MODE;",
                    "CLUSTER t USING idx_a;",
                    "TRUNCATE t;",
                    "VALUES (1), (2);",
                    "WITH x AS (SELECT 1) SELECT * FROM x;",
                    "ALTER TABLE t ADD CONSTRAINT c UNIQUE USING INDEX idx_a, VALIDATE CONSTRAINT fk;"));
            assertEquals(List.of(), f.where(rule));
        }

        @Test
        void aStatementWithASyntaxErrorIsNotAlsoReportedAsMissingConcurrently() {
            LintFixture f = LintFixture.postgres().script("V2__bad.sql",
                    "CREATE INDEX IF NOT EXISTS CONCURRENTLY idx_a ON worklogs (company_id);\n"
                            + "REINDEX CONCURRENTLY TABLE worklogs;\n");
            assertEquals(List.of(), f.where(new RequireConcurrently()));
        }
    }

    @Nested
    class ReindexOptionLists {
        @Test
        void reindexWithTheConcurrentlyOptionIsConcurrent() {
            LintFixture f = LintFixture.postgres().outsideTransaction("V2__r.sql", String.join("\n",
                    "REINDEX (CONCURRENTLY) TABLE worklogs;",
                    "REINDEX (VERBOSE, CONCURRENTLY true) INDEX idx_a;",
                    "REINDEX (CONCURRENTLY false) INDEX idx_b;",
                    "REINDEX (TABLESPACE fast) TABLE worklogs;"));
            assertEquals(List.of("migrations/V2__r.sql:3 require-concurrently",
                    "migrations/V2__r.sql:4 require-concurrently"), f.where(new RequireConcurrently()));
            assertEquals(List.of("migrations/V2__r.sql:1 reindex-concurrently",
                    "migrations/V2__r.sql:2 reindex-concurrently"), f.where(new ReindexConcurrently()));
        }
    }

    @Nested
    class IdentifierTooLongRule {
        final LintRule rule = new IdentifierTooLong();

        @Test
        void firesOnNamesOverSixtyThreeBytesAndNotOnSixtyThree() {
            String long64 = "idx_" + "a".repeat(60);
            String exactly63 = "idx_" + "b".repeat(59);
            String multibyte = "idx_" + "é".repeat(30); // 4 + 60 bytes
            LintFixture f = LintFixture.postgres().script("V2__n.sql", String.join("\n",
                    "CREATE INDEX " + long64 + " ON worklogs (company_id);",
                    "CREATE INDEX " + exactly63 + " ON worklogs (company_id);",
                    "CREATE INDEX \"" + multibyte + "\" ON worklogs (started);",
                    "INSERT INTO notes VALUES ('" + long64 + "');"));
            List<LintFinding> found = f.lint(rule);
            assertEquals(List.of(1, 3), found.stream().map(LintFinding::line).toList(), found::toString);
            assertEquals(14, found.get(0).column());
            assertTrue(found.get(0).message().contains("is 64 bytes: PostgreSQL keeps only 'idx_" + "a".repeat(59)
                    + "'"), found::toString);
            assertEquals(List.of(), LintFixture.sqlite().script("V2__n.sql",
                    "CREATE INDEX " + long64 + " ON worklogs (company_id);").where(rule));
        }

        @Test
        void readsPostgresArrayBracketsAsBracketsNotAsOneBracketQuotedName() {
            // Mattermost's 000157_backfill_roles_schemeid.up.sql, reduced: the list inside ARRAY[...] was read as
            // one SQLite-style [quoted] name of 80 bytes
            LintFixture f = LintFixture.postgres().script("V2__a.sql", String.join("\n",
                    "SELECT id, unnest(ARRAY[",
                    "    defaultteamadminrole, defaultteamuserrole, defaultteamguestrole,",
                    "    defaultchanneladminrole, defaultchanneluserrole",
                    "]) AS role_name FROM schemes;",
                    "SELECT ARRAY [[defaultteamadminrole, defaultteamuserrole], [defaultteamguestrole, "
                            + "defaultchanneladminrole]] FROM schemes;",
                    "SELECT tags[1], (ARRAY[a, b])[2], \"Tags\"[1:2] FROM schemes;"));
            assertEquals(List.of(), f.where(rule));
            String long64 = "x".repeat(64);
            assertEquals(List.of("migrations/V2__b.sql:1 identifier-too-long"), LintFixture.postgres()
                    .script("V2__b.sql", "SELECT ARRAY[" + long64 + "] FROM t;").where(rule),
                    "a long name inside the brackets is still one name");
        }

        @Test
        void sqliteBracketQuotedNamesStayNames() {
            ParsedStatement s = StatementReader.read(new SqlStatement(
                    "CREATE INDEX [idx worklogs] ON [work logs] ([company id])", 1, 1));
            assertEquals("idx worklogs", s.index().orElseThrow().name());
            assertEquals("work logs", s.index().orElseThrow().table());
            assertEquals(List.of("\"company id\""), s.index().orElseThrow().columns());
        }

        @Test
        void mattermostBackfillOfRolesHasNoTooLongName() throws Exception {
            Path file = Path.of("../shared/realworld/mattermost/postgres/000157_backfill_roles_schemeid.up.sql");
            if (!System.getenv().getOrDefault("CI", "").equals("true")) {
                Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is not on this machine");
            }
            LintFixture f = LintFixture.postgres().script("V157__backfill_roles_schemeid.sql",
                    Files.readString(file));
            assertEquals(List.of(), f.where(rule));
        }
    }

    @Test
    void disableCommentsSilenceARuleForOneStatement() {
        LintFixture f = LintFixture.postgres().script("V2__k.sql", String.join("\n",
                "-- idxmig:disable constraint-builds-index (the table has 12 rows)",
                "ALTER TABLE worklogs ADD UNIQUE (company_id);",
                "ALTER TABLE worklogs ADD UNIQUE (started);"));
        assertEquals(List.of("migrations/V2__k.sql:3 constraint-builds-index"),
                f.where(new ConstraintBuildsIndex()));
    }
}
