package dev.idxmig.rollback;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which migrations a rollback undoes, and how, decided from in-memory history and ledger rows. */
@Tag("unit")
class RollbackDecisionsTest {
    private static int rank;

    private static HistoryRow row(String version, HistoryRow.Kind kind, boolean success) {
        return new HistoryRow(++rank, Optional.of(version), "x", kind, "V" + version + "__x.sql", Optional.of(1),
                "2026-01-01", 1, success);
    }

    private static HistoryRow applied(String version) {
        return row(version, HistoryRow.Kind.MIGRATION, true);
    }

    private static LedgerEntry entry(String version, LedgerEntry.Action action, Optional<String> nonIndex) {
        return new LedgerEntry(version, "V" + version + "__x.sql", action, "main", Optional.of("t"),
                action == LedgerEntry.Action.MIGRATED ? Optional.empty() : Optional.of("ix_" + version),
                Optional.of("CREATE INDEX ix_" + version + " ON t (a)"), Optional.empty(), Optional.of("btree"),
                false, false, true, OptionalLong.empty(), 0, LedgerEntry.Outcome.APPLIED, nonIndex, Instant.EPOCH);
    }

    private static RollbackOptions to(String version) {
        return new RollbackOptions(new RollbackOptions.Reach.DownTo(Version.parse(version)), false, false);
    }

    private static RollbackOptions steps(int n) {
        return new RollbackOptions(new RollbackOptions.Reach.Steps(n), false, false);
    }

    private static final AppliedVersions THREE = AppliedVersions.of(List.of(applied("1"), applied("2"),
            row("2.5", HistoryRow.Kind.MIGRATION, false), applied("3")));

    private static List<String> texts(List<Version> versions) {
        return versions.stream().map(Version::toString).toList();
    }

    @Test
    void failedRowsAreNotAppliedAndTheNewestComesFirst() {
        assertEquals(List.of("3", "2", "1"), texts(THREE.newestFirst()));
    }

    @Test
    void aLedgerRowsVersionIsComparedAsAVersion() {
        assertEquals(Version.parse("1.1"), entry("1.01", LedgerEntry.Action.CREATED, Optional.empty()).number());
        List<LedgerEntry> ledger = List.of(entry("1.01", LedgerEntry.Action.MIGRATED, Optional.empty()),
                entry("1.01", LedgerEntry.Action.CREATED, Optional.empty()));
        UndoChoice.Inverse inverse = assertInstanceOf(UndoChoice.Inverse.class,
                UndoChoice.of(Version.parse("1.1"), applied("1.01"), ledger, Optional.empty(), false));
        assertEquals(1, inverse.effect().size());
    }

    @Test
    void oneStepUndoesTheNewestWhenNeitherOptionIsGiven() {
        assertEquals(List.of("3"), texts(THREE.toUndo(new RollbackOptions(RollbackOptions.Reach.newest(), false, false),
                false)));
    }

    @Test
    void toUndoesEverythingAboveTheTargetAndLeavesTheSchemaThere() {
        List<Version> undo = THREE.toUndo(to("1"), false);
        assertEquals(List.of("3", "2"), texts(undo));
        assertEquals(Optional.of("1"), THREE.remainingAfter(undo).map(Version::toString));
    }

    @Test
    void toZeroUndoesAllAndLeavesNoVersion() {
        List<Version> undo = THREE.toUndo(to("0"), false);
        assertEquals(List.of("3", "2", "1"), texts(undo));
        assertEquals(Optional.empty(), THREE.remainingAfter(undo));
    }

    @Test
    void theBaselineIsNeverUndoneButIsAValidTarget() {
        AppliedVersions adopted = AppliedVersions.of(List.of(row("5", HistoryRow.Kind.BASELINE, true), applied("6")));
        assertEquals(List.of("6"), texts(adopted.newestFirst()));
        List<Version> undo = adopted.toUndo(to("5"), false);
        assertEquals(List.of("6"), texts(undo));
        assertEquals(Optional.of("5"), adopted.remainingAfter(undo).map(Version::toString));
    }

    @Test
    void aFailedLeftoverCountsAsTheFirstStep() {
        assertEquals(List.of(), texts(THREE.toUndo(steps(1), true)));
        assertEquals(List.of("3"), texts(THREE.toUndo(steps(2), true)));
        IdxmigException e = assertThrows(IdxmigException.class, () -> THREE.toUndo(steps(5), true));
        assertEquals("cannot undo 5 migrations: a failed one and 3 applied", e.getMessage());
    }

    @Test
    void optionsNamingWhatCannotBeDoneAreRefused() {
        assertEquals("cannot roll back to version 4: the schema is at version 3",
                assertThrows(IdxmigException.class, () -> THREE.toUndo(to("4"), false)).getMessage());
        IdxmigException never = assertThrows(IdxmigException.class, () -> THREE.toUndo(to("2.5"), false));
        assertEquals(Optional.of("applied versions: 1, 2, 3 (or 0 to undo them all)"), never.hint());
        assertEquals("cannot undo 4 migrations: only 3 are applied",
                assertThrows(IdxmigException.class, () -> THREE.toUndo(steps(4), false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> steps(0), "the command refuses --steps 0 before this");
    }

    @Test
    void anUndoScriptWinsOverTheLedger() {
        MigrationScript script = new MigrationScript(MigrationScript.Kind.UNDO, Version.parse("3"), "x",
                Path.of("U3__x.sql"));
        UndoChoice choice = UndoChoice.of(Version.parse("3"), applied("3"), List.of(), Optional.of(script), false);
        assertEquals(new UndoChoice.Script(script), choice);
    }

    @Test
    void anIndexOnlyMigrationIsUndoneByItsLedgerInverse() {
        List<LedgerEntry> ledger = List.of(entry("3", LedgerEntry.Action.MIGRATED, Optional.empty()),
                entry("3", LedgerEntry.Action.CREATED, Optional.empty()),
                entry("2", LedgerEntry.Action.CREATED, Optional.empty()));
        UndoChoice.Inverse inverse = assertInstanceOf(UndoChoice.Inverse.class,
                UndoChoice.of(Version.parse("3"), applied("3"), ledger, Optional.empty(), false));
        assertEquals(List.of("ix_3"), inverse.effect().stream().map(e -> e.indexName().orElseThrow()).toList());
        assertEquals(List.of(), inverse.warnings());
    }

    @Test
    void whatTheLedgerCannotVouchForIsRefusedWithoutForce() {
        HistoryRow row = applied("3");
        assertEquals(new UndoChoice.Refused("3: idxmig's ledger has no record of what V3__x.sql did and there is "
                + "no undo script U3__*.sql"), UndoChoice.of(Version.parse("3"), row, List.of(), Optional.empty(),
                false));
        List<LedgerEntry> tables = List.of(entry("3", LedgerEntry.Action.MIGRATED, Optional.of("table t2 created")),
                entry("3", LedgerEntry.Action.CREATED, Optional.empty()));
        assertEquals(new UndoChoice.Refused("3: V3__x.sql changed more than indexes (table t2 created) and there "
                + "is no undo script U3__*.sql"), UndoChoice.of(Version.parse("3"), row, tables, Optional.empty(),
                false));
        List<LedgerEntry> data = List.of(entry("3", LedgerEntry.Action.MIGRATED, Optional.empty()));
        assertInstanceOf(UndoChoice.Refused.class, UndoChoice.of(Version.parse("3"), row, data, Optional.empty(),
                false));
    }

    @Test
    void forceUndoesTheIndexPartAndSaysWhatIsLeft() {
        HistoryRow row = applied("3");
        List<LedgerEntry> tables = List.of(entry("3", LedgerEntry.Action.MIGRATED, Optional.of("table t2 created")),
                entry("3", LedgerEntry.Action.CREATED, Optional.empty()));
        UndoChoice.Inverse inverse = assertInstanceOf(UndoChoice.Inverse.class,
                UndoChoice.of(Version.parse("3"), row, tables, Optional.empty(), true));
        assertEquals(List.of("left as they are (--force): table t2 created"), inverse.warnings());
        assertEquals(1, inverse.effect().size());
        UndoChoice.Inverse unknown = assertInstanceOf(UndoChoice.Inverse.class,
                UndoChoice.of(Version.parse("3"), row, List.of(), Optional.empty(), true));
        assertEquals(List.of("idxmig's ledger has no record of what V3__x.sql did: only its history row is removed "
                + "(--force)"), unknown.warnings());
        assertEquals(List.of(), unknown.effect());
    }
}
