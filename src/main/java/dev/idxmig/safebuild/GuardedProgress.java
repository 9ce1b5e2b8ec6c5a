package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.db.Database;
import dev.idxmig.db.StatementGuard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches one guarded statement (MariaDB's) from a second session once it has run for a second: its progress as
 * the guard reads it (InnoDB's ALTER TABLE stages, work done of estimated), a line when the stage changes and every
 * few seconds within one, as PostgreSQL's builds are shown ({@link BuildDisplay}); where the server cannot say,
 * why not, once per run, in verbose output. A statement done within the first second is never watched.
 */
final class GuardedProgress implements AutoCloseable {
    static final Duration QUIET_START = BuildDisplay.QUIET_START;
    static final Duration POLL = Duration.ofMillis(250);

    private final Database database;
    private final StatementGuard guard;
    private final long session;
    private final String subject;
    private final Diagnostics diagnostics;
    private final AtomicBoolean toldUnavailable;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    private String lastStage = "";
    private long lastLineNanos;

    private GuardedProgress(Database database, StatementGuard guard, long session, String subject,
                            Diagnostics diagnostics, AtomicBoolean toldUnavailable) {
        this.database = database;
        this.guard = guard;
        this.session = session;
        this.subject = subject;
        this.diagnostics = diagnostics;
        this.toldUnavailable = toldUnavailable;
        this.thread = new Thread(this::watch, "idxmig-guarded-progress");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching the statement about to run in {@code session}; {@code toldUnavailable} is the run's flag
     * for "why no progress" said once.
     */
    static GuardedProgress start(Database database, StatementGuard guard, long session, String subject,
                                 Diagnostics diagnostics, AtomicBoolean toldUnavailable) {
        GuardedProgress watch = new GuardedProgress(database, guard, session, subject, diagnostics, toldUnavailable);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        if (session < 0) {
            return; // the server gave no session id: nothing to watch
        }
        try {
            if (pause(QUIET_START)) {
                return;
            }
            try (Connection c = database.connect()) {
                c.setAutoCommit(true);
                Optional<String> unavailable = guard.progressUnavailable(c);
                if (unavailable.isPresent()) {
                    if (toldUnavailable.compareAndSet(false, true)) {
                        diagnostics.detail("  no build progress: " + unavailable.get());
                    }
                    return;
                }
                while (!stopped) {
                    Optional<StatementGuard.Progress> progress = guard.progress(c, session);
                    progress.ifPresent(this::show);
                    if (pause(POLL)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            // Watching is a help, not a condition: the statement goes on, only its report is poorer.
            diagnostics.detail("  stopped watching " + subject + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code d} unless stopped meanwhile; whether it was stopped. */
    private synchronized boolean pause(Duration d) throws InterruptedException {
        if (!stopped) {
            wait(d.toMillis());
        }
        return stopped;
    }

    private synchronized void show(StatementGuard.Progress p) {
        long now = System.nanoTime();
        if (stopped || p.stage().equals(lastStage) && now - lastLineNanos < BuildDisplay.LINE_EVERY.toNanos()) {
            return;
        }
        lastStage = p.stage();
        lastLineNanos = now;
        diagnostics.info("  " + subject + ": " + describe(p) + ", " + BuildDisplay.seconds(Duration.ofNanos(
                now - startNanos)));
    }

    /** {@code alter table (read PK and internal sort) 49% (4642 of 9320)}; the stage alone without an estimate. */
    static String describe(StatementGuard.Progress p) {
        if (p.workEstimated() <= 0) {
            return p.stage();
        }
        long percent = Math.min(100, 100 * p.workCompleted() / p.workEstimated());
        return String.format(Locale.ROOT, "%s %d%% (%d of %d)", p.stage(), percent, p.workCompleted(),
                p.workEstimated());
    }

    /** Stops watching; returns once the watcher has said its last line. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
