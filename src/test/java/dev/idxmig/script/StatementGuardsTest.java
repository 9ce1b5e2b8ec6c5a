package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** IF EXISTS and IF NOT EXISTS told apart, and the constraint an ALTER TABLE action builds, as the reader reads them. */
@Tag("unit")
class StatementGuardsTest {
    private static ParsedStatement read(String sql) {
        return StatementReader.read(new SqlStatement(sql, 1, 1));
    }

    @Test
    void dropIfExistsAndCreateIfNotExistsAreDifferentGuards() {
        assertEquals(Guard.IF_EXISTS, read("DROP INDEX CONCURRENTLY IF EXISTS ix_a").guard());
        assertEquals(Guard.IF_NOT_EXISTS, read("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a)").guard());
        assertEquals(Guard.IF_NOT_EXISTS, read("CREATE TABLE IF NOT EXISTS t (a int)").guard());
        assertEquals(Guard.NONE, read("CREATE INDEX ix_a ON t (a)").guard());
        assertEquals(Guard.NONE, read("DROP INDEX ix_a").guard());
    }

    @Test
    void eachAccessorAnswersForItsOwnGuard() {
        ParsedStatement drop = read("DROP INDEX IF EXISTS ix_a");
        ParsedStatement create = read("CREATE INDEX IF NOT EXISTS ix_a ON t (a)");
        assertEquals(List.of(true, false, true), List.of(drop.ifExists(), drop.ifNotExists(), drop.guarded()));
        assertEquals(List.of(false, true, true), List.of(create.ifExists(), create.ifNotExists(), create.guarded()));
        assertEquals(true, create.index().orElseThrow().ifNotExists());
        assertEquals(true, IndexStatement.of(create).orElseThrow().ifNotExists());
    }

    @Test
    void constraintKindsAreReadOnceAndPrintedAsSql() {
        ParsedStatement s = read("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id), ADD CONSTRAINT t_code UNIQUE "
                + "(code), ADD CONSTRAINT t_excl EXCLUDE USING gist (during WITH &&), ADD COLUMN c int UNIQUE");
        assertEquals(List.of(ConstraintIndex.Kind.PRIMARY_KEY, ConstraintIndex.Kind.UNIQUE,
                ConstraintIndex.Kind.EXCLUDE, ConstraintIndex.Kind.UNIQUE),
                s.constraintIndexes().stream().map(ConstraintIndex::kind).toList());
        assertEquals(List.of("ADD CONSTRAINT t_pk PRIMARY KEY (id)", "ADD CONSTRAINT t_code UNIQUE (code)",
                "ADD CONSTRAINT t_excl EXCLUDE", "ADD COLUMN c ... UNIQUE"),
                s.constraintIndexes().stream().map(ConstraintIndex::describe).toList());
    }
}
