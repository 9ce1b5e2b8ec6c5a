package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.db.Database;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.base.Diagnostics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Watches one running index statement from a second session: who blocks it (reported as soon as seen), how far
 * the build got (through {@link BuildDisplay}), and the wait budgets PostgreSQL cannot tell apart by itself. For a
 * concurrent build {@code lock_timeout} would also cut its legitimate wait for older transactions, so the session
 * runs it with the longer {@code --build-wait} and this observer cancels a wait for the table lock itself once it
 * exceeds {@code lock_timeout}.
 */
public final class BuildObserver implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(250);
    /**
     * Waits shorter than this are not worth a blocker report: a concurrent build waits briefly for every in-flight
     * write, and pg_blocking_pids takes the lock manager's locks exclusively, which writers then wait for.
     */
    static final Duration REPORT_AFTER = Duration.ofMillis(300);

    /** Why the observer cancelled the statement, if it did. */
    enum Cancel { NONE, TABLE_LOCK, BUILD_WAIT, INTERRUPTED }

    /** What the observer saw by the time it stopped. */
    record Seen(List<IndexBuilds.Blocker> blockers, Cancel cancel, boolean lastWaitForTransactions) {
        /** Of a statement that never ran, or that the observer never polled. */
        static final Seen NOTHING = new Seen(List.of(), Cancel.NONE, false);
    }

    private final Database database;
    private final IndexBuilds builds;
    private final long pid;
    private final IndexStatement statement;
    private final BuildSettings settings;
    private final Diagnostics diagnostics;
    private final BuildDisplay display;
    private final String subject;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile List<IndexBuilds.Blocker> blockers = List.of();
    private volatile Cancel cancel = Cancel.NONE;
    private volatile boolean lastWaitForTransactions;

    private BuildObserver(Database database, IndexBuilds builds, long pid, IndexStatement statement,
                          BuildSettings settings, Diagnostics diagnostics, String subject) {
        this.database = database;
        this.builds = builds;
        this.pid = pid;
        this.statement = statement;
        this.settings = settings;
        this.diagnostics = diagnostics;
        this.subject = subject;
        this.display = new BuildDisplay(diagnostics, statement, subject);
        this.thread = new Thread(this::watch, "idxmig-build-observer");
        this.thread.setDaemon(true);
    }

    static BuildObserver start(Database database, IndexBuilds builds, long pid, IndexStatement statement,
                               BuildSettings settings, Diagnostics diagnostics, String subject) {
        BuildObserver observer = new BuildObserver(database, builds, pid, statement, settings, diagnostics, subject);
        observer.thread.start();
        return observer;
    }

    private void watch() {
        // A build that ends within the first interval (most index statements on small tables) is never polled: no
        // observer connection, no queries. Nothing is lost: a wait is reported only after REPORT_AFTER anyway.
        synchronized (this) {
            try {
                if (!stopped) {
                    wait(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (stopped) {
            return;
        }
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            while (!stopped) {
                poll(c);
                synchronized (this) {
                    if (!stopped) {
                        wait(POLL.toMillis());
                    }
                }
            }
        } catch (SQLException e) {
            // Watching is a help, not a condition: the statement goes on, only its report is poorer.
            diagnostics.detail("stopped watching " + subject + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(Connection c) throws SQLException {
        Optional<IndexBuilds.Wait> wait = builds.waiting(c, pid);
        List<IndexBuilds.Blocker> current = List.of();
        if (wait.isPresent() && "Lock".equals(wait.get().type())) {
            lastWaitForTransactions = wait.get().forTransactions();
            List<IndexBuilds.Blocker> now = wait.get().waited().compareTo(REPORT_AFTER) < 0 ? List.of()
                    : builds.blockers(c, pid);
            if (!now.isEmpty() && !pids(now).equals(pids(blockers))) {
                report(wait.get(), now);
            }
            if (!now.isEmpty()) {
                blockers = now;
            }
            current = now;
            enforceBudgets(c, wait.get());
        }
        Optional<IndexBuilds.Progress> progress = builds.progress(c, pid);
        List<IndexBuilds.Blocker> shown = current;
        synchronized (this) {
            if (!stopped) {
                display.update(progress, wait, shown); // the blockers of this poll: their durations move
            }
        }
    }

    private synchronized void report(IndexBuilds.Wait wait, List<IndexBuilds.Blocker> now) {
        if (stopped) {
            return; // the statement returned: its report is done
        }
        display.finish(); // a line of its own, not into the middle of a drawn bar
        diagnostics.info("  " + subject + " waits for " + what(wait) + ", blocked by "
                + now.stream().map(IndexBuilds.Blocker::describe).collect(Collectors.joining("; ")));
    }

    /**
     * Cancels the watched statement, unless {@link #stop} came first: checked under the lock stop takes, so once
     * stop has begun no cancel can reach the session, whose next statement may already be running.
     */
    private synchronized void cancel(Connection c, Cancel why) throws SQLException {
        if (stopped) {
            return;
        }
        cancel = why;
        builds.cancel(c, pid);
    }

    private void enforceBudgets(Connection c, IndexBuilds.Wait wait) throws SQLException {
        if (Interruption.requested()) {
            // Ctrl-C: a statement that only waits (for the table lock, for older transactions) could wait for
            // long; it is cancelled, and its INVALID leftover dropped by SafeBuild. A build that works goes on.
            cancel(c, Cancel.INTERRUPTED);
            return;
        }
        if (!statement.concurrent()) {
            return;
        }
        Duration lockTimeout = settings.lockTimeout();
        if (wait.forTableLock() && !lockTimeout.isZero() && wait.waited().compareTo(lockTimeout) > 0) {
            cancel(c, Cancel.TABLE_LOCK);
        } else if (wait.forTransactions() && !settings.buildWait().isZero()
                && wait.waited().compareTo(settings.buildWait()) > 0) {
            cancel(c, Cancel.BUILD_WAIT);
        }
    }

    private static String what(IndexBuilds.Wait wait) {
        return wait.forTableLock() ? "the table lock" : wait.forTransactions() ? "older transactions to end"
                : "a lock (" + wait.event() + ")";
    }

    private static List<Long> pids(List<IndexBuilds.Blocker> blockers) {
        return blockers.stream().map(IndexBuilds.Blocker::pid).collect(Collectors.toList());
    }

    /**
     * Stops watching and returns what was seen; the statement has returned by now. From the moment this holds the
     * lock the observer can no longer cancel, report or draw; the join only bounds how long a poll in flight (its
     * queries) may keep the observer's connection.
     */
    Seen stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        display.finish();
        return new Seen(blockers, cancel, lastWaitForTransactions);
    }

    Duration elapsed() {
        return display.elapsed();
    }

    @Override
    public void close() {
        stop();
    }
}
