package dev.idxmig.checks;

import dev.idxmig.script.StatementKind;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ChecksFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("checks.yaml"), yaml);
    }

    @Test
    void readsEveryKeyOfACheck() throws IOException {
        ChecksFile file = ChecksFile.load(write(String.join("\n",
                "checks:",
                "  - name: one",
                "    sql: SELECT 1 FROM t WHERE a = ? AND b = ?",
                "    params: [1, x]",
                "    generic_plan: true",
                "    databases: [postgresql]",
                "    expect:",
                "      uses_index: idx_a",
                "      not_uses_index: [idx_b, idx_c]",
                "      uses_any_index_on: t",
                "      no_full_scan: [t, u]",
                "      max_cost: 12.5",
                "      max_rows_examined: 100",
                "    bench:",
                "      max_median_ms: 20",
                "")));
        QueryCheck c = file.checks().get(0);
        assertEquals(List.of(1, "x"), c.params());
        assertTrue(c.genericPlan());
        assertFalse(c.allowWrites());
        assertTrue(c.runsOn("postgresql"));
        assertFalse(c.runsOn("sqlite"));
        assertEquals(List.of("idx_a"), c.expect().usesIndex(), "a single name reads as a list");
        assertEquals(List.of("idx_b", "idx_c"), c.expect().notUsesIndex());
        assertEquals(List.of("t"), c.expect().usesAnyIndexOn());
        assertEquals(12.5, c.expect().maxCostLimit().getAsDouble());
        assertEquals(100, c.expect().maxRowsExaminedLimit().getAsLong());
        assertTrue(c.expect().needsAnalyze());
        assertEquals(20.0, c.bench().maxMedian().getAsDouble());
    }

    @Test
    void unknownKeyIsAUsageErrorNamingItsLine() throws IOException {
        Path file = write("checks:\n  - name: one\n    sql: SELECT 1\n    expect:\n      uses_indx: idx_a\n");
        IdxmigException e = assertThrows(IdxmigException.class, () -> ChecksFile.load(file));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().contains("line 5: unknown key 'uses_indx'"), e.getMessage());
        assertTrue(e.hint().orElse("").contains("uses_index"), "the hint lists the known keys");
    }

    @Test
    void malformedYamlIsAUsageErrorNamingItsLine() throws IOException {
        Path file = write("checks:\n  - name: one\n    sql: [SELECT 1\n  - name: two\n");
        IdxmigException e = assertThrows(IdxmigException.class, () -> ChecksFile.load(file));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().matches(".*line [1-9].*"), e.getMessage());
    }

    @Test
    void checkWithoutSqlOrWithADuplicateNameIsRefused() throws IOException {
        IdxmigException noSql = assertThrows(IdxmigException.class,
                () -> ChecksFile.load(write("checks:\n  - name: one\n")));
        assertTrue(noSql.getMessage().contains("check 'one': no sql"), noSql.getMessage());
        IdxmigException twice = assertThrows(IdxmigException.class, () -> ChecksFile.load(
                write("checks:\n  - {name: one, sql: SELECT 1}\n  - {name: one, sql: SELECT 2}\n")));
        assertTrue(twice.getMessage().contains("used twice"), twice.getMessage());
    }

    @Test
    void missingFileIsAUsageError() {
        IdxmigException e = assertThrows(IdxmigException.class, () -> ChecksFile.load(dir.resolve("none.yaml")));
        assertEquals(Failure.USAGE, e.failure());
    }

    @Test
    void selectingAnUnknownCheckIsAUsageError() throws IOException {
        ChecksFile file = ChecksFile.load(write("checks:\n  - {name: one, sql: SELECT 1}\n"));
        assertEquals(1, file.select(List.of("one")).size());
        assertThrows(IdxmigException.class, () -> file.select(List.of("two")));
    }

    @Test
    void statementKindTellsReadsFromWritesByTheFirstKeyword() {
        assertTrue(StatementKind.reads("-- note\n/* c */ (SELECT 1)"));
        assertTrue(StatementKind.reads("with x as (select 1) select * from x"));
        assertFalse(StatementKind.reads("DELETE FROM t"));
        assertFalse(StatementKind.reads("  update t set a = 1"));
        assertEquals("CREATE", StatementKind.firstKeyword("/* x */ CREATE INDEX i ON t (a)"));
    }
}
