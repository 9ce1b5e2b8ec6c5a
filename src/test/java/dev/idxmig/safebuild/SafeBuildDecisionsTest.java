package dev.idxmig.safebuild;

import dev.idxmig.config.BuildSettings;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.SqlFailures;
import dev.idxmig.safebuild.BuildObserver.Cancel;
import dev.idxmig.safebuild.ExistingIndexPolicy.Action;
import dev.idxmig.safebuild.ExistingIndexPolicy.Meeting;
import dev.idxmig.safebuild.RetryPolicy.Failure;
import dev.idxmig.safebuild.RetryPolicy.Happened;
import dev.idxmig.safebuild.RetryPolicy.Next;
import dev.idxmig.script.IndexStatement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safe build's decisions, each a function from what happened and what the catalog says to what comes next:
 * an index already there, a failed try, the leftovers to drop, the session's lock_timeout. In milliseconds, against
 * {@link FakeIndexBuilds}; the real-database tests (SafeBuildPostgresCliTest, ResumePostgresCliTest,
 * PartitionPostgresCliTest, CrashCliTest) keep the wiring.
 */
@Tag("unit")
class SafeBuildDecisionsTest {
    private static final IndexBuilds.Table TABLE = FakeIndexBuilds.table();

    // --- an index of the statement's name is already there ---

    private static Action meet(Meeting meeting, FakeIndexBuilds catalog, String asked, boolean repairInvalid) {
        IndexBuilds.Index index = catalog.index(null, TABLE, "ix").orElseThrow();
        return ExistingIndexPolicy.decide(meeting, index, catalog.shapeOf(null, TABLE, false, asked), repairInvalid);
    }

    @Test
    void aResumedRunKeepsAValidIndexAsAskedAndRebuildsAnInvalidOne() {
        assertEquals(Action.KEEP, meet(Meeting.RESUMED, new FakeIndexBuilds().index("ix", true, "(a)"), "(a)", false));
        assertEquals(Action.DROP_AND_BUILD,
                meet(Meeting.RESUMED, new FakeIndexBuilds().index("ix", false, "(a)"), "(a)", false));
        assertEquals(Action.REFUSE_DIFFERENT,
                meet(Meeting.RESUMED, new FakeIndexBuilds().index("ix", true, "(b)"), "(a)", false));
    }

    @Test
    void ifNotExistsRefusesAnInvalidIndexUnlessAskedToRepairIt() {
        FakeIndexBuilds invalid = new FakeIndexBuilds().index("ix", false, "(a)");
        assertEquals(Action.REFUSE_INVALID, meet(Meeting.IF_NOT_EXISTS, invalid, "(a)", false));
        assertEquals(Action.DROP_AND_BUILD, meet(Meeting.IF_NOT_EXISTS, invalid, "(a)", true));
        assertEquals(Action.KEEP, meet(Meeting.IF_NOT_EXISTS, new FakeIndexBuilds().index("ix", true, "(a)"), "(a)",
                false));
        assertEquals(Action.REFUSE_DIFFERENT, meet(Meeting.IF_NOT_EXISTS,
                new FakeIndexBuilds().index("ix", true, "(a) WHERE b"), "(a)", true));
    }

    // --- a try failed: what was it, and what next ---

    private static Happened happened(String state, Cancel cancel) {
        return new Happened(state, false, cancel, true, false, false);
    }

    @Test
    void lockTimeoutsAndDeadlocksAreLockFailuresAndOtherErrorsAreNot() {
        assertEquals(Failure.LOCK_TIMEOUT, RetryPolicy.classify(happened(SqlFailures.LOCK_NOT_AVAILABLE, Cancel.NONE)));
        assertEquals(Failure.DEADLOCK, RetryPolicy.classify(happened(SqlFailures.DEADLOCK, Cancel.NONE)));
        assertEquals(Failure.OTHER, RetryPolicy.classify(happened("23505", Cancel.NONE)), "a duplicate key");
        assertEquals(Failure.OTHER, RetryPolicy.classify(happened(SqlFailures.QUERY_CANCELED, Cancel.NONE)),
                "statement_timeout, or someone else's cancel: not ours to retry");
        assertEquals(Failure.LOCK_TIMEOUT, RetryPolicy.classify(happened(SqlFailures.QUERY_CANCELED,
                Cancel.TABLE_LOCK)), "the observer cancelled a wait for the table lock");
    }

    @Test
    void aWaitForOlderTransactionsIsTheBuildWaitRunningOut() {
        assertEquals(Failure.BUILD_WAIT, RetryPolicy.classify(happened(SqlFailures.QUERY_CANCELED,
                Cancel.BUILD_WAIT)));
        assertEquals(Failure.BUILD_WAIT, RetryPolicy.classify(new Happened(SqlFailures.LOCK_NOT_AVAILABLE, false,
                Cancel.NONE, true, true, false)), "the session's backstop noticed first");
        assertEquals(Failure.LOCK_TIMEOUT, RetryPolicy.classify(new Happened(SqlFailures.LOCK_NOT_AVAILABLE, false,
                Cancel.NONE, false, true, false)), "not a concurrent statement: lock_timeout is its bound");
        assertEquals("--build-wait", Failure.BUILD_WAIT.knob());
        assertEquals("--lock-timeout", Failure.LOCK_TIMEOUT.knob());
        assertEquals("--lock-timeout", Failure.DEADLOCK.knob());
    }

    @Test
    void anInterruptStopsUnlessTheFailureIsIdxmigsOwnVerdict() {
        assertEquals(Failure.INTERRUPTED, RetryPolicy.classify(new Happened(SqlFailures.LOCK_NOT_AVAILABLE, false,
                Cancel.NONE, true, false, true)));
        assertEquals(Failure.INTERRUPTED, RetryPolicy.classify(happened(SqlFailures.QUERY_CANCELED,
                Cancel.INTERRUPTED)));
        assertEquals(Failure.OTHER, RetryPolicy.classify(new Happened("IDXMG", true, Cancel.NONE, true, false, true)),
                "its own verdict goes out as it is");
        assertEquals(Failure.OTHER, RetryPolicy.classify(new Happened(SqlFailures.LOCK_NOT_AVAILABLE, true,
                Cancel.NONE, true, false, false)), "a verdict is never retried");
    }

    @Test
    void lockFailuresAreRetriedUntilTheTriesRunOut() {
        assertEquals(List.of(Next.RETRY, Next.RETRY, Next.RETRY, Next.GIVE_UP), List.of(
                RetryPolicy.next(Failure.LOCK_TIMEOUT, 1, 4), RetryPolicy.next(Failure.DEADLOCK, 2, 4),
                RetryPolicy.next(Failure.BUILD_WAIT, 3, 4), RetryPolicy.next(Failure.LOCK_TIMEOUT, 4, 4)));
        assertEquals(Next.GIVE_UP, RetryPolicy.next(Failure.LOCK_TIMEOUT, 1, 1), "--retries 0");
        assertEquals(Next.RETHROW, RetryPolicy.next(Failure.OTHER, 1, 4));
        assertEquals(Next.STOP_INTERRUPTED, RetryPolicy.next(Failure.INTERRUPTED, 1, 4));
    }

    // --- the leftovers of a failed try ---

    private static LeftoverCleanup cleanup(FakeIndexBuilds catalog) {
        BuildSettings noLockTimeout = BuildSettings.defaults(Duration.ZERO, Duration.ZERO);
        return new LeftoverCleanup(catalog, new LockTimeoutPolicy(catalog, noLockTimeout),
                (table, except) -> catalog.lockHolders(null, table, except));
    }

    @Test
    void onlyTheInvalidIndexesTheStatementLeftAreDropped() throws Exception {
        FakeIndexBuilds catalog = new FakeIndexBuilds().index("old_invalid", false, "(x)").index("ix", false, "(a)")
                .index("valid", true, "(b)");
        LeftoverCleanup.Cleanup done = cleanup(catalog).dropAll(null, TABLE, List.of("old_invalid"));
        assertEquals(new LeftoverCleanup.Cleanup(List.of("ix"), List.of(), ""), done);
        assertEquals(List.of("ix"), catalog.dropped);
        assertTrue(catalog.indexes.containsKey("old_invalid"), "an INVALID index from before is not ours to drop");
    }

    @Test
    void aLeftoverWhoseDropWaitsForALockStaysAndSaysWhoHoldsIt() throws Exception {
        FakeIndexBuilds catalog = new FakeIndexBuilds().index("ix", false, "(a)").index("ix2", false, "(b)")
                .dropWaitsForALock("ix2").heldBy(4242).heldBy(100);
        LeftoverCleanup.Cleanup done = cleanup(catalog).dropAll(null, TABLE, List.of());
        assertEquals(List.of("ix"), done.dropped());
        assertEquals(List.of("ix2"), done.remaining());
        assertEquals("its drop waits for pid 4242: canceling statement due to lock timeout", done.why(),
                "the session itself (pid 100) is not named");
        assertEquals("; dropped the INVALID leftover ix; INVALID index ix2 could not be dropped yet (its drop waits "
                + "for pid 4242: canceling statement due to lock timeout)", BuildMessages.leftovers(done));
    }

    @Test
    void leftoversAreTheInvalidIndexesThatWereNotInvalidBefore() {
        assertEquals(List.of("b"), LeftoverCleanup.leftovers(List.of("a", "b"), List.of("a", "c")));
        assertEquals(List.of(), LeftoverCleanup.leftovers(List.of(), List.of("a")));
        assertEquals("", BuildMessages.leftovers(LeftoverCleanup.Cleanup.NOTHING));
    }

    // --- the session's lock_timeout ---

    @Test
    void onlyConcurrentStatementsWaitUpToTheBuildWait() {
        BuildSettings settings = BuildSettings.defaults(Duration.ofSeconds(5), Duration.ZERO);
        IndexStatement concurrent = IndexStatement.parse("CREATE INDEX CONCURRENTLY ix ON t (a)").orElseThrow();
        IndexStatement plain = IndexStatement.parse("CREATE INDEX ix ON t (a)").orElseThrow();
        assertTrue(LockTimeoutPolicy.widens(concurrent, settings));
        assertFalse(LockTimeoutPolicy.widens(plain, settings));
        assertFalse(LockTimeoutPolicy.widens(concurrent, BuildSettings.defaults(Duration.ZERO, Duration.ZERO)),
                "no lock_timeout: nothing to widen");
    }
}
