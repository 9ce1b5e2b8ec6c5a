package dev.idxmig.safebuild;

import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.script.IndexStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The session's lock_timeout around index statements. A concurrent statement's waits for older transactions are
 * bounded by --build-wait, not lock_timeout: the session gets the longer bound as a backstop, and the observer
 * cancels a too-long wait for the table lock. Any other statement gets lock_timeout. Autocommit connections are
 * left widened from one concurrent statement to the next (two round trips fewer per statement) and set back
 * before anything else runs on them ({@link #settle}).
 */
final class LockTimeoutPolicy {
    private final IndexBuilds builds;
    private final BuildSettings settings;
    private final Set<Connection> wide = Collections.newSetFromMap(new IdentityHashMap<>());

    LockTimeoutPolicy(IndexBuilds builds, BuildSettings settings) {
        this.builds = builds;
        this.settings = settings;
    }

    /** Whether the statement runs with the wider bound. */
    static boolean widens(IndexStatement s, BuildSettings settings) {
        return s.concurrent() && !settings.lockTimeout().isZero();
    }

    /** Before the statement; returns whether the bound was widened. */
    boolean before(Connection c, IndexStatement s) throws SQLException {
        boolean widen = widens(s, settings);
        set(c, widen);
        return widen;
    }

    /**
     * After the statement: inside a transaction lock_timeout goes back at once (a rollback would undo the setting
     * behind our back); in autocommit it stays widened for the next concurrent statement until {@link #settle}.
     */
    void after(Connection c, boolean widened) throws SQLException {
        if (widened && !wide.contains(c)) {
            builds.applySession(c, Map.of("lock_timeout", Durations.format(settings.lockTimeout())));
        }
    }

    /** The --build-wait bound, for a statement that waits like a concurrent build (dropping its leftover). */
    void widen(Connection c) throws SQLException {
        set(c, true);
    }

    /** Sets lock_timeout back on a connection a concurrent statement left widened, before another statement. */
    void settle(Connection c) throws SQLException {
        set(c, false);
    }

    /** The connection goes back to the pool, whose reset sets every session setting back. */
    void forget(Connection c) {
        wide.remove(c);
    }

    private void set(Connection c, boolean widened) throws SQLException {
        if (widened == wide.contains(c) || settings.lockTimeout().isZero()) {
            return;
        }
        builds.applySession(c, Map.of("lock_timeout",
                Durations.format(widened ? settings.buildWait() : settings.lockTimeout())));
        if (widened && c.getAutoCommit()) {
            wide.add(c);
        } else {
            wide.remove(c);
        }
    }
}
