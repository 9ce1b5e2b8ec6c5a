package dev.idxmig.safebuild;

import dev.idxmig.db.SqlFailures;

/**
 * After a failed try of an index statement: what failed, and what comes next. A function of what happened (the
 * SQLSTATE, whether the failure is idxmig's own verdict, what the observer cancelled and saw, an interrupt) and of
 * the tries left; {@link SafeBuild} only carries it out.
 */
final class RetryPolicy {
    /** What the try ran into. */
    enum Failure {
        /** Ctrl-C: the observer cancelled a wait, or the statement failed while a stop was asked for. */
        INTERRUPTED,
        /** Anything but a lock: a syntax error, a duplicate key, idxmig's own verdict. Not retried. */
        OTHER,
        /** A concurrent statement waited longer than --build-wait for older transactions. */
        BUILD_WAIT,
        DEADLOCK,
        /** The lock was not acquired within lock_timeout (or an INVALID leftover could not be dropped before). */
        LOCK_TIMEOUT;

        boolean lock() {
            return this == BUILD_WAIT || this == DEADLOCK || this == LOCK_TIMEOUT;
        }

        /** The setting to raise when tries run out. */
        String knob() {
            return this == BUILD_WAIT ? "--build-wait" : "--lock-timeout";
        }
    }

    /** What comes next. */
    enum Next { RETRY, GIVE_UP, STOP_INTERRUPTED, RETHROW }

    /** What happened on a failed try, as the decision needs it. */
    record Happened(String sqlState, boolean ownVerdict, BuildObserver.Cancel cancel, boolean concurrent,
                    boolean lastWaitForTransactions, boolean interruptRequested) {
    }

    private RetryPolicy() {
    }

    static Failure classify(Happened h) {
        if (h.cancel() == BuildObserver.Cancel.INTERRUPTED || (h.interruptRequested() && !h.ownVerdict())) {
            return Failure.INTERRUPTED;
        }
        boolean lock = h.sqlState().equals(SqlFailures.LOCK_NOT_AVAILABLE) || h.sqlState().equals(SqlFailures.DEADLOCK)
                || (h.sqlState().equals(SqlFailures.QUERY_CANCELED) && h.cancel() != BuildObserver.Cancel.NONE);
        if (h.ownVerdict() || !lock) {
            return Failure.OTHER;
        }
        // The session's lock_timeout is the --build-wait backstop for concurrent statements, so a timeout while
        // waiting for transactions is the build wait running out, whichever side noticed first.
        if (h.cancel() == BuildObserver.Cancel.BUILD_WAIT || (h.concurrent() && h.lastWaitForTransactions()
                && h.cancel() == BuildObserver.Cancel.NONE)) {
            return Failure.BUILD_WAIT;
        }
        return h.sqlState().equals(SqlFailures.DEADLOCK) ? Failure.DEADLOCK : Failure.LOCK_TIMEOUT;
    }

    /** @param attempt the try that failed, from 1; {@code tries} is --retries + 1 */
    static Next next(Failure failure, int attempt, int tries) {
        switch (failure) {
            case INTERRUPTED:
                return Next.STOP_INTERRUPTED;
            case OTHER:
                return Next.RETHROW;
            default:
                return attempt >= tries ? Next.GIVE_UP : Next.RETRY;
        }
    }
}
