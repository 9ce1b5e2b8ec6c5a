package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class IndexStatementTest {
    @Test
    void createConcurrentlyIfNotExistsIsReadWithNameTableAndRest() {
        IndexStatement s = IndexStatement.parse("-- why\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "
                + "\"Idx_Users\" ON app.users USING btree (lower(email)) WHERE deleted_at IS NULL;").orElseThrow();
        assertEquals(IndexStatement.Kind.CREATE, s.kind());
        assertTrue(s.unique() && s.concurrent() && s.ifNotExists());
        assertEquals(Optional.of("Idx_Users"), s.name());
        assertEquals("app.users", s.target());
        assertEquals("USING btree (lower(email)) WHERE deleted_at IS NULL", s.rest());
    }

    @Test
    void unnamedCreateIndexHasNoNameAndFoldsNothingElse() {
        IndexStatement s = IndexStatement.parse("create index on Worklogs (a, b)").orElseThrow();
        assertEquals(Optional.empty(), s.name());
        assertEquals("Worklogs", s.target());
        assertFalse(s.concurrent());
    }

    @Test
    void dropAndReindexNameTheIndexTheyTouch() {
        IndexStatement drop = IndexStatement.parse("DROP INDEX CONCURRENTLY IF EXISTS public.Idx_A").orElseThrow();
        assertEquals(IndexStatement.Kind.DROP, drop.kind());
        assertEquals(Optional.of("idx_a"), drop.name());
        IndexStatement reindex = IndexStatement.parse("REINDEX (VERBOSE) INDEX CONCURRENTLY idx_b").orElseThrow();
        assertEquals(IndexStatement.Kind.REINDEX_INDEX, reindex.kind());
        assertTrue(reindex.concurrent());
    }

    @Test
    void otherStatementsAreNotIndexStatements() {
        assertTrue(IndexStatement.parse("CREATE TABLE index_notes (id int)").isEmpty());
        assertTrue(IndexStatement.parse("INSERT INTO t VALUES ('CREATE INDEX x ON t (a)')").isEmpty());
        assertTrue(IndexStatement.parse("ALTER INDEX idx RENAME TO idx2").isEmpty());
    }
}
